// RUN: hyper-opt %s -hyper-cpu-vectorize -split-input-file | FileCheck %s
// RUN: hyper-opt %s -hyper-cpu-vectorize=vector-width=8 -split-input-file | FileCheck %s --check-prefix=AVX2
// RUN: hyper-opt %s -hyper-cpu-vectorize=vector-width=2 -split-input-file -mlir-print-local-scope | FileCheck %s --check-prefix=PACK

// x·Wᵀ against an [out, in] weight: W is transposed to [K, N] once, then the
// matmul is tiled for the caches (64 rows, 32 columns, K panels of 512) and
// the registers (2 vectors of 16 lanes, 8 rows: the rows inner, so that a
// block of B stays in L1 for all of them; K step 1, the accumulators carried
// in registers). The dynamic batch's last rows (fewer than 8) go one by one,
// unmasked; the last 8 columns (4008 = 125·32 + 8) are masked. (One row at
// run time takes dot products along W's rows instead: the scf.if.)
// CHECK-LABEL: func.func @gemm_transposed_weight
//  CHECK-SAME:   (%[[X:.*]]: tensor<?x1000xf32>, %[[W:.*]]: tensor<4008x1000xf32>)
//       CHECK:   scf.if
//       CHECK:   } else {
//       CHECK:   %[[WT:.*]] = linalg.transpose ins(%[[W]] : tensor<4008x1000xf32>) outs(%{{.*}} : tensor<1000x4008xf32>) permutation = [1, 0]
//       CHECK:   scf.for {{.*}} step %c64
//       CHECK:     scf.for {{.*}} = %c0 to %c4008 step %c32
//       CHECK:       scf.for {{.*}} step %c512
//       CHECK:         scf.for {{.*}} step %c32
//       CHECK:           scf.for {{.*}} step %c8
//       CHECK:             scf.for {{.*}} -> (vector<8x32xf32>)
//       CHECK:               vector.contract {{.*}} : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
//       CHECK:           scf.for {{.*}} step %c8
//       CHECK:             scf.for {{.*}} step %c1
//       CHECK:               scf.for {{.*}} -> (vector<1x32xf32>)
//       CHECK:                 vector.contract {{.*}} : vector<1x1xf32>, vector<1x32xf32> into vector<1x32xf32>
//       CHECK:         scf.for {{.*}} step %c32
//       CHECK:           vector.create_mask %c8, %{{.*}}, %c1 : vector<8x32x1xi1>
//       CHECK:           vector.mask {{.*}} vector.contract {{.*}} : vector<8x1xf32>, vector<8x32x1xf32> into vector<8x32xf32>
//       CHECK:           vector.mask {{.*}} vector.contract {{.*}} : vector<1x1xf32>, vector<1x32x1xf32> into vector<1x32xf32>
//   CHECK-NOT:   linalg.matmul
// At 8 lanes the register tile has 6 rows: 12 accumulators, 2 B vectors and
// the broadcast fit AVX2's 16 registers.
// AVX2-LABEL: func.func @gemm_transposed_weight
//       AVX2:   vector.contract {{.*}} into vector<6x16xf32>
func.func @gemm_transposed_weight(%x: tensor<?x1000xf32>, %w: tensor<4008x1000xf32>)
    -> tensor<?x4008xf32> {
  %cst = arith.constant 0.0 : f32
  %c0 = arith.constant 0 : index
  %d = tensor.dim %x, %c0 : tensor<?x1000xf32>
  %e = tensor.empty(%d) : tensor<?x4008xf32>
  %f = linalg.fill ins(%cst : f32) outs(%e : tensor<?x4008xf32>) -> tensor<?x4008xf32>
  %r = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                                      affine_map<(m, n, k) -> (n, k)>,
                                      affine_map<(m, n, k) -> (m, n)>]
      ins(%x, %w : tensor<?x1000xf32>, tensor<4008x1000xf32>)
      outs(%f : tensor<?x4008xf32>) -> tensor<?x4008xf32>
  return %r : tensor<?x4008xf32>
}

// -----

// A constant weight is transposed at compile time; static dimensions smaller
// than a tile are taken whole (no masks along them).
// CHECK-LABEL: func.func @constant_weight_small_dims
//       CHECK:   arith.constant dense<{{\[}}[1.000000e+00, 3.000000e+00], [2.000000e+00, 4.000000e+00]]> : tensor<2x2xf32>
//   CHECK-NOT:   linalg.transpose
// With static tiles the broadcasts fold into the contraction (an outer
// product per K step) and the accumulator tile is carried by the K loop.
//       CHECK:   scf.for {{.*}} iter_args(%[[ACC:.*]] = %{{.*}}) -> (vector<4x2xf32>)
//       CHECK:     vector.contract {{.*}} %{{.*}}, %{{.*}}, %[[ACC]] : vector<4x1xf32>, vector<1x2xf32> into vector<4x2xf32>
//   CHECK-NOT:   vector.mask
func.func @constant_weight_small_dims(%x: tensor<4x2xf32>) -> tensor<4x2xf32> {
  %w = arith.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %cst = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x2xf32>
  %f = linalg.fill ins(%cst : f32) outs(%e : tensor<4x2xf32>) -> tensor<4x2xf32>
  %r = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                                      affine_map<(m, n, k) -> (n, k)>,
                                      affine_map<(m, n, k) -> (m, n)>]
      ins(%x, %w : tensor<4x2xf32>, tensor<2x2xf32>)
      outs(%f : tensor<4x2xf32>) -> tensor<4x2xf32>
  return %r : tensor<4x2xf32>
}

// -----

// Loop-invariant weight transposes leave the loop.
// CHECK-LABEL: func.func @transpose_hoisted
//       CHECK:   linalg.transpose
//       CHECK:   scf.for
//   CHECK-NOT:     linalg.transpose
func.func @transpose_hoisted(%x: tensor<2x8xf32>, %w: tensor<8x8xf32>, %n: index) -> tensor<2x8xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %cst = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x8xf32>
  %f = linalg.fill ins(%cst : f32) outs(%e : tensor<2x8xf32>) -> tensor<2x8xf32>
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%h = %x) -> (tensor<2x8xf32>) {
    %y = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                                        affine_map<(m, n, k) -> (n, k)>,
                                        affine_map<(m, n, k) -> (m, n)>]
        ins(%h, %w : tensor<2x8xf32>, tensor<8x8xf32>)
        outs(%f : tensor<2x8xf32>) -> tensor<2x8xf32>
    scf.yield %y : tensor<2x8xf32>
  }
  return %r : tensor<2x8xf32>
}

