// HyperLSTM with the Penn Treebank sizes (N_h = 1000, layer norm on, T = 20)
// against the golden case lstm_ptb_shape. Its 19 MB of data stay outside the
// repository: the test runs where ../shared/reference exists.
// REQUIRES: shared-reference
//
// RUN: hyper-run %s --input=@%shared_reference/lstm_ptb_shape/x.npy \
// RUN:   --input=@%shared_reference/lstm_ptb_shape/hyper.w_x.npy \
// RUN:   --input=@%shared_reference/lstm_ptb_shape/hyper.w_h.npy \
// RUN:   --input=@%shared_reference/lstm_ptb_shape/hyper.b.npy \
// RUN:   --input=@%shared_reference/lstm_ptb_shape/proj.w_zx.npy \
// RUN:   --input=@%shared_reference/lstm_ptb_shape/proj.w_zh.npy \
// RUN:   --input=@%shared_reference/lstm_ptb_shape/proj.w_zb.npy \
// RUN:   --input=@%shared_reference/lstm_ptb_shape/proj.b_zx.npy \
// RUN:   --input=@%shared_reference/lstm_ptb_shape/proj.b_zh.npy \
// RUN:   --input=@%shared_reference/lstm_ptb_shape/scale.w_dx.npy \
// RUN:   --input=@%shared_reference/lstm_ptb_shape/scale.w_dh.npy \
// RUN:   --input=@%shared_reference/lstm_ptb_shape/scale.w_db.npy \
// RUN:   --input=@%shared_reference/lstm_ptb_shape/main.w_x.npy \
// RUN:   --input=@%shared_reference/lstm_ptb_shape/main.w_h.npy \
// RUN:   --input=@%shared_reference/lstm_ptb_shape/main.b.npy \
// RUN:   --input=@%shared_reference/lstm_ptb_shape/hyper.ln_g.npy \
// RUN:   --input=@%shared_reference/lstm_ptb_shape/hyper.ln_b.npy \
// RUN:   --input=@%shared_reference/lstm_ptb_shape/hyper.ln_c_g.npy \
// RUN:   --input=@%shared_reference/lstm_ptb_shape/hyper.ln_c_b.npy \
// RUN:   --input=@%shared_reference/lstm_ptb_shape/main.ln_g.npy \
// RUN:   --input=@%shared_reference/lstm_ptb_shape/main.ln_b.npy \
// RUN:   --input=@%shared_reference/lstm_ptb_shape/main.ln_c_g.npy \
// RUN:   --input=@%shared_reference/lstm_ptb_shape/main.ln_c_b.npy \
// RUN:   --output=@%t.y.npy --output=@%t.h.npy --output=@%t.c.npy \
// RUN:   --output=@%t.hh.npy --output=@%t.hc.npy
// RUN: %npy_compare %t.y.npy %shared_reference/lstm_ptb_shape/y.npy
// RUN: %npy_compare %t.h.npy %shared_reference/lstm_ptb_shape/h_T.npy
// RUN: %npy_compare %t.c.npy %shared_reference/lstm_ptb_shape/c_T.npy
// RUN: %npy_compare %t.hh.npy %shared_reference/lstm_ptb_shape/hh_T.npy
// RUN: %npy_compare %t.hc.npy %shared_reference/lstm_ptb_shape/hc_T.npy
//
// The same on two OpenMP threads.
// RUN: env OMP_NUM_THREADS=2 hyper-run %s --parallel --input=@%shared_reference/lstm_ptb_shape/x.npy \
// RUN:   --input=@%shared_reference/lstm_ptb_shape/hyper.w_x.npy \
// RUN:   --input=@%shared_reference/lstm_ptb_shape/hyper.w_h.npy \
// RUN:   --input=@%shared_reference/lstm_ptb_shape/hyper.b.npy \
// RUN:   --input=@%shared_reference/lstm_ptb_shape/proj.w_zx.npy \
// RUN:   --input=@%shared_reference/lstm_ptb_shape/proj.w_zh.npy \
// RUN:   --input=@%shared_reference/lstm_ptb_shape/proj.w_zb.npy \
// RUN:   --input=@%shared_reference/lstm_ptb_shape/proj.b_zx.npy \
// RUN:   --input=@%shared_reference/lstm_ptb_shape/proj.b_zh.npy \
// RUN:   --input=@%shared_reference/lstm_ptb_shape/scale.w_dx.npy \
// RUN:   --input=@%shared_reference/lstm_ptb_shape/scale.w_dh.npy \
// RUN:   --input=@%shared_reference/lstm_ptb_shape/scale.w_db.npy \
// RUN:   --input=@%shared_reference/lstm_ptb_shape/main.w_x.npy \
// RUN:   --input=@%shared_reference/lstm_ptb_shape/main.w_h.npy \
// RUN:   --input=@%shared_reference/lstm_ptb_shape/main.b.npy \
// RUN:   --input=@%shared_reference/lstm_ptb_shape/hyper.ln_g.npy \
// RUN:   --input=@%shared_reference/lstm_ptb_shape/hyper.ln_b.npy \
// RUN:   --input=@%shared_reference/lstm_ptb_shape/hyper.ln_c_g.npy \
// RUN:   --input=@%shared_reference/lstm_ptb_shape/hyper.ln_c_b.npy \
// RUN:   --input=@%shared_reference/lstm_ptb_shape/main.ln_g.npy \
// RUN:   --input=@%shared_reference/lstm_ptb_shape/main.ln_b.npy \
// RUN:   --input=@%shared_reference/lstm_ptb_shape/main.ln_c_g.npy \
// RUN:   --input=@%shared_reference/lstm_ptb_shape/main.ln_c_b.npy \
// RUN:   --output=@%t.par.y.npy --output=@%t.par.h.npy --output=@%t.par.c.npy \
// RUN:   --output=@%t.par.hh.npy --output=@%t.par.hc.npy
// RUN: %npy_compare %t.par.y.npy %shared_reference/lstm_ptb_shape/y.npy
// RUN: %npy_compare %t.par.hc.npy %shared_reference/lstm_ptb_shape/hc_T.npy

