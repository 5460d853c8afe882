// The GPU pipeline on the HyperLSTM golden models: after the kernel passes
// the only linalg ops left to the one-thread-per-element path inside the
// time loop are device copies and the main cell's row scales (d_x, d_h and
// β in one element-wise op); the cell update runs in the epilogue of its
// gate GEMM (layer norm off), and with layer norm the statistics,
// normalisation, gates and cell update run in row kernels.
//
// RUN: hyper-opt %hyper_src_root/test/Integration/CPU/lstm_small.mlir \
// RUN:   --hyper-gpu-pipeline="format=isa" \
// RUN:   --mlir-print-ir-after=hyper-gpu-row-kernels -o %t.mlir 2>&1 \
// RUN:   | FileCheck %s --check-prefix=GATES
// RUN: FileCheck %s --check-prefix=FINAL --input-file=%t.mlir
// RUN: hyper-opt %hyper_src_root/test/Integration/CPU/lstm_small_ln.mlir \
// RUN:   --hyper-gpu-pipeline="format=isa" \
// RUN:   --mlir-print-ir-after=hyper-gpu-row-kernels -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=LN

// GATES-LABEL: IR Dump After HyperGpuRowKernelsPass
//   GATES-NOT:   linalg.generic
//   GATES-NOT:   linalg.matmul
//       GATES:   scf.for
//   GATES-NOT:     linalg.generic
//   GATES-NOT:     linalg.matmul
// The row scales: three results, each a sum of N_z = 3 products.
//       GATES:     linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel"]
//  GATES-SAME:       outs({{.*}}, {{.*}}, {{.*}} : memref<2x4x8xf32>, memref<2x4x8xf32>, memref<2x4x8xf32>)
//       GATES:       arith.mulf
//       GATES:       math.fma
//       GATES:       math.fma
//       GATES:       arith.mulf
//       GATES:       arith.mulf
//       GATES:       linalg.yield {{.*}}, {{.*}}, {{.*}} : f32, f32, f32
//   GATES-NOT:     linalg.generic
//   GATES-NOT:     linalg.matmul
// The main cell's GEMM at batch 2 (skinny): a warp per unit, the lanes'
// partial sums of its four gates through workgroup memory, then lane i
// computes row i's gates (sigmoid through exp, tanh), the new cell and
// hidden state.
//       GATES:     gpu.launch {{.*}} threads({{.*}}) in (%{{.*}} = %c32{{.*}}, %{{.*}} = %c8{{.*}}, %{{.*}} = %c1{{.*}}) workgroup(
//       GATES:       math.fma
//       GATES:       gpu.barrier
//       GATES:       math.exp
//       GATES:       math.tanh
//       GATES:       math.tanh
//       GATES:       gpu.terminator
//   GATES-NOT:   linalg.generic
//   GATES-NOT:   linalg.matmul
//       GATES:   return

//   FINAL-NOT: hyper.
//   FINAL-NOT: linalg.
//       FINAL: gpu.binary

// LN-LABEL: IR Dump After HyperGpuRowKernelsPass
//   LN-NOT:   linalg.generic
//   LN-NOT:   linalg.matmul
//       LN:   scf.for
//   LN-NOT:     linalg.generic
//   LN-NOT:     linalg.matmul
//       LN:     linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel"]
//  LN-SAME:       outs({{.*}}, {{.*}}, {{.*}} : memref<2x4x8xf32>, memref<2x4x8xf32>, memref<2x4x8xf32>)
//       LN:       linalg.yield {{.*}}, {{.*}}, {{.*}} : f32, f32, f32
// Layer norm of the gates: one block per row of 256 threads, statistics and
// normalisation separated by barriers, then the gates.
//       LN:     gpu.launch {{.*}} threads({{.*}}) in (%{{.*}} = %c256{{.*}}, %{{.*}} = %c1{{.*}}, %{{.*}} = %c1{{.*}})
//       LN:       gpu.barrier
//       LN:       math.sqrt
//       LN:       gpu.barrier
//       LN:       math.exp
//       LN:       gpu.terminator
//   LN-NOT:   linalg.generic
//   LN-NOT:   linalg.matmul
//       LN:   return
