// RUN: hyper-opt %s -hyper-decompose -split-input-file | FileCheck %s

// A shared kernel: generation, zero padding, a named convolution accumulating
// into the broadcast bias.
// CHECK-LABEL: func.func @conv_shared_kernel
//  CHECK-SAME:   (%[[X:[^:]*]]: tensor<?x48x9x8xf32>, %[[Z:[^:]*]]: tensor<2x3x8xf32>
//       CHECK:   %[[K:.*]] = hyper.generate_kernel %[[Z]] : tensor<2x3x8xf32>
//       CHECK:   %[[P:.*]] = tensor.pad %[[X]] low[0, 0, 1, 0] high[0, 0, 2, 1]
//       CHECK:   } : tensor<?x48x9x8xf32> to tensor<?x48x12x9xf32>
//       CHECK:   %[[B:.*]] = linalg.generic {{.*}} ins(%{{.*}} : tensor<32xf32>)
//       CHECK:   linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
//  CHECK-SAME:     ins(%[[P]], %[[K]] : tensor<?x48x12x9xf32>, tensor<32x48x3x3xf32>) outs(%[[B]] : tensor<?x32x5x4xf32>)
//   CHECK-NOT:   hyper.conv2d
func.func @conv_shared_kernel(%x: tensor<?x48x9x8xf32>, %z: tensor<2x3x8xf32>,
    %w_in: tensor<128x8xf32>, %b_in: tensor<128xf32>,
    %w_out: tensor<144x8xf32>, %b_out: tensor<144xf32>, %bias: tensor<32xf32>)
    -> tensor<?x32x5x4xf32> {
  %y = hyper.conv2d %x, %z : tensor<?x48x9x8xf32>, tensor<2x3x8xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<128x8xf32>, tensor<128xf32>,
                tensor<144x8xf32>, tensor<144xf32>)
      bias(%bias : tensor<32xf32>) block [16, 16, 3, 3] strides [2, 2]
      padding [1, 0, 2, 1]
  return %y : tensor<?x32x5x4xf32>
}

// -----

// Per-sample kernels: one generation for all samples and a convolution that
// reads sample n's kernel; strides and dilations are in the input map.
// CHECK: #[[XMAP:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d4, d2 * 2 + d5 * 2, d3 + d6 * 2)>
// CHECK: #[[KMAP:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1, d4, d5, d6)>
// CHECK-LABEL: func.func @conv_per_sample
//       CHECK:   %[[K:.*]] = hyper.generate_kernel %{{.*}} : tensor<2x1x1x4xf32>
//       CHECK:   linalg.generic {indexing_maps = [#[[XMAP]], #[[KMAP]], {{.*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
//  CHECK-SAME:     ins(%{{.*}}, %[[K]] : tensor<2x16x14x14xf32>, tensor<2x16x16x3x3xf32>)
func.func @conv_per_sample(%x: tensor<2x16x14x14xf32>, %z: tensor<2x1x1x4xf32>,
    %w_in: tensor<64x4xf32>, %b_in: tensor<64xf32>,
    %w_out: tensor<144x4xf32>, %b_out: tensor<144xf32>) -> tensor<2x16x5x10xf32> {
  %y = hyper.conv2d %x, %z : tensor<2x16x14x14xf32>, tensor<2x1x1x4xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<64x4xf32>, tensor<64xf32>,
                tensor<144x4xf32>, tensor<144xf32>)
      block [16, 16, 3, 3] strides [2, 1] dilations [2, 2]
  return %y : tensor<2x16x5x10xf32>
}

// -----