// -----

// With parallel=true the M×N cache tiles form an scf.forall (the unit of
// threading); K panels and register tiles stay sequential inside it (a
// cache tile is one register tile wide: no loop over its columns). The
// zero fill of C is fused into the tiles: no pass over all of C first.
// RUN: hyper-opt %s -hyper-cpu-vectorize=parallel=true -split-input-file | FileCheck %s --check-prefix=PAR
// PAR-LABEL: func.func @gemm_parallel
//   PAR-NOT:   linalg.fill
//       PAR:   scf.forall ({{.*}}) = (0, 0) to (256, 4000) step (64, 32)
//       PAR:     linalg.fill {{.*}} -> tensor<64x32xf32>
//       PAR:     scf.for {{.*}} step %c512
//       PAR:       scf.for {{.*}} step %c8
//       PAR:         scf.for {{.*}} -> (vector<8x32xf32>)
//       PAR:   scf.forall.in_parallel
func.func @gemm_parallel(%x: tensor<256x1000xf32>, %w: tensor<1000x4000xf32>)
    -> tensor<256x4000xf32> {
  %cst = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<256x4000xf32>
  %f = linalg.fill ins(%cst : f32) outs(%e : tensor<256x4000xf32>) -> tensor<256x4000xf32>
  %r = linalg.matmul ins(%x, %w : tensor<256x1000xf32>, tensor<1000x4000xf32>)
      outs(%f : tensor<256x4000xf32>) -> tensor<256x4000xf32>
  return %r : tensor<256x4000xf32>
}

// -----

// A GEMM of fewer than 2^20 multiply-adds (here 32·48·128) and its epilogue
// stay on one thread: less work than a fork and join.
// PAR-LABEL: func.func @small_gemm_serial
//   PAR-NOT:   scf.forall
//       PAR:   scf.for {{.*}} step %c32
//       PAR:     vector.contract
//   PAR-NOT:   scf.forall
//       PAR:   return
func.func @small_gemm_serial(%x: tensor<32x128xf32>, %w: tensor<128x48xf32>,
                             %b: tensor<32x48xf32>) -> tensor<32x48xf32> {
  %cst = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<32x48xf32>
  %f = linalg.fill ins(%cst : f32) outs(%e : tensor<32x48xf32>) -> tensor<32x48xf32>
  %m = linalg.matmul ins(%x, %w : tensor<32x128xf32>, tensor<128x48xf32>)
      outs(%f : tensor<32x48xf32>) -> tensor<32x48xf32>
  %g = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>,
                                        affine_map<(i, j) -> (i, j)>],
                       iterator_types = ["parallel", "parallel"]}
      ins(%m, %b : tensor<32x48xf32>, tensor<32x48xf32>) outs(%e : tensor<32x48xf32>) {
  ^bb0(%a: f32, %c: f32, %o: f32):
    %s = arith.addf %a, %c : f32
    linalg.yield %s : f32
  } -> tensor<32x48xf32>
  return %g : tensor<32x48xf32>
}

// -----

// A convolution becomes, per image, an im2col gather and a GEMM of the
// flattened filter [F, C·KH·KW] with the columns [C·KH·KW, OH·OW]. The
// gather reads rows of the image with contiguous vector loads (stride 1).
// CHECK-LABEL: func.func @conv_as_gemm
//       CHECK:   %[[K:.*]] = tensor.collapse_shape %{{.*}} {{\[}}[0], [1, 2, 3]] : tensor<32x16x3x3xf32> into tensor<32x144xf32>
//       CHECK:   scf.for %[[N:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args
//       CHECK:     %[[IMG:.*]] = tensor.extract_slice %arg0[%[[N]], 0, 0, 0] [1, 16, 10, 10]
//       CHECK:     vector.transfer_read %[[IMG]]{{\[}}{{.*}} : tensor<16x10x10xf32>, vector<1x1x8xf32>
//       CHECK:     tensor.insert_slice {{.*}} : tensor<1x1x1x1x8xf32> into tensor<16x3x3x8x8xf32>
// Its row loops keep LLVM from unrolling them (C·KH·KW·OH row copies in one
// block cost seconds of instruction scheduling on large models).
//       CHECK:     } {llvm.loop_annotation = #[[NOUNROLL:.*]]}
//       CHECK:     tensor.collapse_shape %{{.*}} {{\[}}[0, 1, 2], [3, 4]] : tensor<16x3x3x8x8xf32> into tensor<144x64xf32>
//       CHECK:     vector.contract
//       CHECK:     tensor.insert_slice %{{.*}}[%[[N]], 0, 0, 0] [1, 32, 8, 8]
//   CHECK-NOT:   linalg.conv_2d_nchw_fchw
//
// With threads: several images go to the threads (an scf.forall over the
// images, each image's GEMM sequential inside), one image keeps the threads
// inside its GEMM.
// PAR-LABEL: func.func @conv_as_gemm
//       PAR:   %[[B:.*]] = tensor.dim %arg0, %c0
//       PAR:   %[[SEVERAL:.*]] = arith.cmpi ugt, %[[B]], %c1
//       PAR:   scf.if %[[SEVERAL]]
//       PAR:     scf.forall (%{{.*}}) in (%[[B]]) shared_outs
//   PAR-NOT:       scf.forall
//       PAR:       vector.contract
//       PAR:       scf.forall.in_parallel
//       PAR:         tensor.parallel_insert_slice
//       PAR:   } else {
//       PAR:     scf.for
//       PAR:       scf.forall
//       PAR:         vector.contract
func.func @conv_as_gemm(%x: tensor<?x16x10x10xf32>, %k: tensor<32x16x3x3xf32>,
                        %init: tensor<?x32x8x8xf32>) -> tensor<?x32x8x8xf32> {
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %k : tensor<?x16x10x10xf32>, tensor<32x16x3x3xf32>)
      outs(%init : tensor<?x32x8x8xf32>) -> tensor<?x32x8x8xf32>
  return %y : tensor<?x32x8x8xf32>
}

