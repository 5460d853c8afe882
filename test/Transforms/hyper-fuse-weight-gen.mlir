// RUN: hyper-opt %s -hyper-fuse-weight-gen -split-input-file | FileCheck %s
// RUN: hyper-opt %s -hyper-fuse-weight-gen=precompute-static=false -split-input-file | FileCheck %s --check-prefix=OFF

// Constant embeddings and generator: the kernel is computed at compile time.
// Block [O_b, I_b, f_h, f_w] = [2, 1, 1, 2], d = N_z = 1, grid m = 1, k = 2:
//   A(z) = [1·z + 0, 10·z + 1]         → [1, 11] for z = 1, [2, 21] for z = 2
//   K_block[o, tap] = A[o]·w_out[tap] + b_out[tap] with w_out = [1, 100],
//   b_out = [0.5, 0]; tile q lands in input channel q.
// CHECK-LABEL: func.func @static_generation_folds
//       CHECK:   %[[K:.*]] = arith.constant dense<{{\[}}{{\[}}{{\[}}[1.500000e+00, 1.000000e+02]], {{\[}}[2.500000e+00, 2.000000e+02]]], {{\[}}{{\[}}[1.150000e+01, 1.100000e+03]], {{\[}}[2.150000e+01, 2.100000e+03]]]]> : tensor<2x2x1x2xf32>
//       CHECK:   return %[[K]]
//   CHECK-NOT:   hyper.generate_kernel
// OFF-LABEL: func.func @static_generation_folds
//       OFF:   hyper.generate_kernel
func.func @static_generation_folds() -> tensor<2x2x1x2xf32> {
  %z = arith.constant dense<[[[1.0], [2.0]]]> : tensor<1x2x1xf32>
  %w_in = arith.constant dense<[[1.0], [10.0]]> : tensor<2x1xf32>
  %b_in = arith.constant dense<[0.0, 1.0]> : tensor<2xf32>
  %w_out = arith.constant dense<[[1.0], [100.0]]> : tensor<2x1xf32>
  %b_out = arith.constant dense<[0.5, 0.0]> : tensor<2xf32>
  %k = hyper.generate_kernel %z : tensor<1x2x1xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<2x1xf32>, tensor<2xf32>,
                tensor<2x1xf32>, tensor<2xf32>)
      block [2, 1, 1, 2]
  return %k : tensor<2x2x1x2xf32>
}

// -----

// A hyper.conv2d with a constant generator becomes a convolution with a
// constant kernel; no generation code remains.
// CHECK-LABEL: func.func @static_conv_folds
//  CHECK-SAME:   (%[[X:.*]]: tensor<?x2x4x4xf32>)
//       CHECK:   %[[K:.*]] = arith.constant dense<{{.*}}> : tensor<2x2x1x2xf32>
//       CHECK:   linalg.conv_2d_nchw_fchw {{.*}} ins(%[[X]], %[[K]] : tensor<?x2x4x4xf32>, tensor<2x2x1x2xf32>)
//   CHECK-NOT:   hyper.
func.func @static_conv_folds(%x: tensor<?x2x4x4xf32>) -> tensor<?x2x4x3xf32> {
  %z = arith.constant dense<[[[1.0], [2.0]]]> : tensor<1x2x1xf32>
  %w_in = arith.constant dense<[[1.0], [10.0]]> : tensor<2x1xf32>
  %b_in = arith.constant dense<[0.0, 1.0]> : tensor<2xf32>
  %w_out = arith.constant dense<[[1.0], [100.0]]> : tensor<2x1xf32>
  %b_out = arith.constant dense<[0.5, 0.0]> : tensor<2xf32>
  %y = hyper.conv2d %x, %z : tensor<?x2x4x4xf32>, tensor<1x2x1xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<2x1xf32>, tensor<2xf32>,
                tensor<2x1xf32>, tensor<2xf32>)
      block [2, 1, 1, 2]
  return %y : tensor<?x2x4x3xf32>
}

// -----

// Run-time embeddings: generation must stay (it runs once per call).
// CHECK-LABEL: func.func @negative_runtime_embeddings_not_folded
//   CHECK-NOT:   arith.constant dense<{{.*}}> : tensor<2x2x1x2xf32>
//       CHECK:   hyper.generate_kernel
func.func @negative_runtime_embeddings_not_folded(%z: tensor<1x2x1xf32>)
    -> tensor<2x2x1x2xf32> {
  %w_in = arith.constant dense<[[1.0], [10.0]]> : tensor<2x1xf32>
  %b_in = arith.constant dense<[0.0, 1.0]> : tensor<2xf32>
  %w_out = arith.constant dense<[[1.0], [100.0]]> : tensor<2x1xf32>
  %b_out = arith.constant dense<[0.5, 0.0]> : tensor<2xf32>
  %k = hyper.generate_kernel %z : tensor<1x2x1xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<2x1xf32>, tensor<2xf32>,
                tensor<2x1xf32>, tensor<2xf32>)
      block [2, 1, 1, 2]
  return %k : tensor<2x2x1x2xf32>
}