// The sequence: both input-side GEMMs for all T steps come before the time
// loop, over the T·B rows of the collapsed input; step t reads rows
// [t·B, (t+1)·B). The scaling matrices are transposed to [G, N_z, N_h]
// before the loop. Inside the loop the recurrent GEMM is a row-scaled
// linear and the rest is elementwise; the three row scales (N_z = 3) are
// one element-wise op that reads each z at constant k and sums the products
// in the contraction's order. No hyper.lstm remains.
// CHECK-LABEL: func.func @lstm_sequence
//  CHECK-SAME:   (%[[X:[^:]*]]: tensor<?x?x6xf32>
//  CHECK-SAME:   %[[WD:[^:]*]]: tensor<4x8x3xf32>
//       CHECK:   linalg.transpose ins(%[[WD]] : tensor<4x8x3xf32>) outs(%{{.*}} : tensor<4x3x8xf32>) permutation = [0, 2, 1]
//       CHECK:   %[[B:.*]] = tensor.dim %[[X]], %c1
//       CHECK:   %[[XF:.*]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1], [2]] : tensor<?x?x6xf32> into tensor<?x6xf32>
//       CHECK:   %[[XM:.*]] = linalg.matmul {{.*}} ins(%[[XF]], %{{.*}} : tensor<?x6xf32>, tensor<32x6xf32>)
//       CHECK:   %[[WXH:.*]] = tensor.extract_slice %{{.*}}[0, 0] [16, 6] [1, 1] : tensor<16x14xf32> to tensor<16x6xf32>
//       CHECK:   %[[XH:.*]] = linalg.matmul {{.*}} ins(%[[XF]], %[[WXH]] : tensor<?x6xf32>, tensor<16x6xf32>)
//       CHECK:   scf.for %[[T:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(
//       CHECK:     %[[ROW:.*]] = arith.muli %[[T]], %[[B]] : index
//       CHECK:     tensor.extract_slice %[[XM]][%[[ROW]], 0] [%[[B]], 32] [1, 1]
//       CHECK:     tensor.extract_slice %[[XH]][%[[ROW]], 0] [%[[B]], 16] [1, 1]
//       CHECK:     linalg.generic {indexing_maps = [#[[ZK0:[^,]*]], #[[WK0:[^,]*]], #[[ZK1:[^,]*]], #[[WK1:[^,]*]], #[[ZK2:[^,]*]], #[[WK2:[^,]*]], #[[ZK0]], #[[WK0]], {{.*}}], iterator_types = ["parallel", "parallel", "parallel"]}
//  CHECK-SAME:       outs({{.*}} : tensor<?x4x8xf32>, tensor<?x4x8xf32>, tensor<?x4x8xf32>)
//       CHECK:       arith.mulf
//       CHECK:       math.fma
//       CHECK:       math.fma
//       CHECK:       linalg.yield {{.*}}, {{.*}}, {{.*}} : f32, f32, f32
//       CHECK:     hyper.row_scaled_linear
//       CHECK:     tensor.insert_slice {{.*}}[%[[T]], 0, 0]
//       CHECK:     scf.yield
//   CHECK-NOT:   hyper.lstm
func.func @lstm_sequence(%x: tensor<?x?x6xf32>,
    %hwx: tensor<16x14xf32>, %hwh: tensor<16x4xf32>, %hb: tensor<16xf32>,
    %wz: tensor<12x4xf32>, %bz: tensor<12xf32>, %wd: tensor<4x8x3xf32>,
    %mwx: tensor<32x6xf32>, %mwh: tensor<32x8xf32>, %mb: tensor<32xf32>)
    -> tensor<?x?x8xf32> {
  %y, %h, %c, %hh, %hc = hyper.lstm %x : tensor<?x?x6xf32>
      hyper(%hwx, %hwh, %hb : tensor<16x14xf32>, tensor<16x4xf32>, tensor<16xf32>)
      proj(%wz, %wz, %wz, %bz, %bz : tensor<12x4xf32>, tensor<12x4xf32>,
           tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>)
      scale(%wd, %wd, %wd : tensor<4x8x3xf32>, tensor<4x8x3xf32>, tensor<4x8x3xf32>)
      main(%mwx, %mwh, %mb : tensor<32x6xf32>, tensor<32x8xf32>, tensor<32xf32>)
  return %y : tensor<?x?x8xf32>
}