// -----

// The elementwise epilogue of a GEMM is tiled for the caches and the GEMM
// (with its zero fill) is fused into its tile: the epilogue reads each
// accumulator tile right after the register tiles computed it, one vector
// along the rows at a time. One loop nest in all.
// CHECK-LABEL: func.func @epilogue_fused
//       CHECK:   scf.for %{{.*}} = %c0 to %c128 step %c64
//  CHECK-NEXT:     scf.for %{{.*}} = %c0 to %c512 step %c32
//       CHECK:       linalg.fill {{.*}} -> tensor<64x32xf32>
//       CHECK:       vector.contract
//       CHECK:       math.tanh {{.*}} : vector<1x16xf32>
//       CHECK:       tensor.insert_slice {{.*}} : tensor<64x32xf32> into tensor<128x512xf32>
//   CHECK-NOT:   scf.for
//       CHECK:   return
func.func @epilogue_fused(%x: tensor<128x64xf32>, %w: tensor<64x512xf32>,
                          %d: tensor<128x512xf32>) -> tensor<128x512xf32> {
  %cst = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<128x512xf32>
  %f = linalg.fill ins(%cst : f32) outs(%e : tensor<128x512xf32>) -> tensor<128x512xf32>
  %m = linalg.matmul ins(%x, %w : tensor<128x64xf32>, tensor<64x512xf32>)
      outs(%f : tensor<128x512xf32>) -> tensor<128x512xf32>
  %g = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>,
                                        affine_map<(i, j) -> (i, j)>],
                       iterator_types = ["parallel", "parallel"]}
      ins(%m, %d : tensor<128x512xf32>, tensor<128x512xf32>) outs(%e : tensor<128x512xf32>) {
  ^bb0(%a: f32, %s: f32, %o: f32):
    %p = arith.mulf %a, %s : f32
    %t = math.tanh %p : f32
    linalg.yield %t : f32
  } -> tensor<128x512xf32>
  return %g : tensor<128x512xf32>
}

// -----

// A gate read at a constant index of a stacked [B, 4, N] tensor: the input
// becomes a rank-reducing slice, so the generic is vectorized like any
// other elementwise op.
// CHECK-LABEL: func.func @gate_slice
//       CHECK:   %[[G:.*]] = tensor.extract_slice %arg0[0, 2, 0] [8, 1, 40] [1, 1, 1] : tensor<8x4x40xf32> to tensor<8x40xf32>
//       CHECK:   scf.for
//       CHECK:     scf.for
//       CHECK:       tensor.extract_slice %[[G]]
//       CHECK:       vector.transfer_read {{.*}} : tensor<1x16xf32>, vector<1x16xf32>
//       CHECK:       math.tanh {{.*}} : vector<1x16xf32>
//   CHECK-NOT:   linalg.generic
func.func @gate_slice(%g: tensor<8x4x40xf32>) -> tensor<8x40xf32> {
  %e = tensor.empty() : tensor<8x40xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, 2, j)>, affine_map<(i, j) -> (i, j)>],
                       iterator_types = ["parallel", "parallel"]}
      ins(%g : tensor<8x4x40xf32>) outs(%e : tensor<8x40xf32>) {
  ^bb0(%a: f32, %o: f32):
    %t = math.tanh %a : f32
    linalg.yield %t : f32
  } -> tensor<8x40xf32>
  return %r : tensor<8x40xf32>
}

// -----

// A static slice of a constant [out, in] weight (the hyper cell reads its
// input and recurrent columns of one weight apart) is transposed at compile
// time like the whole constant: no transpose at run time.
// CHECK-LABEL: func.func @constant_slice
//   CHECK-DAG:   arith.constant dense<{{\[}}[2.000000e+00, 5.000000e+00], [3.000000e+00, 6.000000e+00]]> : tensor<2x2xf32>
//   CHECK-NOT:   linalg.transpose
func.func @constant_slice(%x: tensor<4x2xf32>) -> tensor<4x2xf32> {
  %w = arith.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %cols = tensor.extract_slice %w[0, 1] [2, 2] [1, 1] : tensor<2x3xf32> to tensor<2x2xf32>
  %cst = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x2xf32>
  %f = linalg.fill ins(%cst : f32) outs(%e : tensor<4x2xf32>) -> tensor<4x2xf32>
  %r = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                                      affine_map<(m, n, k) -> (n, k)>,
                                      affine_map<(m, n, k) -> (m, n)>]
      ins(%x, %cols : tensor<4x2xf32>, tensor<2x2xf32>)
      outs(%f : tensor<4x2xf32>) -> tensor<4x2xf32>
  return %r : tensor<4x2xf32>
}

// -----

// One row against an [out, in] weight is dot products along the weight's
// rows, not a GEMM on its transpose: blocks of 8 rows, one 16-lane
// accumulator per row across K, then each row's lanes added into y. No
// transpose. y starts as zeros (a fill): the sums are written, y neither
// filled nor read. With threads the row blocks form an scf.forall when the
// weight has at least 64 K elements; a smaller one (here 2 K) stays
// serial.
// CHECK-LABEL: func.func @gemv
//   CHECK-NOT:   linalg.transpose
//   CHECK-NOT:   linalg.fill
//       CHECK:   %[[E:.*]] = tensor.empty() : tensor<1x64xf32>
//       CHECK:   scf.for %[[B:.*]] = %c0 to %c8 step %c1 iter_args(%[[Y:.*]] = %[[E]])
//   CHECK-NOT:     vector.transfer_read %[[Y]]
//       CHECK:     %[[N0:.*]] = arith.muli %[[B]], %c8
//       CHECK:     scf.for %[[C:.*]] = %c0 to %c2 step %c1 iter_args({{.*}}) -> (vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>)
//       CHECK:       %[[K0:.*]] = arith.muli %[[C]], %c16
//       CHECK:       vector.transfer_read %arg0[%c0, %[[K0]]]
//       CHECK:       vector.transfer_read %arg1[%[[N0]], %[[K0]]]
//       CHECK:       math.fma {{.*}} : vector<16xf32>
//       CHECK:     vector.reduction <add>
//       CHECK:     vector.from_elements {{.*}} : vector<8xf32>
//       CHECK:     vector.transfer_write {{.*}} : vector<8xf32>, tensor<1x64xf32>
//   CHECK-NOT:   linalg.matmul
// PAR-LABEL: func.func @gemv
//   PAR-NOT:   scf.forall
//       PAR:   scf.for %{{.*}} = %c0 to %c8 step %c1
//   PAR-NOT:   scf.forall
//       PAR:   return
func.func @gemv(%x: tensor<1x32xf32>, %w: tensor<64x32xf32>) -> tensor<1x64xf32> {
  %cst = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x64xf32>
  %f = linalg.fill ins(%cst : f32) outs(%e : tensor<1x64xf32>) -> tensor<1x64xf32>
  %r = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                                      affine_map<(m, n, k) -> (n, k)>,
                                      affine_map<(m, n, k) -> (m, n)>]
      ins(%x, %w : tensor<1x32xf32>, tensor<64x32xf32>)
      outs(%f : tensor<1x64xf32>) -> tensor<1x64xf32>
  return %r : tensor<1x64xf32>
}

