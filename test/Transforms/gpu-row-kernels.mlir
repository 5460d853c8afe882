// RUN: hyper-opt %s -hyper-gpu-row-kernels -split-input-file | FileCheck %s
// RUN: hyper-opt %s -hyper-gpu-row-kernels=emulate=true -split-input-file \
// RUN:   | FileCheck %s --check-prefix=EMU

#id = affine_map<(b, n) -> (b, n)>
#row = affine_map<(b, n) -> (b)>
#id3 = affine_map<(b, g, n) -> (b, g, n)>
#red3 = affine_map<(b, g, n) -> (b, g)>

// Layer norm over the 8 units of each of 4 gates, batch dynamic: the sum,
// the normalisation and the copy of the statistics run in one kernel with a
// block per row (dimension 0 of the first output), 256 threads, a barrier
// between the ops; the sum's reduction loop runs inside a thread, the other
// points are strided over the threads.
// CHECK-LABEL: func.func @layer_norm
//  CHECK-SAME:   (%[[X:.*]]: memref<?x4x8xf32>
//       CHECK:   %[[SUM:.*]] = memref.alloc(%[[B:.*]]) : memref<?x4xf32>
//       CHECK:   %[[Y:.*]] = memref.alloc(%[[B]]) : memref<?x4x8xf32>
//       CHECK:   %[[ROWS:.*]] = memref.dim %[[SUM]], %c0
//       CHECK:   gpu.launch blocks(%[[ROW:.*]], %{{.*}}, %{{.*}}) in (%{{.*}} = %[[ROWS]], %{{.*}} = %c1{{.*}}, %{{.*}} = %c1{{.*}}) threads({{.*}}) in (%{{.*}} = %c256{{.*}}, %{{.*}} = %c1{{.*}}, %{{.*}} = %c1{{.*}})
//       CHECK:     %[[TX:.*]] = gpu.thread_id x
//       CHECK:     scf.for %{{.*}} = %[[TX]] to %{{.*}} step %c256
//       CHECK:       memref.store %cst, %[[SUM]][%[[ROW]], %{{.*}}]
//       CHECK:     gpu.barrier
//       CHECK:     scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c256
//       CHECK:       scf.for {{.*}} iter_args
//       CHECK:         arith.addf
//       CHECK:       memref.store %{{.*}}, %[[SUM]][%[[ROW]], %{{.*}}]
//       CHECK:     gpu.barrier
//       CHECK:     scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c256
//       CHECK:       memref.load %[[SUM]][%[[ROW]], %{{.*}}]
//       CHECK:       arith.divf
//       CHECK:       memref.store %{{.*}}, %[[Y]][%[[ROW]], %{{.*}}, %{{.*}}]
//   CHECK-NOT:     gpu.barrier
//       CHECK:     gpu.terminator
//   CHECK-NOT:   linalg.
//
// EMU-LABEL: func.func @layer_norm
//   EMU-NOT:   gpu.
//       EMU:   scf.for
//       EMU:     scf.for
//       EMU:       scf.for
func.func @layer_norm(%x: memref<?x4x8xf32>) -> memref<?x4x8xf32> {
  %c0 = arith.constant 0 : index
  %zero = arith.constant 0.0 : f32
  %n = arith.constant 8.0 : f32
  %b = memref.dim %x, %c0 : memref<?x4x8xf32>
  %sum = memref.alloc(%b) : memref<?x4xf32>
  linalg.fill ins(%zero : f32) outs(%sum : memref<?x4xf32>)
  linalg.generic {indexing_maps = [#id3, #red3],
                  iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x : memref<?x4x8xf32>) outs(%sum : memref<?x4xf32>) {
  ^bb0(%v: f32, %acc: f32):
    %s = arith.addf %v, %acc : f32
    linalg.yield %s : f32
  }
  %y = memref.alloc(%b) : memref<?x4x8xf32>
  linalg.generic {indexing_maps = [#id3, #red3, #id3],
                  iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%x, %sum : memref<?x4x8xf32>, memref<?x4xf32>)
      outs(%y : memref<?x4x8xf32>) {
  ^bb0(%v: f32, %s: f32, %o: f32):
    %mean = arith.divf %s, %n : f32
    %d = arith.subf %v, %mean : f32
    linalg.yield %d : f32
  }
  memref.dealloc %sum : memref<?x4xf32>
  return %y : memref<?x4x8xf32>
}

// -----

#id3 = affine_map<(b, g, n) -> (b, g, n)>
#red3 = affine_map<(b, g, n) -> (b, g)>

// A lone reduction is left to the grid-wide path: nothing to fuse.
// CHECK-LABEL: func.func @lone_reduction
//   CHECK-NOT:   gpu.launch
//       CHECK:   linalg.generic
func.func @lone_reduction(%x: memref<2x4x8xf32>, %sum: memref<2x4xf32>) {
  linalg.generic {indexing_maps = [#id3, #red3],
                  iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x : memref<2x4x8xf32>) outs(%sum : memref<2x4xf32>) {
  ^bb0(%v: f32, %acc: f32):
    %s = arith.addf %v, %acc : f32
    linalg.yield %s : f32
  }
  return
}

// -----

#id = affine_map<(i, j) -> (i, j)>
#t = affine_map<(i, j) -> (j, i)>
#red = affine_map<(i, j) -> (i)>

// The second op reads what the first wrote across rows (a transpose): a
// block could read a row another block has not written yet, so the ops are
// not combined (and each alone is not worth a row kernel).
// CHECK-LABEL: func.func @across_rows
//   CHECK-NOT:   gpu.launch
//       CHECK:   linalg.generic
//       CHECK:   linalg.generic
func.func @across_rows(%x: memref<8x8xf32>) -> memref<8xf32> {
  %a = memref.alloc() : memref<8x8xf32>
  linalg.generic {indexing_maps = [#id, #id],
                  iterator_types = ["parallel", "parallel"]}
      ins(%x : memref<8x8xf32>) outs(%a : memref<8x8xf32>) {
  ^bb0(%v: f32, %o: f32):
    %e = math.exp %v : f32
    linalg.yield %e : f32
  }
  %s = memref.alloc() : memref<8xf32>
  linalg.generic {indexing_maps = [#t, #red],
                  iterator_types = ["parallel", "reduction"]}
      ins(%a : memref<8x8xf32>) outs(%s : memref<8xf32>) {
  ^bb0(%v: f32, %acc: f32):
    %r = arith.addf %v, %acc : f32
    linalg.yield %r : f32
  }
  return %s : memref<8xf32>
}

// -----

// Copies between buffers become device copies.
// CHECK-LABEL: func.func @copy
//       CHECK:   linalg.copy ins(%arg0 : memref<4x8xf32>) outs(%arg1 : memref<4x8xf32>)
//   CHECK-NOT:   memref.copy
func.func @copy(%a: memref<4x8xf32>, %b: memref<4x8xf32>) {
  memref.copy %a, %b : memref<4x8xf32> to memref<4x8xf32>
  return
}
