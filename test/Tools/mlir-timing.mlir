// --mlir-timing: one report for the whole tool run, each phase of the tool
// a line, the pass pipeline nested under "Pipeline" (tree display). Both
// tools, so a user can see whether the passes, LLVM's optimizer or machine
// code generation take the time.
// RUN: hyper-compile %s -o %t.o --mlir-timing --mlir-timing-display=tree \
// RUN:   2>&1 | FileCheck %s --check-prefix=COMPILE
// RUN: hyper-compile %s -o %t.mlir --emit=mlir --mlir-timing \
// RUN:   --mlir-timing-display=tree 2>&1 | FileCheck %s --check-prefix=EMIT
// RUN: hyper-run %s --input=2x8xf32=1 --input=8x8xf32=0.5 --mlir-timing \
// RUN:   --mlir-timing-display=tree 2>&1 | FileCheck %s --check-prefix=JIT
//
// --mlir-print-ir-before names any registered pass, upstream or the project's:
// RUN: hyper-compile %s -o /dev/null --emit=mlir \
// RUN:   --mlir-print-ir-before=one-shot-bufferize \
// RUN:   --mlir-print-ir-before=hyper-cpu-tile-gemms 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BEFORE

// COMPILE: Execution time report
// COMPILE: Parse
// COMPILE: Pipeline
// COMPILE:   Canonicalizer
// COMPILE: Translation to LLVM IR
// COMPILE: LLVM optimization (O3)
// COMPILE: Machine code generation
// COMPILE: Total

// EMIT: Parse
// EMIT: Pipeline
// EMIT: Output
// EMIT-NOT: LLVM optimization
// EMIT: Total

// JIT: Parse
// JIT: Read inputs
// JIT: Pipeline
// JIT: Translation to LLVM IR
// JIT: LLVM optimization (O3)
// JIT: Machine code generation
// JIT: Run
// JIT: Total

// BEFORE: IR Dump Before HyperCpuTileGemmsPass (hyper-cpu-tile-gemms)
// BEFORE: IR Dump Before OneShotBufferizePass (one-shot-bufferize)
func.func @f(%x: tensor<2x8xf32>, %w: tensor<8x8xf32>) -> tensor<2x8xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<2x8xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<2x8xf32>)
      -> tensor<2x8xf32>
  %y = linalg.matmul ins(%x, %w : tensor<2x8xf32>, tensor<8x8xf32>)
      outs(%init : tensor<2x8xf32>) -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}