// -----

// PAR-LABEL: func.func @gemv_threads
//       PAR:   scf.forall (%{{.*}}) in (32) shared_outs
//       PAR:     math.fma
//       PAR:     tensor.parallel_insert_slice
func.func @gemv_threads(%x: tensor<1x256xf32>, %w: tensor<256x256xf32>) -> tensor<1x256xf32> {
  %cst = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x256xf32>
  %f = linalg.fill ins(%cst : f32) outs(%e : tensor<1x256xf32>) -> tensor<1x256xf32>
  %r = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                                      affine_map<(m, n, k) -> (n, k)>,
                                      affine_map<(m, n, k) -> (m, n)>]
      ins(%x, %w : tensor<1x256xf32>, tensor<256x256xf32>)
      outs(%f : tensor<1x256xf32>) -> tensor<1x256xf32>
  return %r : tensor<1x256xf32>
}

// -----

// Two GEMVs into the same y, `(y + x₁·W₁ᵀ) + x₂·W₂ᵀ` (a hyper cell's
// recurrent input and hyper-state weights), are one loop over the row
// blocks — one parallel region — with a dot-product loop per term, each at
// its own vector width (K = 200: 8 lanes; K = 64: 16), the terms' sums
// added into y in the chain's order. With threads the weights of both
// terms count towards the 64 K elements of a parallel region (51 200 and
// 16 384 here: neither alone would be).
// CHECK-LABEL: func.func @gemv_chain
//       CHECK:   scf.for %[[B:.*]] = %c0 to %c32 step %c1 iter_args
//       CHECK:     %[[N0:.*]] = arith.muli %[[B]], %c8
//       CHECK:     %[[Y:.*]] = vector.transfer_read %{{.*}}[%c0, %[[N0]]]
//       CHECK:     scf.for %{{.*}} = %c0 to %c25 step %c1 {{.*}} -> (vector<8xf32>
//       CHECK:       vector.transfer_read %arg2[%[[N0]], %{{.*}}]{{.*}} vector<8xf32>
//       CHECK:     %[[S1:.*]] = vector.from_elements {{.*}} : vector<8xf32>
//       CHECK:     %[[Y1:.*]] = arith.addf %[[Y]], %[[S1]] : vector<8xf32>
//       CHECK:     scf.for %{{.*}} = %c0 to %c4 step %c1 {{.*}} -> (vector<16xf32>
//       CHECK:       vector.transfer_read %arg3[%[[N0]], %{{.*}}]{{.*}} vector<16xf32>
//       CHECK:     %[[S2:.*]] = vector.from_elements {{.*}} : vector<8xf32>
//       CHECK:     %[[Y2:.*]] = arith.addf %[[Y1]], %[[S2]] : vector<8xf32>
//       CHECK:     vector.transfer_write %[[Y2]]
//   CHECK-NOT:   linalg.matmul
// PAR-LABEL: func.func @gemv_chain
//       PAR:   scf.forall (%{{.*}}) in (32) shared_outs
//       PAR:     scf.for %{{.*}} = %c0 to %c25 step %c1
//       PAR:     scf.for %{{.*}} = %c0 to %c4 step %c1
//       PAR:     tensor.parallel_insert_slice
//   PAR-NOT:   scf.forall (
//       PAR:   return
func.func @gemv_chain(%x1: tensor<1x200xf32>, %x2: tensor<1x64xf32>,
                      %w1: tensor<256x200xf32>, %w2: tensor<256x64xf32>,
                      %y: tensor<1x256xf32>) -> tensor<1x256xf32> {
  %a = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                                      affine_map<(m, n, k) -> (n, k)>,
                                      affine_map<(m, n, k) -> (m, n)>]
      ins(%x1, %w1 : tensor<1x200xf32>, tensor<256x200xf32>)
      outs(%y : tensor<1x256xf32>) -> tensor<1x256xf32>
  %b = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                                      affine_map<(m, n, k) -> (n, k)>,
                                      affine_map<(m, n, k) -> (m, n)>]
      ins(%x2, %w2 : tensor<1x64xf32>, tensor<256x64xf32>)
      outs(%a : tensor<1x256xf32>) -> tensor<1x256xf32>
  return %b : tensor<1x256xf32>
}

// -----

