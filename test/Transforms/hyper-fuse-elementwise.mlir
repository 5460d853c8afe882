// RUN: hyper-opt %s -hyper-fuse-elementwise -split-input-file | FileCheck %s

// An elementwise producer with one use fuses into its elementwise consumer.
// CHECK-LABEL: func.func @fuse_bias_into_tanh
//       CHECK:   linalg.generic
//       CHECK:     arith.addf
//       CHECK:     math.tanh
//   CHECK-NOT:   linalg.generic
func.func @fuse_bias_into_tanh(%x: tensor<4x8xf32>, %b: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %e = tensor.empty() : tensor<4x8xf32>
  %s = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>,
                                        affine_map<(i, j) -> (i, j)>],
                       iterator_types = ["parallel", "parallel"]}
      ins(%x, %b : tensor<4x8xf32>, tensor<4x8xf32>) outs(%e : tensor<4x8xf32>) {
  ^bb0(%in: f32, %bias: f32, %out: f32):
    %a = arith.addf %in, %bias : f32
    linalg.yield %a : f32
  } -> tensor<4x8xf32>
  %g = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>],
                       iterator_types = ["parallel", "parallel"]}
      ins(%s : tensor<4x8xf32>) outs(%e : tensor<4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %t = math.tanh %in : f32
    linalg.yield %t : f32
  } -> tensor<4x8xf32>
  return %g : tensor<4x8xf32>
}

// -----

// A reshaped matmul result stays a linalg.matmul: reshapes are not pushed
// through it (the GEMM schedule matches linalg.matmul).
// CHECK-LABEL: func.func @negative_matmul_keeps_its_shape
//       CHECK:   linalg.matmul
//       CHECK:   tensor.expand_shape
func.func @negative_matmul_keeps_its_shape(%x: tensor<4x16xf32>, %w: tensor<16x32xf32>)
    -> tensor<4x4x8xf32> {
  %cst = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x32xf32>
  %f = linalg.fill ins(%cst : f32) outs(%e : tensor<4x32xf32>) -> tensor<4x32xf32>
  %m = linalg.matmul ins(%x, %w : tensor<4x16xf32>, tensor<16x32xf32>)
      outs(%f : tensor<4x32xf32>) -> tensor<4x32xf32>
  %r = tensor.expand_shape %m [[0], [1, 2]] output_shape [4, 4, 8]
      : tensor<4x32xf32> into tensor<4x4x8xf32>
  %e3 = tensor.empty() : tensor<4x4x8xf32>
  %g = linalg.generic {indexing_maps = [affine_map<(i, j, k) -> (i, j, k)>, affine_map<(i, j, k) -> (i, j, k)>],
                       iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%r : tensor<4x4x8xf32>) outs(%e3 : tensor<4x4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %t = math.tanh %in : f32
    linalg.yield %t : f32
  } -> tensor<4x4x8xf32>
  return %g : tensor<4x4x8xf32>
}
