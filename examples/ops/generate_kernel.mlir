// hyper.generate_kernel: the static hypernetwork's weight generation alone
// (SPEC §1.1-1.2). One shared two-layer linear generator turns each
// embedding of the grid Z [m, k, N_z] into a basic kernel block
// [O_b, I_b, f_h, f_w]; the blocks tile the layer's OIHW kernel:
//
//   A = reshape(w_in·z + b_in, [O_b, d]);  K_block = reshape(A·w_outᵀ + b_out)
//
// hyper.conv2d generates its kernel this way and convolves; this op is for
// inspecting or exporting the kernels. With the generator and embeddings
// bound (--weights), the whole function folds at compile time to a
// constant.
//
// The MNIST layer of the paper (§4.1: 16 → 16 channels, 7×7, N_z = d = 4,
// one tile), golden case test/data/conv_mnist:
//
//   hyper-run examples/ops/generate_kernel.mlir --weights=test/data/conv_mnist \
//     --expected-output=@test/data/conv_mnist/kernel.npy

func.func @mnist_kernel(%z: tensor<1x1x4xf32> {hyper.name = "z"},
    %w_in: tensor<64x4xf32> {hyper.name = "w_in"},
    %b_in: tensor<64xf32> {hyper.name = "b_in"},
    %w_out: tensor<784x4xf32> {hyper.name = "w_out"},
    %b_out: tensor<784xf32> {hyper.name = "b_out"})
    -> (tensor<16x16x7x7xf32> {hyper.name = "kernel"}) {
  %k = hyper.generate_kernel %z : tensor<1x1x4xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<64x4xf32>, tensor<64xf32>,
                tensor<784x4xf32>, tensor<784xf32>)
      block [16, 16, 7, 7]
  return %k : tensor<16x16x7x7xf32>
}
