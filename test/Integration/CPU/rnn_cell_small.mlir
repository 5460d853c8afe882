// The single-step HyperRNN cell, ahead of time: one step from zero states on
// the first input of rnn_small gives the first output of the golden sequence.
//
// RUN: hyper-compile %s --weights=%data/rnn_small -o %t.o --header %t.h
// RUN: %aot_cxx -include %t.h %S/Inputs/aot_rnn_cell.cpp %t.o %runtime_lib -lm -o %t.aot
// RUN: %t.aot %data/rnn_small/x.npy %t.h.npy
// RUN: %npy_compare %t.h.npy %data/rnn_small/y.npy --want-index 0

func.func @cell(%x: tensor<?x5xf32>, %h: tensor<?x7xf32>, %hh: tensor<?x4xf32>,
    %hwx: tensor<4x12xf32> {hyper.name = "hyper.w_x"},
    %hwh: tensor<4x4xf32> {hyper.name = "hyper.w_h"},
    %hb: tensor<4xf32> {hyper.name = "hyper.b"},
    %wzx: tensor<2x4xf32> {hyper.name = "proj.w_zx"},
    %wzh: tensor<2x4xf32> {hyper.name = "proj.w_zh"},
    %wzb: tensor<2x4xf32> {hyper.name = "proj.w_zb"},
    %bzx: tensor<2xf32> {hyper.name = "proj.b_zx"},
    %bzh: tensor<2xf32> {hyper.name = "proj.b_zh"},
    %wdx: tensor<7x2xf32> {hyper.name = "scale.w_dx"},
    %wdh: tensor<7x2xf32> {hyper.name = "scale.w_dh"},
    %wdb: tensor<7x2xf32> {hyper.name = "scale.w_db"},
    %mwx: tensor<7x5xf32> {hyper.name = "main.w_x"},
    %mwh: tensor<7x7xf32> {hyper.name = "main.w_h"},
    %mb: tensor<7xf32> {hyper.name = "main.b"})
    -> (tensor<?x7xf32>, tensor<?x4xf32>) {
  %h1, %hh1 = hyper.rnn_cell %x : tensor<?x5xf32>
      state(%h, %hh : tensor<?x7xf32>, tensor<?x4xf32>)
      hyper(%hwx, %hwh, %hb : tensor<4x12xf32>, tensor<4x4xf32>, tensor<4xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<2x4xf32>, tensor<2x4xf32>,
           tensor<2x4xf32>, tensor<2xf32>, tensor<2xf32>)
      scale(%wdx, %wdh, %wdb : tensor<7x2xf32>, tensor<7x2xf32>, tensor<7x2xf32>)
      main(%mwx, %mwh, %mb : tensor<7x5xf32>, tensor<7x7xf32>, tensor<7xf32>)
  return %h1, %hh1 : tensor<?x7xf32>, tensor<?x4xf32>
}
