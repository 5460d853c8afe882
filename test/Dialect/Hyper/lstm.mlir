// Round trip of the HyperLSTM ops (N_x = 6, N_h = 8, N̂ = 4, N_z = 3).
// RUN: hyper-opt %s | hyper-opt | FileCheck %s
// RUN: hyper-opt %s -mlir-print-op-generic | hyper-opt | FileCheck %s
// RUN: hyper-opt %s > %t.custom && hyper-opt %t.custom > %t.custom2 && diff %t.custom %t.custom2
// RUN: hyper-opt %s -mlir-print-op-generic > %t.gen && hyper-opt %t.gen -mlir-print-op-generic > %t.gen2 && diff %t.gen %t.gen2

// Defaults (forget_bias 1.0, epsilon 1e-3, z_source current) are not printed.
// CHECK-LABEL: func.func @lstm_plain
//  CHECK-SAME:   (%[[X:[^:]*]]: tensor<5x2x6xf32>
//       CHECK:   = hyper.lstm %[[X]] : tensor<5x2x6xf32>
//  CHECK-SAME:     hyper(%{{.*}}, %{{.*}}, %{{.*}} : tensor<16x14xf32>, tensor<16x4xf32>, tensor<16xf32>)
//  CHECK-SAME:     proj(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} : tensor<12x4xf32>, tensor<12x4xf32>, tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>)
//  CHECK-SAME:     scale(%{{.*}}, %{{.*}}, %{{.*}} : tensor<4x8x3xf32>, tensor<4x8x3xf32>, tensor<4x8x3xf32>)
//  CHECK-SAME:     main(%{{.*}}, %{{.*}}, %{{.*}} : tensor<32x6xf32>, tensor<32x8xf32>, tensor<32xf32>){{$}}
func.func @lstm_plain(%x: tensor<5x2x6xf32>,
    %hwx: tensor<16x14xf32>, %hwh: tensor<16x4xf32>, %hb: tensor<16xf32>,
    %wzx: tensor<12x4xf32>, %wzh: tensor<12x4xf32>, %wzb: tensor<12x4xf32>,
    %bzx: tensor<12xf32>, %bzh: tensor<12xf32>,
    %wdx: tensor<4x8x3xf32>, %wdh: tensor<4x8x3xf32>, %wdb: tensor<4x8x3xf32>,
    %mwx: tensor<32x6xf32>, %mwh: tensor<32x8xf32>, %mb: tensor<32xf32>)
    -> (tensor<5x2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x4xf32>, tensor<2x4xf32>) {
  %y, %h, %c, %hh, %hc = hyper.lstm %x : tensor<5x2x6xf32>
      hyper(%hwx, %hwh, %hb : tensor<16x14xf32>, tensor<16x4xf32>, tensor<16xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<12x4xf32>, tensor<12x4xf32>,
           tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>)
      scale(%wdx, %wdh, %wdb : tensor<4x8x3xf32>, tensor<4x8x3xf32>, tensor<4x8x3xf32>)
      main(%mwx, %mwh, %mb : tensor<32x6xf32>, tensor<32x8xf32>, tensor<32xf32>)
  return %y, %h, %c, %hh, %hc
      : tensor<5x2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x4xf32>, tensor<2x4xf32>
}

