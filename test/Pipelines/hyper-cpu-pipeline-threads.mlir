// With threads=true the GEMM's cache tiles run in an OpenMP parallel region,
// each thread taking its tiles from the runtime's balanced schedule
// (hyper-forall-to-openmp).
// RUN: hyper-opt %s -pass-pipeline="builtin.module(hyper-cpu-pipeline{threads=true})" | FileCheck %s
// RUN: hyper-opt %s -hyper-cpu-pipeline | FileCheck %s --check-prefix=SERIAL

// CHECK-LABEL: llvm.func @gemm
//       CHECK:   llvm.call @hyper_schedule_init
//       CHECK:   omp.parallel
//       CHECK:     llvm.call @omp_get_thread_num()
//       CHECK:     llvm.call @hyper_schedule_next
// SERIAL-LABEL: llvm.func @gemm
//   SERIAL-NOT:   omp.
func.func @gemm(%x: tensor<256x64xf32>, %w: tensor<1024x64xf32>, %d: tensor<256x1024xf32>)
    -> tensor<256x1024xf32> {
  %y = hyper.row_scaled_linear %x, %w, %d
      : tensor<256x64xf32>, tensor<1024x64xf32>, tensor<256x1024xf32>
  return %y : tensor<256x1024xf32>
}
