// hyper-compile --function=NAME compiles NAME and what it calls, not the
// module's other functions (a model's sequence function is not lowered when
// only its step is asked for).
//
// RUN: hyper-compile %s --function=step -o %t.o
// RUN: llvm-nm %t.o | FileCheck %s
// RUN: llvm-nm %t.o | FileCheck %s --check-prefix=ONLY
// CHECK-DAG: T _mlir_ciface_step
// CHECK-DAG: T helper
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
