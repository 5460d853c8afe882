// HyperRNN against the golden case rnn_small, with a dynamic sequence length
// and batch (weights as run-time inputs, then bound as constants).
//
// RUN: hyper-run %s --input=@%data/rnn_small/x.npy \
// RUN:   --input=@%data/rnn_small/hyper.w_x.npy \
// RUN:   --input=@%data/rnn_small/hyper.w_h.npy \
// RUN:   --input=@%data/rnn_small/hyper.b.npy \
// RUN:   --input=@%data/rnn_small/proj.w_zx.npy \
// RUN:   --input=@%data/rnn_small/proj.w_zh.npy \
// RUN:   --input=@%data/rnn_small/proj.w_zb.npy \
// RUN:   --input=@%data/rnn_small/proj.b_zx.npy \
// RUN:   --input=@%data/rnn_small/proj.b_zh.npy \
// RUN:   --input=@%data/rnn_small/scale.w_dx.npy \
// RUN:   --input=@%data/rnn_small/scale.w_dh.npy \
// RUN:   --input=@%data/rnn_small/scale.w_db.npy \
// RUN:   --input=@%data/rnn_small/main.w_x.npy \
// RUN:   --input=@%data/rnn_small/main.w_h.npy \
// RUN:   --input=@%data/rnn_small/main.b.npy \
// RUN:   --output=@%t.y.npy --output=@%t.h.npy --output=@%t.hh.npy
// RUN: %npy_compare %t.y.npy %data/rnn_small/y.npy
// RUN: %npy_compare %t.h.npy %data/rnn_small/h_T.npy
// RUN: %npy_compare %t.hh.npy %data/rnn_small/hh_T.npy
//
// RUN: hyper-run %s --weights=%data/rnn_small --input=@%data/rnn_small/x.npy \
// RUN:   --output=@%t.bound.y.npy
// RUN: %npy_compare %t.bound.y.npy %data/rnn_small/y.npy
//
// Ahead of time, weights bound; T and B are size arguments.
// RUN: hyper-compile %s --weights=%data/rnn_small -o %t.o --header %t.h
// RUN: %aot_cxx -include %t.h %S/Inputs/aot_rnn.cpp %t.o %runtime_lib -lm -o %t.aot
// RUN: %t.aot %data/rnn_small/x.npy %t.aot.y.npy %t.aot.h.npy %t.aot.hh.npy
// RUN: %npy_compare %t.aot.y.npy %data/rnn_small/y.npy
// RUN: %npy_compare %t.aot.h.npy %data/rnn_small/h_T.npy
// RUN: %npy_compare %t.aot.hh.npy %data/rnn_small/hh_T.npy

func.func @rnn(%x: tensor<?x?x5xf32>,
    %hyper_w_x: tensor<4x12xf32> {hyper.name = "hyper.w_x"},
    %hyper_w_h: tensor<4x4xf32> {hyper.name = "hyper.w_h"},
    %hyper_b: tensor<4xf32> {hyper.name = "hyper.b"},
    %proj_w_zx: tensor<2x4xf32> {hyper.name = "proj.w_zx"},
    %proj_w_zh: tensor<2x4xf32> {hyper.name = "proj.w_zh"},
    %proj_w_zb: tensor<2x4xf32> {hyper.name = "proj.w_zb"},
    %proj_b_zx: tensor<2xf32> {hyper.name = "proj.b_zx"},
    %proj_b_zh: tensor<2xf32> {hyper.name = "proj.b_zh"},
    %scale_w_dx: tensor<7x2xf32> {hyper.name = "scale.w_dx"},
    %scale_w_dh: tensor<7x2xf32> {hyper.name = "scale.w_dh"},
    %scale_w_db: tensor<7x2xf32> {hyper.name = "scale.w_db"},
    %main_w_x: tensor<7x5xf32> {hyper.name = "main.w_x"},
    %main_w_h: tensor<7x7xf32> {hyper.name = "main.w_h"},
    %main_b: tensor<7xf32> {hyper.name = "main.b"})
    -> (tensor<?x?x7xf32>, tensor<?x7xf32>, tensor<?x4xf32>) {
  %y, %h, %hh = hyper.rnn %x : tensor<?x?x5xf32>
      hyper(%hyper_w_x, %hyper_w_h, %hyper_b
          : tensor<4x12xf32>, tensor<4x4xf32>, tensor<4xf32>)
      proj(%proj_w_zx, %proj_w_zh, %proj_w_zb, %proj_b_zx, %proj_b_zh
          : tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<2xf32>, tensor<2xf32>)
      scale(%scale_w_dx, %scale_w_dh, %scale_w_db
          : tensor<7x2xf32>, tensor<7x2xf32>, tensor<7x2xf32>)
      main(%main_w_x, %main_w_h, %main_b
          : tensor<7x5xf32>, tensor<7x7xf32>, tensor<7xf32>)
  return %y, %h, %hh : tensor<?x?x7xf32>, tensor<?x7xf32>, tensor<?x4xf32>
}
