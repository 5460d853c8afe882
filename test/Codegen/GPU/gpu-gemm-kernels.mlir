// RUN: hyper-opt %s -hyper-gpu-gemm-kernels -split-input-file | FileCheck %s
// RUN: hyper-opt %s -hyper-gpu-gemm-kernels=epilogue=false -split-input-file \
// RUN:   | FileCheck %s --check-prefix=NOEPI
// RUN: hyper-opt %s -hyper-gpu-gemm-kernels=emulate=true -split-input-file \
// RUN:   | FileCheck %s --check-prefix=EMU

#mk = affine_map<(m, n, k) -> (m, k)>
#nk = affine_map<(m, n, k) -> (n, k)>
#mn = affine_map<(m, n, k) -> (m, n)>
#id = affine_map<(i, j) -> (i, j)>

// A row-scaled layer with tanh: the fill becomes the accumulators' initial
// value, the GEMM runs on 16 × 64 tiles of A and B in workgroup memory (K =
// 32: aligned four-wide loads), and the scaling and tanh apply to the
// registers; only the result is stored, the product never is.
// CHECK-LABEL: func.func @row_scaled_tanh
//  CHECK-SAME:   (%[[X:.*]]: memref<64x32xf32>, %[[W:.*]]: memref<128x32xf32>, %[[D:.*]]: memref<64x128xf32>)
//       CHECK:   %[[OUT:.*]] = memref.alloc() : memref<64x128xf32>
//   CHECK-NOT:   linalg.
//       CHECK:   gpu.launch blocks({{.*}}) in ({{.*}}) threads({{.*}}) in (%{{.*}} = %c16{{.*}}, %{{.*}} = %c16{{.*}}, %{{.*}} = %c1{{.*}}) workgroup(%[[AT:.*]] : memref<16x64xf32, #gpu.address_space<workgroup>>, %[[BT:.*]] : memref<16x64xf32, #gpu.address_space<workgroup>>)
//       CHECK:     %[[ACC:.*]] = memref.alloca() : memref<16xf32>
//       CHECK:     memref.store %[[ZERO:.*]], %[[ACC]]
//       CHECK:     scf.for
//       CHECK:       vector.load %[[X]]{{.*}} {alignment = 16 : i64}
//       CHECK:       vector.load %[[W]]{{.*}} {alignment = 16 : i64}
//       CHECK:       gpu.barrier
//       CHECK:       math.fma
//       CHECK:       gpu.barrier
//       CHECK:     memref.load %[[D]]
//       CHECK:     arith.mulf
//       CHECK:     math.tanh
//       CHECK:     memref.store %{{.*}}, %[[OUT]]
//   CHECK-NOT:     memref.store %{{.*}}, %alloc[
//       CHECK:     gpu.terminator
//   CHECK-NOT:   linalg.
//
// Without epilogue fusion the product is stored and the scaling stays.
// NOEPI-LABEL: func.func @row_scaled_tanh
//       NOEPI:   gpu.launch
//       NOEPI:     memref.store %{{.*}}, %alloc
//       NOEPI:   linalg.generic
//
// Emulated: host loops over blocks and threads, no barriers; the stack
// tiles and the accumulators allocated once at the function's start (in
// the loops their stack would never be released).
// EMU-LABEL: func.func @row_scaled_tanh
//   EMU-NOT:   gpu.
//   EMU-DAG:   memref.alloca() : memref<16x16x16xf32>
//   EMU-DAG:   memref.alloca() : memref<16x64xf32>
//   EMU-DAG:   memref.alloca() : memref<16x64xf32>
//   EMU-NOT:   memref.alloca
//       EMU:   scf.for
//       EMU:     scf.for
//   EMU-NOT:   memref.alloca
//   EMU-NOT:   gpu.
//       EMU:   return
func.func @row_scaled_tanh(%x: memref<64x32xf32>, %w: memref<128x32xf32>,
                           %d: memref<64x128xf32>) -> memref<64x128xf32> {
  %zero = arith.constant 0.0 : f32
  %c = memref.alloc() : memref<64x128xf32>
  %out = memref.alloc() : memref<64x128xf32>
  linalg.fill ins(%zero : f32) outs(%c : memref<64x128xf32>)
  linalg.matmul indexing_maps = [#mk, #nk, #mn]
      ins(%x, %w : memref<64x32xf32>, memref<128x32xf32>)
      outs(%c : memref<64x128xf32>)
  linalg.generic {indexing_maps = [#id, #id, #id],
                  iterator_types = ["parallel", "parallel"]}
      ins(%c, %d : memref<64x128xf32>, memref<64x128xf32>)
      outs(%out : memref<64x128xf32>) {
  ^bb0(%p: f32, %s: f32, %o: f32):
    %y = arith.mulf %p, %s : f32
    %t = math.tanh %y : f32
    linalg.yield %t : f32
  }
  memref.dealloc %c : memref<64x128xf32>
  return %out : memref<64x128xf32>
}

// -----

#mk = affine_map<(m, n, k) -> (m, k)>
#kn = affine_map<(m, n, k) -> (k, n)>
#mn = affine_map<(m, n, k) -> (m, n)>
#g0 = affine_map<(b, n) -> (b, 0, n)>
#g1 = affine_map<(b, n) -> (b, 1, n)>
#g2 = affine_map<(b, n) -> (b, 2, n)>
#g3 = affine_map<(b, n) -> (b, 3, n)>
#id = affine_map<(b, n) -> (b, n)>

// LSTM gates: the gate GEMM [2, 16] × [16, 4·8] accumulates into the
// precomputed input part (loaded, not a fill); the cell update reads the
// four gates of a unit through the [2, 4, 8] view, so each thread's four
// register columns are the i, g, f, o of one unit (column g·8 + n) and the
// cell and output updates happen in that thread. Two rows at batch 2: 16 × 2
// threads.
// CHECK-LABEL: func.func @gates
//  CHECK-SAME:   (%[[H:.*]]: memref<2x16xf32>, %[[W:.*]]: memref<16x32xf32>, %[[PRE:.*]]: memref<2x32xf32>, %[[C0:.*]]: memref<2x8xf32>)
//       CHECK:   %[[COUT:.*]] = memref.alloc() : memref<2x8xf32>
//       CHECK:   %[[HOUT:.*]] = memref.alloc() : memref<2x8xf32>
//   CHECK-NOT:   linalg.
//       CHECK:   gpu.launch blocks({{.*}}) in ({{.*}}) threads({{.*}}) in (%{{.*}} = %c16{{.*}}, %{{.*}} = %c2{{.*}}, %{{.*}} = %c1{{.*}}) workgroup(%{{.*}} : memref<16x2xf32, #gpu.address_space<workgroup>>, %{{.*}} : memref<16x64xf32, #gpu.address_space<workgroup>>)
//       CHECK:     memref.load %[[PRE]]
//       CHECK:     gpu.barrier
// The product goes back to the caller's buffer; then the gates.
//       CHECK:     memref.store %{{.*}}, %[[PRE]]
//       CHECK:     math.exp
//       CHECK:     math.tanh
//       CHECK:     memref.store %{{.*}}, %[[COUT]]
//       CHECK:     memref.store %{{.*}}, %[[HOUT]]
//       CHECK:     gpu.terminator
//   CHECK-NOT:   linalg.
func.func @gates(%h: memref<2x16xf32>, %w: memref<16x32xf32>,
                 %pre: memref<2x32xf32>, %c0: memref<2x8xf32>)
    -> (memref<2x8xf32>, memref<2x8xf32>) {
  %cout = memref.alloc() : memref<2x8xf32>
  %hout = memref.alloc() : memref<2x8xf32>
  linalg.matmul indexing_maps = [#mk, #kn, #mn]
      ins(%h, %w : memref<2x16xf32>, memref<16x32xf32>)
      outs(%pre : memref<2x32xf32>)
  %v = memref.expand_shape %pre [[0], [1, 2]] output_shape [2, 4, 8]
      : memref<2x32xf32> into memref<2x4x8xf32>
  linalg.generic {indexing_maps = [#g0, #g1, #g2, #id, #id],
                  iterator_types = ["parallel", "parallel"]}
      ins(%v, %v, %v, %c0 : memref<2x4x8xf32>, memref<2x4x8xf32>,
          memref<2x4x8xf32>, memref<2x8xf32>)
      outs(%cout : memref<2x8xf32>) {
  ^bb0(%i: f32, %g: f32, %f: f32, %c: f32, %o: f32):
    %ei = math.exp %i : f32
    %tg = math.tanh %g : f32
    %a = arith.mulf %ei, %tg : f32
    %b = arith.mulf %f, %c : f32
    %s = arith.addf %a, %b : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [#g3, #id, #id],
                  iterator_types = ["parallel", "parallel"]}
      ins(%v, %cout : memref<2x4x8xf32>, memref<2x8xf32>)
      outs(%hout : memref<2x8xf32>) {
  ^bb0(%o: f32, %c: f32, %out: f32):
    %t = math.tanh %c : f32
    %y = arith.mulf %o, %t : f32
    linalg.yield %y : f32
  }
  return %cout, %hout : memref<2x8xf32>, memref<2x8xf32>
}

// -----

#mk = affine_map<(m, n, k) -> (m, k)>
#nk = affine_map<(m, n, k) -> (n, k)>
#mn = affine_map<(m, n, k) -> (m, n)>
#id = affine_map<(i, j) -> (i, j)>
#g0 = affine_map<(i, j) -> (i, 0, j)>
#g1 = affine_map<(i, j) -> (i, 1, j)>
#g3 = affine_map<(i, j) -> (i, 3, j)>

// The same gates with weights in [out, in] layout at batch 2: a skinny
// GEMM. A warp (32 lanes; 8 warps a block) computes one unit's four gate
// columns for both rows: the lanes stride through K = 16 with 4-wide
// vector loads of W's rows and h, keep 2 · 4 partial sums, and leave them
// in workgroup memory (a lane's 8 slots padded to 9 words: no bank
// conflicts); after a barrier lane s adds up slot s over the 32 lanes onto
// the loaded input part, and after another lane i runs row i's cell update.
// CHECK-LABEL: func.func @skinny_gates
//  CHECK-SAME:   (%[[H:.*]]: memref<2x16xf32>, %[[W:.*]]: memref<32x16xf32>, %[[PRE:.*]]: memref<2x32xf32>, %[[C0:.*]]: memref<2x8xf32>)
//       CHECK:   %[[COUT:.*]] = memref.alloc() : memref<2x8xf32>
//       CHECK:   %[[HOUT:.*]] = memref.alloc() : memref<2x8xf32>
//   CHECK-NOT:   linalg.
//       CHECK:   gpu.launch blocks({{.*}}) in ({{.*}}) threads({{.*}}) in (%{{.*}} = %c32{{.*}}, %{{.*}} = %c8{{.*}}, %{{.*}} = %c1{{.*}}) workgroup(%[[PART:.*]] : memref<8x32x9xf32, #gpu.address_space<workgroup>>, %[[TOT:.*]] : memref<8x8xf32, #gpu.address_space<workgroup>>)
//       CHECK:     scf.for
//       CHECK:       vector.load %[[H]]{{.*}} {alignment = 16 : i64} : memref<2x16xf32>, vector<4xf32>
//       CHECK:       vector.load %[[W]]{{.*}} {alignment = 16 : i64} : memref<32x16xf32>, vector<4xf32>
//       CHECK:       math.fma
//       CHECK:     memref.store %{{.*}}, %[[PART]]
//       CHECK:     gpu.barrier
//       CHECK:     scf.if
//       CHECK:       memref.load %[[PRE]]
//       CHECK:       scf.for
//       CHECK:         memref.load %[[PART]]
//       CHECK:       memref.store %{{.*}}, %[[TOT]]
//       CHECK:     gpu.barrier
//       CHECK:     scf.if
//       CHECK:       memref.load %[[TOT]]
//       CHECK:       math.exp
//       CHECK:       math.tanh
//       CHECK:       memref.store %{{.*}}, %[[COUT]]
//       CHECK:       memref.store %{{.*}}, %[[HOUT]]
//   CHECK-NOT:     gpu.barrier
//       CHECK:     gpu.terminator
//   CHECK-NOT:   linalg.
// EMU-LABEL: func.func @skinny_gates
//   EMU-NOT:   gpu.launch
//       EMU:   memref.alloca() : memref<8x32x9xf32>
//       EMU:   math.fma
//       EMU:   math.exp
func.func @skinny_gates(%h: memref<2x16xf32>, %w: memref<32x16xf32>,
                        %pre: memref<2x32xf32>, %c0: memref<2x8xf32>)
    -> (memref<2x8xf32>, memref<2x8xf32>) {
  %cout = memref.alloc() : memref<2x8xf32>
  %hout = memref.alloc() : memref<2x8xf32>
  linalg.matmul indexing_maps = [#mk, #nk, #mn]
      ins(%h, %w : memref<2x16xf32>, memref<32x16xf32>)
      outs(%pre : memref<2x32xf32>)
  %v = memref.expand_shape %pre [[0], [1, 2]] output_shape [2, 4, 8]
      : memref<2x32xf32> into memref<2x4x8xf32>
  linalg.generic {indexing_maps = [#g0, #g1, #id, #id],
                  iterator_types = ["parallel", "parallel"]}
      ins(%v, %v, %c0 : memref<2x4x8xf32>, memref<2x4x8xf32>, memref<2x8xf32>)
      outs(%cout : memref<2x8xf32>) {
  ^bb0(%i: f32, %g: f32, %c: f32, %o: f32):
    %ei = math.exp %i : f32
    %tg = math.tanh %g : f32
    %a = arith.mulf %ei, %tg : f32
    %s = arith.addf %a, %c : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [#g3, #id, #id],
                  iterator_types = ["parallel", "parallel"]}
      ins(%v, %cout : memref<2x4x8xf32>, memref<2x8xf32>)
      outs(%hout : memref<2x8xf32>) {
  ^bb0(%o: f32, %c: f32, %out: f32):
    %t = math.tanh %c : f32
    %y = arith.mulf %o, %t : f32
    linalg.yield %y : f32
  }
  return %cout, %hout : memref<2x8xf32>, memref<2x8xf32>
}

// A row of h against a column slice of a wider weight matrix (rows 1050
// floats apart, not 16-byte aligned): scalar loads, the lanes reading
// consecutive k (coalesced); the fill of C becomes the sums' initial value.
// CHECK-LABEL: func.func @skinny_strided
//       CHECK:   gpu.launch {{.*}} threads({{.*}}) in (%{{.*}} = %c32{{.*}}, %{{.*}} = %c8{{.*}}, %{{.*}} = %c1{{.*}}) workgroup(%{{.*}} : memref<8x32x2xf32, #gpu.address_space<workgroup>>, %{{.*}} : memref<8x1xf32, #gpu.address_space<workgroup>>)
//   CHECK-NOT:     vector.load
//       CHECK:     memref.load %{{.*}} : memref<512x1000xf32, strided<[1050, 1], offset: 50>>
//       CHECK:     gpu.terminator
//   CHECK-NOT:   linalg.
func.func @skinny_strided(%h: memref<1x1000xf32>, %w: memref<512x1050xf32>,
                          %y: memref<1x512xf32>) {
  %zero = arith.constant 0.0 : f32
  %slice = memref.subview %w[0, 50] [512, 1000] [1, 1]
      : memref<512x1050xf32> to memref<512x1000xf32, strided<[1050, 1], offset: 50>>
  linalg.fill ins(%zero : f32) outs(%y : memref<1x512xf32>)
  linalg.matmul indexing_maps = [#mk, #nk, #mn]
      ins(%h, %slice : memref<1x1000xf32>, memref<512x1000xf32, strided<[1050, 1], offset: 50>>)
      outs(%y : memref<1x512xf32>)
  return
}

// The step's precomputed input part is copied into a fresh buffer and the
// recurrent GEMM accumulates onto it: the copy goes, the kernel starts its
// sums from the copy's source and stores C.
// CHECK-LABEL: func.func @accumulate_onto_copy
//  CHECK-SAME:   (%[[H:.*]]: memref<1x16xf32>, %[[W:.*]]: memref<32x16xf32>, %[[PRE:.*]]: memref<4x32xf32>, %[[T:.*]]: index)
//       CHECK:   %[[ROW:.*]] = memref.subview %[[PRE]][%[[T]], 0] [1, 32] [1, 1]
//       CHECK:   %[[C:.*]] = memref.alloc() : memref<1x32xf32>
//   CHECK-NOT:   memref.copy
//       CHECK:   gpu.launch
//       CHECK:     gpu.barrier
//       CHECK:     memref.load %[[ROW]]
//       CHECK:     memref.store %{{.*}}, %[[C]]
//       CHECK:     gpu.terminator
//   CHECK-NOT:   memref.copy
//       CHECK:   return %[[C]]
func.func @accumulate_onto_copy(%h: memref<1x16xf32>, %w: memref<32x16xf32>,
                                %pre: memref<4x32xf32>, %t: index)
    -> memref<1x32xf32> {
  %row = memref.subview %pre[%t, 0] [1, 32] [1, 1]
      : memref<4x32xf32> to memref<1x32xf32, strided<[32, 1], offset: ?>>
  %c = memref.alloc() : memref<1x32xf32>
  memref.copy %row, %c : memref<1x32xf32, strided<[32, 1], offset: ?>> to memref<1x32xf32>
  linalg.matmul indexing_maps = [#mk, #nk, #mn]
      ins(%h, %w : memref<1x16xf32>, memref<32x16xf32>)
      outs(%c : memref<1x32xf32>)
  return %c : memref<1x32xf32>
}

// 20 rows: warps of 8 rows, the grid's y over three row blocks, the last
// one partial (its rows past 20 neither loaded nor finished).
// CHECK-LABEL: func.func @twenty_rows
//       CHECK:   %[[C3:.*]] = arith.constant 3 : index
//       CHECK:   gpu.launch blocks({{.*}}) in (%{{.*}} = %{{.*}}, %{{.*}} = %[[C3]], %{{.*}} = %c1{{.*}}) threads({{.*}}) in (%{{.*}} = %c32{{.*}}, %{{.*}} = %c8{{.*}}, %{{.*}} = %c1{{.*}}) workgroup(%{{.*}} : memref<8x32x9xf32, #gpu.address_space<workgroup>>, %{{.*}} : memref<8x8xf32, #gpu.address_space<workgroup>>)
//       CHECK:     arith.cmpi ult, %{{.*}}, %c20
//       CHECK:     gpu.barrier
//       CHECK:     arith.cmpi ult, %{{.*}}, %c20
//       CHECK:     gpu.barrier
//       CHECK:     arith.cmpi ult, %{{.*}}, %c20
//       CHECK:     gpu.terminator
func.func @twenty_rows(%x: memref<20x64xf32>, %w: memref<128x64xf32>,
                       %y: memref<20x128xf32>) {
  linalg.matmul indexing_maps = [#mk, #nk, #mn]
      ins(%x, %w : memref<20x64xf32>, memref<128x64xf32>)
      outs(%y : memref<20x128xf32>)
  return
}

// 33 rows (more than a skinny GEMM's 32): the tiled schedule.
// CHECK-LABEL: func.func @thirty_three_rows
//       CHECK:   gpu.launch {{.*}} threads({{.*}}) in (%{{.*}} = %c16{{.*}}, %{{.*}} = %c16{{.*}}, %{{.*}} = %c1{{.*}})
func.func @thirty_three_rows(%x: memref<33x64xf32>, %w: memref<128x64xf32>,
                             %y: memref<33x128xf32>) {
  linalg.matmul indexing_maps = [#mk, #nk, #mn]
      ins(%x, %w : memref<33x64xf32>, memref<128x64xf32>)
      outs(%y : memref<33x128xf32>)
  return
}

// -----

#mk = affine_map<(m, n, k) -> (m, k)>
#nk = affine_map<(m, n, k) -> (n, k)>
#mn = affine_map<(m, n, k) -> (m, n)>
#id = affine_map<(i, j) -> (i, j)>

// An epilogue that writes over the GEMM's own input (an in-place state
// update) would race with other blocks still reading it: the GEMM becomes a
// kernel that stores its product, the epilogue stays; the product is read
// again later, so it is stored anyway.
// CHECK-LABEL: func.func @epilogue_overwrites_input
//       CHECK:   gpu.launch
//       CHECK:     memref.store %{{.*}}, %[[P:.*]][
//       CHECK:     gpu.terminator
//       CHECK:   linalg.generic
//  CHECK-SAME:     outs(%arg0 : memref<64x64xf32>)
func.func @epilogue_overwrites_input(%x: memref<64x64xf32>,
                                     %w: memref<64x64xf32>,
                                     %p: memref<64x64xf32>) {
  linalg.matmul indexing_maps = [#mk, #nk, #mn]
      ins(%x, %w : memref<64x64xf32>, memref<64x64xf32>)
      outs(%p : memref<64x64xf32>)
  linalg.generic {indexing_maps = [#id, #id],
                  iterator_types = ["parallel", "parallel"]}
      ins(%p : memref<64x64xf32>) outs(%x : memref<64x64xf32>) {
  ^bb0(%v: f32, %o: f32):
    %t = math.tanh %v : f32
    linalg.yield %t : f32
  }
  return
}

// -----

#mk = affine_map<(m, n, k) -> (m, k)>
#kn = affine_map<(m, n, k) -> (k, n)>
#mn = affine_map<(m, n, k) -> (m, n)>

// f64 GEMMs are left to the one-thread-per-element path.
// CHECK-LABEL: func.func @f64
//   CHECK-NOT:   gpu.launch
//       CHECK:   linalg.matmul
func.func @f64(%a: memref<8x8xf64>, %b: memref<8x8xf64>, %c: memref<8x8xf64>) {
  linalg.matmul indexing_maps = [#mk, #kn, #mn]
      ins(%a, %b : memref<8x8xf64>, memref<8x8xf64>)
      outs(%c : memref<8x8xf64>)
  return
}

// -----

// A convolution is an implicit GEMM per image: filters [32, 16·3·3] times
// the im2col view of the image [16·3·3, 8·8], one image per grid z; the B
// tile loads gather from the (already padded) input with the stride, and the
// product accumulates onto the output's contents (here the bias).
// CHECK-LABEL: func.func @conv
//  CHECK-SAME:   (%[[IN:.*]]: memref<?x16x17x17xf32>, %[[F:.*]]: memref<32x16x3x3xf32>, %[[OUT:.*]]: memref<?x32x8x8xf32>)
//       CHECK:   %[[N:.*]] = memref.dim %[[OUT]], %c0
//       CHECK:   gpu.launch blocks(%{{.*}}, %{{.*}}, %[[IMG:.*]]) in (%{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}, %{{.*}} = %[[N]]) threads({{.*}}) in (%{{.*}} = %c16{{.*}}, %{{.*}} = %c8{{.*}}, %{{.*}} = %c1{{.*}})
//       CHECK:     memref.load %[[OUT]][%[[IMG]],
//       CHECK:     scf.for
//       CHECK:       memref.load %[[F]]
//       CHECK:       arith.muli %{{.*}}, %c2
//       CHECK:       memref.load %[[IN]][%[[IMG]],
//       CHECK:       gpu.barrier
//       CHECK:       math.fma
//       CHECK:     memref.store %{{.*}}, %[[OUT]][%[[IMG]],
//   CHECK-NOT:   linalg.conv
func.func @conv(%in: memref<?x16x17x17xf32>, %f: memref<32x16x3x3xf32>,
                %out: memref<?x32x8x8xf32>) {
  linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>,
                            strides = dense<2> : tensor<2xi64>}
      ins(%in, %f : memref<?x16x17x17xf32>, memref<32x16x3x3xf32>)
      outs(%out : memref<?x32x8x8xf32>)
  return
}
