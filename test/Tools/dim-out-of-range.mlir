// A constant dim index outside the rank verifies (its behaviour is
// undefined) but crashed the pipelines' canonicalization: the tools refuse
// it before lowering, with its location.
// RUN: not hyper-compile %s -o %t.o 2>&1 | FileCheck %s
// RUN: not hyper-run %s --input=3x4xf32=0 2>&1 | FileCheck %s
// CHECK: dim-out-of-range.mlir:[[@LINE+5]]:8: error: 'tensor.dim' index -1 is outside the rank 2 of 'tensor<?x4xf32>'
// CHECK-NOT: Stack dump

func.func @f(%x: tensor<?x4xf32>) -> tensor<?xf32> {
  %c = arith.constant -1 : index
  %d = tensor.dim %x, %c : tensor<?x4xf32>
  %e = tensor.empty(%d) : tensor<?xf32>
  return %e : tensor<?xf32>
}
