// RUN: hyper-opt %s -hyper-cpu-transpose-weights | FileCheck %s

// The stage alone: a GEMM reading B as [N, K] (x·Wᵀ) reads Wᵀ as [K, N]
// instead, folded at compile time for a constant.

#mk = affine_map<(m, n, k) -> (m, k)>
#nk = affine_map<(m, n, k) -> (n, k)>
#mn = affine_map<(m, n, k) -> (m, n)>

// CHECK-LABEL: func.func @constant_weights
//       CHECK:   %[[WT:.*]] = arith.constant dense<{{\[\[}}1.000000e+00, 4.000000e+00], [2.000000e+00, 5.000000e+00], [3.000000e+00, 6.000000e+00]]> : tensor<3x2xf32>
//   CHECK-NOT:   linalg.transpose
//       CHECK:   linalg.matmul ins(%{{.*}}, %[[WT]] : tensor<2x3xf32>, tensor<3x2xf32>)
func.func @constant_weights(%x: tensor<2x3xf32>) -> tensor<2x2xf32> {
  %w = arith.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x2xf32>
  %c = linalg.fill ins(%zero : f32) outs(%e : tensor<2x2xf32>) -> tensor<2x2xf32>
  %y = linalg.matmul indexing_maps = [#mk, #nk, #mn]
    ins(%x, %w : tensor<2x3xf32>, tensor<2x3xf32>)
    outs(%c : tensor<2x2xf32>) -> tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}

// Weights that are an argument: one linalg.transpose, hoisted out of the
// time loop it does not depend on.
// CHECK-LABEL: func.func @in_loop
//  CHECK-SAME:   (%[[X:.*]]: tensor<4x16xf32>, %[[W:.*]]: tensor<32x16xf32>
//       CHECK:   %[[WT:.*]] = linalg.transpose ins(%[[W]] : tensor<32x16xf32>) outs(%{{.*}} : tensor<16x32xf32>) permutation = [1, 0]
//       CHECK:   scf.for
//  CHECK-NEXT:     linalg.matmul ins(%[[X]], %[[WT]] : tensor<4x16xf32>, tensor<16x32xf32>)
func.func @in_loop(%x: tensor<4x16xf32>, %w: tensor<32x16xf32>, %n: index) -> tensor<4x32xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x32xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<4x32xf32>) -> tensor<4x32xf32>
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %init) -> tensor<4x32xf32> {
    %y = linalg.matmul indexing_maps = [#mk, #nk, #mn]
      ins(%x, %w : tensor<4x16xf32>, tensor<32x16xf32>)
      outs(%acc : tensor<4x32xf32>) -> tensor<4x32xf32>
    scf.yield %y : tensor<4x32xf32>
  }
  return %r : tensor<4x32xf32>
}

// B already [K, N]: left as it is.
// CHECK-LABEL: func.func @kn
//   CHECK-NOT:   linalg.transpose
//       CHECK:   linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<4x16xf32>, tensor<16x32xf32>)
func.func @kn(%x: tensor<4x16xf32>, %w: tensor<16x32xf32>, %c: tensor<4x32xf32>) -> tensor<4x32xf32> {
  %y = linalg.matmul ins(%x, %w : tensor<4x16xf32>, tensor<16x32xf32>)
    outs(%c : tensor<4x32xf32>) -> tensor<4x32xf32>
  return %y : tensor<4x32xf32>
}
