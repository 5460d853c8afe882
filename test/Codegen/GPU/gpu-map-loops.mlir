// RUN: hyper-opt %s -hyper-gpu-map-loops -split-input-file | FileCheck %s
// RUN: hyper-opt %s -hyper-gpu-map-loops=block-size=128 -split-input-file | FileCheck %s --check-prefix=B128

// A [10, 300] loop: 256 threads along the innermost dimension (x, the
// contiguous one), one row per block along y; partial tiles are guarded.
// CHECK-LABEL: func.func @rows
//       CHECK:   %[[C256:.*]] = arith.constant 256 : index
//       CHECK:   %[[STEP:.*]] = arith.muli %{{.*}}, %[[C256]]
//       CHECK:   scf.parallel (%[[I:.*]], %[[J:.*]]) = ({{.*}}) to (%c10, %c300) step (%{{.*}}, %[[STEP]])
//       CHECK:     scf.parallel ({{.*}}) = ({{.*}}) to (%{{.*}}, %[[STEP]]) step (%c1, %c1)
//       CHECK:       arith.cmpi ult, %{{.*}}, %c300
//       CHECK:       scf.if
//       CHECK:         math.tanh
//       CHECK:     } {mapping = [#gpu.loop_dim_map<processor = thread_y, {{.*}}>, #gpu.loop_dim_map<processor = thread_x, {{.*}}>]}
//       CHECK:   } {mapping = [#gpu.loop_dim_map<processor = block_y, {{.*}}>, #gpu.loop_dim_map<processor = block_x, {{.*}}>]}
// B128-LABEL: func.func @rows
//       B128:   arith.constant 128 : index
func.func @rows(%a: memref<10x300xf32>, %b: memref<10x300xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c10 = arith.constant 10 : index
  %c300 = arith.constant 300 : index
  scf.parallel (%i, %j) = (%c0, %c0) to (%c10, %c300) step (%c1, %c1) {
    %x = memref.load %a[%i, %j] : memref<10x300xf32>
    %y = math.tanh %x : f32
    memref.store %y, %b[%i, %j] : memref<10x300xf32>
    scf.reduce
  }
  return
}

// -----

// A short innermost dimension ([B=4, T=6, 40]) takes a warp-rounded 64
// threads along x and gives the rest of the block (4) to y; the outermost
// dimension goes to z.
// CHECK-LABEL: func.func @short_rows
//   CHECK-DAG:   arith.constant 64 : index
//   CHECK-DAG:   arith.constant 4 : index
//       CHECK:   mapping = [#gpu.loop_dim_map<processor = thread_z, {{.*}}>, #gpu.loop_dim_map<processor = thread_y, {{.*}}>, #gpu.loop_dim_map<processor = thread_x, {{.*}}>]
//       CHECK:   mapping = [#gpu.loop_dim_map<processor = block_z, {{.*}}>, #gpu.loop_dim_map<processor = block_y, {{.*}}>, #gpu.loop_dim_map<processor = block_x, {{.*}}>]
func.func @short_rows(%a: memref<4x6x40xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c6 = arith.constant 6 : index
  %c40 = arith.constant 40 : index
  %cst = arith.constant 0.0 : f32
  scf.parallel (%i, %j, %k) = (%c0, %c0, %c0) to (%c4, %c6, %c40) step (%c1, %c1, %c1) {
    memref.store %cst, %a[%i, %j, %k] : memref<4x6x40xf32>
    scf.reduce
  }
  return
}

// -----

// Dimensions beyond the third loop sequentially inside each thread.
// CHECK-LABEL: func.func @rank4
//       CHECK:   mapping = [#gpu.loop_dim_map<processor = sequential, {{.*}}>, #gpu.loop_dim_map<processor = thread_z
//       CHECK:   mapping = [#gpu.loop_dim_map<processor = sequential, {{.*}}>, #gpu.loop_dim_map<processor = block_z
func.func @rank4(%a: memref<2x3x4x5xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c4 = arith.constant 4 : index
  %c5 = arith.constant 5 : index
  %cst = arith.constant 0.0 : f32
  scf.parallel (%i, %j, %k, %l) = (%c0, %c0, %c0, %c0) to (%c2, %c3, %c4, %c5) step (%c1, %c1, %c1, %c1) {
    memref.store %cst, %a[%i, %j, %k, %l] : memref<2x3x4x5xf32>
    scf.reduce
  }
  return
}
