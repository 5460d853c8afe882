// hyper-compile --function=NAME compiles NAME and what it calls, not the
// module's other functions (a model's sequence function is not lowered when
// only its step is asked for).
//
// RUN: hyper-compile %s --function=step --name=fn -o %t.o
// RUN: llvm-nm %t.o | FileCheck %s
// CHECK: T hyper_fn_step
// RUN: hyper-compile %s --function=step --emit=mlir -o - | FileCheck %s --check-prefix=ONLY
// ONLY-DAG: llvm.func @helper(
// ONLY-DAG: llvm.func @step(
// ONLY-NOT: forward

func.func @forward(%x: tensor<4xf32>) -> tensor<4xf32> {
  %y = math.exp %x : tensor<4xf32>
  return %y : tensor<4xf32>
}

func.func @helper(%x: tensor<4xf32>) -> tensor<4xf32> {
  %y = math.tanh %x : tensor<4xf32>
  return %y : tensor<4xf32>
}

func.func @step(%x: tensor<4xf32>) -> tensor<4xf32> {
  %y = func.call @helper(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}
