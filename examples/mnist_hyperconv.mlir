// The MNIST hyper-conv layer (Ha, Dai & Le, HyperNetworks, section 4.1): the
// second convolution of the MNIST classifier, 16 -> 16 channels with a 7x7
// kernel and SAME padding, whose kernel a two-layer linear generator makes
// from one 4-dimensional embedding (N_z = d = 4). The generator and the
// embedding hold 4240 + 4 parameters instead of the 12544 of the kernel.

func.func @mnist_conv2(
    %x: tensor<?x16x14x14xf32> {hyper.name = "x"},
    %z: tensor<1x1x4xf32> {hyper.name = "z"},
    %w_in: tensor<64x4xf32> {hyper.name = "w_in"},
    %b_in: tensor<64xf32> {hyper.name = "b_in"},
    %w_out: tensor<784x4xf32> {hyper.name = "w_out"},
    %b_out: tensor<784xf32> {hyper.name = "b_out"})
    -> (tensor<?x16x14x14xf32> {hyper.name = "y"}) {
  %y = hyper.conv2d %x, %z : tensor<?x16x14x14xf32>, tensor<1x1x4xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<64x4xf32>, tensor<64xf32>,
                tensor<784x4xf32>, tensor<784xf32>)
      block [16, 16, 7, 7] padding [3, 3, 3, 3]
  return %y : tensor<?x16x14x14xf32>
}
