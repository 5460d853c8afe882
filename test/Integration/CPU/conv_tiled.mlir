// A tiled hyper-conv (a 2x3 grid of 16x16x3x3 blocks: 32 out, 48 in
// channels, with bias) against the golden case conv_tiled: the layer output
// and the generated kernel, with run-time and with bound generators.
//
// RUN: hyper-run %s --function=conv --input=@%data/conv_tiled/x.npy \
// RUN:   --input=@%data/conv_tiled/z.npy --input=@%data/conv_tiled/w_in.npy \
// RUN:   --input=@%data/conv_tiled/b_in.npy --input=@%data/conv_tiled/w_out.npy \
// RUN:   --input=@%data/conv_tiled/b_out.npy --input=@%data/conv_tiled/bias.npy \
// RUN:   --output=@%t.y.npy
// RUN: %npy_compare %t.y.npy %data/conv_tiled/y.npy
//
// RUN: hyper-run %s --function=kernel --input=@%data/conv_tiled/z.npy \
// RUN:   --input=@%data/conv_tiled/w_in.npy --input=@%data/conv_tiled/b_in.npy \
// RUN:   --input=@%data/conv_tiled/w_out.npy --input=@%data/conv_tiled/b_out.npy \
// RUN:   --output=@%t.kernel.npy
// RUN: %npy_compare %t.kernel.npy %data/conv_tiled/kernel.npy
//
// RUN: hyper-run %s --function=conv --weights=%data/conv_tiled \
// RUN:   --input=@%data/conv_tiled/x.npy --output=@%t.bound.y.npy
// RUN: %npy_compare %t.bound.y.npy %data/conv_tiled/y.npy

func.func @conv(%x: tensor<2x48x9x8xf32>,
    %z: tensor<2x3x8xf32> {hyper.name = "z"},
    %w_in: tensor<128x8xf32> {hyper.name = "w_in"},
    %b_in: tensor<128xf32> {hyper.name = "b_in"},
    %w_out: tensor<144x8xf32> {hyper.name = "w_out"},
    %b_out: tensor<144xf32> {hyper.name = "b_out"},
    %bias: tensor<32xf32> {hyper.name = "bias"}) -> tensor<2x32x9x8xf32> {
  %y = hyper.conv2d %x, %z : tensor<2x48x9x8xf32>, tensor<2x3x8xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<128x8xf32>, tensor<128xf32>,
                tensor<144x8xf32>, tensor<144xf32>)
      bias(%bias : tensor<32xf32>) block [16, 16, 3, 3] padding [1, 1, 1, 1]
  return %y : tensor<2x32x9x8xf32>
}

func.func @kernel(%z: tensor<2x3x8xf32> {hyper.name = "z"},
    %w_in: tensor<128x8xf32> {hyper.name = "w_in"},
    %b_in: tensor<128xf32> {hyper.name = "b_in"},
    %w_out: tensor<144x8xf32> {hyper.name = "w_out"},
    %b_out: tensor<144xf32> {hyper.name = "b_out"}) -> tensor<32x48x3x3xf32> {
  %k = hyper.generate_kernel %z : tensor<2x3x8xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<128x8xf32>, tensor<128xf32>,
                tensor<144x8xf32>, tensor<144xf32>)
      block [16, 16, 3, 3]
  return %k : tensor<32x48x3x3xf32>
}
