// The CPU pipeline lowers hyper, TOSA and linalg ops to the LLVM dialect.
// RUN: hyper-opt %s -hyper-cpu-pipeline | FileCheck %s

// CHECK-LABEL: llvm.func @model
//   CHECK-NOT:   hyper.
//   CHECK-NOT:   linalg.
//   CHECK-NOT:   tosa.
//   CHECK-NOT:   tensor.
//   CHECK-NOT:   memref.
//       CHECK:   llvm.return
func.func @model(%x: tensor<4x9xf32>, %z: tensor<4x3xf32>, %w: tensor<3x7x9xf32>,
                 %d: tensor<4x7xf32>) -> tensor<4x7xf32> {
  %y = hyper.dynamic_linear %x, %z, %w
      : tensor<4x9xf32>, tensor<4x3xf32>, tensor<3x7x9xf32>
  %r = tosa.clamp %y {max_val = 3.40282347E+38 : f32, min_val = 0.000000e+00 : f32}
      : (tensor<4x7xf32>) -> tensor<4x7xf32>
  %s = tosa.add %r, %d : (tensor<4x7xf32>, tensor<4x7xf32>) -> tensor<4x7xf32>
  return %s : tensor<4x7xf32>
}

