// RUN: hyper-opt %s -hyper-decompose-aggregates | FileCheck %s

// linalg.softmax becomes a max reduction, exp, a sum reduction and a divide,
// all structured ops that loop lowering and vectorization handle.
// CHECK-LABEL: func.func @softmax
//   CHECK-NOT:   linalg.softmax
//       CHECK:   linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]
//       CHECK:     arith.maxnumf
//       CHECK:   math.exp
//       CHECK:   linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]
//       CHECK:     arith.addf
//       CHECK:   arith.divf
func.func @softmax(%x: tensor<4x50xf32>) -> tensor<4x50xf32> {
  %e = tensor.empty() : tensor<4x50xf32>
  %p = linalg.softmax dimension(1) ins(%x : tensor<4x50xf32>)
      outs(%e : tensor<4x50xf32>) -> tensor<4x50xf32>
  return %p : tensor<4x50xf32>
}
