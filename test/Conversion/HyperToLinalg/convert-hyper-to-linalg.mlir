// RUN: hyper-opt %s -convert-hyper-to-linalg -split-input-file | FileCheck %s

// Row-scaled linear: the plain GEMM x·Wᵀ and a d ⊙ epilogue; no per-sample
// [B, N_out, N_in] weight.
// CHECK-LABEL: func.func @row_scaled_linear
//  CHECK-SAME:   (%[[X:.*]]: tensor<?x128xf32>, %[[W:.*]]: tensor<512x128xf32>, %[[D:.*]]: tensor<?x512xf32>)
//       CHECK:   %[[P:.*]] = linalg.matmul indexing_maps = [#{{.*}}, #{{.*}}, #{{.*}}] ins(%[[X]], %[[W]] : tensor<?x128xf32>, tensor<512x128xf32>)
//       CHECK:   linalg.generic {{.*}} ins(%[[P]], %[[D]] : tensor<?x512xf32>, tensor<?x512xf32>)
//       CHECK:     arith.mulf
//   CHECK-NOT:   tensor<?x512x128xf32>
//   CHECK-NOT:   hyper.
func.func @row_scaled_linear(%x: tensor<?x128xf32>, %w: tensor<512x128xf32>,
                             %d: tensor<?x512xf32>) -> tensor<?x512xf32> {
  %y = hyper.row_scaled_linear %x, %w, %d
      : tensor<?x128xf32>, tensor<512x128xf32>, tensor<?x512xf32>
  return %y : tensor<?x512xf32>
}

// -----

// General dynamic linear: one GEMM against the stacked basis [N_z·N_out, N_in],
// then a contraction with z over N_z. No [B, N_out, N_in] weight exists.
// CHECK-LABEL: func.func @dynamic_linear
//  CHECK-SAME:   (%[[X:.*]]: tensor<4x9xf32>, %[[Z:.*]]: tensor<4x3xf32>, %[[W:.*]]: tensor<3x7x9xf32>)
//       CHECK:   %[[S:.*]] = tensor.collapse_shape %[[W]] {{\[}}[0, 1], [2]] : tensor<3x7x9xf32> into tensor<21x9xf32>
//       CHECK:   %[[T:.*]] = linalg.matmul {{.*}} ins(%[[X]], %[[S]] : tensor<4x9xf32>, tensor<21x9xf32>) {{.*}} -> tensor<4x21xf32>
//       CHECK:   %[[T3:.*]] = tensor.expand_shape %[[T]] {{.*}} into tensor<4x3x7xf32>
//       CHECK:   linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction"]
//  CHECK-SAME:     ins(%[[Z]], %[[T3]] : tensor<4x3xf32>, tensor<4x3x7xf32>)
//   CHECK-NOT:   tensor<4x7x9xf32>
func.func @dynamic_linear(%x: tensor<4x9xf32>, %z: tensor<4x3xf32>,
                          %w: tensor<3x7x9xf32>) -> tensor<4x7xf32> {
  %y = hyper.dynamic_linear %x, %z, %w
      : tensor<4x9xf32>, tensor<4x3xf32>, tensor<3x7x9xf32>
  return %y : tensor<4x7xf32>
}

// -----

// Kernel generation from run-time inputs: the first layer is one GEMM over
// all 6 tiles; the second writes the [m, O_b, k, I_b, f_h, f_w] view of the
// OIHW kernel directly (the tile scatter fused into the contraction), starting
// from b_out. The kernel is then a plain reshape of that view.
// CHECK-LABEL: func.func @generate_kernel
//       CHECK:   linalg.matmul {{.*}} -> tensor<6x128xf32>
//       CHECK:   %[[INIT:.*]] = linalg.generic {{.*}} ins(%{{.*}} : tensor<16x3x3xf32>) outs(%{{.*}} : tensor<2x16x3x16x3x3xf32>)
//       CHECK:   %[[K:.*]] = linalg.generic {{.*}} ins(%{{.*}}, %{{.*}} : tensor<2x3x16x8xf32>, tensor<16x3x3x8xf32>) outs(%[[INIT]] : tensor<2x16x3x16x3x3xf32>)
//       CHECK:     math.fma
//       CHECK:   tensor.collapse_shape %[[K]]
//       CHECK:   tensor.collapse_shape {{.*}} into tensor<32x48x3x3xf32>
func.func @generate_kernel(%z: tensor<2x3x8xf32>,
    %w_in: tensor<128x8xf32>, %b_in: tensor<128xf32>,
    %w_out: tensor<144x8xf32>, %b_out: tensor<144xf32>) -> tensor<32x48x3x3xf32> {
  %k = hyper.generate_kernel %z : tensor<2x3x8xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<128x8xf32>, tensor<128xf32>,
                tensor<144x8xf32>, tensor<144xf32>)
      block [16, 16, 3, 3]
  return %k : tensor<32x48x3x3xf32>
}

// -----

// Every model op lowers too (through the decomposition patterns): nothing of
// the hyper dialect remains.
// CHECK-LABEL: func.func @model_ops_lower
//   CHECK-NOT:   hyper.
//       CHECK:   scf.for
//   CHECK-NOT:   hyper.
//       CHECK:   return
func.func @model_ops_lower(%x: tensor<6x3x5xf32>,
    %hwx: tensor<4x12xf32>, %hwh: tensor<4x4xf32>, %hb: tensor<4xf32>,
    %wz: tensor<2x4xf32>, %bz: tensor<2xf32>, %wd: tensor<7x2xf32>,
    %mwx: tensor<7x5xf32>, %mwh: tensor<7x7xf32>, %mb: tensor<7xf32>)
    -> tensor<6x3x7xf32> {
  %y, %h, %hh = hyper.rnn %x : tensor<6x3x5xf32>
      hyper(%hwx, %hwh, %hb : tensor<4x12xf32>, tensor<4x4xf32>, tensor<4xf32>)
      proj(%wz, %wz, %wz, %bz, %bz : tensor<2x4xf32>, tensor<2x4xf32>,
           tensor<2x4xf32>, tensor<2xf32>, tensor<2xf32>)
      scale(%wd, %wd, %wd : tensor<7x2xf32>, tensor<7x2xf32>, tensor<7x2xf32>)
      main(%mwx, %mwh, %mb : tensor<7x5xf32>, tensor<7x7xf32>, tensor<7xf32>)
  return %y : tensor<6x3x7xf32>
}
