// Round trip of the dynamic weight-generation primitives.
// RUN: hyper-opt %s | hyper-opt | FileCheck %s
// RUN: hyper-opt %s -mlir-print-op-generic | hyper-opt | FileCheck %s
// RUN: hyper-opt %s > %t.custom && hyper-opt %t.custom > %t.custom2 && diff %t.custom %t.custom2
// RUN: hyper-opt %s -mlir-print-op-generic > %t.gen && hyper-opt %t.gen -mlir-print-op-generic > %t.gen2 && diff %t.gen %t.gen2

// CHECK-LABEL: func.func @row_scaled
//  CHECK-SAME:   (%[[X:.*]]: tensor<?x128xf32>, %[[W:.*]]: tensor<512x128xf32>, %[[D:.*]]: tensor<?x512xf32>)
//       CHECK:   hyper.row_scaled_linear %[[X]], %[[W]], %[[D]] : tensor<?x128xf32>, tensor<512x128xf32>, tensor<?x512xf32>
func.func @row_scaled(%x: tensor<?x128xf32>, %w: tensor<512x128xf32>,
                      %d: tensor<?x512xf32>) -> tensor<?x512xf32> {
  %y = hyper.row_scaled_linear %x, %w, %d
      : tensor<?x128xf32>, tensor<512x128xf32>, tensor<?x512xf32>
  return %y : tensor<?x512xf32>
}


// The batch comes from `input`; a static scale batch is compatible with it.
// CHECK-LABEL: func.func @row_scaled_mixed_batch
//       CHECK:   hyper.row_scaled_linear {{.*}} : tensor<?x3xbf16>, tensor<5x3xbf16>, tensor<2x5xbf16>
func.func @row_scaled_mixed_batch(%x: tensor<?x3xbf16>, %w: tensor<5x3xbf16>,
                                  %d: tensor<2x5xbf16>) -> tensor<?x5xbf16> {
  %y = hyper.row_scaled_linear %x, %w, %d
      : tensor<?x3xbf16>, tensor<5x3xbf16>, tensor<2x5xbf16>
  return %y : tensor<?x5xbf16>
}


// CHECK-LABEL: func.func @dynamic_linear
//  CHECK-SAME:   (%[[X:.*]]: tensor<4x9xf32>, %[[Z:.*]]: tensor<4x3xf32>, %[[W:.*]]: tensor<3x7x9xf32>)
//       CHECK:   hyper.dynamic_linear %[[X]], %[[Z]], %[[W]] : tensor<4x9xf32>, tensor<4x3xf32>, tensor<3x7x9xf32>
func.func @dynamic_linear(%x: tensor<4x9xf32>, %z: tensor<4x3xf32>,
                          %w: tensor<3x7x9xf32>) -> tensor<4x7xf32> {
  %y = hyper.dynamic_linear %x, %z, %w
      : tensor<4x9xf32>, tensor<4x3xf32>, tensor<3x7x9xf32>
  return %y : tensor<4x7xf32>
}


// The R7 configuration with a dynamic batch.
// CHECK-LABEL: func.func @dynamic_linear_r7
//       CHECK:   hyper.dynamic_linear {{.*}} : tensor<?x256xf32>, tensor<?x8xf32>, tensor<8x256x256xf32>
func.func @dynamic_linear_r7(%x: tensor<?x256xf32>, %z: tensor<?x8xf32>,
                             %w: tensor<8x256x256xf32>) -> tensor<?x256xf32> {
  %y = hyper.dynamic_linear %x, %z, %w
      : tensor<?x256xf32>, tensor<?x8xf32>, tensor<8x256x256xf32>
  return %y : tensor<?x256xf32>
}
