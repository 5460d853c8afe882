// RUN: hyper-opt %s -hyper-split-constant-slices -split-input-file | FileCheck %s

// A constant read only through static slices becomes one constant per
// slice; the original is gone.
// CHECK-LABEL: func.func @static_slices
//   CHECK-DAG:   %[[A:.*]] = arith.constant dense<{{\[}}[1.000000e+00], [7.000000e+00]]> : tensor<2x1xf32>
//   CHECK-DAG:   %[[B:.*]] = arith.constant dense<{{\[}}[2.000000e+00, 3.000000e+00], [8.000000e+00, 9.000000e+00]]> : tensor<2x2xf32>
//   CHECK-NOT:   tensor<2x3xf32>
//   CHECK-NOT:   tensor.extract_slice
//       CHECK:   return %[[A]], %[[B]]
func.func @static_slices() -> (tensor<2x1xf32>, tensor<2x2xf32>) {
  %w = arith.constant dense<[[1.0, 2.0, 3.0], [7.0, 8.0, 9.0]]> : tensor<2x3xf32>
  %a = tensor.extract_slice %w[0, 0] [2, 1] [1, 1] : tensor<2x3xf32> to tensor<2x1xf32>
  %b = tensor.extract_slice %w[0, 1] [2, 2] [1, 1] : tensor<2x3xf32> to tensor<2x2xf32>
  return %a, %b : tensor<2x1xf32>, tensor<2x2xf32>
}

// -----

// A slice at a run-time offset keeps the constant whole (and so do the
// static slices beside it: splitting them would duplicate the data).
// CHECK-LABEL: func.func @dynamic_slice
//       CHECK:   %[[W:.*]] = arith.constant dense<{{.*}}> : tensor<2x3xf32>
//       CHECK:   tensor.extract_slice %[[W]][0, 0] [2, 1]
//       CHECK:   tensor.extract_slice %[[W]][0, %{{.*}}] [2, 1]
func.func @dynamic_slice(%i: index) -> (tensor<2x1xf32>, tensor<2x1xf32>) {
  %w = arith.constant dense<[[1.0, 2.0, 3.0], [7.0, 8.0, 9.0]]> : tensor<2x3xf32>
  %a = tensor.extract_slice %w[0, 0] [2, 1] [1, 1] : tensor<2x3xf32> to tensor<2x1xf32>
  %b = tensor.extract_slice %w[0, %i] [2, 1] [1, 1] : tensor<2x3xf32> to tensor<2x1xf32>
  return %a, %b : tensor<2x1xf32>, tensor<2x1xf32>
}

// -----

// A constant also read whole stays whole.
// CHECK-LABEL: func.func @whole_use
//       CHECK:   %[[W:.*]] = arith.constant dense<{{.*}}> : tensor<2x3xf32>
//       CHECK:   tensor.extract_slice %[[W]]
//       CHECK:   return {{.*}}, %[[W]]
func.func @whole_use() -> (tensor<2x1xf32>, tensor<2x3xf32>) {
  %w = arith.constant dense<[[1.0, 2.0, 3.0], [7.0, 8.0, 9.0]]> : tensor<2x3xf32>
  %a = tensor.extract_slice %w[0, 0] [2, 1] [1, 1] : tensor<2x3xf32> to tensor<2x1xf32>
  return %a, %w : tensor<2x1xf32>, tensor<2x3xf32>
}

// -----

// Overlapping slices would hold more than the constant: it stays whole.
// CHECK-LABEL: func.func @overlapping_slices
//       CHECK:   %[[W:.*]] = arith.constant dense<{{.*}}> : tensor<2x3xf32>
//       CHECK:   tensor.extract_slice %[[W]][0, 0] [2, 2]
//       CHECK:   tensor.extract_slice %[[W]][0, 1] [2, 2]
func.func @overlapping_slices() -> (tensor<2x2xf32>, tensor<2x2xf32>) {
  %w = arith.constant dense<[[1.0, 2.0, 3.0], [7.0, 8.0, 9.0]]> : tensor<2x3xf32>
  %a = tensor.extract_slice %w[0, 0] [2, 2] [1, 1] : tensor<2x3xf32> to tensor<2x2xf32>
  %b = tensor.extract_slice %w[0, 1] [2, 2] [1, 1] : tensor<2x3xf32> to tensor<2x2xf32>
  return %a, %b : tensor<2x2xf32>, tensor<2x2xf32>
}

// -----

// A reversed slice (negative stride) in bounds folds; one whose elements
// run off the constant (it verifies) is left alone, never read.
// CHECK-LABEL: func.func @negative_strides
//   CHECK-DAG:   %[[R:.*]] = arith.constant dense<[8.000000e+00, 7.000000e+00]> : tensor<2xf32>
//   CHECK-DAG:   %[[W:.*]] = arith.constant dense<[1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00]> : tensor<4xf32>
//       CHECK:   %[[B:.*]] = tensor.extract_slice %[[W]][1] [2] [-2]
//       CHECK:   return %[[R]], %[[B]]
func.func @negative_strides() -> (tensor<2xf32>, tensor<2xf32>) {
  %w = arith.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %r = arith.constant dense<[5.0, 6.0, 7.0, 8.0]> : tensor<4xf32>
  %a = tensor.extract_slice %r[3] [2] [-1] : tensor<4xf32> to tensor<2xf32>
  %b = tensor.extract_slice %w[1] [2] [-2] : tensor<4xf32> to tensor<2xf32>
  return %a, %b : tensor<2xf32>, tensor<2xf32>
}
