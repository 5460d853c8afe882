// RUN: hyper-opt %s '-hyper-cpu-tile-conv-gemms=vector-width=16 print-schedule=true' \
// RUN:   --mlir-print-op-on-diagnostic=false 2>%t.remarks | FileCheck %s
// RUN: FileCheck %s --check-prefix=REMARK < %t.remarks

// The stage alone, on a convolution's GEMM as hyper-cpu-conv-to-gemm packs
// it (out[F, NB, ni] += filter[F, K] · cols[NB, K, ni], 64 filters, 16
// blocks of 16 pixels, K = 8·3·3 = 72): CpuSchedule::convGemm's cache tiles
// of 64 filters by 16 pixel blocks (all of them here), a K panel of 72 (the
// schedule's 256, clamped), then register tiles of 8 filters (m-tile) by one
// block, each a linalg.matmul [8, 1] · [1, 16] marked for
// hyper-cpu-vectorize-tiles. The packed-GEMM marker is gone.

#filter = affine_map<(f, nb, ni, k) -> (f, k)>
#cols = affine_map<(f, nb, ni, k) -> (nb, k, ni)>
#out = affine_map<(f, nb, ni, k) -> (f, nb, ni)>

// REMARK: tile-conv-gemms.mlir:[[@LINE+15]]:8: remark: convolution GEMM: cache tiles of 64 filters x 16 pixel blocks on one thread, K panels 72, register tiles of 8 filters x one pixel block
// CHECK-LABEL: func.func @packed
//   CHECK-NOT:   hyper.packed_gemm
//       CHECK:   scf.for %{{.*}} = %{{.*}} to %c64 step %c64
//       CHECK:     scf.for %{{.*}} = %{{.*}} to %c16 step %c16
//       CHECK:       scf.for %{{.*}} = %{{.*}} to %c72 step %c72
//       CHECK:         scf.for %[[F:.*]] = %{{.*}} to %c64{{.*}} step %c8
//       CHECK:           scf.for %[[NB:.*]] = %{{.*}} to %c16{{.*}} step %c1
//       CHECK:             scf.for %[[K:.*]] = %{{.*}} to %c72{{.*}} step %c1
//       CHECK:               %[[A:.*]] = tensor.extract_slice %{{.*}}[%[[F]], %[[K]]] [8, 1] [1, 1] : tensor<64x72xf32> to tensor<8x1xf32>
//       CHECK:               %[[B3:.*]] = tensor.extract_slice %{{.*}}[%[[NB]], %[[K]], 0] [1, 1, 16] [1, 1, 1] : tensor<16x72x16xf32> to tensor<1x1x16xf32>
//       CHECK:               %[[B:.*]] = tensor.extract_slice %[[B3]][0, 0, 0] [1, 1, 16] [1, 1, 1] : tensor<1x1x16xf32> to tensor<1x16xf32>
//       CHECK:               linalg.matmul {hyper.register_tile = array<i64: 8, 16, 1>} ins(%[[A]], %[[B]] : tensor<8x1xf32>, tensor<1x16xf32>) outs(%{{.*}} : tensor<8x16xf32>)
//   CHECK-NOT:   hyper.packed_gemm
func.func @packed(%w: tensor<64x72xf32>, %cols: tensor<16x72x16xf32>, %init: tensor<64x16x16xf32>) -> tensor<64x16x16xf32> {
  %r = linalg.generic {indexing_maps = [#filter, #cols, #out],
                       iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
    ins(%w, %cols : tensor<64x72xf32>, tensor<16x72x16xf32>)
    outs(%init : tensor<64x16x16xf32>) attrs = {hyper.packed_gemm} {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %p = arith.mulf %a, %b : f32
    %s = arith.addf %c, %p : f32
    linalg.yield %s : f32
  } -> tensor<64x16x16xf32>
  return %r : tensor<64x16x16xf32>
}