// -----

// lengths: a sample past its length keeps its states and outputs zeros.
// CHECK-LABEL: func.func @rnn_lengths
//       CHECK:   scf.for %[[T:[^ ]*]] =
//       CHECK:     %[[LEN:.*]] = arith.index_cast %{{.*}} : i32 to index
//       CHECK:     %[[LIVE:.*]] = arith.cmpi slt, %[[T]], %[[LEN]] : index
//       CHECK:     arith.select %[[LIVE]]
func.func @rnn_lengths(%x: tensor<6x3x5xf32>,
    %hwx: tensor<4x12xf32>, %hwh: tensor<4x4xf32>, %hb: tensor<4xf32>,
    %wz: tensor<2x4xf32>, %bz: tensor<2xf32>, %wd: tensor<7x2xf32>,
    %mwx: tensor<7x5xf32>, %mwh: tensor<7x7xf32>, %mb: tensor<7xf32>,
    %len: tensor<3xi32>) -> tensor<6x3x7xf32> {
  %y, %h, %hh = hyper.rnn %x : tensor<6x3x5xf32>
      hyper(%hwx, %hwh, %hb : tensor<4x12xf32>, tensor<4x4xf32>, tensor<4xf32>)
      proj(%wz, %wz, %wz, %bz, %bz : tensor<2x4xf32>, tensor<2x4xf32>,
           tensor<2x4xf32>, tensor<2xf32>, tensor<2xf32>)
      scale(%wd, %wd, %wd : tensor<7x2xf32>, tensor<7x2xf32>, tensor<7x2xf32>)
      main(%mwx, %mwh, %mb : tensor<7x5xf32>, tensor<7x7xf32>, tensor<7xf32>)
      lengths(%len : tensor<3xi32>)
  return %y : tensor<6x3x7xf32>
}

// -----

// One step: the x-side GEMMs are computed in place (nothing to hoist).
// CHECK-LABEL: func.func @lstm_cell_step
//   CHECK-NOT:   scf.for
//       CHECK:   linalg.matmul
//       CHECK:   hyper.row_scaled_linear
//   CHECK-NOT:   hyper.lstm_cell
func.func @lstm_cell_step(%x: tensor<1x6xf32>, %h: tensor<1x8xf32>,
    %c: tensor<1x8xf32>, %hh: tensor<1x4xf32>, %hc: tensor<1x4xf32>,
    %hwx: tensor<16x14xf32>, %hwh: tensor<16x4xf32>, %hb: tensor<16xf32>,
    %wz: tensor<12x4xf32>, %bz: tensor<12xf32>, %wd: tensor<4x8x3xf32>,
    %mwx: tensor<32x6xf32>, %mwh: tensor<32x8xf32>, %mb: tensor<32xf32>)
    -> tensor<1x8xf32> {
  %h1, %c1, %hh1, %hc1 = hyper.lstm_cell %x : tensor<1x6xf32>
      state(%h, %c, %hh, %hc : tensor<1x8xf32>, tensor<1x8xf32>,
            tensor<1x4xf32>, tensor<1x4xf32>)
      hyper(%hwx, %hwh, %hb : tensor<16x14xf32>, tensor<16x4xf32>, tensor<16xf32>)
      proj(%wz, %wz, %wz, %bz, %bz : tensor<12x4xf32>, tensor<12x4xf32>,
           tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>)
      scale(%wd, %wd, %wd : tensor<4x8x3xf32>, tensor<4x8x3xf32>, tensor<4x8x3xf32>)
      main(%mwx, %mwh, %mb : tensor<32x6xf32>, tensor<32x8xf32>, tensor<32xf32>)
  return %h1 : tensor<1x8xf32>
}

// -----

