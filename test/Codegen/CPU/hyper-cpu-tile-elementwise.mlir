// RUN: hyper-opt %s -hyper-cpu-tile-elementwise | FileCheck %s
// RUN: hyper-opt %s -hyper-cpu-tile-elementwise -hyper-cpu-fold-tile-shapes \
// RUN:   | FileCheck %s --check-prefix=FOLD

// hyper-cpu-tile-elementwise alone: the gate read at a constant index
// becomes a rank-reducing slice, then one 16-lane tile per row, the loop
// over the 40 columns peeled into the full tiles (0..32) and the last one,
// each tile marked for hyper-cpu-vectorize-tiles. hyper-cpu-fold-tile-shapes
// then gives the full tiles static types.

// CHECK-LABEL: func.func @gate
// CHECK:         tensor.extract_slice %{{.*}}[0, 2, 0] [8, 1, 40] [1, 1, 1] : tensor<8x4x40xf32> to tensor<8x40xf32>
// CHECK:         scf.for %{{.*}} = %{{.*}} to %c8 step %c1
// CHECK:           scf.for %{{.*}} = %{{.*}} to %c32 step %c16
// CHECK:             linalg.generic {{.*}} attrs = {hyper.register_tile = array<i64: 1, 16>}
// CHECK:           scf.for %{{.*}} = %c32 to %c40 step %c16
// CHECK:             linalg.generic {{.*}} attrs = {hyper.register_tile = array<i64: 1, 16>}
// FOLD-LABEL: func.func @gate
// FOLD:         linalg.generic {{.*}} ins(%{{.*}} : tensor<1x16xf32>) outs(%{{.*}} : tensor<1x16xf32>) attrs = {hyper.register_tile
// FOLD:         linalg.generic {{.*}} ins(%{{.*}} : tensor<1x8xf32>) outs(%{{.*}} : tensor<1x8xf32>) attrs = {hyper.register_tile
func.func @gate(%g: tensor<8x4x40xf32>) -> tensor<8x40xf32> {
  %e = tensor.empty() : tensor<8x40xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(b, n) -> (b, 2, n)>, affine_map<(b, n) -> (b, n)>],
                       iterator_types = ["parallel", "parallel"]}
      ins(%g : tensor<8x4x40xf32>) outs(%e : tensor<8x40xf32>) {
  ^bb0(%a: f32, %o: f32):
    %t = math.tanh %a : f32
    linalg.yield %t : f32
  } -> tensor<8x40xf32>
  return %y : tensor<8x40xf32>
}
