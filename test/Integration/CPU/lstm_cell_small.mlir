// The single-step HyperLSTM cell, ahead of time: one step from zero states
// on the first input of lstm_small gives the first output of the golden
// sequence.
//
// RUN: hyper-compile %s --weights=%data/lstm_small -o %t.o --header %t.h
// RUN: %aot_cxx -include %t.h %S/Inputs/aot_lstm_cell.cpp %t.o %runtime_lib -lm -o %t.aot
// RUN: %t.aot %data/lstm_small/x.npy %t.h.npy
// RUN: %npy_compare %t.h.npy %data/lstm_small/y.npy --want-index 0

func.func @cell(%x: tensor<?x6xf32>, %h: tensor<?x8xf32>, %c: tensor<?x8xf32>,
    %hh: tensor<?x4xf32>, %hc: tensor<?x4xf32>,
    %hwx: tensor<16x14xf32> {hyper.name = "hyper.w_x"},
    %hwh: tensor<16x4xf32> {hyper.name = "hyper.w_h"},
    %hb: tensor<16xf32> {hyper.name = "hyper.b"},
    %wzx: tensor<12x4xf32> {hyper.name = "proj.w_zx"},
    %wzh: tensor<12x4xf32> {hyper.name = "proj.w_zh"},
    %wzb: tensor<12x4xf32> {hyper.name = "proj.w_zb"},
    %bzx: tensor<12xf32> {hyper.name = "proj.b_zx"},
    %bzh: tensor<12xf32> {hyper.name = "proj.b_zh"},
    %wdx: tensor<4x8x3xf32> {hyper.name = "scale.w_dx"},
    %wdh: tensor<4x8x3xf32> {hyper.name = "scale.w_dh"},
    %wdb: tensor<4x8x3xf32> {hyper.name = "scale.w_db"},
    %mwx: tensor<32x6xf32> {hyper.name = "main.w_x"},
    %mwh: tensor<32x8xf32> {hyper.name = "main.w_h"},
    %mb: tensor<32xf32> {hyper.name = "main.b"})
    -> (tensor<?x8xf32>, tensor<?x8xf32>, tensor<?x4xf32>, tensor<?x4xf32>) {
  %h1, %c1, %hh1, %hc1 = hyper.lstm_cell %x : tensor<?x6xf32>
      state(%h, %c, %hh, %hc : tensor<?x8xf32>, tensor<?x8xf32>,
            tensor<?x4xf32>, tensor<?x4xf32>)
      hyper(%hwx, %hwh, %hb : tensor<16x14xf32>, tensor<16x4xf32>, tensor<16xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<12x4xf32>, tensor<12x4xf32>,
           tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>)
      scale(%wdx, %wdh, %wdb : tensor<4x8x3xf32>, tensor<4x8x3xf32>, tensor<4x8x3xf32>)
      main(%mwx, %mwh, %mb : tensor<32x6xf32>, tensor<32x8xf32>, tensor<32xf32>)
  return %h1, %c1, %hh1, %hc1
      : tensor<?x8xf32>, tensor<?x8xf32>, tensor<?x4xf32>, tensor<?x4xf32>
}
