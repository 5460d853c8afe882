// The GPU pipeline on the HyperLSTM golden models: after the kernel passes
// no linalg op is left to the one-thread-per-element path inside the time
// loop except device copies; the cell update runs in the epilogue of its
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
// The main cell's GEMM: shared tiles, then per thread the four gates of a
// unit (sigmoid through exp, tanh), the new cell and hidden state stored.
//       GATES:     gpu.launch {{.*}} workgroup(
//       GATES:       gpu.barrier
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
