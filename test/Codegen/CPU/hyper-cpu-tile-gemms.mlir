// RUN: hyper-opt %s '-hyper-cpu-tile-gemms=parallel=true print-schedule=true' \
// RUN:   2>%t.remarks | FileCheck %s
// RUN: FileCheck %s --check-prefix=REMARK < %t.remarks
// RUN: hyper-opt %s -hyper-cpu-tile-gemms | FileCheck %s --check-prefix=SERIAL

// The stage alone, on the schedule CpuSchedule::gemm gives a [256, 1000] ·
// [1000, 4000] GEMM: 64×32 cache tiles on the threads with the zero fill
// inside them, K panels of 512, register tiles of 8 rows by 32 columns
// marked for hyper-cpu-vectorize-tiles.

// CHECK-LABEL: func.func @gemm
// CHECK:         scf.forall (%{{.*}}, %{{.*}}) = (0, 0) to (256, 4000) step (64, 32)
// CHECK:           linalg.fill {{.*}} -> tensor<64x32xf32>
// CHECK:           scf.for %{{.*}} = %{{.*}} to %c1000 step %c512
// CHECK:             scf.for %{{.*}} = %{{.*}} to %c32 step %c32
// CHECK:               scf.for %{{.*}} = %{{.*}} to %c64 step %c8
// CHECK:                 scf.for
// CHECK:                   linalg.matmul {hyper.register_tile = array<i64: 8, 32, 1>} ins(%{{.*}}, %{{.*}} : tensor<8x1xf32>, tensor<1x32xf32>)
// REMARK: remark: GEMM (m, n, k) = (256, 4000, 1000): cache tiles 64x32 on the threads, K panels 512, register tiles 8x32x1
// SERIAL-LABEL: func.func @gemm
// SERIAL-NOT:     scf.forall
// SERIAL:         scf.for %{{.*}} = %{{.*}} to %c256 step %c64
func.func @gemm(%x: tensor<256x1000xf32>, %w: tensor<1000x4000xf32>) -> tensor<256x4000xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<256x4000xf32>
  %c = linalg.fill ins(%zero : f32) outs(%e : tensor<256x4000xf32>) -> tensor<256x4000xf32>
  %y = linalg.matmul ins(%x, %w : tensor<256x1000xf32>, tensor<1000x4000xf32>) outs(%c : tensor<256x4000xf32>) -> tensor<256x4000xf32>
  return %y : tensor<256x4000xf32>
}
