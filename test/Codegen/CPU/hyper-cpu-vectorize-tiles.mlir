// RUN: hyper-opt %s -hyper-cpu-vectorize-tiles -split-input-file \
// RUN:   --hyper-debug-only=hyper-cpu-vectorize-tiles 2>%t.debug | FileCheck %s
// RUN: FileCheck %s --check-prefix=DEBUG < %t.debug

// The stage alone: ops marked hyper.register_tile become vector code of
// their marked sizes (static dimensions taken whole) and lose the marker;
// unmarked ops are left alone.

// A GEMM register tile in its K loop, as hyper-cpu-tile-gemms leaves it:
// one vector.contract [2, 1] · [1, 8] per K step (the accumulator still
// read and written every step: hyper-cpu-hoist-accumulators' job).
// CHECK-LABEL: func.func @gemm_tile
//       CHECK:   scf.for %{{.*}} iter_args(%[[ACC:.*]] = %{{.*}}) -> (tensor<2x8xf32>)
//       CHECK:     %[[A:.*]] = vector.transfer_read {{.*}} : tensor<2x1xf32>, vector<2x1xf32>
//       CHECK:     %[[B:.*]] = vector.transfer_read {{.*}} : tensor<1x8xf32>, vector<1x8xf32>
//       CHECK:     %[[C:.*]] = vector.transfer_read %[[ACC]]{{.*}} : tensor<2x8xf32>, vector<2x8xf32>
//       CHECK:     %[[R:.*]] = vector.contract {{.*}} %[[A]], %[[B]], %[[C]] : vector<2x1xf32>, vector<1x8xf32> into vector<2x8xf32>
//       CHECK:     vector.transfer_write %[[R]], %[[ACC]]
//   CHECK-NOT:   linalg.matmul
//   CHECK-NOT:   hyper.register_tile
func.func @gemm_tile(%a: tensor<2x64xf32>, %b: tensor<64x8xf32>, %c: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %r = scf.for %k = %c0 to %c64 step %c1 iter_args(%acc = %c) -> tensor<2x8xf32> {
    %ak = tensor.extract_slice %a[0, %k] [2, 1] [1, 1] : tensor<2x64xf32> to tensor<2x1xf32>
    %bk = tensor.extract_slice %b[%k, 0] [1, 8] [1, 1] : tensor<64x8xf32> to tensor<1x8xf32>
    %t = linalg.matmul {hyper.register_tile = array<i64: 2, 8, 1>}
      ins(%ak, %bk : tensor<2x1xf32>, tensor<1x8xf32>)
      outs(%acc : tensor<2x8xf32>) -> tensor<2x8xf32>
    scf.yield %t : tensor<2x8xf32>
  }
  return %r : tensor<2x8xf32>
}

// -----

#id = affine_map<(i, j) -> (i, j)>

// An element-wise tile: its static rows are taken whole.
// CHECK-LABEL: func.func @elementwise_tile
//       CHECK:   %[[X:.*]] = vector.transfer_read {{.*}} : tensor<4x8xf32>, vector<4x8xf32>
//       CHECK:   %[[T:.*]] = math.tanh %[[X]] : vector<4x8xf32>
//       CHECK:   vector.transfer_write %[[T]]
//   CHECK-NOT:   linalg.generic
// An unmarked op stays as it is.
// CHECK-LABEL: func.func @unmarked
//       CHECK:   linalg.generic
//       CHECK:     math.tanh %{{.*}} : f32
func.func @elementwise_tile(%x: tensor<4x8xf32>, %y: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
    ins(%x : tensor<4x8xf32>) outs(%y : tensor<4x8xf32>)
    attrs = {hyper.register_tile = array<i64: 1, 8>} {
  ^bb0(%v: f32, %o: f32):
    %t = math.tanh %v : f32
    linalg.yield %t : f32
  } -> tensor<4x8xf32>
  return %r : tensor<4x8xf32>
}
func.func @unmarked(%x: tensor<4x8xf32>, %y: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
    ins(%x : tensor<4x8xf32>) outs(%y : tensor<4x8xf32>) {
  ^bb0(%v: f32, %o: f32):
    %t = math.tanh %v : f32
    linalg.yield %t : f32
  } -> tensor<4x8xf32>
  return %r : tensor<4x8xf32>
}

// -----

#id = affine_map<(i, j) -> (i, j)>

// Tiles the vectorizer cannot take stay scalar, without the marker, and
// the debug output says why.
// CHECK-LABEL: func.func @wrong_sizes
//       CHECK:   linalg.generic
//   CHECK-NOT:   hyper.register_tile
// DEBUG: [hyper-cpu-vectorize-tiles] {{.*}}: linalg.generic: the marker has 1 vector sizes for 2 loops
func.func @wrong_sizes(%x: tensor<4x8xf32>, %y: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
    ins(%x : tensor<4x8xf32>) outs(%y : tensor<4x8xf32>)
    attrs = {hyper.register_tile = array<i64: 8>} {
  ^bb0(%v: f32, %o: f32):
    %t = math.tanh %v : f32
    linalg.yield %t : f32
  } -> tensor<4x8xf32>
  return %r : tensor<4x8xf32>
}

// -----

#id = affine_map<(i, j) -> (i, j)>

// (The clean-up after the stage folds the scf.if into a select.)
// CHECK-LABEL: func.func @region_in_body
//       CHECK:   linalg.generic
//       CHECK:     arith.select %{{.*}} : f32
//   CHECK-NOT:   hyper.register_tile
// DEBUG: [hyper-cpu-vectorize-tiles] {{.*}}: linalg.generic: the vectorizer does not take the tile
func.func @region_in_body(%x: tensor<4x8xf32>, %y: tensor<4x8xf32>, %p: i1) -> tensor<4x8xf32> {
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
    ins(%x : tensor<4x8xf32>) outs(%y : tensor<4x8xf32>)
    attrs = {hyper.register_tile = array<i64: 1, 8>} {
  ^bb0(%v: f32, %o: f32):
    %t = scf.if %p -> f32 {
      scf.yield %v : f32
    } else {
      scf.yield %o : f32
    }
    linalg.yield %t : f32
  } -> tensor<4x8xf32>
  return %r : tensor<4x8xf32>
}
