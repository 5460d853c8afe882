// RUN: hyper-opt %s '-hyper-cpu-lane-sums=parallel=true' -split-input-file \
// RUN:   --hyper-debug-only=hyper-cpu-lane-sums 2>%t.debug | FileCheck %s
// RUN: FileCheck %s --check-prefix=DEBUG < %t.debug
// RUN: hyper-opt %s -hyper-cpu-lane-sums -split-input-file | FileCheck %s --check-prefix=SERIAL

// The stage alone: the batch-32 gates' mean, [32, 4] sums over 1000, as
// 8-lane partial sums (1000 divides into 8, not 16) and one lane reduction
// per point; 128 000 elements put the rows on the threads.

// CHECK-LABEL: func.func @mean
// CHECK:         scf.forall (%{{.*}}) in (32)
// CHECK:           scf.for
// CHECK:             scf.for %{{.*}} = %{{.*}} to %c1000 step %c8 iter_args(%{{.*}} = %{{.*}}) -> (vector<8xf32>)
// CHECK:               vector.transfer_read {{.*}} : tensor<32x4x1000xf32>, vector<8xf32>
// CHECK:               arith.addf {{.*}} : vector<8xf32>
// CHECK:             vector.reduction <add>, {{.*}} : vector<8xf32> into f32
// SERIAL-LABEL: func.func @mean
// SERIAL-NOT:     scf.forall
func.func @mean(%x: tensor<32x4x1000xf32>, %init: tensor<32x4xf32>) -> tensor<32x4xf32> {
  %s = linalg.generic {indexing_maps = [affine_map<(b, g, n) -> (b, g, n)>, affine_map<(b, g, n) -> (b, g)>],
                       iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x : tensor<32x4x1000xf32>) outs(%init : tensor<32x4xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %r = arith.addf %acc, %a : f32
    linalg.yield %r : f32
  } -> tensor<32x4xf32>
  return %s : tensor<32x4xf32>
}

// -----

// Six elements are less than two vectors of even the narrowest width:
// left alone, and the debug output says why.
// CHECK-LABEL: func.func @short
// CHECK:         linalg.generic
// DEBUG: [hyper-cpu-lane-sums] {{.*}}: linalg.generic: not a lane sum
func.func @short(%x: tensor<4x6xf32>, %init: tensor<4xf32>) -> tensor<4xf32> {
  %s = linalg.generic {indexing_maps = [affine_map<(b, n) -> (b, n)>, affine_map<(b, n) -> (b)>],
                       iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<4x6xf32>) outs(%init : tensor<4xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %r = arith.addf %acc, %a : f32
    linalg.yield %r : f32
  } -> tensor<4xf32>
  return %s : tensor<4xf32>
}