// The embedding projections as constants (bound weights): one [3·12, 4]
// matrix [W_zx; W_zh; W_zb] and one bias [b_zx; b_zh; 0], so z_x, z_h and
// z_b are one GEMM and three column slices of its result.
// CHECK-LABEL: func.func @lstm_cell_constant_projections
//   CHECK-DAG:   %[[WZ:.*]] = arith.constant dense<{{.*}}> : tensor<36x4xf32>
//   CHECK-DAG:   %[[BZ:.*]] = arith.constant dense<{{.*}}> : tensor<36xf32>
//       CHECK:   %[[Z:.*]] = linalg.matmul {{.*}} ins(%{{.*}}, %[[WZ]] : tensor<1x4xf32>, tensor<36x4xf32>)
//       CHECK:   %[[ZB:.*]] = linalg.generic {{.*}} ins(%[[Z]], %[[BZ]] :
//   CHECK-DAG:   tensor.extract_slice %[[ZB]][0, 0] [1, 12] [1, 1]
//   CHECK-DAG:   tensor.extract_slice %[[ZB]][0, 12] [1, 12] [1, 1]
//   CHECK-DAG:   tensor.extract_slice %[[ZB]][0, 24] [1, 12] [1, 1]
//   CHECK-NOT:   tensor<12x4xf32>
func.func @lstm_cell_constant_projections(%x: tensor<1x6xf32>, %h: tensor<1x8xf32>,
    %c: tensor<1x8xf32>, %hh: tensor<1x4xf32>, %hc: tensor<1x4xf32>,
    %hwx: tensor<16x14xf32>, %hwh: tensor<16x4xf32>, %hb: tensor<16xf32>,
    %wd: tensor<4x8x3xf32>,
    %mwx: tensor<32x6xf32>, %mwh: tensor<32x8xf32>, %mb: tensor<32xf32>)
    -> tensor<1x8xf32> {
  %wzx = arith.constant dense<1.0> : tensor<12x4xf32>
  %wzh = arith.constant dense<2.0> : tensor<12x4xf32>
  %wzb = arith.constant dense<3.0> : tensor<12x4xf32>
  %bzx = arith.constant dense<0.5> : tensor<12xf32>
  %bzh = arith.constant dense<0.25> : tensor<12xf32>
  %h1, %c1, %hh1, %hc1 = hyper.lstm_cell %x : tensor<1x6xf32>
      state(%h, %c, %hh, %hc : tensor<1x8xf32>, tensor<1x8xf32>,
            tensor<1x4xf32>, tensor<1x4xf32>)
      hyper(%hwx, %hwh, %hb : tensor<16x14xf32>, tensor<16x4xf32>, tensor<16xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<12x4xf32>, tensor<12x4xf32>,
           tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>)
      scale(%wd, %wd, %wd : tensor<4x8x3xf32>, tensor<4x8x3xf32>, tensor<4x8x3xf32>)
      main(%mwx, %mwh, %mb : tensor<32x6xf32>, tensor<32x8xf32>, tensor<32xf32>)
  return %h1 : tensor<1x8xf32>
}

// -----

