// RUN: hyper-opt %s -hyper-cpu-alloc-step-results -verify-diagnostics

// The last CPU stage: a marker that survives to it means a stage that
// consumes it did not run or did not apply.
func.func @marker_left(%x: tensor<8x32xf32>) -> tensor<8x32xf32> {
  // expected-error @below {{the CPU stages left the marker 'hyper.register_tile' on this op}}
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>],
                       iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<8x32xf32>) outs(%x : tensor<8x32xf32>) attrs = {hyper.register_tile = array<i64: 1, 16>} {
  ^bb0(%a: f32, %b: f32):
    linalg.yield %a : f32
  }  -> tensor<8x32xf32>
  return %y : tensor<8x32xf32>
}
