// RUN: hyper-opt %s -hyper-cpu-alloc-step-results | FileCheck %s

// A step's result whose destination is an empty tensor from before the
// loop gets an allocation of its own in the loop.

// CHECK-LABEL: func.func @steps
// CHECK:         scf.for
// CHECK:           %[[FRESH:.*]] = bufferization.alloc_tensor() : tensor<4xf32>
// CHECK:           linalg.generic {{.*}} outs(%[[FRESH]] : tensor<4xf32>)
func.func @steps(%x: tensor<4xf32>, %n: index) -> tensor<4xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %e = tensor.empty() : tensor<4xf32>
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%s = %x) -> (tensor<4xf32>) {
    %t = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
                         iterator_types = ["parallel"]}
        ins(%s : tensor<4xf32>) outs(%e : tensor<4xf32>) {
    ^bb0(%a: f32, %b: f32):
      %m = arith.mulf %a, %a : f32
      linalg.yield %m : f32
    } -> tensor<4xf32>
    scf.yield %t : tensor<4xf32>
  }
  return %r : tensor<4xf32>
}
