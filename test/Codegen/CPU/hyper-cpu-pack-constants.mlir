// RUN: hyper-opt %s -hyper-cpu-pack-constants -split-input-file \
// RUN:   --hyper-debug-only=hyper-cpu-pack-constants 2>%t.debug | FileCheck %s
// RUN: FileCheck %s --check-prefix=DEBUG < %t.debug

// The stage alone, on register tiles as hyper-cpu-tile-gemms leaves them:
// a tile of 4 columns reading one K step of a constant [2, 8] B at a column
// that is a multiple of 4 reads the constant packed in blocks of 4 columns,
// [⌈8/4⌉, 2·4] = [2, 8] (block 0: columns 0–3 of both rows, block 1:
// columns 4–7), at block j / 4, offset k · 4; each K step prefetches the
// packed stream 16 KiB ahead, clamped to the constant's last element (15).

// CHECK-DAG:   #[[BLOCK:.*]] = affine_map<()[s0] -> (s0 floordiv 4)>
// CHECK-DAG:   #[[AHEAD:.*]] = affine_map<()[s0, s1] -> (s0 * 4 + (s1 floordiv 4) * 8 + 4096, 15)>
// CHECK-DAG:   #[[ROW:.*]] = affine_map<()[s0] -> (s0 * 4)>
// CHECK-LABEL: func.func @packed
//       CHECK:   %[[PACK:.*]] = arith.constant dense<{{\[\[}}0.000000e+00, 1.000000e+00, 2.000000e+00, 3.000000e+00, 1.000000e+01, 1.100000e+01, 1.200000e+01, 1.300000e+01], [4.000000e+00, 5.000000e+00, 6.000000e+00, 7.000000e+00, 1.400000e+01, 1.500000e+01, 1.600000e+01, 1.700000e+01]]> : tensor<2x8xf32>
//       CHECK:   %[[BUF:.*]] = bufferization.to_buffer %[[PACK]] read_only
//       CHECK:   %[[FLAT:.*]] = memref.collapse_shape %[[BUF]] {{\[\[}}0, 1]] : memref<2x8xf32> into memref<16xf32>
//       CHECK:   scf.for %[[J:.*]] = %{{.*}} to %{{.*}} step %c4
//       CHECK:     scf.for %[[K:.*]] = %{{.*}} to %{{.*}} step %c1
//       CHECK:       %[[B:.*]] = affine.apply #[[BLOCK]]()[%[[J]]]
//       CHECK:       %[[AT:.*]] = affine.min #[[AHEAD]]()[%[[K]], %[[J]]]
//       CHECK:       memref.prefetch %[[FLAT]][%[[AT]]], read, locality<3>, data
//       CHECK:       %[[R:.*]] = affine.apply #[[ROW]]()[%[[K]]]
//       CHECK:       %[[BK:.*]] = tensor.extract_slice %[[PACK]][%[[B]], %[[R]]] [1, 4] [1, 1] : tensor<2x8xf32> to tensor<1x4xf32>
//       CHECK:       linalg.matmul {hyper.register_tile = array<i64: 2, 4, 1>} ins(%{{.*}}, %[[BK]] :
func.func @packed(%a: tensor<2x2xf32>, %c: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %w = arith.constant dense<[[0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0],
                             [10.0, 11.0, 12.0, 13.0, 14.0, 15.0, 16.0, 17.0]]> : tensor<2x8xf32>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  %r = scf.for %j = %c0 to %c8 step %c4 iter_args(%cj = %c) -> tensor<2x8xf32> {
    %r2 = scf.for %k = %c0 to %c2 step %c1 iter_args(%ck = %cj) -> tensor<2x8xf32> {
      %ak = tensor.extract_slice %a[0, %k] [2, 1] [1, 1] : tensor<2x2xf32> to tensor<2x1xf32>
      %bk = tensor.extract_slice %w[%k, %j] [1, 4] [1, 1] : tensor<2x8xf32> to tensor<1x4xf32>
      %ct = tensor.extract_slice %ck[0, %j] [2, 4] [1, 1] : tensor<2x8xf32> to tensor<2x4xf32>
      %t = linalg.matmul {hyper.register_tile = array<i64: 2, 4, 1>}
        ins(%ak, %bk : tensor<2x1xf32>, tensor<1x4xf32>)
        outs(%ct : tensor<2x4xf32>) -> tensor<2x4xf32>
      %u = tensor.insert_slice %t into %ck[0, %j] [2, 4] [1, 1] : tensor<2x4xf32> into tensor<2x8xf32>
      scf.yield %u : tensor<2x8xf32>
    }
    scf.yield %r2 : tensor<2x8xf32>
  }
  return %r : tensor<2x8xf32>
}

// -----

// B an argument: nothing to pack.
// CHECK-LABEL: func.func @argument
//   CHECK-NOT:   memref.prefetch
// DEBUG: [hyper-cpu-pack-constants] {{.*}}: linalg.matmul: B is not a slice of a constant at a multiple of 4 columns
func.func @argument(%a: tensor<2x1xf32>, %b: tensor<1x4xf32>, %c: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %t = linalg.matmul {hyper.register_tile = array<i64: 2, 4, 1>}
    ins(%a, %b : tensor<2x1xf32>, tensor<1x4xf32>)
    outs(%c : tensor<2x4xf32>) -> tensor<2x4xf32>
  return %t : tensor<2x4xf32>
}

// -----

// A constant no wider than the tile is one block already.
// CHECK-LABEL: func.func @one_block
//   CHECK-NOT:   memref.prefetch
// DEBUG: [hyper-cpu-pack-constants] {{.*}}: linalg.matmul: the constant is one block of columns already
func.func @one_block(%a: tensor<2x1xf32>, %c: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %w = arith.constant dense<[[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0]]> : tensor<2x4xf32>
  %b = tensor.extract_slice %w[1, 0] [1, 4] [1, 1] : tensor<2x4xf32> to tensor<1x4xf32>
  %t = linalg.matmul {hyper.register_tile = array<i64: 2, 4, 1>}
    ins(%a, %b : tensor<2x1xf32>, tensor<1x4xf32>)
    outs(%c : tensor<2x4xf32>) -> tensor<2x4xf32>
  return %t : tensor<2x4xf32>
}
