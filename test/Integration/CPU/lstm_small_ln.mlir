// HyperLSTM with layer norm against the golden case lstm_small_ln (weights
// as run-time inputs, then bound as constants).
//
// RUN: hyper-run %s --input=@%data/lstm_small_ln/x.npy \
// RUN:   --input=@%data/lstm_small_ln/hyper.w_x.npy \
// RUN:   --input=@%data/lstm_small_ln/hyper.w_h.npy \
// RUN:   --input=@%data/lstm_small_ln/hyper.b.npy \
// RUN:   --input=@%data/lstm_small_ln/proj.w_zx.npy \
// RUN:   --input=@%data/lstm_small_ln/proj.w_zh.npy \
// RUN:   --input=@%data/lstm_small_ln/proj.w_zb.npy \
// RUN:   --input=@%data/lstm_small_ln/proj.b_zx.npy \
// RUN:   --input=@%data/lstm_small_ln/proj.b_zh.npy \
// RUN:   --input=@%data/lstm_small_ln/scale.w_dx.npy \
// RUN:   --input=@%data/lstm_small_ln/scale.w_dh.npy \
// RUN:   --input=@%data/lstm_small_ln/scale.w_db.npy \
// RUN:   --input=@%data/lstm_small_ln/main.w_x.npy \
// RUN:   --input=@%data/lstm_small_ln/main.w_h.npy \
// RUN:   --input=@%data/lstm_small_ln/main.b.npy \
// RUN:   --input=@%data/lstm_small_ln/hyper.ln_g.npy \
// RUN:   --input=@%data/lstm_small_ln/hyper.ln_b.npy \
// RUN:   --input=@%data/lstm_small_ln/hyper.ln_c_g.npy \
// RUN:   --input=@%data/lstm_small_ln/hyper.ln_c_b.npy \
// RUN:   --input=@%data/lstm_small_ln/main.ln_g.npy \
// RUN:   --input=@%data/lstm_small_ln/main.ln_b.npy \
// RUN:   --input=@%data/lstm_small_ln/main.ln_c_g.npy \
// RUN:   --input=@%data/lstm_small_ln/main.ln_c_b.npy \
// RUN:   --output=@%t.y.npy --output=@%t.h.npy --output=@%t.c.npy \
// RUN:   --output=@%t.hh.npy --output=@%t.hc.npy
// RUN: %npy_compare %t.y.npy %data/lstm_small_ln/y.npy
// RUN: %npy_compare %t.h.npy %data/lstm_small_ln/h_T.npy
// RUN: %npy_compare %t.c.npy %data/lstm_small_ln/c_T.npy
// RUN: %npy_compare %t.hh.npy %data/lstm_small_ln/hh_T.npy
// RUN: %npy_compare %t.hc.npy %data/lstm_small_ln/hc_T.npy
//
// RUN: hyper-run %s --weights=%data/lstm_small_ln --input=@%data/lstm_small_ln/x.npy \
// RUN:   --output=@%t.bound.y.npy
// RUN: %npy_compare %t.bound.y.npy %data/lstm_small_ln/y.npy

func.func @lstm_ln(%x: tensor<5x2x6xf32>,
    %hyper_w_x: tensor<16x14xf32> {hyper.name = "hyper.w_x"},
    %hyper_w_h: tensor<16x4xf32> {hyper.name = "hyper.w_h"},
    %hyper_b: tensor<16xf32> {hyper.name = "hyper.b"},
    %proj_w_zx: tensor<12x4xf32> {hyper.name = "proj.w_zx"},
    %proj_w_zh: tensor<12x4xf32> {hyper.name = "proj.w_zh"},
    %proj_w_zb: tensor<12x4xf32> {hyper.name = "proj.w_zb"},
    %proj_b_zx: tensor<12xf32> {hyper.name = "proj.b_zx"},
    %proj_b_zh: tensor<12xf32> {hyper.name = "proj.b_zh"},
    %scale_w_dx: tensor<4x8x3xf32> {hyper.name = "scale.w_dx"},
    %scale_w_dh: tensor<4x8x3xf32> {hyper.name = "scale.w_dh"},
    %scale_w_db: tensor<4x8x3xf32> {hyper.name = "scale.w_db"},
    %main_w_x: tensor<32x6xf32> {hyper.name = "main.w_x"},
    %main_w_h: tensor<32x8xf32> {hyper.name = "main.w_h"},
    %main_b: tensor<32xf32> {hyper.name = "main.b"},
    %hyper_ln_g: tensor<16xf32> {hyper.name = "hyper.ln_g"},
    %hyper_ln_b: tensor<16xf32> {hyper.name = "hyper.ln_b"},
    %hyper_ln_c_g: tensor<4xf32> {hyper.name = "hyper.ln_c_g"},
    %hyper_ln_c_b: tensor<4xf32> {hyper.name = "hyper.ln_c_b"},
    %main_ln_g: tensor<32xf32> {hyper.name = "main.ln_g"},
    %main_ln_b: tensor<32xf32> {hyper.name = "main.ln_b"},
    %main_ln_c_g: tensor<8xf32> {hyper.name = "main.ln_c_g"},
    %main_ln_c_b: tensor<8xf32> {hyper.name = "main.ln_c_b"})
    -> (tensor<5x2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x4xf32>,
        tensor<2x4xf32>) {
  %y, %h, %c, %hh, %hc = hyper.lstm %x : tensor<5x2x6xf32>
      hyper(%hyper_w_x, %hyper_w_h, %hyper_b
          : tensor<16x14xf32>, tensor<16x4xf32>, tensor<16xf32>)
      proj(%proj_w_zx, %proj_w_zh, %proj_w_zb, %proj_b_zx, %proj_b_zh
          : tensor<12x4xf32>, tensor<12x4xf32>, tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>)
      scale(%scale_w_dx, %scale_w_dh, %scale_w_db
          : tensor<4x8x3xf32>, tensor<4x8x3xf32>, tensor<4x8x3xf32>)
      main(%main_w_x, %main_w_h, %main_b
          : tensor<32x6xf32>, tensor<32x8xf32>, tensor<32xf32>)
      layer_norm(%hyper_ln_g, %hyper_ln_b, %hyper_ln_c_g, %hyper_ln_c_b, %main_ln_g, %main_ln_b, %main_ln_c_g, %main_ln_c_b
          : tensor<16xf32>, tensor<16xf32>, tensor<4xf32>, tensor<4xf32>, tensor<32xf32>, tensor<32xf32>, tensor<8xf32>, tensor<8xf32>)
  return %y, %h, %c, %hh, %hc : tensor<5x2x8xf32>, tensor<2x8xf32>,
      tensor<2x8xf32>, tensor<2x4xf32>, tensor<2x4xf32>
}