// With layer norm, each cell's update normalises its gates where it reads
// them: the sums per (b, gate) — Σ v, then Σ (v − mean)² — are [B, 4]
// reductions, and c' (gates i, f, g) and h' (gate o and the normalised c',
// whose sums are [B, 1]) read the raw gates with them. No normalised
// [B, 4, N] tensor is written.
// CHECK-LABEL: func.func @lstm_cell_layer_norm
//       CHECK:   hyper.row_scaled_linear
//       CHECK:   %[[S:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[GS:.*]] : tensor<1x4x8xf32>) outs(%{{.*}} : tensor<1x4xf32>)
//       CHECK:   %[[Q:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[GS]], %[[S]] : tensor<1x4x8xf32>, tensor<1x4xf32>)
//   CHECK-NOT:   -> tensor<1x4x8xf32>
//       CHECK:   %[[C:.*]] = linalg.generic {{.*}} ins(%[[G3:[^,]*]], %[[S]], %[[Q]], %{{.*}}, %{{.*}}, %[[G3]], %[[S]], %[[Q]], %{{.*}}, %{{.*}}, %[[G3]], %[[S]], %[[Q]], %{{.*}}, %{{.*}}, %{{.*}} :
//       CHECK:   %[[CS:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<1x1xf32>)
//       CHECK:   %[[CQ:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<1x1xf32>)
//       CHECK:   linalg.generic {{.*}} ins(%[[G3]], %[[S]], %[[Q]], %{{.*}}, %{{.*}}, %[[C]], %[[CS]], %[[CQ]], %{{.*}}, %{{.*}} :
//   CHECK-NOT:   -> tensor<1x4x8xf32>
//       CHECK:   return
func.func @lstm_cell_layer_norm(%x: tensor<1x6xf32>, %h: tensor<1x8xf32>,
    %c: tensor<1x8xf32>, %hh: tensor<1x4xf32>, %hc: tensor<1x4xf32>,
    %hwx: tensor<16x14xf32>, %hwh: tensor<16x4xf32>, %hb: tensor<16xf32>,
    %wz: tensor<12x4xf32>, %bz: tensor<12xf32>, %wd: tensor<4x8x3xf32>,
    %mwx: tensor<32x6xf32>, %mwh: tensor<32x8xf32>, %mb: tensor<32xf32>,
    %hg: tensor<16xf32>, %hn: tensor<4xf32>, %mg: tensor<32xf32>,
    %mn: tensor<8xf32>) -> tensor<1x8xf32> {
  %h1, %c1, %hh1, %hc1 = hyper.lstm_cell %x : tensor<1x6xf32>
      state(%h, %c, %hh, %hc : tensor<1x8xf32>, tensor<1x8xf32>,
            tensor<1x4xf32>, tensor<1x4xf32>)
      hyper(%hwx, %hwh, %hb : tensor<16x14xf32>, tensor<16x4xf32>, tensor<16xf32>)
      proj(%wz, %wz, %wz, %bz, %bz : tensor<12x4xf32>, tensor<12x4xf32>,
           tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>)
      scale(%wd, %wd, %wd : tensor<4x8x3xf32>, tensor<4x8x3xf32>, tensor<4x8x3xf32>)
      main(%mwx, %mwh, %mb : tensor<32x6xf32>, tensor<32x8xf32>, tensor<32xf32>)
      layer_norm(%hg, %hg, %hn, %hn, %mg, %mg, %mn, %mn : tensor<16xf32>,
                 tensor<16xf32>, tensor<4xf32>, tensor<4xf32>, tensor<32xf32>,
                 tensor<32xf32>, tensor<8xf32>, tensor<8xf32>)
  return %h1 : tensor<1x8xf32>
}

// -----

// The primitives are not model ops: decomposition leaves them alone.
// CHECK-LABEL: func.func @negative_primitives_untouched
//       CHECK:   hyper.row_scaled_linear
//       CHECK:   hyper.dynamic_linear
func.func @negative_primitives_untouched(%x: tensor<4x9xf32>, %w: tensor<7x9xf32>,
    %d: tensor<4x7xf32>, %z: tensor<4x3xf32>, %b: tensor<3x7x9xf32>)
    -> (tensor<4x7xf32>, tensor<4x7xf32>) {
  %a = hyper.row_scaled_linear %x, %w, %d
      : tensor<4x9xf32>, tensor<7x9xf32>, tensor<4x7xf32>
  %y = hyper.dynamic_linear %x, %z, %b
      : tensor<4x9xf32>, tensor<4x3xf32>, tensor<3x7x9xf32>
  return %a, %y : tensor<4x7xf32>, tensor<4x7xf32>
}
