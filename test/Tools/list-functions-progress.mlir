// --list-functions prints each public function's inputs and results (with
// their hyper.name) and exits; neither tool needs anything else to do it.
// RUN: hyper-run %s --list-functions | FileCheck %s --check-prefix=LIST
// RUN: hyper-compile %s --list-functions | FileCheck %s --check-prefix=LIST
// LIST: @step
// LIST-NEXT:     input #0 'x': tensor<?x4xf32>
// LIST-NEXT:     input #1: tensor<4x4xf32>
// LIST-NEXT:     result #0 'y': tensor<?x4xf32>
// LIST-NEXT: @twice
// LIST-NEXT:     input #0: tensor<3xf32>
// LIST-NEXT:     result #0: tensor<3xf32>
// LIST-NOT: @helper
//
// Progress: a run longer than --progress-after seconds (default 1) prints a
// line per stage on stderr (by default only when stderr is a terminal; here
// it is a pipe, so the flag is given); --quiet prints none, nor does a run
// without the flag.
// RUN: hyper-compile %s -o %t.o --progress-after=0 2>&1 | FileCheck %s --check-prefix=COMPILE
// COMPILE: hyper-compile: {{[0-9.]+}} s: parsing
// COMPILE: hyper-compile: {{[0-9.]+}} s: lowering to the LLVM dialect
// COMPILE: hyper-compile: {{[0-9.]+}} s: translating to LLVM IR
// COMPILE: hyper-compile: {{[0-9.]+}} s: compiling the C entry points
// COMPILE: hyper-compile: {{[0-9.]+}} s: LLVM optimization (O3)
// COMPILE: hyper-compile: {{[0-9.]+}} s: machine code generation
// COMPILE: hyper-compile: {{[0-9.]+}} s: done
// RUN: hyper-compile %s -o %t.so --shared --progress-after=0 2>&1 | FileCheck %s --check-prefix=LINK
// LINK: hyper-compile: {{[0-9.]+}} s: linking
// LINK-NEXT: hyper-compile: {{[0-9.]+}} s: done
// RUN: hyper-run %s --function=twice --input=3xf32=1 --progress-after=0 2>&1 \
// RUN:   | FileCheck %s --check-prefix=JIT
// JIT: hyper-run: {{[0-9.]+}} s: parsing
// JIT: reading inputs
// JIT: compiling
// JIT: running
// JIT: hyper-run: {{[0-9.]+}} s: done
// RUN: hyper-compile %s -o %t.o --progress-after=0 --quiet 2>&1 | count 0
// RUN: hyper-compile %s -o %t.o 2>&1 | count 0
// A failed run prints its error and no "done".
// RUN: not hyper-compile %s -o %t.o --function=nothere --progress-after=0 2>&1 \
// RUN:   | FileCheck %s --check-prefix=FAIL --implicit-check-not=done
// FAIL: error: no function @nothere in the module
//
// hyper-compile without -o says so (after --list-functions, -o is needed).
// RUN: not hyper-compile %s 2>&1 | FileCheck %s --check-prefix=NOOUT
// NOOUT: hyper-compile: error: no output file: give -o FILE

func.func @step(%x: tensor<?x4xf32> {hyper.name = "x"}, %w: tensor<4x4xf32>)
    -> (tensor<?x4xf32> {hyper.name = "y"}) {
  %c0 = arith.constant 0 : index
  %b = tensor.dim %x, %c0 : tensor<?x4xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty(%b) : tensor<?x4xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<?x4xf32>) -> tensor<?x4xf32>
  %y = linalg.matmul ins(%x, %w : tensor<?x4xf32>, tensor<4x4xf32>)
                     outs(%init : tensor<?x4xf32>) -> tensor<?x4xf32>
  return %y : tensor<?x4xf32>
}

func.func @twice(%x: tensor<3xf32>) -> tensor<3xf32> {
  %y = func.call @helper(%x) : (tensor<3xf32>) -> tensor<3xf32>
  return %y : tensor<3xf32>
}

func.func private @helper(%x: tensor<3xf32>) -> tensor<3xf32> {
  %y = arith.addf %x, %x : tensor<3xf32>
  return %y : tensor<3xf32>
}
