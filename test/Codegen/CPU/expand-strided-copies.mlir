// RUN: hyper-opt %s -hyper-expand-strided-copies -split-input-file | FileCheck %s

// An image into the interior of its padded buffer: rows contiguous on both
// sides, the whole not. Loops over channels and rows, one rank-1 row copy
// each (llvm.memcpy after lowering).
// CHECK-LABEL: func.func @pad_interior
//  CHECK-SAME:   (%[[SRC:.*]]: memref<4x8x16xf32, strided<[128, 16, 1], offset: ?>>, %[[DST:.*]]: memref<4x10x18xf32>)
//       CHECK:   %[[INNER:.*]] = memref.subview %[[DST]][0, 1, 1] [4, 8, 16] [1, 1, 1]
//       CHECK:   scf.for %[[C:.*]] = %c0 to %c4 step %c1 {
//       CHECK:     scf.for %[[Y:.*]] = %c0 to %c8 step %c1 {
//       CHECK:       %[[S:.*]] = memref.subview %[[SRC]][%[[C]], %[[Y]], 0] [1, 1, 16] [1, 1, 1] : memref<4x8x16xf32, strided<[128, 16, 1], offset: ?>> to memref<16xf32, strided<[1], offset: ?>>
//       CHECK:       %[[D:.*]] = memref.subview %[[INNER]][%[[C]], %[[Y]], 0] [1, 1, 16] [1, 1, 1] : memref<4x8x16xf32, strided<[180, 18, 1], offset: 19>> to memref<16xf32, strided<[1], offset: ?>>
//       CHECK:       memref.copy %[[S]], %[[D]] : memref<16xf32, strided<[1], offset: ?>> to memref<16xf32, strided<[1], offset: ?>>
//   CHECK-NOT:   memref.copy
func.func @pad_interior(%src: memref<4x8x16xf32, strided<[128, 16, 1], offset: ?>>,
                        %dst: memref<4x10x18xf32>) {
  %inner = memref.subview %dst[0, 1, 1] [4, 8, 16] [1, 1, 1]
      : memref<4x10x18xf32> to memref<4x8x16xf32, strided<[180, 18, 1], offset: 19>>
  memref.copy %src, %inner : memref<4x8x16xf32, strided<[128, 16, 1], offset: ?>>
      to memref<4x8x16xf32, strided<[180, 18, 1], offset: 19>>
  return
}

// -----

// A dynamic number of rows: the loop runs to the source's size.
// CHECK-LABEL: func.func @dynamic_rows
//       CHECK:   %[[N:.*]] = memref.dim %arg0, %c0
//       CHECK:   scf.for %{{.*}} = %c0 to %[[N]] step %c1
//       CHECK:     memref.copy {{.*}} : memref<32xf32, strided<[1], offset: ?>> to memref<32xf32, strided<[1], offset: ?>>
func.func @dynamic_rows(%src: memref<?x32xf32, strided<[512, 1], offset: ?>>,
                        %dst: memref<?x32xf32>) {
  memref.copy %src, %dst : memref<?x32xf32, strided<[512, 1], offset: ?>> to memref<?x32xf32>
  return
}

// -----

// Left to memrefCopy or memcpy: contiguous as a whole, rows of fewer than 4
// elements, a transposed view (inner stride other than 1).
// CHECK-LABEL: func.func @left_alone
//   CHECK-NOT:   scf.for
//       CHECK:   memref.copy %arg0, %arg1 : memref<8x16xf32> to memref<8x16xf32>
//       CHECK:   memref.copy %arg2, %arg3 : memref<8x2xf32, strided<[4, 1]>> to memref<8x2xf32>
//       CHECK:   memref.copy %arg4, %arg5 : memref<8x16xf32, strided<[1, 8]>> to memref<8x16xf32>
func.func @left_alone(%a: memref<8x16xf32>, %b: memref<8x16xf32>,
                      %c: memref<8x2xf32, strided<[4, 1]>>, %d: memref<8x2xf32>,
                      %e: memref<8x16xf32, strided<[1, 8]>>, %f: memref<8x16xf32>) {
  memref.copy %a, %b : memref<8x16xf32> to memref<8x16xf32>
  memref.copy %c, %d : memref<8x2xf32, strided<[4, 1]>> to memref<8x2xf32>
  memref.copy %e, %f : memref<8x16xf32, strided<[1, 8]>> to memref<8x16xf32>
  return
}