// Constant weights are stored in row blocks at compile time, one row of
// [N/8, ⌈K/16⌉·8·16] per block of 8 rows (each step along K: the 8 rows'
// 16 elements in turn, K padded by zeros), so that each block of rows is
// one contiguous stream and K = 40 still takes full 16-lane vectors: two
// full steps along K, then a last one in which x's 8 remaining elements
// are widened with zeros (a zero-padded step of the packed weights).
// (The last step's slice of x does not depend on the block: hoisted.)
// CHECK-LABEL: func.func @gemv_constant
//       CHECK:   %[[P:.*]] = arith.constant dense<"0x{{[0-9A-F]+}}"> : tensor<2x384xf32>
//       CHECK:   %[[REST:.*]] = vector.transfer_read %arg0[%c0, %c32]{{.*}} : tensor<1x40xf32>, vector<8xf32>
//       CHECK:   %[[XV:.*]] = vector.shuffle %[[REST]], %cst{{.*}} [0, 1, 2, 3, 4, 5, 6, 7, 8, 8, 8, 8, 8, 8, 8, 8] : vector<8xf32>, vector<8xf32>
//       CHECK:   scf.for %[[B:.*]] = %c0 to %c2 step %c1 iter_args
//       CHECK:     scf.for %[[C:.*]] = %c0 to %c2 step %c1 iter_args({{.*}}) -> (vector<16xf32>
//       CHECK:       vector.transfer_read %arg0[%c0, %{{.*}}]{{.*}} : tensor<1x40xf32>, vector<16xf32>
//       CHECK:       %[[S:.*]] = arith.muli %[[C]], %c128
//       CHECK:       vector.transfer_read %[[P]][%[[B]], %[[S]]]{{.*}} : tensor<2x384xf32>, vector<16xf32>
//       CHECK:       %[[R7:.*]] = arith.addi %[[S]], %c112
//       CHECK:       vector.transfer_read %[[P]][%[[B]], %[[R7]]]
//       CHECK:     %[[W:.*]] = vector.transfer_read %[[P]][%[[B]], %c256]
//       CHECK:     math.fma %[[W]], %[[XV]]
//       CHECK:     vector.reduction <add>
//   CHECK-NOT:   linalg.matmul
func.func @gemv_constant(%x: tensor<1x40xf32>, %y: tensor<1x16xf32>) -> tensor<1x16xf32> {
  %w = arith.constant dense<[[0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0, 16.0, 17.0, 18.0, 19.0, 20.0, 21.0, 22.0, 23.0, 24.0, 25.0, 26.0, 27.0, 28.0, 29.0, 30.0, 31.0, 32.0, 33.0, 34.0, 35.0, 36.0, 37.0, 38.0, 39.0],
    [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0],
    [2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0],
    [3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0],
    [4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0],
    [5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0],
    [6.0, 6.0, 6.0, 6.0, 6.0, 6.0, 6.0, 6.0, 6.0, 6.0, 6.0, 6.0, 6.0, 6.0, 6.0, 6.0, 6.0, 6.0, 6.0, 6.0, 6.0, 6.0, 6.0, 6.0, 6.0, 6.0, 6.0, 6.0, 6.0, 6.0, 6.0, 6.0, 6.0, 6.0, 6.0, 6.0, 6.0, 6.0, 6.0, 6.0],
    [7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0],
    [8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0],
    [9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0],
    [10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0],
    [11.0, 11.0, 11.0, 11.0, 11.0, 11.0, 11.0, 11.0, 11.0, 11.0, 11.0, 11.0, 11.0, 11.0, 11.0, 11.0, 11.0, 11.0, 11.0, 11.0, 11.0, 11.0, 11.0, 11.0, 11.0, 11.0, 11.0, 11.0, 11.0, 11.0, 11.0, 11.0, 11.0, 11.0, 11.0, 11.0, 11.0, 11.0, 11.0, 11.0],
    [12.0, 12.0, 12.0, 12.0, 12.0, 12.0, 12.0, 12.0, 12.0, 12.0, 12.0, 12.0, 12.0, 12.0, 12.0, 12.0, 12.0, 12.0, 12.0, 12.0, 12.0, 12.0, 12.0, 12.0, 12.0, 12.0, 12.0, 12.0, 12.0, 12.0, 12.0, 12.0, 12.0, 12.0, 12.0, 12.0, 12.0, 12.0, 12.0, 12.0],
    [13.0, 13.0, 13.0, 13.0, 13.0, 13.0, 13.0, 13.0, 13.0, 13.0, 13.0, 13.0, 13.0, 13.0, 13.0, 13.0, 13.0, 13.0, 13.0, 13.0, 13.0, 13.0, 13.0, 13.0, 13.0, 13.0, 13.0, 13.0, 13.0, 13.0, 13.0, 13.0, 13.0, 13.0, 13.0, 13.0, 13.0, 13.0, 13.0, 13.0],
    [14.0, 14.0, 14.0, 14.0, 14.0, 14.0, 14.0, 14.0, 14.0, 14.0, 14.0, 14.0, 14.0, 14.0, 14.0, 14.0, 14.0, 14.0, 14.0, 14.0, 14.0, 14.0, 14.0, 14.0, 14.0, 14.0, 14.0, 14.0, 14.0, 14.0, 14.0, 14.0, 14.0, 14.0, 14.0, 14.0, 14.0, 14.0, 14.0, 14.0],
    [15.0, 15.0, 15.0, 15.0, 15.0, 15.0, 15.0, 15.0, 15.0, 15.0, 15.0, 15.0, 15.0, 15.0, 15.0, 15.0, 15.0, 15.0, 15.0, 15.0, 15.0, 15.0, 15.0, 15.0, 15.0, 15.0, 15.0, 15.0, 15.0, 15.0, 15.0, 15.0, 15.0, 15.0, 15.0, 15.0, 15.0, 15.0, 15.0, 15.0]]> : tensor<16x40xf32>
  %r = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                                      affine_map<(m, n, k) -> (n, k)>,
                                      affine_map<(m, n, k) -> (m, n)>]
      ins(%x, %w : tensor<1x40xf32>, tensor<16x40xf32>)
      outs(%y : tensor<1x16xf32>) -> tensor<1x16xf32>
  return %r : tensor<1x16xf32>
}

// -----

// Output rows of 32 pixels: the columns are packed in blocks of one register
// tile's 32 pixels, [OH·OW/32, C·KH·KW, 32], so that each K step of the
// micro-kernel reads one contiguous line; the GEMM's register tiles are
// matmuls on rank-reduced slices of the blocks.
// CHECK-LABEL: func.func @conv_packed
//       CHECK:   scf.for
//       CHECK:     vector.transfer_read {{.*}} : tensor<4x34x34xf32>, vector<1x1x16xf32>
//       CHECK:     tensor.collapse_shape %{{.*}} {{\[}}[0], [1, 2, 3], [4]] : tensor<32x4x3x3x32xf32> into tensor<32x36x32xf32>
//       CHECK:     vector.contract {{.*}} : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
//   CHECK-NOT:   linalg.conv_2d_nchw_fchw
func.func @conv_packed(%x: tensor<1x4x34x34xf32>, %k: tensor<16x4x3x3xf32>,
                       %init: tensor<1x16x32x32xf32>) -> tensor<1x16x32x32xf32> {
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %k : tensor<1x4x34x34xf32>, tensor<16x4x3x3xf32>)
      outs(%init : tensor<1x16x32x32xf32>) -> tensor<1x16x32x32xf32>
  return %y : tensor<1x16x32x32xf32>
}

