// Round trip of the static hypernetwork ops: custom and generic forms both
// re-parse to the same IR, and the inferred result types match the
// function signatures (a mismatch fails func.return's verifier).
// RUN: hyper-opt %s | hyper-opt | FileCheck %s
// RUN: hyper-opt %s -mlir-print-op-generic | hyper-opt | FileCheck %s
// RUN: hyper-opt %s > %t.custom && hyper-opt %t.custom > %t.custom2 && diff %t.custom %t.custom2
// RUN: hyper-opt %s -mlir-print-op-generic > %t.gen && hyper-opt %t.gen -mlir-print-op-generic > %t.gen2 && diff %t.gen %t.gen2

// The MNIST layer: one 16x16x7x7 block, N_z = d = 4, SAME padding, defaults
// for strides and dilations are not printed.
// CHECK-LABEL: func.func @mnist_conv
//  CHECK-SAME:   (%[[X:.*]]: tensor<?x16x28x28xf32>, %[[Z:.*]]: tensor<1x1x4xf32>, %[[WI:.*]]: tensor<64x4xf32>, %[[BI:.*]]: tensor<64xf32>, %[[WO:.*]]: tensor<784x4xf32>, %[[BO:.*]]: tensor<784xf32>)
//       CHECK:   hyper.conv2d %[[X]], %[[Z]] : tensor<?x16x28x28xf32>, tensor<1x1x4xf32>
//  CHECK-SAME:     generator(%[[WI]], %[[BI]], %[[WO]], %[[BO]] : tensor<64x4xf32>, tensor<64xf32>, tensor<784x4xf32>, tensor<784xf32>)
//  CHECK-SAME:     block [16, 16, 7, 7] padding [3, 3, 3, 3]{{$}}
func.func @mnist_conv(%x: tensor<?x16x28x28xf32>, %z: tensor<1x1x4xf32>,
                      %w_in: tensor<64x4xf32>, %b_in: tensor<64xf32>,
                      %w_out: tensor<784x4xf32>, %b_out: tensor<784xf32>)
    -> tensor<?x16x28x28xf32> {
  %y = hyper.conv2d %x, %z : tensor<?x16x28x28xf32>, tensor<1x1x4xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<64x4xf32>,
                tensor<64xf32>, tensor<784x4xf32>, tensor<784xf32>)
      block [16, 16, 7, 7] padding [3, 3, 3, 3]
  return %y : tensor<?x16x28x28xf32>
}


// A 2x3 grid of 16x16x3x3 blocks (32 out, 48 in) with bias, stride 2,
// dilation 2 and asymmetric padding:
// H_out = floor((15 + 1 + 2 - 2*2 - 1) / 2) + 1 = 7,
// W_out = floor((9 + 0 + 1 - 2*2 - 1) / 2) + 1 = 3.
// CHECK-LABEL: func.func @tiled_conv_window
//       CHECK:   hyper.conv2d
//  CHECK-SAME:     bias(%{{.*}} : tensor<32xf32>) block [16, 16, 3, 3] strides [2, 2] padding [1, 0, 2, 1] dilations [2, 2]
func.func @tiled_conv_window(%x: tensor<4x48x15x9xf32>, %z: tensor<2x3x8xf32>,
                             %w_in: tensor<128x8xf32>, %b_in: tensor<128xf32>,
                             %w_out: tensor<144x8xf32>, %b_out: tensor<144xf32>,
                             %bias: tensor<32xf32>) -> tensor<4x32x7x3xf32> {
  %y = hyper.conv2d %x, %z : tensor<4x48x15x9xf32>, tensor<2x3x8xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<128x8xf32>,
                tensor<128xf32>, tensor<144x8xf32>, tensor<144xf32>)
      bias(%bias : tensor<32xf32>)
      block [16, 16, 3, 3] strides [2, 2] padding [1, 0, 2, 1] dilations [2, 2]
  return %y : tensor<4x32x7x3xf32>
}


// Per-sample kernels: rank-4 embeddings [N, m, k, N_z]; dynamic spatial sizes
// give dynamic output sizes.
// CHECK-LABEL: func.func @per_sample_conv
//       CHECK:   hyper.conv2d %{{.*}}, %{{.*}} : tensor<2x32x?x?xf64>, tensor<2x2x2x8xf64>
func.func @per_sample_conv(%x: tensor<2x32x?x?xf64>, %z: tensor<2x2x2x8xf64>,
                           %w_in: tensor<128x8xf64>, %b_in: tensor<128xf64>,
                           %w_out: tensor<144x8xf64>, %b_out: tensor<144xf64>)
    -> tensor<2x32x?x?xf64> {
  %y = hyper.conv2d %x, %z : tensor<2x32x?x?xf64>, tensor<2x2x2x8xf64>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<128x8xf64>,
                tensor<128xf64>, tensor<144x8xf64>, tensor<144xf64>)
      block [16, 16, 3, 3] padding [1, 1, 1, 1]
  return %y : tensor<2x32x?x?xf64>
}


// CHECK-LABEL: func.func @generate_tiled_kernel
//       CHECK:   hyper.generate_kernel %{{.*}} : tensor<2x3x8xf32>
//  CHECK-SAME:     generator(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} : tensor<128x8xf32>, tensor<128xf32>, tensor<144x8xf32>, tensor<144xf32>)
//  CHECK-SAME:     block [16, 16, 3, 3]
func.func @generate_tiled_kernel(%z: tensor<2x3x8xf32>,
                                 %w_in: tensor<128x8xf32>, %b_in: tensor<128xf32>,
                                 %w_out: tensor<144x8xf32>, %b_out: tensor<144xf32>)
    -> tensor<32x48x3x3xf32> {
  %k = hyper.generate_kernel %z : tensor<2x3x8xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<128x8xf32>,
                tensor<128xf32>, tensor<144x8xf32>, tensor<144xf32>)
      block [16, 16, 3, 3]
  return %k : tensor<32x48x3x3xf32>
}


// One kernel per sample, with a dynamic batch; a non-square 8x4x1x3 block.
// CHECK-LABEL: func.func @generate_per_sample_kernels
//       CHECK:   hyper.generate_kernel %{{.*}} : tensor<?x1x2x5xf16>
//  CHECK-SAME:     block [8, 4, 1, 3]
func.func @generate_per_sample_kernels(%z: tensor<?x1x2x5xf16>,
                                       %w_in: tensor<48x5xf16>, %b_in: tensor<48xf16>,
                                       %w_out: tensor<12x6xf16>, %b_out: tensor<12xf16>)
    -> tensor<?x8x8x1x3xf16> {
  %k = hyper.generate_kernel %z : tensor<?x1x2x5xf16>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<48x5xf16>,
                tensor<48xf16>, tensor<12x6xf16>, tensor<12xf16>)
      block [8, 4, 1, 3]
  return %k : tensor<?x8x8x1x3xf16>
}