func.func @lstm_ptb(%x: tensor<20x3x50xf32>,
    %hyper_w_x: tensor<512x1050xf32> {hyper.name = "hyper.w_x"},
    %hyper_w_h: tensor<512x128xf32> {hyper.name = "hyper.w_h"},
    %hyper_b: tensor<512xf32> {hyper.name = "hyper.b"},
    %proj_w_zx: tensor<16x128xf32> {hyper.name = "proj.w_zx"},
    %proj_w_zh: tensor<16x128xf32> {hyper.name = "proj.w_zh"},
    %proj_w_zb: tensor<16x128xf32> {hyper.name = "proj.w_zb"},
    %proj_b_zx: tensor<16xf32> {hyper.name = "proj.b_zx"},
    %proj_b_zh: tensor<16xf32> {hyper.name = "proj.b_zh"},
    %scale_w_dx: tensor<4x1000x4xf32> {hyper.name = "scale.w_dx"},
    %scale_w_dh: tensor<4x1000x4xf32> {hyper.name = "scale.w_dh"},
    %scale_w_db: tensor<4x1000x4xf32> {hyper.name = "scale.w_db"},
    %main_w_x: tensor<4000x50xf32> {hyper.name = "main.w_x"},
    %main_w_h: tensor<4000x1000xf32> {hyper.name = "main.w_h"},
    %main_b: tensor<4000xf32> {hyper.name = "main.b"},
    %hyper_ln_g: tensor<512xf32> {hyper.name = "hyper.ln_g"},
    %hyper_ln_b: tensor<512xf32> {hyper.name = "hyper.ln_b"},
    %hyper_ln_c_g: tensor<128xf32> {hyper.name = "hyper.ln_c_g"},
    %hyper_ln_c_b: tensor<128xf32> {hyper.name = "hyper.ln_c_b"},
    %main_ln_g: tensor<4000xf32> {hyper.name = "main.ln_g"},
    %main_ln_b: tensor<4000xf32> {hyper.name = "main.ln_b"},
    %main_ln_c_g: tensor<1000xf32> {hyper.name = "main.ln_c_g"},
    %main_ln_c_b: tensor<1000xf32> {hyper.name = "main.ln_c_b"})
    -> (tensor<20x3x1000xf32>, tensor<3x1000xf32>, tensor<3x1000xf32>,
        tensor<3x128xf32>, tensor<3x128xf32>) {
  %y, %h, %c, %hh, %hc = hyper.lstm %x : tensor<20x3x50xf32>
      hyper(%hyper_w_x, %hyper_w_h, %hyper_b
          : tensor<512x1050xf32>, tensor<512x128xf32>, tensor<512xf32>)
      proj(%proj_w_zx, %proj_w_zh, %proj_w_zb, %proj_b_zx, %proj_b_zh
          : tensor<16x128xf32>, tensor<16x128xf32>, tensor<16x128xf32>, tensor<16xf32>, tensor<16xf32>)
      scale(%scale_w_dx, %scale_w_dh, %scale_w_db
          : tensor<4x1000x4xf32>, tensor<4x1000x4xf32>, tensor<4x1000x4xf32>)
      main(%main_w_x, %main_w_h, %main_b
          : tensor<4000x50xf32>, tensor<4000x1000xf32>, tensor<4000xf32>)
      layer_norm(%hyper_ln_g, %hyper_ln_b, %hyper_ln_c_g, %hyper_ln_c_b, %main_ln_g, %main_ln_b, %main_ln_c_g, %main_ln_c_b
          : tensor<512xf32>, tensor<512xf32>, tensor<128xf32>, tensor<128xf32>, tensor<4000xf32>, tensor<4000xf32>, tensor<1000xf32>, tensor<1000xf32>)
  return %y, %h, %c, %hh, %hc : tensor<20x3x1000xf32>, tensor<3x1000xf32>,
      tensor<3x1000xf32>, tensor<3x128xf32>, tensor<3x128xf32>
}
