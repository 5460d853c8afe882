// hyper.rnn: a HyperRNN over a whole sequence (SPEC §2.4, the paper's Eq. 6
// with Eq. 8). A small RNN of N̂ units reads x̂ = [x_t, h_{t-1}] at every
// step and emits embeddings z that rescale the rows of the main RNN's
// weights, per step and per sample:
//
//   ĥ' = tanh(x̂·hyper.w_xᵀ + ĥ·hyper.w_hᵀ + hyper.b)            hyper RNN
//   z_x = ĥ'·proj.w_zxᵀ + proj.b_zx, z_h = ..., z_b = ĥ'·proj.w_zbᵀ
//   d_x = z_x·scale.w_dxᵀ, d_h = z_h·scale.w_dhᵀ, β = z_b·scale.w_dbᵀ
//   h' = tanh(d_x ⊙ (x·main.w_xᵀ) + d_h ⊙ (h·main.w_hᵀ) + main.b + β)
//
// The compiler never forms the rescaled weight matrices: the main GEMMs are
// a plain RNN's and the scales are applied in their epilogue.
//
// The weights' names are those of the golden case test/data/rnn_small
// (B = 3, T = 6, N_x = 5, N_h = 7, N̂ = 4, N_z = 2); the batch is dynamic.
// Run it on that case, bound as constants, and compare with its float64
// reference:
//
//   hyper-run examples/ops/rnn.mlir --weights=test/data/rnn_small \
//     --input=@test/data/rnn_small/x.npy \
//     --expected-output=@test/data/rnn_small/y.npy \
//     --expected-output=@test/data/rnn_small/h_T.npy \
//     --expected-output=@test/data/rnn_small/hh_T.npy

func.func @rnn(%x: tensor<6x?x5xf32>,
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
    -> (tensor<6x?x7xf32> {hyper.name = "y"},
        tensor<?x7xf32> {hyper.name = "h_T"},
        tensor<?x4xf32> {hyper.name = "hh_T"}) {
  // Without state(...), both RNNs start from zero states.
  %y, %h, %hh = hyper.rnn %x : tensor<6x?x5xf32>
      hyper(%hwx, %hwh, %hb : tensor<4x12xf32>, tensor<4x4xf32>, tensor<4xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<2x4xf32>, tensor<2x4xf32>,
           tensor<2x4xf32>, tensor<2xf32>, tensor<2xf32>)
      scale(%wdx, %wdh, %wdb : tensor<7x2xf32>, tensor<7x2xf32>, tensor<7x2xf32>)
      main(%mwx, %mwh, %mb : tensor<7x5xf32>, tensor<7x7xf32>, tensor<7xf32>)
  return %y, %h, %hh : tensor<6x?x7xf32>, tensor<?x7xf32>, tensor<?x4xf32>
}
