// RUN: hyper-opt %s -hyper-lower-vectors | FileCheck %s

// Contractions become FMAs, masked transfers become masked loads and stores
// of rank 1, and no vector.contract or vector.mask is left.
// CHECK-LABEL: func.func @lower
//   CHECK-NOT:   vector.contract
//   CHECK-NOT:   vector.mask {
//       CHECK:   vector.maskedload %{{.*}} : memref<?x32xf32>, vector<32xi1>, vector<32xf32> into vector<32xf32>
//       CHECK:   vector.fma {{.*}} : vector<32xf32>
//       CHECK:   vector.maskedstore
func.func @lower(%a: memref<?x4xf32>, %b: memref<4x32xf32>, %c: memref<?x32xf32>, %m: index) {
  %c0 = arith.constant 0 : index
  %cst = arith.constant 0.0 : f32
  %mask = vector.create_mask %m, %c0 : vector<8x4xi1>
  %va = vector.transfer_read %a[%c0, %c0], %cst : memref<?x4xf32>, vector<8x4xf32>
  %vb = vector.transfer_read %b[%c0, %c0], %cst : memref<4x32xf32>, vector<4x32xf32>
  %cmask = vector.create_mask %m, %c0 : vector<8x32xi1>
  %vc = vector.mask %cmask { vector.transfer_read %c[%c0, %c0], %cst : memref<?x32xf32>, vector<8x32xf32> } : vector<8x32xi1> -> vector<8x32xf32>
  %r = vector.contract {indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                                         affine_map<(m, n, k) -> (k, n)>,
                                         affine_map<(m, n, k) -> (m, n)>],
                        iterator_types = ["parallel", "parallel", "reduction"],
                        kind = #vector.kind<add>} %va, %vb, %vc
      : vector<8x4xf32>, vector<4x32xf32> into vector<8x32xf32>
  vector.mask %cmask { vector.transfer_write %r, %c[%c0, %c0] : vector<8x32xf32>, memref<?x32xf32> } : vector<8x32xi1>
  return
}
