// RUN: hyper-opt %s -split-input-file -verify-diagnostics \
// RUN:   -hyper-bind-weights=weights=%data/dynlin_small | FileCheck %s

// Arguments named in the weights become constants; the others stay.
// CHECK-LABEL: func.func @bind
//  CHECK-SAME:   (%[[X:.*]]: tensor<?x9xf32>, %[[Z:.*]]: tensor<?x3xf32>)
//       CHECK:   %[[W:.*]] = arith.constant dense<{{.*}}> : tensor<3x7x9xf32>
//       CHECK:   hyper.dynamic_linear %[[X]], %[[Z]], %[[W]]
func.func @bind(%x: tensor<?x9xf32>, %z: tensor<?x3xf32>,
                %w: tensor<3x7x9xf32> {hyper.name = "w"}) -> tensor<?x7xf32> {
  %y = hyper.dynamic_linear %x, %z, %w
      : tensor<?x9xf32>, tensor<?x3xf32>, tensor<3x7x9xf32>
  return %y : tensor<?x7xf32>
}

// -----

// A dynamic argument takes the array's static shape through a cast.
// CHECK-LABEL: func.func @bind_dynamic
//       CHECK:   %[[C:.*]] = arith.constant dense<{{.*}}> : tensor<4x9xf32>
//       CHECK:   %[[X:.*]] = tensor.cast %[[C]] : tensor<4x9xf32> to tensor<?x9xf32>
//       CHECK:   return %[[X]]
func.func @bind_dynamic(%x: tensor<?x9xf32> {hyper.name = "x"}) -> tensor<?x9xf32> {
  return %x : tensor<?x9xf32>
}

// -----

// expected-error @below {{weight 'w' has type 'tensor<3x7x9xf32>', which does not fit argument #0 of type 'tensor<3x7x8xf32>'}}
func.func @shape_mismatch(%w: tensor<3x7x8xf32> {hyper.name = "w"}) {
  return
}
