// hyper.rnn_cell: one step of the HyperRNN (SPEC §2.4), for a caller that
// drives the sequence itself (streaming, sampling). It takes the states
// (h, ĥ) and returns the new ones; the formulas are hyper.rnn's.
//
// Same weights as examples/ops/rnn.mlir. From zero states, one step on the
// first input of test/data/rnn_small gives the first output of its golden
// sequence:
//
//   python3 -c "import numpy as n; n.save('x0.npy', n.load('test/data/rnn_small/x.npy')[0]); \
//               n.save('y0.npy', n.load('test/data/rnn_small/y.npy')[0])"
//   hyper-run examples/ops/rnn_cell.mlir --weights=test/data/rnn_small \
//     --input=@x0.npy --input=3x7xf32=0 --input=3x4xf32=0 --expected-output=@y0.npy

func.func @rnn_step(%x: tensor<?x5xf32>,
    %h: tensor<?x7xf32>,
    %hh: tensor<?x4xf32>,
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
    -> (tensor<?x7xf32> {hyper.name = "h_next"},
        tensor<?x4xf32> {hyper.name = "hyper_h_next"}) {
  %h1, %hh1 = hyper.rnn_cell %x : tensor<?x5xf32>
      state(%h, %hh : tensor<?x7xf32>, tensor<?x4xf32>)
      hyper(%hwx, %hwh, %hb : tensor<4x12xf32>, tensor<4x4xf32>, tensor<4xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<2x4xf32>, tensor<2x4xf32>,
           tensor<2x4xf32>, tensor<2xf32>, tensor<2xf32>)
      scale(%wdx, %wdh, %wdb : tensor<7x2xf32>, tensor<7x2xf32>, tensor<7x2xf32>)
      main(%mwx, %mwh, %mb : tensor<7x5xf32>, tensor<7x7xf32>, tensor<7xf32>)
  return %h1, %hh1 : tensor<?x7xf32>, tensor<?x4xf32>
}