// -----

// With a dynamic number of rows, one row at run time takes the dot products
// and more rows the GEMM on the transposed weight.
// CHECK-LABEL: func.func @gemv_dynamic
//       CHECK:   %[[M:.*]] = tensor.dim %arg0, %c0
//       CHECK:   %[[ONE:.*]] = arith.cmpi eq, %[[M]], %c1
//       CHECK:   scf.if %[[ONE]] -> (tensor<?x64xf32>)
//       CHECK:     tensor.cast %arg0 : tensor<?x32xf32> to tensor<1x32xf32>
//       CHECK:     math.fma {{.*}} : vector<16xf32>
//       CHECK:   } else {
//       CHECK:     vector.contract
func.func @gemv_dynamic(%x: tensor<?x32xf32>, %w: tensor<64x32xf32>,
                        %y: tensor<?x64xf32>) -> tensor<?x64xf32> {
  %r = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                                      affine_map<(m, n, k) -> (n, k)>,
                                      affine_map<(m, n, k) -> (m, n)>]
      ins(%x, %w : tensor<?x32xf32>, tensor<64x32xf32>)
      outs(%y : tensor<?x64xf32>) -> tensor<?x64xf32>
  return %r : tensor<?x64xf32>
}

// -----

// A sum over the innermost loop (layer-norm statistics) runs as 16-lane
// partial sums along the loop and one lane reduction per point, instead of
// a scalar chain LLVM may not reassociate. With threads, a sum over a
// dynamic number of rows (counted as large) has its rows on the threads,
// each iteration its own element of the output; one reading 512 elements
// (@lane_sums_small) stays serial.
// PAR-LABEL: func.func @lane_sums
//       PAR:   %[[N:.*]] = tensor.dim %arg0, %c0
//       PAR:   scf.forall (%[[I:.*]]) in (%[[N]]) shared_outs(%[[OUT:.*]] = %arg1)
//       PAR:     %[[MINE:.*]] = tensor.extract_slice %[[OUT]][%[[I]]] [1] [1]
//       PAR:     scf.for {{.*}} -> (vector<16xf32>)
//       PAR:       vector.transfer_read %arg0[%[[I]], %{{.*}}]
//       PAR:     vector.reduction <add>
//       PAR:     %[[NEW:.*]] = tensor.insert %{{.*}} into %[[MINE]][%c0]
//       PAR:     tensor.parallel_insert_slice %[[NEW]] into %[[OUT]][%[[I]]] [1] [1]
// PAR-LABEL: func.func @lane_sums_small
//   PAR-NOT:   scf.forall
//       PAR:   return
// CHECK-LABEL: func.func @lane_sums
//       CHECK:   scf.for %[[I:.*]] = %c0 to %[[ROWS:.*]] step %c1 iter_args
//       CHECK:     scf.for %[[J:.*]] = %c0 to %c64 step %c16 iter_args(%[[ACC:.*]] = %{{.*}}) -> (vector<16xf32>)
//       CHECK:       vector.transfer_read %arg0[%[[I]], %[[J]]]{{.*}} : tensor<?x64xf32>, vector<16xf32>
//       CHECK:       arith.addf {{.*}} : vector<16xf32>
//       CHECK:     vector.reduction <add>, {{.*}} : vector<16xf32> into f32
//       CHECK:     tensor.insert
//   CHECK-NOT:   linalg.generic
func.func @lane_sums(%x: tensor<?x64xf32>, %init: tensor<?xf32>) -> tensor<?xf32> {
  %s = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>,
                                        affine_map<(i, j) -> (i)>],
                       iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<?x64xf32>) outs(%init : tensor<?xf32>) {
  ^bb0(%v: f32, %acc: f32):
    %r = arith.addf %v, %acc : f32
    linalg.yield %r : f32
  } -> tensor<?xf32>
  return %s : tensor<?xf32>
}

func.func @lane_sums_small(%x: tensor<8x64xf32>, %init: tensor<8xf32>) -> tensor<8xf32> {
  %s = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>,
                                        affine_map<(i, j) -> (i)>],
                       iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<8x64xf32>) outs(%init : tensor<8xf32>) {
  ^bb0(%v: f32, %acc: f32):
    %r = arith.addf %v, %acc : f32
    linalg.yield %r : f32
  } -> tensor<8xf32>
  return %s : tensor<8xf32>
}

// -----

