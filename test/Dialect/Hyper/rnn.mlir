// Round trip of the HyperRNN ops (N_x = 5, N_h = 7, N̂ = 4, N_z = 2).
// RUN: hyper-opt %s | hyper-opt | FileCheck %s
// RUN: hyper-opt %s -mlir-print-op-generic | hyper-opt | FileCheck %s
// RUN: hyper-opt %s > %t.custom && hyper-opt %t.custom > %t.custom2 && diff %t.custom %t.custom2
// RUN: hyper-opt %s -mlir-print-op-generic > %t.gen && hyper-opt %t.gen -mlir-print-op-generic > %t.gen2 && diff %t.gen %t.gen2

// CHECK-LABEL: func.func @rnn
//       CHECK:   = hyper.rnn %{{.*}} : tensor<6x3x5xf32>
//  CHECK-SAME:     hyper(%{{.*}}, %{{.*}}, %{{.*}} : tensor<4x12xf32>, tensor<4x4xf32>, tensor<4xf32>)
//  CHECK-SAME:     scale(%{{.*}}, %{{.*}}, %{{.*}} : tensor<7x2xf32>, tensor<7x2xf32>, tensor<7x2xf32>)
//  CHECK-SAME:     main(%{{.*}}, %{{.*}}, %{{.*}} : tensor<7x5xf32>, tensor<7x7xf32>, tensor<7xf32>){{$}}
func.func @rnn(%x: tensor<6x3x5xf32>,
    %hwx: tensor<4x12xf32>, %hwh: tensor<4x4xf32>, %hb: tensor<4xf32>,
    %wzx: tensor<2x4xf32>, %wzh: tensor<2x4xf32>, %wzb: tensor<2x4xf32>,
    %bzx: tensor<2xf32>, %bzh: tensor<2xf32>,
    %wdx: tensor<7x2xf32>, %wdh: tensor<7x2xf32>, %wdb: tensor<7x2xf32>,
    %mwx: tensor<7x5xf32>, %mwh: tensor<7x7xf32>, %mb: tensor<7xf32>)
    -> (tensor<6x3x7xf32>, tensor<3x7xf32>, tensor<3x4xf32>) {
  %y, %h, %hh = hyper.rnn %x : tensor<6x3x5xf32>
      hyper(%hwx, %hwh, %hb : tensor<4x12xf32>, tensor<4x4xf32>, tensor<4xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<2x4xf32>, tensor<2x4xf32>,
           tensor<2x4xf32>, tensor<2xf32>, tensor<2xf32>)
      scale(%wdx, %wdh, %wdb : tensor<7x2xf32>, tensor<7x2xf32>, tensor<7x2xf32>)
      main(%mwx, %mwh, %mb : tensor<7x5xf32>, tensor<7x7xf32>, tensor<7xf32>)
  return %y, %h, %hh : tensor<6x3x7xf32>, tensor<3x7xf32>, tensor<3x4xf32>
}

// Initial states and lengths, dynamic T.
// CHECK-LABEL: func.func @rnn_init_lengths
//       CHECK:   hyper.rnn %{{.*}} : tensor<?x3x5xf32>
//  CHECK-SAME:     init(%{{.*}}, %{{.*}} : tensor<3x7xf32>, tensor<3x4xf32>) lengths(%{{.*}} : tensor<3xi32>)
func.func @rnn_init_lengths(%x: tensor<?x3x5xf32>,
    %hwx: tensor<4x12xf32>, %hwh: tensor<4x4xf32>, %hb: tensor<4xf32>,
    %wzx: tensor<2x4xf32>, %wzh: tensor<2x4xf32>, %wzb: tensor<2x4xf32>,
    %bzx: tensor<2xf32>, %bzh: tensor<2xf32>,
    %wdx: tensor<7x2xf32>, %wdh: tensor<7x2xf32>, %wdb: tensor<7x2xf32>,
    %mwx: tensor<7x5xf32>, %mwh: tensor<7x7xf32>, %mb: tensor<7xf32>,
    %h0: tensor<3x7xf32>, %hh0: tensor<3x4xf32>, %len: tensor<3xi32>)
    -> tensor<?x3x7xf32> {
  %y, %h, %hh = hyper.rnn %x : tensor<?x3x5xf32>
      hyper(%hwx, %hwh, %hb : tensor<4x12xf32>, tensor<4x4xf32>, tensor<4xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<2x4xf32>, tensor<2x4xf32>,
           tensor<2x4xf32>, tensor<2xf32>, tensor<2xf32>)
      scale(%wdx, %wdh, %wdb : tensor<7x2xf32>, tensor<7x2xf32>, tensor<7x2xf32>)
      main(%mwx, %mwh, %mb : tensor<7x5xf32>, tensor<7x7xf32>, tensor<7xf32>)
      init(%h0, %hh0 : tensor<3x7xf32>, tensor<3x4xf32>)
      lengths(%len : tensor<3xi32>)
  return %y : tensor<?x3x7xf32>
}

// CHECK-LABEL: func.func @rnn_cell
//       CHECK:   = hyper.rnn_cell %{{.*}} : tensor<3x5xf32>
//  CHECK-SAME:     state(%{{.*}}, %{{.*}} : tensor<3x7xf32>, tensor<3x4xf32>)
func.func @rnn_cell(%x: tensor<3x5xf32>, %h: tensor<3x7xf32>, %hh: tensor<3x4xf32>,
    %hwx: tensor<4x12xf32>, %hwh: tensor<4x4xf32>, %hb: tensor<4xf32>,
    %wzx: tensor<2x4xf32>, %wzh: tensor<2x4xf32>, %wzb: tensor<2x4xf32>,
    %bzx: tensor<2xf32>, %bzh: tensor<2xf32>,
    %wdx: tensor<7x2xf32>, %wdh: tensor<7x2xf32>, %wdb: tensor<7x2xf32>,
    %mwx: tensor<7x5xf32>, %mwh: tensor<7x7xf32>, %mb: tensor<7xf32>)
    -> (tensor<3x7xf32>, tensor<3x4xf32>) {
  %h1, %hh1 = hyper.rnn_cell %x : tensor<3x5xf32>
      state(%h, %hh : tensor<3x7xf32>, tensor<3x4xf32>)
      hyper(%hwx, %hwh, %hb : tensor<4x12xf32>, tensor<4x4xf32>, tensor<4xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<2x4xf32>, tensor<2x4xf32>,
           tensor<2x4xf32>, tensor<2xf32>, tensor<2xf32>)
      scale(%wdx, %wdh, %wdb : tensor<7x2xf32>, tensor<7x2xf32>, tensor<7x2xf32>)
      main(%mwx, %mwh, %mb : tensor<7x5xf32>, tensor<7x7xf32>, tensor<7xf32>)
  return %h1, %hh1 : tensor<3x7xf32>, tensor<3x4xf32>
}