// Everything optional: layer norm, initial states, lengths, non-default
// attributes, dynamic T and B.
// CHECK-LABEL: func.func @lstm_full
//       CHECK:   hyper.lstm %{{.*}} : tensor<?x?x6xf32>
//  CHECK-SAME:     layer_norm(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} : tensor<16xf32>, tensor<16xf32>, tensor<4xf32>, tensor<4xf32>, tensor<32xf32>, tensor<32xf32>, tensor<8xf32>, tensor<8xf32>)
//  CHECK-SAME:     init(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} : tensor<?x8xf32>, tensor<?x8xf32>, tensor<?x4xf32>, tensor<?x4xf32>)
//  CHECK-SAME:     lengths(%{{.*}} : tensor<?xi32>)
//  CHECK-SAME:     {epsilon = 9.99999974E-6 : f32, forget_bias = 0.000000e+00 : f32, z_source = #hyper.z_source<previous>}
func.func @lstm_full(%x: tensor<?x?x6xf32>,
    %hwx: tensor<16x14xf32>, %hwh: tensor<16x4xf32>, %hb: tensor<16xf32>,
    %wzx: tensor<12x4xf32>, %wzh: tensor<12x4xf32>, %wzb: tensor<12x4xf32>,
    %bzx: tensor<12xf32>, %bzh: tensor<12xf32>,
    %wdx: tensor<4x8x3xf32>, %wdh: tensor<4x8x3xf32>, %wdb: tensor<4x8x3xf32>,
    %mwx: tensor<32x6xf32>, %mwh: tensor<32x8xf32>, %mb: tensor<32xf32>,
    %hg: tensor<16xf32>, %hbeta: tensor<16xf32>, %hcg: tensor<4xf32>, %hcb: tensor<4xf32>,
    %mg: tensor<32xf32>, %mbeta: tensor<32xf32>, %mcg: tensor<8xf32>, %mcb: tensor<8xf32>,
    %h0: tensor<?x8xf32>, %c0: tensor<?x8xf32>, %hh0: tensor<?x4xf32>, %hc0: tensor<?x4xf32>,
    %len: tensor<?xi32>) -> (tensor<?x?x8xf32>, tensor<?x4xf32>) {
  %y, %h, %c, %hh, %hc = hyper.lstm %x : tensor<?x?x6xf32>
      hyper(%hwx, %hwh, %hb : tensor<16x14xf32>, tensor<16x4xf32>, tensor<16xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<12x4xf32>, tensor<12x4xf32>,
           tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>)
      scale(%wdx, %wdh, %wdb : tensor<4x8x3xf32>, tensor<4x8x3xf32>, tensor<4x8x3xf32>)
      main(%mwx, %mwh, %mb : tensor<32x6xf32>, tensor<32x8xf32>, tensor<32xf32>)
      layer_norm(%hg, %hbeta, %hcg, %hcb, %mg, %mbeta, %mcg, %mcb
                 : tensor<16xf32>, tensor<16xf32>, tensor<4xf32>, tensor<4xf32>,
                   tensor<32xf32>, tensor<32xf32>, tensor<8xf32>, tensor<8xf32>)
      init(%h0, %c0, %hh0, %hc0 : tensor<?x8xf32>, tensor<?x8xf32>,
           tensor<?x4xf32>, tensor<?x4xf32>)
      lengths(%len : tensor<?xi32>)
      {forget_bias = 0.0 : f32, epsilon = 1.0e-5 : f32,
       z_source = #hyper.z_source<previous>}
  return %y, %hc : tensor<?x?x8xf32>, tensor<?x4xf32>
}

// A single step, as used for autoregressive sampling; f64 throughout.
// CHECK-LABEL: func.func @lstm_cell
//       CHECK:   = hyper.lstm_cell %{{.*}} : tensor<1x6xf64>
//  CHECK-SAME:     state(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} : tensor<1x8xf64>, tensor<1x8xf64>, tensor<1x4xf64>, tensor<1x4xf64>)
//  CHECK-SAME:     {forget_bias = 5.000000e-01 : f32}
func.func @lstm_cell(%x: tensor<1x6xf64>, %h: tensor<1x8xf64>, %c: tensor<1x8xf64>,
    %hh: tensor<1x4xf64>, %hc: tensor<1x4xf64>,
    %hwx: tensor<16x14xf64>, %hwh: tensor<16x4xf64>, %hb: tensor<16xf64>,
    %wzx: tensor<12x4xf64>, %wzh: tensor<12x4xf64>, %wzb: tensor<12x4xf64>,
    %bzx: tensor<12xf64>, %bzh: tensor<12xf64>,
    %wdx: tensor<4x8x3xf64>, %wdh: tensor<4x8x3xf64>, %wdb: tensor<4x8x3xf64>,
    %mwx: tensor<32x6xf64>, %mwh: tensor<32x8xf64>, %mb: tensor<32xf64>)
    -> (tensor<1x8xf64>, tensor<1x8xf64>, tensor<1x4xf64>, tensor<1x4xf64>) {
  %h1, %c1, %hh1, %hc1 = hyper.lstm_cell %x : tensor<1x6xf64>
      state(%h, %c, %hh, %hc : tensor<1x8xf64>, tensor<1x8xf64>,
            tensor<1x4xf64>, tensor<1x4xf64>)
      hyper(%hwx, %hwh, %hb : tensor<16x14xf64>, tensor<16x4xf64>, tensor<16xf64>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<12x4xf64>, tensor<12x4xf64>,
           tensor<12x4xf64>, tensor<12xf64>, tensor<12xf64>)
      scale(%wdx, %wdh, %wdb : tensor<4x8x3xf64>, tensor<4x8x3xf64>, tensor<4x8x3xf64>)
      main(%mwx, %mwh, %mb : tensor<32x6xf64>, tensor<32x8xf64>, tensor<32xf64>)
      {forget_bias = 0.5 : f32}
  return %h1, %c1, %hh1, %hc1
      : tensor<1x8xf64>, tensor<1x8xf64>, tensor<1x4xf64>, tensor<1x4xf64>
}

// A single step with layer norm and a dynamic batch.
// CHECK-LABEL: func.func @lstm_cell_layer_norm
//       CHECK:   hyper.lstm_cell
//  CHECK-SAME:     layer_norm(
func.func @lstm_cell_layer_norm(%x: tensor<?x6xf32>, %h: tensor<?x8xf32>, %c: tensor<?x8xf32>,
    %hh: tensor<?x4xf32>, %hc: tensor<?x4xf32>,
    %hwx: tensor<16x14xf32>, %hwh: tensor<16x4xf32>, %hb: tensor<16xf32>,
    %wzx: tensor<12x4xf32>, %wzh: tensor<12x4xf32>, %wzb: tensor<12x4xf32>,
    %bzx: tensor<12xf32>, %bzh: tensor<12xf32>,
    %wdx: tensor<4x8x3xf32>, %wdh: tensor<4x8x3xf32>, %wdb: tensor<4x8x3xf32>,
    %mwx: tensor<32x6xf32>, %mwh: tensor<32x8xf32>, %mb: tensor<32xf32>,
    %hg: tensor<16xf32>, %hbeta: tensor<16xf32>, %hcg: tensor<4xf32>, %hcb: tensor<4xf32>,
    %mg: tensor<32xf32>, %mbeta: tensor<32xf32>, %mcg: tensor<8xf32>, %mcb: tensor<8xf32>)
    -> tensor<?x8xf32> {
  %h1, %c1, %hh1, %hc1 = hyper.lstm_cell %x : tensor<?x6xf32>
      state(%h, %c, %hh, %hc : tensor<?x8xf32>, tensor<?x8xf32>,
            tensor<?x4xf32>, tensor<?x4xf32>)
      hyper(%hwx, %hwh, %hb : tensor<16x14xf32>, tensor<16x4xf32>, tensor<16xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<12x4xf32>, tensor<12x4xf32>,
           tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>)
      scale(%wdx, %wdh, %wdb : tensor<4x8x3xf32>, tensor<4x8x3xf32>, tensor<4x8x3xf32>)
      main(%mwx, %mwh, %mb : tensor<32x6xf32>, tensor<32x8xf32>, tensor<32xf32>)
      layer_norm(%hg, %hbeta, %hcg, %hcb, %mg, %mbeta, %mcg, %mcb
                 : tensor<16xf32>, tensor<16xf32>, tensor<4xf32>, tensor<4xf32>,
                   tensor<32xf32>, tensor<32xf32>, tensor<8xf32>, tensor<8xf32>)
  return %h1 : tensor<?x8xf32>
}