// A constant B wider than a register tile is packed at compile time in
// blocks of the tile's columns, [⌈N/nt⌉, K·nt], zero-padded: each register
// tile reads its row of B for one k as nt contiguous elements (from k·nt),
// and the next k right after it. The partial tile reads the start of the
// last block. Each k step prefetches the packed stream 16 KB (4096
// elements) ahead through a flat view of the constant's buffer, the index
// clamped to its last element (15).
// PACK-LABEL: func.func @packed_constant
//   PACK-NOT:   tensor<2x6xf32>
//       PACK:   %[[P:.*]] = arith.constant dense<{{\[}}[1.000000e+00, 3.000000e+00, 5.000000e+00, 7.000000e+00, 2.000000e+00, 4.000000e+00, 6.000000e+00, 8.000000e+00], [9.000000e+00, 1.100000e+01, 0.000000e+00, 0.000000e+00, 1.000000e+01, 1.200000e+01, 0.000000e+00, 0.000000e+00]]> : tensor<2x8xf32>
//       PACK:   %[[BUF:.*]] = bufferization.to_buffer %[[P]] read_only : tensor<2x8xf32> to memref<2x8xf32>
//       PACK:   %[[FLAT:.*]] = memref.collapse_shape %[[BUF]] {{\[}}[0, 1]] : memref<2x8xf32> into memref<16xf32>
//   PACK-NOT:   tensor<2x6xf32>
//       PACK:   scf.for %[[K:.*]] = %c0 to %c2
//       PACK:     %[[I:.*]] = affine.min affine_map<()[s0] -> (15, s0 * 4 + 4096)>()[%[[K]]]
//       PACK:     memref.prefetch %[[FLAT]][%[[I]]], read, locality<3>, data : memref<16xf32>
//       PACK:     %[[C:.*]] = affine.apply affine_map<()[s0] -> (s0 * 4)>()[%[[K]]]
//       PACK:     tensor.extract_slice %[[P]][0, %[[C]]] [1, 4] [1, 1] : tensor<2x8xf32> to tensor<1x4xf32>
//       PACK:   scf.for %[[K2:.*]] = %c0 to %c2
//       PACK:     %[[I2:.*]] = affine.min affine_map<()[s0] -> (15, s0 * 4 + 4104)>()[%[[K2]]]
//       PACK:     memref.prefetch %[[FLAT]][%[[I2]]]
//       PACK:     %[[C2:.*]] = affine.apply affine_map<()[s0] -> (s0 * 4)>()[%[[K2]]]
//       PACK:     tensor.extract_slice %[[P]][1, %[[C2]]] [1, 2] [1, 1] : tensor<2x8xf32> to tensor<1x2xf32>
func.func @packed_constant(%x: tensor<8x2xf32>) -> tensor<8x6xf32> {
  %w = arith.constant dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0], [9.0, 10.0], [11.0, 12.0]]> : tensor<6x2xf32>
  %cst = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<8x6xf32>
  %f = linalg.fill ins(%cst : f32) outs(%e : tensor<8x6xf32>) -> tensor<8x6xf32>
  %r = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                                      affine_map<(m, n, k) -> (n, k)>,
                                      affine_map<(m, n, k) -> (m, n)>]
      ins(%x, %w : tensor<8x2xf32>, tensor<6x2xf32>)
      outs(%f : tensor<8x6xf32>) -> tensor<8x6xf32>
  return %r : tensor<8x6xf32>
}

// -----

// The last column tile of a GEMM against a constant, 8 of 32 columns wide
// (N = 40): its type is dynamic like every tile of the loop, so it runs on
// 32 columns against the constant with zero columns appended (packed as
// [2, K·32]) into a 32-column accumulator, and C takes the first 8. No
// masks: a masked tile carried its accumulators through memory every K
// step.
// CHECK-LABEL: func.func @partial_constant_columns
//       CHECK:   %[[P:.*]] = arith.constant dense<{{.*}}> : tensor<2x96xf32>
//   CHECK-NOT:   vector.mask
//       CHECK:   scf.for %[[N0:.*]] = %c0 to %c40 step %c32
//       CHECK:     %[[W:.*]] = affine.min
//       CHECK:     %[[ACC:.*]] = linalg.fill {{.*}} -> tensor<16x32xf32>
//       CHECK:     scf.for {{.*}} -> (vector<8x32xf32>)
//       CHECK:       tensor.extract_slice %[[P]]{{.*}} [1, 32] [1, 1] : tensor<2x96xf32> to tensor<1x32xf32>
//       CHECK:       vector.contract {{.*}} : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
//       CHECK:     tensor.extract_slice %{{.*}}[0, 0] [16, %[[W]]] [1, 1] : tensor<16x32xf32> to tensor<16x?xf32>
//   CHECK-NOT:   vector.mask
//       CHECK:   return
func.func @partial_constant_columns(%x: tensor<16x3xf32>) -> tensor<16x40xf32> {
  %w = arith.constant dense<[[0.0, 1.0, 2.0], [3.0, 4.0, 0.0], [1.0, 2.0, 3.0], [4.0, 0.0, 1.0], [2.0, 3.0, 4.0], [0.0, 1.0, 2.0], [3.0, 4.0, 0.0], [1.0, 2.0, 3.0], [4.0, 0.0, 1.0], [2.0, 3.0, 4.0], [0.0, 1.0, 2.0], [3.0, 4.0, 0.0], [1.0, 2.0, 3.0], [4.0, 0.0, 1.0], [2.0, 3.0, 4.0], [0.0, 1.0, 2.0], [3.0, 4.0, 0.0], [1.0, 2.0, 3.0], [4.0, 0.0, 1.0], [2.0, 3.0, 4.0], [0.0, 1.0, 2.0], [3.0, 4.0, 0.0], [1.0, 2.0, 3.0], [4.0, 0.0, 1.0], [2.0, 3.0, 4.0], [0.0, 1.0, 2.0], [3.0, 4.0, 0.0], [1.0, 2.0, 3.0], [4.0, 0.0, 1.0], [2.0, 3.0, 4.0], [0.0, 1.0, 2.0], [3.0, 4.0, 0.0], [1.0, 2.0, 3.0], [4.0, 0.0, 1.0], [2.0, 3.0, 4.0], [0.0, 1.0, 2.0], [3.0, 4.0, 0.0], [1.0, 2.0, 3.0], [4.0, 0.0, 1.0], [2.0, 3.0, 4.0]]> : tensor<40x3xf32>
  %cst = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<16x40xf32>
  %f = linalg.fill ins(%cst : f32) outs(%e : tensor<16x40xf32>) -> tensor<16x40xf32>
  %r = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                                      affine_map<(m, n, k) -> (n, k)>,
                                      affine_map<(m, n, k) -> (m, n)>]
      ins(%x, %w : tensor<16x3xf32>, tensor<40x3xf32>)
      outs(%f : tensor<16x40xf32>) -> tensor<16x40xf32>
  return %r : tensor<16x40xf32>
}

// -----

