// The GEMM micro-kernel fits each target's vector registers: its innermost
// loop (one K step of the register tile) has no spill or reload in llc's
// code for that CPU. 6 rows × 2 ymm on AVX2 (12 accumulators + 2 B vectors
// + the A broadcast in 16 registers), 8 rows × 2 zmm on AVX-512 (32).
// RUN: rm -rf %t && mkdir -p %t
// RUN: for cpu in haswell znver3 znver4 znver5 skylake-avx512; do \
// RUN:   hyper-compile %s --target-cpu=$cpu --emit=llvm -o %t/$cpu.ll && \
// RUN:   llc -O3 -mcpu=$cpu %t/$cpu.ll -o %t/$cpu.s || exit 1; done
// RUN: %microkernel_loops %t/haswell.s | FileCheck %s --check-prefix=AVX2
// RUN: %microkernel_loops %t/znver3.s | FileCheck %s --check-prefix=AVX2
// RUN: %microkernel_loops %t/znver4.s | FileCheck %s --check-prefix=AVX512
// RUN: %microkernel_loops %t/znver5.s | FileCheck %s --check-prefix=AVX512
// RUN: %microkernel_loops %t/skylake-avx512.s | FileCheck %s --check-prefix=AVX512

// AVX2: loop {{.*}}: 12 FMAs on ymm, 0 spills/reloads
// AVX2: {{[1-9][0-9]*}} micro-kernel loops, 0 spills/reloads
// AVX512: loop {{.*}}: 16 FMAs on zmm, 0 spills/reloads
// AVX512: {{[1-9][0-9]*}} micro-kernel loops, 0 spills/reloads

// The check can fail: the 8-row tile AVX2 had before the target description
// (16 accumulators) spills on every K step.
// RUN: hyper-opt %s '-hyper-cpu-pipeline=vector-width=8 m-tile=8' \
// RUN:   | mlir-translate --mlir-to-llvmir -o %t/eight-rows.ll
// RUN: llc -O3 -mcpu=znver3 %t/eight-rows.ll -o %t/eight-rows.s
// RUN: %microkernel_loops %t/eight-rows.s | FileCheck %s --check-prefix=SPILLS
// SPILLS: loop {{.*}}: 16 FMAs on ymm, {{[1-9][0-9]*}} spills/reloads

func.func @gemm(%x: tensor<32x256xf32>, %w: tensor<256x512xf32>)
    -> tensor<32x512xf32> {
  %cst = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<32x512xf32>
  %z = linalg.fill ins(%cst : f32) outs(%e : tensor<32x512xf32>)
      -> tensor<32x512xf32>
  %y = linalg.matmul ins(%x, %w : tensor<32x256xf32>, tensor<256x512xf32>)
      outs(%z : tensor<32x512xf32>) -> tensor<32x512xf32>
  return %y : tensor<32x512xf32>
}
