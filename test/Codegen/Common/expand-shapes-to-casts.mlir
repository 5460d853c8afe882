// RUN: hyper-opt %s -hyper-expand-shapes-to-casts -split-input-file | FileCheck %s

// One dimension split into two dynamic ones: the same buffer with the
// output shape as sizes and suffix products as strides.
// CHECK-LABEL: func.func @two_dynamic
//  CHECK-SAME:   (%[[M:.*]]: memref<?x50xf32>, %[[T:.*]]: index, %[[B:.*]]: index)
//       CHECK:   %[[C50:.*]] = arith.constant 50 : index
//       CHECK:   %[[S0:.*]] = arith.muli %[[C50]], %[[B]] : index
//       CHECK:   memref.reinterpret_cast %[[M]] to offset: [0], sizes: [%[[T]], %[[B]], 50], strides: [%[[S0]], 50, 1]
//   CHECK-NOT:   memref.expand_shape
func.func @two_dynamic(%m: memref<?x50xf32>, %t: index, %b: index) -> memref<?x?x50xf32> {
  %e = memref.expand_shape %m [[0, 1], [2]] output_shape [%t, %b, 50]
      : memref<?x50xf32> into memref<?x?x50xf32>
  return %e : memref<?x?x50xf32>
}

// -----

// One dynamic size per group lowers upstream as it is: left alone.
// CHECK-LABEL: func.func @one_dynamic
//       CHECK:   memref.expand_shape
func.func @one_dynamic(%m: memref<?x50xf32>, %t: index) -> memref<?x2x50xf32> {
  %e = memref.expand_shape %m [[0, 1], [2]] output_shape [%t, 2, 50]
      : memref<?x50xf32> into memref<?x2x50xf32>
  return %e : memref<?x2x50xf32>
}

// -----

// A strided source is not contiguous: left alone.
// CHECK-LABEL: func.func @strided_source
//       CHECK:   memref.expand_shape
func.func @strided_source(%m: memref<?x50xf32, strided<[64, 1]>>, %t: index, %b: index)
    -> memref<?x?x50xf32, strided<[?, 64, 1]>> {
  %e = memref.expand_shape %m [[0, 1], [2]] output_shape [%t, %b, 50]
      : memref<?x50xf32, strided<[64, 1]>> into memref<?x?x50xf32, strided<[?, 64, 1]>>
  return %e : memref<?x?x50xf32, strided<[?, 64, 1]>>
}
