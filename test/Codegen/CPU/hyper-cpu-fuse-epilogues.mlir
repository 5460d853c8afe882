// RUN: hyper-opt %s '-hyper-cpu-fuse-epilogues=parallel=true' \
// RUN:   --hyper-debug-only=hyper-cpu-fuse-epilogues 2>%t.debug | FileCheck %s
// RUN: FileCheck %s --check-prefix=DEBUG < %t.debug
// RUN: hyper-opt %s -hyper-cpu-fuse-epilogues | FileCheck %s --check-prefix=SERIAL

// The stage alone: a GEMM whose only user is its bias + tanh epilogue runs
// inside the epilogue's 64 × 32 cache tiles (CpuSchedule::cacheRows ×
// cacheColumns), with its zero fill, marked hyper.cache_tiled for
// hyper-cpu-tile-gemms; a [128, 256] · [256, 96] GEMM is worth the threads,
// so the tiles are an scf.forall. The GEMM outside the tiles is dead and
// left to canonicalization.

#id = affine_map<(i, j) -> (i, j)>
#col = affine_map<(i, j) -> (j)>

// CHECK-LABEL: func.func @bias_tanh
//  CHECK-SAME:   (%[[X:.*]]: tensor<128x256xf32>, %[[W:.*]]: tensor<256x96xf32>, %[[BIAS:.*]]: tensor<96xf32>)
//       CHECK:   scf.forall (%[[I:.*]], %[[J:.*]]) = (0, 0) to (128, 96) step (64, 32)
//       CHECK:     %[[XT:.*]] = tensor.extract_slice %[[X]][%[[I]], 0] [64, 256] [1, 1]
//       CHECK:     %[[WT:.*]] = tensor.extract_slice %[[W]][0, %[[J]]] [256, 32] [1, 1]
//       CHECK:     %[[ZERO:.*]] = linalg.fill {{.*}} -> tensor<64x32xf32>
//       CHECK:     %[[Y:.*]] = linalg.matmul {hyper.cache_tiled} ins(%[[XT]], %[[WT]] : tensor<64x256xf32>, tensor<256x32xf32>) outs(%[[ZERO]] : tensor<64x32xf32>)
//       CHECK:     %[[B:.*]] = tensor.extract_slice %[[BIAS]][%[[J]]] [32] [1]
//       CHECK:     linalg.generic {{.*}} ins(%[[Y]], %[[B]] : tensor<64x32xf32>, tensor<32xf32>)
//       CHECK:       math.tanh
//       CHECK:     scf.forall.in_parallel
// SERIAL-LABEL: func.func @bias_tanh
//   SERIAL-NOT:   scf.forall
//       SERIAL:   scf.for %{{.*}} = %c0 to %c128 step %c64
//       SERIAL:     scf.for %{{.*}} = %{{.*}} to %c96 step %c32
//       SERIAL:       linalg.matmul {hyper.cache_tiled}
func.func @bias_tanh(%x: tensor<128x256xf32>, %w: tensor<256x96xf32>, %bias: tensor<96xf32>) -> tensor<128x96xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<128x96xf32>
  %c = linalg.fill ins(%zero : f32) outs(%e : tensor<128x96xf32>) -> tensor<128x96xf32>
  %y = linalg.matmul ins(%x, %w : tensor<128x256xf32>, tensor<256x96xf32>)
    outs(%c : tensor<128x96xf32>) -> tensor<128x96xf32>
  %r = linalg.generic {indexing_maps = [#id, #col, #id],
                       iterator_types = ["parallel", "parallel"]}
    ins(%y, %bias : tensor<128x96xf32>, tensor<96xf32>)
    outs(%e : tensor<128x96xf32>) {
  ^bb0(%v: f32, %b: f32, %o: f32):
    %s = arith.addf %v, %b : f32
    %t = math.tanh %s : f32
    linalg.yield %t : f32
  } -> tensor<128x96xf32>
  return %r : tensor<128x96xf32>
}

// The product is also returned: fusing would compute it twice.
// CHECK-LABEL: func.func @two_users
//   CHECK-NOT:   scf.forall
//   CHECK-NOT:   hyper.cache_tiled
// DEBUG: [hyper-cpu-fuse-epilogues] {{.*}}: linalg.matmul: its result has several users
func.func @two_users(%x: tensor<128x256xf32>, %w: tensor<256x96xf32>, %c: tensor<128x96xf32>) -> (tensor<128x96xf32>, tensor<128x96xf32>) {
  %y = linalg.matmul ins(%x, %w : tensor<128x256xf32>, tensor<256x96xf32>)
    outs(%c : tensor<128x96xf32>) -> tensor<128x96xf32>
  %r = linalg.generic {indexing_maps = [#id, #id],
                       iterator_types = ["parallel", "parallel"]}
    ins(%y : tensor<128x96xf32>) outs(%c : tensor<128x96xf32>) {
  ^bb0(%v: f32, %o: f32):
    %t = math.tanh %v : f32
    linalg.yield %t : f32
  } -> tensor<128x96xf32>
  return %r, %y : tensor<128x96xf32>, tensor<128x96xf32>
}

// The user reads the product transposed: not an element-wise epilogue.
// CHECK-LABEL: func.func @transposed_read
//   CHECK-NOT:   hyper.cache_tiled
// DEBUG: [hyper-cpu-fuse-epilogues] {{.*}}: linalg.matmul: its user is not a 2-d element-wise linalg.generic reading it element for element
func.func @transposed_read(%x: tensor<64x64xf32>, %w: tensor<64x64xf32>, %c: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %y = linalg.matmul ins(%x, %w : tensor<64x64xf32>, tensor<64x64xf32>)
    outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(i, j) -> (j, i)>, #id],
                       iterator_types = ["parallel", "parallel"]}
    ins(%y : tensor<64x64xf32>) outs(%c : tensor<64x64xf32>) {
  ^bb0(%v: f32, %o: f32):
    %t = math.tanh %v : f32
    linalg.yield %t : f32
  } -> tensor<64x64xf32>
  return %r : tensor<64x64xf32>
}
