// The CPU pipeline lowers hyper, TOSA and linalg ops to the LLVM dialect.
// RUN: hyper-opt %s -hyper-cpu-pipeline -split-input-file | FileCheck %s

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

// -----

// A GEMM against a constant weight reads it packed in column blocks (a
// global [blocks, K·32]) and prefetches it ahead: two cache lines a k step.
// CHECK-LABEL: llvm.mlir.global private constant @__constant_2x64xf32
// CHECK-LABEL: llvm.func @packed_weight
//       CHECK:   llvm.mlir.addressof @__constant_2x64xf32
//       CHECK:   "llvm.intr.prefetch"(%{{.*}}) <{{[{]}}cache = 1 : i32, hint = 3 : i32, rw = 0 : i32{{[}]}}>
//       CHECK:   "llvm.intr.prefetch"(%{{.*}}) <{{[{]}}cache = 1 : i32, hint = 3 : i32, rw = 0 : i32{{[}]}}>
func.func @packed_weight(%x: tensor<8x2xf32>) -> tensor<8x40xf32> {
  %w = arith.constant dense<[[0.0, 1.0], [2.0, 3.0], [4.0, 0.0], [1.0, 2.0], [3.0, 4.0], [0.0, 1.0], [2.0, 3.0], [4.0, 0.0], [1.0, 2.0], [3.0, 4.0], [0.0, 1.0], [2.0, 3.0], [4.0, 0.0], [1.0, 2.0], [3.0, 4.0], [0.0, 1.0], [2.0, 3.0], [4.0, 0.0], [1.0, 2.0], [3.0, 4.0], [0.0, 1.0], [2.0, 3.0], [4.0, 0.0], [1.0, 2.0], [3.0, 4.0], [0.0, 1.0], [2.0, 3.0], [4.0, 0.0], [1.0, 2.0], [3.0, 4.0], [0.0, 1.0], [2.0, 3.0], [4.0, 0.0], [1.0, 2.0], [3.0, 4.0], [0.0, 1.0], [2.0, 3.0], [4.0, 0.0], [1.0, 2.0], [3.0, 4.0]]> : tensor<40x2xf32>
  %cst = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<8x40xf32>
  %f = linalg.fill ins(%cst : f32) outs(%e : tensor<8x40xf32>) -> tensor<8x40xf32>
  %r = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                                      affine_map<(m, n, k) -> (n, k)>,
                                      affine_map<(m, n, k) -> (m, n)>]
      ins(%x, %w : tensor<8x2xf32>, tensor<40x2xf32>)
      outs(%f : tensor<8x40xf32>) -> tensor<8x40xf32>
  return %r : tensor<8x40xf32>
}
