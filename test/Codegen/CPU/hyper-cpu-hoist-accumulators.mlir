// RUN: hyper-opt %s -hyper-cpu-hoist-accumulators | FileCheck %s

// The stage alone, on a GEMM register tile as hyper-cpu-vectorize-tiles
// leaves it: the accumulator tile the K loop reads and writes at the same
// place every step is read once before the loop, carried in registers
// (a vector iter_arg) and written once after it; inside, a K step is the
// A and B reads and one vector.contract.

#a = affine_map<(m, n, k) -> (m, k)>
#b = affine_map<(m, n, k) -> (k, n)>
#c = affine_map<(m, n, k) -> (m, n)>

// CHECK-LABEL: func.func @gemm_tile
//  CHECK-SAME:   %[[CIN:[^:]*]]: tensor<2x8xf32>)
//       CHECK:   %[[C0:.*]] = vector.transfer_read %[[CIN]]{{.*}} : tensor<2x8xf32>, vector<2x8xf32>
//       CHECK:   %[[R:.*]] = scf.for %{{.*}} iter_args(%[[ACC:.*]] = %[[C0]]) -> (vector<2x8xf32>)
//       CHECK:     %[[A:.*]] = vector.transfer_read {{.*}} : tensor<2x1xf32>, vector<2x1xf32>
//       CHECK:     %[[B:.*]] = vector.transfer_read {{.*}} : tensor<1x8xf32>, vector<1x8xf32>
//   CHECK-NOT:     vector.transfer_read
//       CHECK:     %[[S:.*]] = vector.contract {{.*}} %[[A]], %[[B]], %[[ACC]]
//   CHECK-NOT:     vector.transfer_write
//       CHECK:     scf.yield %[[S]] : vector<2x8xf32>
//       CHECK:   %[[OUT:.*]] = vector.transfer_write %[[R]], %[[CIN]]
//       CHECK:   return %[[OUT]]
func.func @gemm_tile(%a: tensor<2x64xf32>, %b: tensor<64x8xf32>, %c: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %pad = ub.poison : f32
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %r = scf.for %k = %c0 to %c64 step %c1 iter_args(%acc = %c) -> tensor<2x8xf32> {
    %ak = tensor.extract_slice %a[0, %k] [2, 1] [1, 1] : tensor<2x64xf32> to tensor<2x1xf32>
    %bk = tensor.extract_slice %b[%k, 0] [1, 8] [1, 1] : tensor<64x8xf32> to tensor<1x8xf32>
    %va = vector.transfer_read %ak[%c0, %c0], %pad {in_bounds = [true, true]} : tensor<2x1xf32>, vector<2x1xf32>
    %vb = vector.transfer_read %bk[%c0, %c0], %pad {in_bounds = [true, true]} : tensor<1x8xf32>, vector<1x8xf32>
    %vc = vector.transfer_read %acc[%c0, %c0], %pad {in_bounds = [true, true]} : tensor<2x8xf32>, vector<2x8xf32>
    %s = vector.contract {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction"], kind = #vector.kind<add>}
      %va, %vb, %vc : vector<2x1xf32>, vector<1x8xf32> into vector<2x8xf32>
    %w = vector.transfer_write %s, %acc[%c0, %c0] {in_bounds = [true, true]} : vector<2x8xf32>, tensor<2x8xf32>
    scf.yield %w : tensor<2x8xf32>
  }
  return %r : tensor<2x8xf32>
}