// A constant read from a column that is not a multiple of the tile's width
// stays as it is: the packed blocks would not line up with the tiles.
// PACK-LABEL: func.func @unaligned_constant_slice
//   PACK-NOT:   tensor<2x2x4xf32>
//       PACK:   %[[B:.*]] = tensor.extract_slice %{{.*}}[0, 3] [2, 6] [1, 1] : tensor<2x9xf32> to tensor<2x6xf32>
//       PACK:   %[[B4:.*]] = tensor.extract_slice %[[B]][0, 0] [2, 4] [1, 1] : tensor<2x6xf32> to tensor<2x4xf32>
//       PACK:     tensor.extract_slice %[[B4]][%{{.*}}, 0] [1, 4] [1, 1] : tensor<2x4xf32> to tensor<1x4xf32>
//   PACK-NOT:   tensor<2x2x4xf32>
//       PACK:   return
func.func @unaligned_constant_slice(%x: tensor<8x2xf32>) -> tensor<8x6xf32> {
  %w = arith.constant dense<[[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0],
                             [10.0, 11.0, 12.0, 13.0, 14.0, 15.0, 16.0, 17.0, 18.0]]> : tensor<2x9xf32>
  %b = tensor.extract_slice %w[0, 3] [2, 6] [1, 1] : tensor<2x9xf32> to tensor<2x6xf32>
  %cst = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<8x6xf32>
  %f = linalg.fill ins(%cst : f32) outs(%e : tensor<8x6xf32>) -> tensor<8x6xf32>
  %r = linalg.matmul ins(%x, %b : tensor<8x2xf32>, tensor<2x6xf32>)
      outs(%f : tensor<8x6xf32>) -> tensor<8x6xf32>
  return %r : tensor<8x6xf32>
}

// -----

// A convolution whose output starts as zeros: the output is a tensor.empty,
// and each image fills its own slice where its GEMM accumulates — inside
// the forall over images with threads (and in the loop for one image) —
// instead of the whole output being filled first and copied for the
// threaded branch.
// PAR-LABEL: func.func @conv_zero_init
//       PAR:   %[[E:.*]] = tensor.empty(%{{.*}}) : tensor<?x16x32x32xf32>
//   PAR-NOT:   linalg.fill
//       PAR:   scf.if
//       PAR:     scf.forall (%{{.*}}) in (%{{.*}}) shared_outs(%[[OUT:.*]] = %[[E]])
//       PAR:       %[[IMG:.*]] = tensor.extract_slice %[[OUT]]
//       PAR:       linalg.fill ins(%{{.*}} : f32) outs(%[[IMG]] : tensor<16x32x32xf32>)
//       PAR:   else
//       PAR:     scf.for {{.*}} iter_args(%[[ACC:.*]] = %[[E]])
//       PAR:       %[[IMG1:.*]] = tensor.extract_slice %[[ACC]]
//       PAR:       linalg.fill ins(%{{.*}} : f32) outs(%[[IMG1]] : tensor<16x32x32xf32>)
func.func @conv_zero_init(%x: tensor<?x4x34x34xf32>, %k: tensor<16x4x3x3xf32>) -> tensor<?x16x32x32xf32> {
  %c0 = arith.constant 0 : index
  %cst = arith.constant 0.0 : f32
  %n = tensor.dim %x, %c0 : tensor<?x4x34x34xf32>
  %e = tensor.empty(%n) : tensor<?x16x32x32xf32>
  %init = linalg.fill ins(%cst : f32) outs(%e : tensor<?x16x32x32xf32>) -> tensor<?x16x32x32xf32>
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %k : tensor<?x4x34x34xf32>, tensor<16x4x3x3xf32>)
      outs(%init : tensor<?x16x32x32xf32>) -> tensor<?x16x32x32xf32>
  return %y : tensor<?x16x32x32xf32>
}

// -----

// A zero-padded input: each image is padded where its columns are gathered
// (inside the forall over images with threads, in the loop for one image);
// the padded batch is never built.
// PAR-LABEL: func.func @conv_padded
//  PAR-SAME:   (%[[X:[^:]*]]: tensor<?x4x32x32xf32>
//   PAR-NOT:   tensor.pad
//       PAR:   %[[N:.*]] = tensor.dim %[[X]], %c0 : tensor<?x4x32x32xf32>
//   PAR-NOT:   tensor.pad
//       PAR:   scf.forall (%[[I:.*]]) in (%[[N]])
//       PAR:     %[[IMG:.*]] = tensor.extract_slice %[[X]][%[[I]], 0, 0, 0] [1, 4, 32, 32]
//       PAR:     tensor.pad %[[IMG]] low[0, 1, 1] high[0, 1, 1]
//       PAR:   scf.for %[[J:.*]] = %c0 to %[[N]]
//       PAR:     %[[IMG1:.*]] = tensor.extract_slice %[[X]][%[[J]], 0, 0, 0] [1, 4, 32, 32]
//       PAR:     tensor.pad %[[IMG1]] low[0, 1, 1] high[0, 1, 1]
func.func @conv_padded(%x: tensor<?x4x32x32xf32>, %k: tensor<16x4x3x3xf32>,
                       %init: tensor<?x16x32x32xf32>) -> tensor<?x16x32x32xf32> {
  %cst = arith.constant 0.0 : f32
  %p = tensor.pad %x low[0, 0, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %cst : f32
  } : tensor<?x4x32x32xf32> to tensor<?x4x34x34xf32>
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%p, %k : tensor<?x4x34x34xf32>, tensor<16x4x3x3xf32>)
      outs(%init : tensor<?x16x32x32xf32>) -> tensor<?x16x32x32xf32>
  return %y : tensor<?x16x32x32xf32>
}

// -----

// A step's result computed into a tensor.empty from outside the time loop
// (CSE merges a step's empty destinations with an identical one there)
// gets an allocation of its own in the loop: bufferized, a shared empty
// would be one buffer every step overwrites, and the loop would copy each
// step's result out of it to carry it to the next.
// CHECK-LABEL: func.func @step_results
//       CHECK:   scf.for
//       CHECK:     %[[A:.*]] = bufferization.alloc_tensor() : tensor<8x16xf32>
//       CHECK:     scf.for {{.*}} iter_args(%{{.*}} = %[[A]])
//       CHECK:       math.tanh {{.*}} : vector<1x16xf32>
func.func @step_results(%h0: tensor<8x16xf32>, %n: index) -> tensor<8x16xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %e = tensor.empty() : tensor<8x16xf32>
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%h = %h0) -> (tensor<8x16xf32>) {
    %t = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>],
                         iterator_types = ["parallel", "parallel"]}
        ins(%h : tensor<8x16xf32>) outs(%e : tensor<8x16xf32>) {
    ^bb0(%a: f32, %o: f32):
      %y = math.tanh %a : f32
      linalg.yield %y : f32
    } -> tensor<8x16xf32>
    scf.yield %t : tensor<8x16xf32>
  }
  return %r : tensor<8x16xf32>
}
