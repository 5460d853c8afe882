// The Penn Treebank character-level HyperLSTM (Ha, Dai & Le, HyperNetworks,
// section 4.3): one-hot characters (N_x = 50), a main LSTM of N_h = 1000
// units, a hyper LSTM of N̂ = 128 units, embeddings of N_z = 4 per gate, layer
// norm on, and a 1000 -> 50 softmax: 4,923,154 parameters (4,911,874, the
// paper's 4.91M, without the 11,280 layer-norm gains and shifts).
//
// @forward scores whole sequences ([T, B, 50] one-hot in, [T, B, 50]
// next-character probabilities out); @step runs one step of the same network
// for autoregressive sampling and carries the four states explicitly.

func.func @forward(
    %x: tensor<100x?x50xf32> {hyper.name = "x"},
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
    %main_ln_c_b: tensor<1000xf32> {hyper.name = "main.ln_c_b"},
    %out_w: tensor<50x1000xf32> {hyper.name = "out.w"},
    %out_b: tensor<50xf32> {hyper.name = "out.b"})
    -> (tensor<100x?x50xf32> {hyper.name = "probs"}) {
  %y, %h, %c, %hh, %hc = hyper.lstm %x : tensor<100x?x50xf32>
      hyper(%hyper_w_x, %hyper_w_h, %hyper_b
            : tensor<512x1050xf32>, tensor<512x128xf32>, tensor<512xf32>)
      proj(%proj_w_zx, %proj_w_zh, %proj_w_zb, %proj_b_zx, %proj_b_zh
           : tensor<16x128xf32>, tensor<16x128xf32>, tensor<16x128xf32>,
             tensor<16xf32>, tensor<16xf32>)
      scale(%scale_w_dx, %scale_w_dh, %scale_w_db
            : tensor<4x1000x4xf32>, tensor<4x1000x4xf32>, tensor<4x1000x4xf32>)
      main(%main_w_x, %main_w_h, %main_b
           : tensor<4000x50xf32>, tensor<4000x1000xf32>, tensor<4000xf32>)
      layer_norm(%hyper_ln_g, %hyper_ln_b, %hyper_ln_c_g, %hyper_ln_c_b,
                 %main_ln_g, %main_ln_b, %main_ln_c_g, %main_ln_c_b
                 : tensor<512xf32>, tensor<512xf32>, tensor<128xf32>, tensor<128xf32>,
                   tensor<4000xf32>, tensor<4000xf32>, tensor<1000xf32>, tensor<1000xf32>)

  // Softmax over the 50 characters, for all T*B positions at once.
  %c1 = arith.constant 1 : index
  %batch = tensor.dim %x, %c1 : tensor<100x?x50xf32>
  %flat = tensor.collapse_shape %y [[0, 1], [2]]
      : tensor<100x?x1000xf32> into tensor<?x1000xf32>
  %probs = call @softmax_head(%flat, %out_w, %out_b)
      : (tensor<?x1000xf32>, tensor<50x1000xf32>, tensor<50xf32>) -> tensor<?x50xf32>
  %out = tensor.expand_shape %probs [[0, 1], [2]] output_shape [100, %batch, 50]
      : tensor<?x50xf32> into tensor<100x?x50xf32>
  return %out : tensor<100x?x50xf32>
}

func.func @step(
    %x: tensor<1x50xf32> {hyper.name = "x"},
    %h: tensor<1x1000xf32> {hyper.name = "h"},
    %c: tensor<1x1000xf32> {hyper.name = "c"},
    %hh: tensor<1x128xf32> {hyper.name = "hh"},
    %hc: tensor<1x128xf32> {hyper.name = "hc"},
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
    %main_ln_c_b: tensor<1000xf32> {hyper.name = "main.ln_c_b"},
    %out_w: tensor<50x1000xf32> {hyper.name = "out.w"},
    %out_b: tensor<50xf32> {hyper.name = "out.b"})
    -> (tensor<1x50xf32> {hyper.name = "probs"}, tensor<1x1000xf32> {hyper.name = "h"},
        tensor<1x1000xf32> {hyper.name = "c"}, tensor<1x128xf32> {hyper.name = "hh"},
        tensor<1x128xf32> {hyper.name = "hc"}) {
  %h1, %c1, %hh1, %hc1 = hyper.lstm_cell %x : tensor<1x50xf32>
      state(%h, %c, %hh, %hc : tensor<1x1000xf32>, tensor<1x1000xf32>,
            tensor<1x128xf32>, tensor<1x128xf32>)
      hyper(%hyper_w_x, %hyper_w_h, %hyper_b
            : tensor<512x1050xf32>, tensor<512x128xf32>, tensor<512xf32>)
      proj(%proj_w_zx, %proj_w_zh, %proj_w_zb, %proj_b_zx, %proj_b_zh
           : tensor<16x128xf32>, tensor<16x128xf32>, tensor<16x128xf32>,
             tensor<16xf32>, tensor<16xf32>)
      scale(%scale_w_dx, %scale_w_dh, %scale_w_db
            : tensor<4x1000x4xf32>, tensor<4x1000x4xf32>, tensor<4x1000x4xf32>)
      main(%main_w_x, %main_w_h, %main_b
           : tensor<4000x50xf32>, tensor<4000x1000xf32>, tensor<4000xf32>)
      layer_norm(%hyper_ln_g, %hyper_ln_b, %hyper_ln_c_g, %hyper_ln_c_b,
                 %main_ln_g, %main_ln_b, %main_ln_c_g, %main_ln_c_b
                 : tensor<512xf32>, tensor<512xf32>, tensor<128xf32>, tensor<128xf32>,
                   tensor<4000xf32>, tensor<4000xf32>, tensor<1000xf32>, tensor<1000xf32>)
  %h1_dyn = tensor.cast %h1 : tensor<1x1000xf32> to tensor<?x1000xf32>
  %probs_dyn = call @softmax_head(%h1_dyn, %out_w, %out_b)
      : (tensor<?x1000xf32>, tensor<50x1000xf32>, tensor<50xf32>) -> tensor<?x50xf32>
  %probs = tensor.cast %probs_dyn : tensor<?x50xf32> to tensor<1x50xf32>
  return %probs, %h1, %c1, %hh1, %hc1
      : tensor<1x50xf32>, tensor<1x1000xf32>, tensor<1x1000xf32>,
        tensor<1x128xf32>, tensor<1x128xf32>
}

// softmax(h · out.wᵀ + out.b) over the last dimension.
func.func private @softmax_head(%h: tensor<?x1000xf32>, %w: tensor<50x1000xf32>,
                                %b: tensor<50xf32>) -> tensor<?x50xf32> {
  %c0 = arith.constant 0 : index
  %rows = tensor.dim %h, %c0 : tensor<?x1000xf32>
  %empty = tensor.empty(%rows) : tensor<?x50xf32>
  %bias = linalg.broadcast ins(%b : tensor<50xf32>) outs(%empty : tensor<?x50xf32>)
      dimensions = [0]
  %logits = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                                           affine_map<(m, n, k) -> (n, k)>,
                                           affine_map<(m, n, k) -> (m, n)>]
      ins(%h, %w : tensor<?x1000xf32>, tensor<50x1000xf32>)
      outs(%bias : tensor<?x50xf32>) -> tensor<?x50xf32>
  %probs = linalg.softmax dimension(1) ins(%logits : tensor<?x50xf32>)
      outs(%empty : tensor<?x50xf32>) -> tensor<?x50xf32>
  return %probs : tensor<?x50xf32>
}
