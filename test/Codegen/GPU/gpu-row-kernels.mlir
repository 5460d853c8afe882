// RUN: hyper-opt %s -hyper-gpu-row-kernels -split-input-file | FileCheck %s
// RUN: hyper-opt %s -hyper-gpu-row-kernels=emulate=true -split-input-file \
// RUN:   | FileCheck %s --check-prefix=EMU
// RUN: hyper-opt %s -hyper-gpu-row-kernels=print-schedule=true \
// RUN:   --hyper-debug-only=hyper-gpu-row-kernels -split-input-file \
// RUN:   --mlir-print-op-on-diagnostic=false -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=WHY

#id = affine_map<(b, n) -> (b, n)>
#row = affine_map<(b, n) -> (b)>
#id3 = affine_map<(b, g, n) -> (b, g, n)>
#red3 = affine_map<(b, g, n) -> (b, g)>

// Layer norm over the 8 units of each of 4 gates, batch dynamic: the sum,
// the normalisation and the copy of the statistics run in one kernel with a
// block per row (dimension 0 of the first output), 256 threads, a barrier
// between the ops; the other points are strided over the threads. The sum
// has 4 points a row: it is split, 64 threads a point each summing every
// 64th unit into workgroup memory, then one thread a point adding the 64
// partial sums to the output.
// WHY: gpu-row-kernels.mlir:{{[0-9]+}}:3: remark: row kernel of 3 ops (through the op at {{.*}}): a block of 256 threads per row
// CHECK-LABEL: func.func @layer_norm
//  CHECK-SAME:   (%[[X:.*]]: memref<?x4x8xf32>
//       CHECK:   %[[SUM:.*]] = memref.alloc(%[[B:.*]]) : memref<?x4xf32>
//       CHECK:   %[[Y:.*]] = memref.alloc(%[[B]]) : memref<?x4x8xf32>
//       CHECK:   %[[ROWS:.*]] = memref.dim %[[SUM]], %c0
//       CHECK:   gpu.launch blocks(%[[ROW:.*]], %{{.*}}, %{{.*}}) in (%{{.*}} = %[[ROWS]], %{{.*}} = %c1{{.*}}, %{{.*}} = %c1{{.*}}) threads({{.*}}) in (%{{.*}} = %c256{{.*}}, %{{.*}} = %c1{{.*}}, %{{.*}} = %c1{{.*}}) workgroup(%[[PART:.*]] : memref<256xf32, #gpu.address_space<workgroup>>)
//       CHECK:     %[[TX:.*]] = gpu.thread_id x
//       CHECK:     scf.for %{{.*}} = %[[TX]] to %{{.*}} step %c256
//       CHECK:       memref.store %cst, %[[SUM]][%[[ROW]], %{{.*}}]
//       CHECK:     gpu.barrier
//       CHECK:     %[[TX2:.*]] = gpu.thread_id x
//       CHECK:     %[[POINT:.*]] = arith.divui %[[TX2]], %c64{{.*}}
//       CHECK:     %[[PART_OF:.*]] = arith.remui %[[TX2]], %c64{{.*}}
//       CHECK:     arith.cmpi ult, %[[POINT]], %c4{{.*}}
//       CHECK:     scf.for %{{.*}} = %[[PART_OF]] to %{{.*}} step %c64{{.*}} iter_args
//       CHECK:       arith.addf
//       CHECK:     memref.store %{{.*}}, %[[PART]][%{{.*}}]
//       CHECK:     gpu.barrier
//       CHECK:     arith.cmpi ult, %{{.*}}, %c4{{.*}}
//       CHECK:       memref.load %[[SUM]][%[[ROW]], %{{.*}}]
//       CHECK:       scf.for %{{.*}} = %c0{{.*}} to %c64{{.*}} step %c1{{.*}} iter_args
//       CHECK:         memref.load %[[PART]]
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

// A sum of squares through fma (the variance) splits like a sum: the
// partial sums start at zero and the fma accumulates into them.
// CHECK-LABEL: func.func @sum_of_squares
//       CHECK:   gpu.launch {{.*}} workgroup(%[[PART:.*]] : memref<256xf32, #gpu.address_space<workgroup>>)
//       CHECK:     scf.for {{.*}} step %c64{{.*}} iter_args
//       CHECK:       math.fma
//       CHECK:     memref.store %{{.*}}, %[[PART]]
//       CHECK:     gpu.barrier
func.func @sum_of_squares(%x: memref<2x4x300xf32>, %y: memref<2x4x300xf32>) {
  %zero = arith.constant 0.0 : f32
  %v = memref.alloc() : memref<2x4xf32>
  linalg.fill ins(%zero : f32) outs(%v : memref<2x4xf32>)
  linalg.generic {indexing_maps = [#id3, #red3],
                  iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x : memref<2x4x300xf32>) outs(%v : memref<2x4xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %s = math.fma %a, %a, %acc : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [#id3, #red3, #id3],
                  iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%x, %v : memref<2x4x300xf32>, memref<2x4xf32>)
      outs(%y : memref<2x4x300xf32>) {
  ^bb0(%a: f32, %s: f32, %o: f32):
    %d = arith.divf %a, %s : f32
    linalg.yield %d : f32
  }
  memref.dealloc %v : memref<2x4xf32>
  return
}

// -----

#id3 = affine_map<(b, g, n) -> (b, g, n)>
#red3 = affine_map<(b, g, n) -> (b, g)>

// A maximum is not a sum: its reduction loop stays inside one thread per
// point (no workgroup memory).
// CHECK-LABEL: func.func @row_max
//       CHECK:   gpu.launch
//   CHECK-NOT:     workgroup
//       CHECK:     scf.for {{.*}} iter_args
//       CHECK:       arith.maximumf
func.func @row_max(%x: memref<2x4x8xf32>, %y: memref<2x4x8xf32>) {
  %low = arith.constant -1.0e30 : f32
  %m = memref.alloc() : memref<2x4xf32>
  linalg.fill ins(%low : f32) outs(%m : memref<2x4xf32>)
  linalg.generic {indexing_maps = [#id3, #red3],
                  iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x : memref<2x4x8xf32>) outs(%m : memref<2x4xf32>) {
  ^bb0(%v: f32, %acc: f32):
    %s = arith.maximumf %v, %acc : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [#id3, #red3, #id3],
                  iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%x, %m : memref<2x4x8xf32>, memref<2x4xf32>)
      outs(%y : memref<2x4x8xf32>) {
  ^bb0(%v: f32, %mx: f32, %o: f32):
    %d = arith.subf %v, %mx : f32
    linalg.yield %d : f32
  }
  memref.dealloc %m : memref<2x4xf32>
  return
}

// -----

#id3 = affine_map<(b, g, n) -> (b, g, n)>
#red3 = affine_map<(b, g, n) -> (b, g)>

// A lone reduction is left to the grid-wide path: nothing to fuse.
// WHY: [hyper-gpu-row-kernels] {{.*}}: linalg.generic: a run of 1 row-local ops left to hyper-gpu-map-loops: a single op
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
// WHY: [hyper-gpu-row-kernels] {{.*}}: linalg.generic: does not join the run from {{.*}}: reads another row of what the run writes
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
