// Every verifier diagnostic of the hyper dialect, one case each.
// RUN: hyper-opt %s -split-input-file -verify-diagnostics

//===----------------------------------------------------------------------===//
// hyper.conv2d and hyper.generate_kernel
//===----------------------------------------------------------------------===//

// The MNIST layer is the template: x [2, 16, 28, 28], one 16x16x7x7 block,
// N_z = d = 4.
func.func @conv_input_rank(%x: tensor<16x28x28xf32>, %z: tensor<1x1x4xf32>,
    %w_in: tensor<64x4xf32>, %b_in: tensor<64xf32>, %w_out: tensor<784x4xf32>, %b_out: tensor<784xf32>) {
  // expected-error @below {{expected 'input' of rank 4 [N, C, H, W], got 'tensor<16x28x28xf32>'}}
  %y = hyper.conv2d %x, %z : tensor<16x28x28xf32>, tensor<1x1x4xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<64x4xf32>, tensor<64xf32>, tensor<784x4xf32>, tensor<784xf32>)
      block [16, 16, 7, 7] padding [3, 3, 3, 3]
  return
}

// -----

func.func @conv_embeddings_rank(%x: tensor<2x16x28x28xf32>, %z: tensor<1x4xf32>,
    %w_in: tensor<64x4xf32>, %b_in: tensor<64xf32>, %w_out: tensor<784x4xf32>, %b_out: tensor<784xf32>) {
  // expected-error @below {{expected 'embeddings' of rank 3 [m, k, N_z] or rank 4 [N, m, k, N_z], got 'tensor<1x4xf32>'}}
  %y = hyper.conv2d %x, %z : tensor<2x16x28x28xf32>, tensor<1x4xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<64x4xf32>, tensor<64xf32>, tensor<784x4xf32>, tensor<784xf32>)
      block [16, 16, 7, 7] padding [3, 3, 3, 3]
  return
}

// -----

// The grid decides the kernel's shape, so it must be static.
func.func @conv_dynamic_grid(%x: tensor<2x16x28x28xf32>, %z: tensor<?x1x4xf32>,
    %w_in: tensor<64x4xf32>, %b_in: tensor<64xf32>, %w_out: tensor<784x4xf32>, %b_out: tensor<784xf32>) {
  // expected-error @below {{expected a static embedding grid [m, k, N_z], got 'tensor<?x1x4xf32>'}}
  %y = hyper.conv2d %x, %z : tensor<2x16x28x28xf32>, tensor<?x1x4xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<64x4xf32>, tensor<64xf32>, tensor<784x4xf32>, tensor<784xf32>)
      block [16, 16, 7, 7] padding [3, 3, 3, 3]
  return
}

// -----

func.func @conv_empty_grid(%x: tensor<2x16x28x28xf32>, %z: tensor<1x0x4xf32>,
    %w_in: tensor<64x4xf32>, %b_in: tensor<64xf32>, %w_out: tensor<784x4xf32>, %b_out: tensor<784xf32>) {
  // expected-error @below {{expected a non-empty embedding grid [m, k, N_z], got 'tensor<1x0x4xf32>'}}
  %y = hyper.conv2d %x, %z : tensor<2x16x28x28xf32>, tensor<1x0x4xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<64x4xf32>, tensor<64xf32>, tensor<784x4xf32>, tensor<784xf32>)
      block [16, 16, 7, 7] padding [3, 3, 3, 3]
  return
}

// -----

func.func @conv_block_entries(%x: tensor<2x16x28x28xf32>, %z: tensor<1x1x4xf32>,
    %w_in: tensor<64x4xf32>, %b_in: tensor<64xf32>, %w_out: tensor<784x4xf32>, %b_out: tensor<784xf32>) {
  // expected-error @below {{expected 'block' to have 4 entries [O_b, I_b, f_h, f_w], got 3}}
  %y = hyper.conv2d %x, %z : tensor<2x16x28x28xf32>, tensor<1x1x4xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<64x4xf32>, tensor<64xf32>, tensor<784x4xf32>, tensor<784xf32>)
      block [16, 16, 7] padding [3, 3, 3, 3]
  return
}

// -----

func.func @conv_block_positive(%x: tensor<2x16x28x28xf32>, %z: tensor<1x1x4xf32>,
    %w_in: tensor<64x4xf32>, %b_in: tensor<64xf32>, %w_out: tensor<784x4xf32>, %b_out: tensor<784xf32>) {
  // expected-error @below {{expected positive 'block' sizes, got [16, 0, 7, 7]}}
  %y = hyper.conv2d %x, %z : tensor<2x16x28x28xf32>, tensor<1x1x4xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<64x4xf32>, tensor<64xf32>, tensor<784x4xf32>, tensor<784xf32>)
      block [16, 0, 7, 7] padding [3, 3, 3, 3]
  return
}

// -----

func.func @conv_w_in_rank(%x: tensor<2x16x28x28xf32>, %z: tensor<1x1x4xf32>,
    %w_in: tensor<64xf32>, %b_in: tensor<64xf32>, %w_out: tensor<784x4xf32>, %b_out: tensor<784xf32>) {
  // expected-error @below {{expected 'w_in' of rank 2 [O_b*d, N_z], got 'tensor<64xf32>'}}
  %y = hyper.conv2d %x, %z : tensor<2x16x28x28xf32>, tensor<1x1x4xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<64xf32>, tensor<64xf32>, tensor<784x4xf32>, tensor<784xf32>)
      block [16, 16, 7, 7] padding [3, 3, 3, 3]
  return
}

// -----

func.func @conv_generator_static(%x: tensor<2x16x28x28xf32>, %z: tensor<1x1x4xf32>,
    %w_in: tensor<64x4xf32>, %b_in: tensor<64xf32>, %w_out: tensor<?x4xf32>, %b_out: tensor<784xf32>) {
  // expected-error @below {{expected weight 'w_out' to have a static shape, got 'tensor<?x4xf32>'}}
  %y = hyper.conv2d %x, %z : tensor<2x16x28x28xf32>, tensor<1x1x4xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<64x4xf32>, tensor<64xf32>, tensor<?x4xf32>, tensor<784xf32>)
      block [16, 16, 7, 7] padding [3, 3, 3, 3]
  return
}

// -----

// w_out makes I_b*f_h*f_w = 16*7*7 = 784 values of each row of A.
func.func @conv_w_out_rows(%x: tensor<2x16x28x28xf32>, %z: tensor<1x1x4xf32>,
    %w_in: tensor<64x4xf32>, %b_in: tensor<64xf32>, %w_out: tensor<144x4xf32>, %b_out: tensor<784xf32>) {
  // expected-error @below {{expected 'w_out' of shape [I_b*f_h*f_w, d] = [784, 4], got [144, 4]}}
  %y = hyper.conv2d %x, %z : tensor<2x16x28x28xf32>, tensor<1x1x4xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<64x4xf32>, tensor<64xf32>, tensor<144x4xf32>, tensor<784xf32>)
      block [16, 16, 7, 7] padding [3, 3, 3, 3]
  return
}

// -----

func.func @conv_b_out(%x: tensor<2x16x28x28xf32>, %z: tensor<1x1x4xf32>,
    %w_in: tensor<64x4xf32>, %b_in: tensor<64xf32>, %w_out: tensor<784x4xf32>, %b_out: tensor<783xf32>) {
  // expected-error @below {{expected 'b_out' of shape [I_b*f_h*f_w] = [784], got [783]}}
  %y = hyper.conv2d %x, %z : tensor<2x16x28x28xf32>, tensor<1x1x4xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<64x4xf32>, tensor<64xf32>, tensor<784x4xf32>, tensor<783xf32>)
      block [16, 16, 7, 7] padding [3, 3, 3, 3]
  return
}

// -----

// d = 4 comes from w_out; w_in must have O_b*d = 64 rows and N_z = 4 columns.
func.func @conv_w_in_embedding_size(%x: tensor<2x16x28x28xf32>, %z: tensor<1x1x5xf32>,
    %w_in: tensor<64x4xf32>, %b_in: tensor<64xf32>, %w_out: tensor<784x4xf32>, %b_out: tensor<784xf32>) {
  // expected-error @below {{expected 'w_in' of shape [O_b*d, N_z] = [64, 5], got [64, 4]}}
  %y = hyper.conv2d %x, %z : tensor<2x16x28x28xf32>, tensor<1x1x5xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<64x4xf32>, tensor<64xf32>, tensor<784x4xf32>, tensor<784xf32>)
      block [16, 16, 7, 7] padding [3, 3, 3, 3]
  return
}

// -----

func.func @conv_b_in(%x: tensor<2x16x28x28xf32>, %z: tensor<1x1x4xf32>,
    %w_in: tensor<64x4xf32>, %b_in: tensor<16xf32>, %w_out: tensor<784x4xf32>, %b_out: tensor<784xf32>) {
  // expected-error @below {{expected 'b_in' of shape [O_b*d] = [64], got [16]}}
  %y = hyper.conv2d %x, %z : tensor<2x16x28x28xf32>, tensor<1x1x4xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<64x4xf32>, tensor<16xf32>, tensor<784x4xf32>, tensor<784xf32>)
      block [16, 16, 7, 7] padding [3, 3, 3, 3]
  return
}

// -----

func.func @conv_generator_element_type(%x: tensor<2x16x28x28xf32>, %z: tensor<1x1x4xf32>,
    %w_in: tensor<64x4xf16>, %b_in: tensor<64xf32>, %w_out: tensor<784x4xf32>, %b_out: tensor<784xf32>) {
  // expected-error @below {{expected every float operand to have element type 'f32', got 'f16' for 'w_in'}}
  %y = hyper.conv2d %x, %z : tensor<2x16x28x28xf32>, tensor<1x1x4xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<64x4xf16>, tensor<64xf32>, tensor<784x4xf32>, tensor<784xf32>)
      block [16, 16, 7, 7] padding [3, 3, 3, 3]
  return
}

// -----

func.func @conv_input_element_type(%x: tensor<2x16x28x28xf64>, %z: tensor<1x1x4xf32>,
    %w_in: tensor<64x4xf32>, %b_in: tensor<64xf32>, %w_out: tensor<784x4xf32>, %b_out: tensor<784xf32>) {
  // expected-error @below {{expected every float operand to have element type 'f64', got 'f32' for 'embeddings'}}
  %y = hyper.conv2d %x, %z : tensor<2x16x28x28xf64>, tensor<1x1x4xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<64x4xf32>, tensor<64xf32>, tensor<784x4xf32>, tensor<784xf32>)
      block [16, 16, 7, 7] padding [3, 3, 3, 3]
  return
}

// -----

// Channel counts are built from whole blocks.
func.func @conv_channels_not_multiple(%x: tensor<2x40x8x8xf32>, %z: tensor<2x3x8xf32>,
    %w_in: tensor<128x8xf32>, %b_in: tensor<128xf32>, %w_out: tensor<144x8xf32>, %b_out: tensor<144xf32>) {
  // expected-error @below {{expected input channels to be a multiple of the block's I_b = 16, got 40}}
  %y = hyper.conv2d %x, %z : tensor<2x40x8x8xf32>, tensor<2x3x8xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<128x8xf32>, tensor<128xf32>, tensor<144x8xf32>, tensor<144xf32>)
      block [16, 16, 3, 3]
  return
}

// -----

func.func @conv_channels_vs_grid(%x: tensor<2x32x8x8xf32>, %z: tensor<2x3x8xf32>,
    %w_in: tensor<128x8xf32>, %b_in: tensor<128xf32>, %w_out: tensor<144x8xf32>, %b_out: tensor<144xf32>) {
  // expected-error @below {{expected input channels k*I_b = 3*16 = 48 to match the embedding grid, got 32}}
  %y = hyper.conv2d %x, %z : tensor<2x32x8x8xf32>, tensor<2x3x8xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<128x8xf32>, tensor<128xf32>, tensor<144x8xf32>, tensor<144xf32>)
      block [16, 16, 3, 3]
  return
}

// -----

func.func @conv_per_sample_count(%x: tensor<2x48x8x8xf32>, %z: tensor<3x2x3x8xf32>,
    %w_in: tensor<128x8xf32>, %b_in: tensor<128xf32>, %w_out: tensor<144x8xf32>, %b_out: tensor<144xf32>) {
  // expected-error @below {{expected per-sample 'embeddings' for each of the 2 input samples, got 3}}
  %y = hyper.conv2d %x, %z : tensor<2x48x8x8xf32>, tensor<3x2x3x8xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<128x8xf32>, tensor<128xf32>, tensor<144x8xf32>, tensor<144xf32>)
      block [16, 16, 3, 3]
  return
}

// -----

func.func @conv_bias_size(%x: tensor<2x48x8x8xf32>, %z: tensor<2x3x8xf32>,
    %w_in: tensor<128x8xf32>, %b_in: tensor<128xf32>, %w_out: tensor<144x8xf32>, %b_out: tensor<144xf32>,
    %bias: tensor<16xf32>) {
  // expected-error @below {{expected 'bias' of shape [m*O_b] = [32], got [16]}}
  %y = hyper.conv2d %x, %z : tensor<2x48x8x8xf32>, tensor<2x3x8xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<128x8xf32>, tensor<128xf32>, tensor<144x8xf32>, tensor<144xf32>)
      bias(%bias : tensor<16xf32>) block [16, 16, 3, 3]
  return
}

// -----

func.func @conv_bias_element_type(%x: tensor<2x48x8x8xf32>, %z: tensor<2x3x8xf32>,
    %w_in: tensor<128x8xf32>, %b_in: tensor<128xf32>, %w_out: tensor<144x8xf32>, %b_out: tensor<144xf32>,
    %bias: tensor<32xbf16>) {
  // expected-error @below {{expected every float operand to have element type 'f32', got 'bf16' for 'bias'}}
  %y = hyper.conv2d %x, %z : tensor<2x48x8x8xf32>, tensor<2x3x8xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<128x8xf32>, tensor<128xf32>, tensor<144x8xf32>, tensor<144xf32>)
      bias(%bias : tensor<32xbf16>) block [16, 16, 3, 3]
  return
}

// -----

func.func @conv_strides_entries(%x: tensor<2x16x28x28xf32>, %z: tensor<1x1x4xf32>,
    %w_in: tensor<64x4xf32>, %b_in: tensor<64xf32>, %w_out: tensor<784x4xf32>, %b_out: tensor<784xf32>) {
  // expected-error @below {{expected 'strides' to have 2 entries [s_h, s_w], got 1}}
  %y = hyper.conv2d %x, %z : tensor<2x16x28x28xf32>, tensor<1x1x4xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<64x4xf32>, tensor<64xf32>, tensor<784x4xf32>, tensor<784xf32>)
      block [16, 16, 7, 7] strides [2] padding [3, 3, 3, 3]
  return
}

// -----

func.func @conv_dilations_entries(%x: tensor<2x16x28x28xf32>, %z: tensor<1x1x4xf32>,
    %w_in: tensor<64x4xf32>, %b_in: tensor<64xf32>, %w_out: tensor<784x4xf32>, %b_out: tensor<784xf32>) {
  // expected-error @below {{expected 'dilations' to have 2 entries [r_h, r_w], got 3}}
  %y = hyper.conv2d %x, %z : tensor<2x16x28x28xf32>, tensor<1x1x4xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<64x4xf32>, tensor<64xf32>, tensor<784x4xf32>, tensor<784xf32>)
      block [16, 16, 7, 7] padding [3, 3, 3, 3] dilations [1, 1, 1]
  return
}

// -----

func.func @conv_padding_entries(%x: tensor<2x16x28x28xf32>, %z: tensor<1x1x4xf32>,
    %w_in: tensor<64x4xf32>, %b_in: tensor<64xf32>, %w_out: tensor<784x4xf32>, %b_out: tensor<784xf32>) {
  // expected-error @below {{expected 'padding' to have 4 entries [top, left, bottom, right], got 2}}
  %y = hyper.conv2d %x, %z : tensor<2x16x28x28xf32>, tensor<1x1x4xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<64x4xf32>, tensor<64xf32>, tensor<784x4xf32>, tensor<784xf32>)
      block [16, 16, 7, 7] padding [3, 3]
  return
}

// -----

func.func @conv_strides_positive(%x: tensor<2x16x28x28xf32>, %z: tensor<1x1x4xf32>,
    %w_in: tensor<64x4xf32>, %b_in: tensor<64xf32>, %w_out: tensor<784x4xf32>, %b_out: tensor<784xf32>) {
  // expected-error @below {{expected positive 'strides', got [0, 1]}}
  %y = hyper.conv2d %x, %z : tensor<2x16x28x28xf32>, tensor<1x1x4xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<64x4xf32>, tensor<64xf32>, tensor<784x4xf32>, tensor<784xf32>)
      block [16, 16, 7, 7] strides [0, 1] padding [3, 3, 3, 3]
  return
}

// -----

func.func @conv_dilations_positive(%x: tensor<2x16x28x28xf32>, %z: tensor<1x1x4xf32>,
    %w_in: tensor<64x4xf32>, %b_in: tensor<64xf32>, %w_out: tensor<784x4xf32>, %b_out: tensor<784xf32>) {
  // expected-error @below {{expected positive 'dilations', got [1, -1]}}
  %y = hyper.conv2d %x, %z : tensor<2x16x28x28xf32>, tensor<1x1x4xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<64x4xf32>, tensor<64xf32>, tensor<784x4xf32>, tensor<784xf32>)
      block [16, 16, 7, 7] padding [3, 3, 3, 3] dilations [1, -1]
  return
}

// -----

func.func @conv_padding_negative(%x: tensor<2x16x28x28xf32>, %z: tensor<1x1x4xf32>,
    %w_in: tensor<64x4xf32>, %b_in: tensor<64xf32>, %w_out: tensor<784x4xf32>, %b_out: tensor<784xf32>) {
  // expected-error @below {{expected non-negative 'padding', got [3, -1, 3, 3]}}
  %y = hyper.conv2d %x, %z : tensor<2x16x28x28xf32>, tensor<1x1x4xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<64x4xf32>, tensor<64xf32>, tensor<784x4xf32>, tensor<784xf32>)
      block [16, 16, 7, 7] padding [3, -1, 3, 3]
  return
}

// -----

// A 7x7 kernel (13 taps wide with dilation 2) does not fit a padded 4x4 input.
func.func @conv_empty_output(%x: tensor<2x16x4x4xf32>, %z: tensor<1x1x4xf32>,
    %w_in: tensor<64x4xf32>, %b_in: tensor<64xf32>, %w_out: tensor<784x4xf32>, %b_out: tensor<784xf32>) {
  // expected-error @below {{expected a non-empty output, but the padded input height 4 + 3 + 3 is smaller than the dilated kernel extent 13}}
  %y = hyper.conv2d %x, %z : tensor<2x16x4x4xf32>, tensor<1x1x4xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<64x4xf32>, tensor<64xf32>, tensor<784x4xf32>, tensor<784xf32>)
      block [16, 16, 7, 7] padding [3, 3, 3, 3] dilations [2, 2]
  return
}

// -----

// The kernel's size is checked before it is formed (found by fuzzing: the
// product wrapped).
func.func @generate_kernel_size_overflows(%z: tensor<2x1x4xf32>,
    %w_in: tensor<4611686018427387904x4xf32>, %b_in: tensor<4611686018427387904xf32>,
    %w_out: tensor<9x2305843009213693952xf32>, %b_out: tensor<9xf32>) {
  // expected-error @below {{the generated kernel's size (embedding grid times block) overflows int64}}
  %k = hyper.generate_kernel %z : tensor<2x1x4xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<4611686018427387904x4xf32>,
                tensor<4611686018427387904xf32>, tensor<9x2305843009213693952xf32>, tensor<9xf32>)
      block [4611686018427387904, 1, 3, 3]
  return
}

// -----

// Found by fuzzing: the product wrapped.
func.func @conv_out_channels_overflow(%x: tensor<1x2x4x4xf32>, %z: tensor<4x1x2xf32>,
    %wi: tensor<4x2xf32>, %bi: tensor<4xf32>, %wo: tensor<2x2xf32>, %bo: tensor<2xf32>) {
  // expected-error @below {{the output channel count (embedding grid times block) overflows int64}}
  %y = hyper.conv2d %x, %z : tensor<1x2x4x4xf32>, tensor<4x1x2xf32>
      generator(%wi, %bi, %wo, %bo : tensor<4x2xf32>, tensor<4xf32>, tensor<2x2xf32>, tensor<2xf32>)
      block [4611686018427387904, 2, 1, 1]
  return
}

// -----

func.func @conv_in_channels_overflow(%x: tensor<1x2x4x4xf16>, %z: tensor<1x4x1xf16>,
    %wi: tensor<1x1xf16>, %bi: tensor<1xf16>, %wo: tensor<2305843009213693952x1xf16>,
    %bo: tensor<2305843009213693952xf16>) {
  // expected-error @below {{'hyper.conv2d' op expected channel counts (embedding grid times block) that fit int64, got grid [1, 4, 1] and block [1, 2305843009213693952, 1, 1]}}
  %y = hyper.conv2d %x, %z : tensor<1x2x4x4xf16>, tensor<1x4x1xf16>
      generator(%wi, %bi, %wo, %bo : tensor<1x1xf16>, tensor<1xf16>,
                tensor<2305843009213693952x1xf16>, tensor<2305843009213693952xf16>)
      block [1, 2305843009213693952, 1, 1]
  return
}

// -----

// hyper.generate_kernel checks its generator the same way.
func.func @generate_kernel_embeddings_rank(%z: tensor<1x1x1x1x4xf32>,
    %w_in: tensor<64x4xf32>, %b_in: tensor<64xf32>, %w_out: tensor<784x4xf32>, %b_out: tensor<784xf32>) {
  // expected-error @below {{expected 'embeddings' of rank 3 [m, k, N_z] or rank 4 [N, m, k, N_z], got 'tensor<1x1x1x1x4xf32>'}}
  %k = hyper.generate_kernel %z : tensor<1x1x1x1x4xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<64x4xf32>, tensor<64xf32>, tensor<784x4xf32>, tensor<784xf32>)
      block [16, 16, 7, 7]
  return
}

// -----

// Found by fuzzing: type inference read dimension -1 of a rank-2 grid.
func.func @generate_kernel_embeddings_rank_2(%z: tensor<1x4xf32>,
    %w_in: tensor<64x4xf32>, %b_in: tensor<64xf32>, %w_out: tensor<784x4xf32>, %b_out: tensor<784xf32>) {
  // expected-error @below {{expected 'embeddings' of rank 3 [m, k, N_z] or rank 4 [N, m, k, N_z], got 'tensor<1x4xf32>'}}
  %k = hyper.generate_kernel %z : tensor<1x4xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<64x4xf32>, tensor<64xf32>, tensor<784x4xf32>, tensor<784xf32>)
      block [16, 16, 7, 7]
  return
}

// -----

func.func @generate_kernel_b_out_rank(%z: tensor<1x1x4xf32>,
    %w_in: tensor<64x4xf32>, %b_in: tensor<64xf32>, %w_out: tensor<784x4xf32>, %b_out: tensor<16x49xf32>) {
  // expected-error @below {{expected 'b_out' of rank 1 [I_b*f_h*f_w], got 'tensor<16x49xf32>'}}
  %k = hyper.generate_kernel %z : tensor<1x1x4xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<64x4xf32>, tensor<64xf32>, tensor<784x4xf32>, tensor<16x49xf32>)
      block [16, 16, 7, 7]
  return
}

// -----

// Generic form: an explicit result type must match the inferred one.
func.func @generate_kernel_result_type(%z: tensor<1x1x4xf32>,
    %w_in: tensor<64x4xf32>, %b_in: tensor<64xf32>, %w_out: tensor<784x4xf32>, %b_out: tensor<784xf32>) {
  // expected-error @below {{inferred type(s) 'tensor<16x16x7x7xf32>' are incompatible with return type(s) of operation 'tensor<16x16x3x3xf32>'}}
  // expected-error @below {{failed to infer returned types}}
  %k = "hyper.generate_kernel"(%z, %w_in, %b_in, %w_out, %b_out) <{block = array<i64: 16, 16, 7, 7>}>
      : (tensor<1x1x4xf32>, tensor<64x4xf32>, tensor<64xf32>, tensor<784x4xf32>, tensor<784xf32>) -> tensor<16x16x3x3xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// hyper.row_scaled_linear and hyper.dynamic_linear
//===----------------------------------------------------------------------===//

func.func @row_scaled_input_rank(%x: tensor<128xf32>, %w: tensor<512x128xf32>, %d: tensor<1x512xf32>) {
  // expected-error @below {{expected 'input' of rank 2 [B, N_in], got 'tensor<128xf32>'}}
  %y = hyper.row_scaled_linear %x, %w, %d : tensor<128xf32>, tensor<512x128xf32>, tensor<1x512xf32>
  return
}

// -----

func.func @row_scaled_weight_rank(%x: tensor<1x128xf32>, %w: tensor<4x512x128xf32>, %d: tensor<1x512xf32>) {
  // expected-error @below {{expected 'weight' of rank 2 [N_out, N_in], got 'tensor<4x512x128xf32>'}}
  %y = hyper.row_scaled_linear %x, %w, %d : tensor<1x128xf32>, tensor<4x512x128xf32>, tensor<1x512xf32>
  return
}

// -----

func.func @row_scaled_weight_columns(%x: tensor<1x128xf32>, %w: tensor<512x64xf32>, %d: tensor<1x512xf32>) {
  // expected-error @below {{expected 'weight' of shape [N_out, N_in] = [?, 128], got [512, 64]}}
  %y = hyper.row_scaled_linear %x, %w, %d : tensor<1x128xf32>, tensor<512x64xf32>, tensor<1x512xf32>
  return
}

// -----

func.func @row_scaled_scale_shape(%x: tensor<2x128xf32>, %w: tensor<512x128xf32>, %d: tensor<2x256xf32>) {
  // expected-error @below {{expected 'scale' of shape [B, N_out] = [2, 512], got [2, 256]}}
  %y = hyper.row_scaled_linear %x, %w, %d : tensor<2x128xf32>, tensor<512x128xf32>, tensor<2x256xf32>
  return
}

// -----

func.func @row_scaled_element_type(%x: tensor<2x128xf32>, %w: tensor<512x128xf32>, %d: tensor<2x512xf16>) {
  // expected-error @below {{expected every float operand to have element type 'f32', got 'f16' for 'scale'}}
  %y = hyper.row_scaled_linear %x, %w, %d : tensor<2x128xf32>, tensor<512x128xf32>, tensor<2x512xf16>
  return
}

// -----

// Integer tensors are rejected by the operand type constraints.
func.func @row_scaled_integer(%x: tensor<2x128xi32>, %w: tensor<512x128xf32>, %d: tensor<2x512xf32>) {
  // expected-error @below {{operand #0 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float values}}
  %y = hyper.row_scaled_linear %x, %w, %d : tensor<2x128xi32>, tensor<512x128xf32>, tensor<2x512xf32>
  return
}

// -----

func.func @dynamic_linear_input_rank(%x: tensor<4x1x9xf32>, %z: tensor<4x3xf32>, %w: tensor<3x7x9xf32>) {
  // expected-error @below {{expected 'input' of rank 2 [B, N_in], got 'tensor<4x1x9xf32>'}}
  %y = hyper.dynamic_linear %x, %z, %w : tensor<4x1x9xf32>, tensor<4x3xf32>, tensor<3x7x9xf32>
  return
}

// -----

func.func @dynamic_linear_embedding_rank(%x: tensor<4x9xf32>, %z: tensor<3xf32>, %w: tensor<3x7x9xf32>) {
  // expected-error @below {{expected 'embedding' of rank 2 [B, N_z], got 'tensor<3xf32>'}}
  %y = hyper.dynamic_linear %x, %z, %w : tensor<4x9xf32>, tensor<3xf32>, tensor<3x7x9xf32>
  return
}

// -----

func.func @dynamic_linear_embedding_batch(%x: tensor<4x9xf32>, %z: tensor<5x3xf32>, %w: tensor<3x7x9xf32>) {
  // expected-error @below {{expected 'embedding' of shape [B, N_z] = [4, ?], got [5, 3]}}
  %y = hyper.dynamic_linear %x, %z, %w : tensor<4x9xf32>, tensor<5x3xf32>, tensor<3x7x9xf32>
  return
}

// -----

func.func @dynamic_linear_basis_count(%x: tensor<4x9xf32>, %z: tensor<4x3xf32>, %w: tensor<2x7x9xf32>) {
  // expected-error @below {{expected 'basis' of shape [N_z, N_out, N_in] = [3, ?, 9], got [2, 7, 9]}}
  %y = hyper.dynamic_linear %x, %z, %w : tensor<4x9xf32>, tensor<4x3xf32>, tensor<2x7x9xf32>
  return
}

// -----

func.func @dynamic_linear_basis_rank(%x: tensor<4x9xf32>, %z: tensor<4x3xf32>, %w: tensor<21x9xf32>) {
  // expected-error @below {{expected 'basis' of rank 3 [N_z, N_out, N_in], got 'tensor<21x9xf32>'}}
  %y = hyper.dynamic_linear %x, %z, %w : tensor<4x9xf32>, tensor<4x3xf32>, tensor<21x9xf32>
  return
}

// -----

func.func @dynamic_linear_element_type(%x: tensor<4x9xf32>, %z: tensor<4x3xf32>, %w: tensor<3x7x9xf64>) {
  // expected-error @below {{expected every float operand to have element type 'f32', got 'f64' for 'basis'}}
  %y = hyper.dynamic_linear %x, %z, %w : tensor<4x9xf32>, tensor<4x3xf32>, tensor<3x7x9xf64>
  return
}

// -----

//===----------------------------------------------------------------------===//
// hyper.name on function arguments and results
//===----------------------------------------------------------------------===//

// expected-error @below {{expected 'hyper.name' on argument #0 to be a non-empty string, got 1 : i64}}
func.func @name_not_string(%b: tensor<4xf32> {hyper.name = 1}) {
  return
}

// -----

// expected-error @below {{expected 'hyper.name' on result #0 to be a non-empty string, got ""}}
func.func @name_empty(%b: tensor<4xf32>) -> (tensor<4xf32> {hyper.name = ""}) {
  return %b : tensor<4xf32>
}

// -----

// expected-error @below {{unknown hyper attribute 'hyper.weight' on argument #1}}
func.func @name_unknown(%a: tensor<4xf32>, %b: tensor<4xf32> {hyper.weight = "b"}) {
  return
}

// -----

// expected-error @below {{unknown hyper attribute 'hyper.label' on result #0}}
func.func @name_unknown_result(%b: tensor<4xf32>) -> (tensor<4xf32> {hyper.label = "y"}) {
  return %b : tensor<4xf32>
}

// -----

//===----------------------------------------------------------------------===//
// hyper.lstm, hyper.lstm_cell, hyper.rnn, hyper.rnn_cell
//===----------------------------------------------------------------------===//

// The HyperLSTM cases use N_x = 6, N_h = 8, N̂ = 4, N_z = 3, T = 5, B = 2; the
// HyperRNN ones N_x = 5, N_h = 7, N̂ = 4, N_z = 2, T = 6, B = 3.

// A weight of the wrong rank.
func.func @lstm_weight_rank(%x: tensor<5x2x6xf32>, %hwx: tensor<16x14xf32>, %hwh: tensor<16x4xf32>,
    %hb: tensor<16xf32>, %wzx: tensor<12x4xf32>, %wzh: tensor<12x4xf32>,
    %wzb: tensor<12x4xf32>, %bzx: tensor<12xf32>, %bzh: tensor<12xf32>,
    %wdx: tensor<4x8x3xf32>, %wdh: tensor<4x8x3xf32>, %wdb: tensor<4x8x3xf32>,
    %mwx: tensor<32x6xf32>, %mwh: tensor<32x8x1xf32>, %mb: tensor<32xf32>) {
  // expected-error @below {{expected 'main.w_h' of rank 2 [4*N_h, N_h], got 'tensor<32x8x1xf32>'}}
  %r:5 = hyper.lstm %x : tensor<5x2x6xf32>
      hyper(%hwx, %hwh, %hb : tensor<16x14xf32>, tensor<16x4xf32>, tensor<16xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<12x4xf32>, tensor<12x4xf32>, tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>)
      scale(%wdx, %wdh, %wdb : tensor<4x8x3xf32>, tensor<4x8x3xf32>, tensor<4x8x3xf32>)
      main(%mwx, %mwh, %mb : tensor<32x6xf32>, tensor<32x8x1xf32>, tensor<32xf32>)
  return
}

// -----

// Weights must have static shapes.
func.func @lstm_dynamic_weight(%x: tensor<5x2x6xf32>, %hwx: tensor<16x14xf32>, %hwh: tensor<?x4xf32>,
    %hb: tensor<16xf32>, %wzx: tensor<12x4xf32>, %wzh: tensor<12x4xf32>,
    %wzb: tensor<12x4xf32>, %bzx: tensor<12xf32>, %bzh: tensor<12xf32>,
    %wdx: tensor<4x8x3xf32>, %wdh: tensor<4x8x3xf32>, %wdb: tensor<4x8x3xf32>,
    %mwx: tensor<32x6xf32>, %mwh: tensor<32x8xf32>, %mb: tensor<32xf32>) {
  // expected-error @below {{expected weight 'hyper.w_h' to have a static shape, got 'tensor<?x4xf32>'}}
  %r:5 = hyper.lstm %x : tensor<5x2x6xf32>
      hyper(%hwx, %hwh, %hb : tensor<16x14xf32>, tensor<?x4xf32>, tensor<16xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<12x4xf32>, tensor<12x4xf32>, tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>)
      scale(%wdx, %wdh, %wdb : tensor<4x8x3xf32>, tensor<4x8x3xf32>, tensor<4x8x3xf32>)
      main(%mwx, %mwh, %mb : tensor<32x6xf32>, tensor<32x8xf32>, tensor<32xf32>)
  return
}

// -----

// main.w_h must be [4*N_h, N_h].
func.func @lstm_main_w_h_not_square(%x: tensor<5x2x6xf32>, %hwx: tensor<16x14xf32>, %hwh: tensor<16x4xf32>,
    %hb: tensor<16xf32>, %wzx: tensor<12x4xf32>, %wzh: tensor<12x4xf32>,
    %wzb: tensor<12x4xf32>, %bzx: tensor<12xf32>, %bzh: tensor<12xf32>,
    %wdx: tensor<4x8x3xf32>, %wdh: tensor<4x8x3xf32>, %wdb: tensor<4x8x3xf32>,
    %mwx: tensor<32x6xf32>, %mwh: tensor<32x7xf32>, %mb: tensor<32xf32>) {
  // expected-error @below {{expected 'main.w_h' of shape [4*N_h, N_h] = [28, 7], got [32, 7]}}
  %r:5 = hyper.lstm %x : tensor<5x2x6xf32>
      hyper(%hwx, %hwh, %hb : tensor<16x14xf32>, tensor<16x4xf32>, tensor<16xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<12x4xf32>, tensor<12x4xf32>, tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>)
      scale(%wdx, %wdh, %wdb : tensor<4x8x3xf32>, tensor<4x8x3xf32>, tensor<4x8x3xf32>)
      main(%mwx, %mwh, %mb : tensor<32x6xf32>, tensor<32x7xf32>, tensor<32xf32>)
  return
}

// -----

// main.w_x has one row per gate unit.
func.func @lstm_main_w_x_rows(%x: tensor<5x2x6xf32>, %hwx: tensor<16x14xf32>, %hwh: tensor<16x4xf32>,
    %hb: tensor<16xf32>, %wzx: tensor<12x4xf32>, %wzh: tensor<12x4xf32>,
    %wzb: tensor<12x4xf32>, %bzx: tensor<12xf32>, %bzh: tensor<12xf32>,
    %wdx: tensor<4x8x3xf32>, %wdh: tensor<4x8x3xf32>, %wdb: tensor<4x8x3xf32>,
    %mwx: tensor<28x6xf32>, %mwh: tensor<32x8xf32>, %mb: tensor<32xf32>) {
  // expected-error @below {{expected 'main.w_x' of shape [4*N_h, N_x] = [32, 6], got [28, 6]}}
  %r:5 = hyper.lstm %x : tensor<5x2x6xf32>
      hyper(%hwx, %hwh, %hb : tensor<16x14xf32>, tensor<16x4xf32>, tensor<16xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<12x4xf32>, tensor<12x4xf32>, tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>)
      scale(%wdx, %wdh, %wdb : tensor<4x8x3xf32>, tensor<4x8x3xf32>, tensor<4x8x3xf32>)
      main(%mwx, %mwh, %mb : tensor<28x6xf32>, tensor<32x8xf32>, tensor<32xf32>)
  return
}

// -----

// main.b has one entry per gate unit.
func.func @lstm_main_b(%x: tensor<5x2x6xf32>, %hwx: tensor<16x14xf32>, %hwh: tensor<16x4xf32>,
    %hb: tensor<16xf32>, %wzx: tensor<12x4xf32>, %wzh: tensor<12x4xf32>,
    %wzb: tensor<12x4xf32>, %bzx: tensor<12xf32>, %bzh: tensor<12xf32>,
    %wdx: tensor<4x8x3xf32>, %wdh: tensor<4x8x3xf32>, %wdb: tensor<4x8x3xf32>,
    %mwx: tensor<32x6xf32>, %mwh: tensor<32x8xf32>, %mb: tensor<30xf32>) {
  // expected-error @below {{expected 'main.b' of shape [4*N_h] = [32], got [30]}}
  %r:5 = hyper.lstm %x : tensor<5x2x6xf32>
      hyper(%hwx, %hwh, %hb : tensor<16x14xf32>, tensor<16x4xf32>, tensor<16xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<12x4xf32>, tensor<12x4xf32>, tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>)
      scale(%wdx, %wdh, %wdb : tensor<4x8x3xf32>, tensor<4x8x3xf32>, tensor<4x8x3xf32>)
      main(%mwx, %mwh, %mb : tensor<32x6xf32>, tensor<32x8xf32>, tensor<30xf32>)
  return
}

// -----

// hyper.w_h must be [4*N̂, N̂].
func.func @lstm_hyper_w_h(%x: tensor<5x2x6xf32>, %hwx: tensor<16x14xf32>, %hwh: tensor<16x5xf32>,
    %hb: tensor<16xf32>, %wzx: tensor<12x4xf32>, %wzh: tensor<12x4xf32>,
    %wzb: tensor<12x4xf32>, %bzx: tensor<12xf32>, %bzh: tensor<12xf32>,
    %wdx: tensor<4x8x3xf32>, %wdh: tensor<4x8x3xf32>, %wdb: tensor<4x8x3xf32>,
    %mwx: tensor<32x6xf32>, %mwh: tensor<32x8xf32>, %mb: tensor<32xf32>) {
  // expected-error @below {{expected 'hyper.w_h' of shape [4*N̂, N̂] = [20, 5], got [16, 5]}}
  %r:5 = hyper.lstm %x : tensor<5x2x6xf32>
      hyper(%hwx, %hwh, %hb : tensor<16x14xf32>, tensor<16x5xf32>, tensor<16xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<12x4xf32>, tensor<12x4xf32>, tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>)
      scale(%wdx, %wdh, %wdb : tensor<4x8x3xf32>, tensor<4x8x3xf32>, tensor<4x8x3xf32>)
      main(%mwx, %mwh, %mb : tensor<32x6xf32>, tensor<32x8xf32>, tensor<32xf32>)
  return
}

// -----

// The hyper cell reads [x, h]: N_x + N_h columns.
func.func @lstm_hyper_w_x_reads_x_and_h(%x: tensor<5x2x6xf32>, %hwx: tensor<16x13xf32>, %hwh: tensor<16x4xf32>,
    %hb: tensor<16xf32>, %wzx: tensor<12x4xf32>, %wzh: tensor<12x4xf32>,
    %wzb: tensor<12x4xf32>, %bzx: tensor<12xf32>, %bzh: tensor<12xf32>,
    %wdx: tensor<4x8x3xf32>, %wdh: tensor<4x8x3xf32>, %wdb: tensor<4x8x3xf32>,
    %mwx: tensor<32x6xf32>, %mwh: tensor<32x8xf32>, %mb: tensor<32xf32>) {
  // expected-error @below {{expected 'hyper.w_x' of shape [4*N̂, N_x+N_h] = [16, 14], got [16, 13]}}
  %r:5 = hyper.lstm %x : tensor<5x2x6xf32>
      hyper(%hwx, %hwh, %hb : tensor<16x13xf32>, tensor<16x4xf32>, tensor<16xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<12x4xf32>, tensor<12x4xf32>, tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>)
      scale(%wdx, %wdh, %wdb : tensor<4x8x3xf32>, tensor<4x8x3xf32>, tensor<4x8x3xf32>)
      main(%mwx, %mwh, %mb : tensor<32x6xf32>, tensor<32x8xf32>, tensor<32xf32>)
  return
}

// -----

// hyper.b has 4*N̂ entries.
func.func @lstm_hyper_b(%x: tensor<5x2x6xf32>, %hwx: tensor<16x14xf32>, %hwh: tensor<16x4xf32>,
    %hb: tensor<12xf32>, %wzx: tensor<12x4xf32>, %wzh: tensor<12x4xf32>,
    %wzb: tensor<12x4xf32>, %bzx: tensor<12xf32>, %bzh: tensor<12xf32>,
    %wdx: tensor<4x8x3xf32>, %wdh: tensor<4x8x3xf32>, %wdb: tensor<4x8x3xf32>,
    %mwx: tensor<32x6xf32>, %mwh: tensor<32x8xf32>, %mb: tensor<32xf32>) {
  // expected-error @below {{expected 'hyper.b' of shape [4*N̂] = [16], got [12]}}
  %r:5 = hyper.lstm %x : tensor<5x2x6xf32>
      hyper(%hwx, %hwh, %hb : tensor<16x14xf32>, tensor<16x4xf32>, tensor<12xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<12x4xf32>, tensor<12x4xf32>, tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>)
      scale(%wdx, %wdh, %wdb : tensor<4x8x3xf32>, tensor<4x8x3xf32>, tensor<4x8x3xf32>)
      main(%mwx, %mwh, %mb : tensor<32x6xf32>, tensor<32x8xf32>, tensor<32xf32>)
  return
}

// -----

// The projections read the hyper state.
func.func @lstm_proj_w_zx(%x: tensor<5x2x6xf32>, %hwx: tensor<16x14xf32>, %hwh: tensor<16x4xf32>,
    %hb: tensor<16xf32>, %wzx: tensor<12x5xf32>, %wzh: tensor<12x4xf32>,
    %wzb: tensor<12x4xf32>, %bzx: tensor<12xf32>, %bzh: tensor<12xf32>,
    %wdx: tensor<4x8x3xf32>, %wdh: tensor<4x8x3xf32>, %wdb: tensor<4x8x3xf32>,
    %mwx: tensor<32x6xf32>, %mwh: tensor<32x8xf32>, %mb: tensor<32xf32>) {
  // expected-error @below {{expected 'proj.w_zx' of shape [4*N_z, N̂] = [12, 4], got [12, 5]}}
  %r:5 = hyper.lstm %x : tensor<5x2x6xf32>
      hyper(%hwx, %hwh, %hb : tensor<16x14xf32>, tensor<16x4xf32>, tensor<16xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<12x5xf32>, tensor<12x4xf32>, tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>)
      scale(%wdx, %wdh, %wdb : tensor<4x8x3xf32>, tensor<4x8x3xf32>, tensor<4x8x3xf32>)
      main(%mwx, %mwh, %mb : tensor<32x6xf32>, tensor<32x8xf32>, tensor<32xf32>)
  return
}

// -----

// One embedding of N_z per gate.
func.func @lstm_proj_w_zh(%x: tensor<5x2x6xf32>, %hwx: tensor<16x14xf32>, %hwh: tensor<16x4xf32>,
    %hb: tensor<16xf32>, %wzx: tensor<12x4xf32>, %wzh: tensor<9x4xf32>,
    %wzb: tensor<12x4xf32>, %bzx: tensor<12xf32>, %bzh: tensor<12xf32>,
    %wdx: tensor<4x8x3xf32>, %wdh: tensor<4x8x3xf32>, %wdb: tensor<4x8x3xf32>,
    %mwx: tensor<32x6xf32>, %mwh: tensor<32x8xf32>, %mb: tensor<32xf32>) {
  // expected-error @below {{expected 'proj.w_zh' of shape [4*N_z, N̂] = [12, 4], got [9, 4]}}
  %r:5 = hyper.lstm %x : tensor<5x2x6xf32>
      hyper(%hwx, %hwh, %hb : tensor<16x14xf32>, tensor<16x4xf32>, tensor<16xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<12x4xf32>, tensor<9x4xf32>, tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>)
      scale(%wdx, %wdh, %wdb : tensor<4x8x3xf32>, tensor<4x8x3xf32>, tensor<4x8x3xf32>)
      main(%mwx, %mwh, %mb : tensor<32x6xf32>, tensor<32x8xf32>, tensor<32xf32>)
  return
}

// -----

// proj.w_zb like the others.
func.func @lstm_proj_w_zb(%x: tensor<5x2x6xf32>, %hwx: tensor<16x14xf32>, %hwh: tensor<16x4xf32>,
    %hb: tensor<16xf32>, %wzx: tensor<12x4xf32>, %wzh: tensor<12x4xf32>,
    %wzb: tensor<12x3xf32>, %bzx: tensor<12xf32>, %bzh: tensor<12xf32>,
    %wdx: tensor<4x8x3xf32>, %wdh: tensor<4x8x3xf32>, %wdb: tensor<4x8x3xf32>,
    %mwx: tensor<32x6xf32>, %mwh: tensor<32x8xf32>, %mb: tensor<32xf32>) {
  // expected-error @below {{expected 'proj.w_zb' of shape [4*N_z, N̂] = [12, 4], got [12, 3]}}
  %r:5 = hyper.lstm %x : tensor<5x2x6xf32>
      hyper(%hwx, %hwh, %hb : tensor<16x14xf32>, tensor<16x4xf32>, tensor<16xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<12x4xf32>, tensor<12x4xf32>, tensor<12x3xf32>, tensor<12xf32>, tensor<12xf32>)
      scale(%wdx, %wdh, %wdb : tensor<4x8x3xf32>, tensor<4x8x3xf32>, tensor<4x8x3xf32>)
      main(%mwx, %mwh, %mb : tensor<32x6xf32>, tensor<32x8xf32>, tensor<32xf32>)
  return
}

// -----

// proj.b_zx has 4*N_z entries.
func.func @lstm_proj_b_zx(%x: tensor<5x2x6xf32>, %hwx: tensor<16x14xf32>, %hwh: tensor<16x4xf32>,
    %hb: tensor<16xf32>, %wzx: tensor<12x4xf32>, %wzh: tensor<12x4xf32>,
    %wzb: tensor<12x4xf32>, %bzx: tensor<9xf32>, %bzh: tensor<12xf32>,
    %wdx: tensor<4x8x3xf32>, %wdh: tensor<4x8x3xf32>, %wdb: tensor<4x8x3xf32>,
    %mwx: tensor<32x6xf32>, %mwh: tensor<32x8xf32>, %mb: tensor<32xf32>) {
  // expected-error @below {{expected 'proj.b_zx' of shape [4*N_z] = [12], got [9]}}
  %r:5 = hyper.lstm %x : tensor<5x2x6xf32>
      hyper(%hwx, %hwh, %hb : tensor<16x14xf32>, tensor<16x4xf32>, tensor<16xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<12x4xf32>, tensor<12x4xf32>, tensor<12x4xf32>, tensor<9xf32>, tensor<12xf32>)
      scale(%wdx, %wdh, %wdb : tensor<4x8x3xf32>, tensor<4x8x3xf32>, tensor<4x8x3xf32>)
      main(%mwx, %mwh, %mb : tensor<32x6xf32>, tensor<32x8xf32>, tensor<32xf32>)
  return
}

// -----

// proj.b_zh has 4*N_z entries.
func.func @lstm_proj_b_zh(%x: tensor<5x2x6xf32>, %hwx: tensor<16x14xf32>, %hwh: tensor<16x4xf32>,
    %hb: tensor<16xf32>, %wzx: tensor<12x4xf32>, %wzh: tensor<12x4xf32>,
    %wzb: tensor<12x4xf32>, %bzx: tensor<12xf32>, %bzh: tensor<13xf32>,
    %wdx: tensor<4x8x3xf32>, %wdh: tensor<4x8x3xf32>, %wdb: tensor<4x8x3xf32>,
    %mwx: tensor<32x6xf32>, %mwh: tensor<32x8xf32>, %mb: tensor<32xf32>) {
  // expected-error @below {{expected 'proj.b_zh' of shape [4*N_z] = [12], got [13]}}
  %r:5 = hyper.lstm %x : tensor<5x2x6xf32>
      hyper(%hwx, %hwh, %hb : tensor<16x14xf32>, tensor<16x4xf32>, tensor<16xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<12x4xf32>, tensor<12x4xf32>, tensor<12x4xf32>, tensor<12xf32>, tensor<13xf32>)
      scale(%wdx, %wdh, %wdb : tensor<4x8x3xf32>, tensor<4x8x3xf32>, tensor<4x8x3xf32>)
      main(%mwx, %mwh, %mb : tensor<32x6xf32>, tensor<32x8xf32>, tensor<32xf32>)
  return
}

// -----

// N_z comes from scale.w_dx; the projections must agree with it.
func.func @lstm_scale_n_z(%x: tensor<5x2x6xf32>, %hwx: tensor<16x14xf32>, %hwh: tensor<16x4xf32>,
    %hb: tensor<16xf32>, %wzx: tensor<12x4xf32>, %wzh: tensor<12x4xf32>,
    %wzb: tensor<12x4xf32>, %bzx: tensor<12xf32>, %bzh: tensor<12xf32>,
    %wdx: tensor<4x8x2xf32>, %wdh: tensor<4x8x3xf32>, %wdb: tensor<4x8x3xf32>,
    %mwx: tensor<32x6xf32>, %mwh: tensor<32x8xf32>, %mb: tensor<32xf32>) {
  // expected-error @below {{expected 'proj.w_zx' of shape [4*N_z, N̂] = [8, 4], got [12, 4]}}
  %r:5 = hyper.lstm %x : tensor<5x2x6xf32>
      hyper(%hwx, %hwh, %hb : tensor<16x14xf32>, tensor<16x4xf32>, tensor<16xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<12x4xf32>, tensor<12x4xf32>, tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>)
      scale(%wdx, %wdh, %wdb : tensor<4x8x2xf32>, tensor<4x8x3xf32>, tensor<4x8x3xf32>)
      main(%mwx, %mwh, %mb : tensor<32x6xf32>, tensor<32x8xf32>, tensor<32xf32>)
  return
}

// -----

// One scaling matrix per gate.
func.func @lstm_scale_gates(%x: tensor<5x2x6xf32>, %hwx: tensor<16x14xf32>, %hwh: tensor<16x4xf32>,
    %hb: tensor<16xf32>, %wzx: tensor<12x4xf32>, %wzh: tensor<12x4xf32>,
    %wzb: tensor<12x4xf32>, %bzx: tensor<12xf32>, %bzh: tensor<12xf32>,
    %wdx: tensor<4x8x3xf32>, %wdh: tensor<3x8x3xf32>, %wdb: tensor<4x8x3xf32>,
    %mwx: tensor<32x6xf32>, %mwh: tensor<32x8xf32>, %mb: tensor<32xf32>) {
  // expected-error @below {{expected 'scale.w_dh' of shape [4, N_h, N_z] = [4, 8, 3], got [3, 8, 3]}}
  %r:5 = hyper.lstm %x : tensor<5x2x6xf32>
      hyper(%hwx, %hwh, %hb : tensor<16x14xf32>, tensor<16x4xf32>, tensor<16xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<12x4xf32>, tensor<12x4xf32>, tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>)
      scale(%wdx, %wdh, %wdb : tensor<4x8x3xf32>, tensor<3x8x3xf32>, tensor<4x8x3xf32>)
      main(%mwx, %mwh, %mb : tensor<32x6xf32>, tensor<32x8xf32>, tensor<32xf32>)
  return
}

// -----

// Scaling matrices make N_h row scales.
func.func @lstm_scale_rows(%x: tensor<5x2x6xf32>, %hwx: tensor<16x14xf32>, %hwh: tensor<16x4xf32>,
    %hb: tensor<16xf32>, %wzx: tensor<12x4xf32>, %wzh: tensor<12x4xf32>,
    %wzb: tensor<12x4xf32>, %bzx: tensor<12xf32>, %bzh: tensor<12xf32>,
    %wdx: tensor<4x8x3xf32>, %wdh: tensor<4x8x3xf32>, %wdb: tensor<4x9x3xf32>,
    %mwx: tensor<32x6xf32>, %mwh: tensor<32x8xf32>, %mb: tensor<32xf32>) {
  // expected-error @below {{expected 'scale.w_db' of shape [4, N_h, N_z] = [4, 8, 3], got [4, 9, 3]}}
  %r:5 = hyper.lstm %x : tensor<5x2x6xf32>
      hyper(%hwx, %hwh, %hb : tensor<16x14xf32>, tensor<16x4xf32>, tensor<16xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<12x4xf32>, tensor<12x4xf32>, tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>)
      scale(%wdx, %wdh, %wdb : tensor<4x8x3xf32>, tensor<4x8x3xf32>, tensor<4x9x3xf32>)
      main(%mwx, %mwh, %mb : tensor<32x6xf32>, tensor<32x8xf32>, tensor<32xf32>)
  return
}

// -----

// The LSTM's scaling matrices are stacked per gate.
func.func @lstm_scale_rank(%x: tensor<5x2x6xf32>, %hwx: tensor<16x14xf32>, %hwh: tensor<16x4xf32>,
    %hb: tensor<16xf32>, %wzx: tensor<12x4xf32>, %wzh: tensor<12x4xf32>,
    %wzb: tensor<12x4xf32>, %bzx: tensor<12xf32>, %bzh: tensor<12xf32>,
    %wdx: tensor<4x8x3xf32>, %wdh: tensor<4x8x3xf32>, %wdb: tensor<8x3xf32>,
    %mwx: tensor<32x6xf32>, %mwh: tensor<32x8xf32>, %mb: tensor<32xf32>) {
  // expected-error @below {{expected 'scale.w_db' of rank 3 [4, N_h, N_z], got 'tensor<8x3xf32>'}}
  %r:5 = hyper.lstm %x : tensor<5x2x6xf32>
      hyper(%hwx, %hwh, %hb : tensor<16x14xf32>, tensor<16x4xf32>, tensor<16xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<12x4xf32>, tensor<12x4xf32>, tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>)
      scale(%wdx, %wdh, %wdb : tensor<4x8x3xf32>, tensor<4x8x3xf32>, tensor<8x3xf32>)
      main(%mwx, %mwh, %mb : tensor<32x6xf32>, tensor<32x8xf32>, tensor<32xf32>)
  return
}

// -----

// One element type for every float operand.
func.func @lstm_element_types(%x: tensor<5x2x6xf32>, %hwx: tensor<16x14xf32>, %hwh: tensor<16x4xf32>,
    %hb: tensor<16xf32>, %wzx: tensor<12x4xf32>, %wzh: tensor<12x4xf32>,
    %wzb: tensor<12x4xf32>, %bzx: tensor<12xf32>, %bzh: tensor<12xf32>,
    %wdx: tensor<4x8x3xf32>, %wdh: tensor<4x8x3xf32>, %wdb: tensor<4x8x3xf32>,
    %mwx: tensor<32x6xf32>, %mwh: tensor<32x8xf32>, %mb: tensor<32xf16>) {
  // expected-error @below {{expected every float operand to have element type 'f32', got 'f16' for 'main.b'}}
  %r:5 = hyper.lstm %x : tensor<5x2x6xf32>
      hyper(%hwx, %hwh, %hb : tensor<16x14xf32>, tensor<16x4xf32>, tensor<16xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<12x4xf32>, tensor<12x4xf32>, tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>)
      scale(%wdx, %wdh, %wdb : tensor<4x8x3xf32>, tensor<4x8x3xf32>, tensor<4x8x3xf32>)
      main(%mwx, %mwh, %mb : tensor<32x6xf32>, tensor<32x8xf32>, tensor<32xf16>)
  return
}

// -----

// The sequence op reads [T, B, N_x].
func.func @lstm_input_rank(%x: tensor<2x6xf32>, %hwx: tensor<16x14xf32>, %hwh: tensor<16x4xf32>,
    %hb: tensor<16xf32>, %wzx: tensor<12x4xf32>, %wzh: tensor<12x4xf32>,
    %wzb: tensor<12x4xf32>, %bzx: tensor<12xf32>, %bzh: tensor<12xf32>,
    %wdx: tensor<4x8x3xf32>, %wdh: tensor<4x8x3xf32>, %wdb: tensor<4x8x3xf32>,
    %mwx: tensor<32x6xf32>, %mwh: tensor<32x8xf32>, %mb: tensor<32xf32>) {
  // expected-error @below {{expected 'input' of rank 3 [T, B, N_x], got 'tensor<2x6xf32>'}}
  %r:5 = hyper.lstm %x : tensor<2x6xf32>
      hyper(%hwx, %hwh, %hb : tensor<16x14xf32>, tensor<16x4xf32>, tensor<16xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<12x4xf32>, tensor<12x4xf32>, tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>)
      scale(%wdx, %wdh, %wdb : tensor<4x8x3xf32>, tensor<4x8x3xf32>, tensor<4x8x3xf32>)
      main(%mwx, %mwh, %mb : tensor<32x6xf32>, tensor<32x8xf32>, tensor<32xf32>)
  return
}

// -----

// The input must have N_x features.
func.func @lstm_input_size(%x: tensor<5x2x7xf32>, %hwx: tensor<16x14xf32>, %hwh: tensor<16x4xf32>,
    %hb: tensor<16xf32>, %wzx: tensor<12x4xf32>, %wzh: tensor<12x4xf32>,
    %wzb: tensor<12x4xf32>, %bzx: tensor<12xf32>, %bzh: tensor<12xf32>,
    %wdx: tensor<4x8x3xf32>, %wdh: tensor<4x8x3xf32>, %wdb: tensor<4x8x3xf32>,
    %mwx: tensor<32x6xf32>, %mwh: tensor<32x8xf32>, %mb: tensor<32xf32>) {
  // expected-error @below {{expected 'input' of shape [T, B, N_x] = [?, ?, 6], got [5, 2, 7]}}
  %r:5 = hyper.lstm %x : tensor<5x2x7xf32>
      hyper(%hwx, %hwh, %hb : tensor<16x14xf32>, tensor<16x4xf32>, tensor<16xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<12x4xf32>, tensor<12x4xf32>, tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>)
      scale(%wdx, %wdh, %wdb : tensor<4x8x3xf32>, tensor<4x8x3xf32>, tensor<4x8x3xf32>)
      main(%mwx, %mwh, %mb : tensor<32x6xf32>, tensor<32x8xf32>, tensor<32xf32>)
  return
}

// -----

// The hyper cell-state layer norm has N̂ gains.
func.func @lstm_ln_c_size(%x: tensor<5x2x6xf32>, %hwx: tensor<16x14xf32>, %hwh: tensor<16x4xf32>,
    %hb: tensor<16xf32>, %wzx: tensor<12x4xf32>, %wzh: tensor<12x4xf32>,
    %wzb: tensor<12x4xf32>, %bzx: tensor<12xf32>, %bzh: tensor<12xf32>,
    %wdx: tensor<4x8x3xf32>, %wdh: tensor<4x8x3xf32>, %wdb: tensor<4x8x3xf32>,
    %mwx: tensor<32x6xf32>, %mwh: tensor<32x8xf32>, %mb: tensor<32xf32>,
    %hg: tensor<16xf32>, %hbeta: tensor<16xf32>, %hcg: tensor<8xf32>,
    %hcb: tensor<4xf32>, %mg: tensor<32xf32>, %mbeta: tensor<32xf32>,
    %mcg: tensor<8xf32>, %mcb: tensor<8xf32>) {
  // expected-error @below {{expected 'hyper.ln_c_g' of shape [N̂] = [4], got [8]}}
  %r:5 = hyper.lstm %x : tensor<5x2x6xf32>
      hyper(%hwx, %hwh, %hb : tensor<16x14xf32>, tensor<16x4xf32>, tensor<16xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<12x4xf32>, tensor<12x4xf32>, tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>)
      scale(%wdx, %wdh, %wdb : tensor<4x8x3xf32>, tensor<4x8x3xf32>, tensor<4x8x3xf32>)
      main(%mwx, %mwh, %mb : tensor<32x6xf32>, tensor<32x8xf32>, tensor<32xf32>)
      layer_norm(%hg, %hbeta, %hcg, %hcb, %mg, %mbeta, %mcg, %mcb : tensor<16xf32>, tensor<16xf32>, tensor<8xf32>, tensor<4xf32>, tensor<32xf32>, tensor<32xf32>, tensor<8xf32>, tensor<8xf32>)
  return
}

// -----

// The main gate layer norm has 4*N_h gains.
func.func @lstm_ln_gate_size(%x: tensor<5x2x6xf32>, %hwx: tensor<16x14xf32>, %hwh: tensor<16x4xf32>,
    %hb: tensor<16xf32>, %wzx: tensor<12x4xf32>, %wzh: tensor<12x4xf32>,
    %wzb: tensor<12x4xf32>, %bzx: tensor<12xf32>, %bzh: tensor<12xf32>,
    %wdx: tensor<4x8x3xf32>, %wdh: tensor<4x8x3xf32>, %wdb: tensor<4x8x3xf32>,
    %mwx: tensor<32x6xf32>, %mwh: tensor<32x8xf32>, %mb: tensor<32xf32>,
    %hg: tensor<16xf32>, %hbeta: tensor<16xf32>, %hcg: tensor<4xf32>,
    %hcb: tensor<4xf32>, %mg: tensor<16xf32>, %mbeta: tensor<32xf32>,
    %mcg: tensor<8xf32>, %mcb: tensor<8xf32>) {
  // expected-error @below {{expected 'main.ln_g' of shape [4*N_h] = [32], got [16]}}
  %r:5 = hyper.lstm %x : tensor<5x2x6xf32>
      hyper(%hwx, %hwh, %hb : tensor<16x14xf32>, tensor<16x4xf32>, tensor<16xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<12x4xf32>, tensor<12x4xf32>, tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>)
      scale(%wdx, %wdh, %wdb : tensor<4x8x3xf32>, tensor<4x8x3xf32>, tensor<4x8x3xf32>)
      main(%mwx, %mwh, %mb : tensor<32x6xf32>, tensor<32x8xf32>, tensor<32xf32>)
      layer_norm(%hg, %hbeta, %hcg, %hcb, %mg, %mbeta, %mcg, %mcb : tensor<16xf32>, tensor<16xf32>, tensor<4xf32>, tensor<4xf32>, tensor<16xf32>, tensor<32xf32>, tensor<8xf32>, tensor<8xf32>)
  return
}

// -----

// Layer-norm parameters share the element type.
func.func @lstm_ln_element_type(%x: tensor<5x2x6xf32>, %hwx: tensor<16x14xf32>, %hwh: tensor<16x4xf32>,
    %hb: tensor<16xf32>, %wzx: tensor<12x4xf32>, %wzh: tensor<12x4xf32>,
    %wzb: tensor<12x4xf32>, %bzx: tensor<12xf32>, %bzh: tensor<12xf32>,
    %wdx: tensor<4x8x3xf32>, %wdh: tensor<4x8x3xf32>, %wdb: tensor<4x8x3xf32>,
    %mwx: tensor<32x6xf32>, %mwh: tensor<32x8xf32>, %mb: tensor<32xf32>,
    %hg: tensor<16xf32>, %hbeta: tensor<16xf32>, %hcg: tensor<4xf32>,
    %hcb: tensor<4xf32>, %mg: tensor<32xf32>, %mbeta: tensor<32xf32>,
    %mcg: tensor<8xf32>, %mcb: tensor<8xf64>) {
  // expected-error @below {{expected every float operand to have element type 'f32', got 'f64' for 'main.ln_c_b'}}
  %r:5 = hyper.lstm %x : tensor<5x2x6xf32>
      hyper(%hwx, %hwh, %hb : tensor<16x14xf32>, tensor<16x4xf32>, tensor<16xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<12x4xf32>, tensor<12x4xf32>, tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>)
      scale(%wdx, %wdh, %wdb : tensor<4x8x3xf32>, tensor<4x8x3xf32>, tensor<4x8x3xf32>)
      main(%mwx, %mwh, %mb : tensor<32x6xf32>, tensor<32x8xf32>, tensor<32xf32>)
      layer_norm(%hg, %hbeta, %hcg, %hcb, %mg, %mbeta, %mcg, %mcb : tensor<16xf32>, tensor<16xf32>, tensor<4xf32>, tensor<4xf32>, tensor<32xf32>, tensor<32xf32>, tensor<8xf32>, tensor<8xf64>)
  return
}

// -----

// epsilon must be positive.
func.func @lstm_ln_epsilon(%x: tensor<5x2x6xf32>, %hwx: tensor<16x14xf32>, %hwh: tensor<16x4xf32>,
    %hb: tensor<16xf32>, %wzx: tensor<12x4xf32>, %wzh: tensor<12x4xf32>,
    %wzb: tensor<12x4xf32>, %bzx: tensor<12xf32>, %bzh: tensor<12xf32>,
    %wdx: tensor<4x8x3xf32>, %wdh: tensor<4x8x3xf32>, %wdb: tensor<4x8x3xf32>,
    %mwx: tensor<32x6xf32>, %mwh: tensor<32x8xf32>, %mb: tensor<32xf32>,
    %hg: tensor<16xf32>, %hbeta: tensor<16xf32>, %hcg: tensor<4xf32>,
    %hcb: tensor<4xf32>, %mg: tensor<32xf32>, %mbeta: tensor<32xf32>,
    %mcg: tensor<8xf32>, %mcb: tensor<8xf32>) {
  // expected-error @below {{expected a positive finite 'epsilon', got 0}}
  %r:5 = hyper.lstm %x : tensor<5x2x6xf32>
      hyper(%hwx, %hwh, %hb : tensor<16x14xf32>, tensor<16x4xf32>, tensor<16xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<12x4xf32>, tensor<12x4xf32>, tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>)
      scale(%wdx, %wdh, %wdb : tensor<4x8x3xf32>, tensor<4x8x3xf32>, tensor<4x8x3xf32>)
      main(%mwx, %mwh, %mb : tensor<32x6xf32>, tensor<32x8xf32>, tensor<32xf32>)
      layer_norm(%hg, %hbeta, %hcg, %hcb, %mg, %mbeta, %mcg, %mcb : tensor<16xf32>, tensor<16xf32>, tensor<4xf32>, tensor<4xf32>, tensor<32xf32>, tensor<32xf32>, tensor<8xf32>, tensor<8xf32>)
      {epsilon = 0.0 : f32}
  return
}

// -----

// forget_bias must be finite.
func.func @lstm_forget_bias(%x: tensor<5x2x6xf32>, %hwx: tensor<16x14xf32>, %hwh: tensor<16x4xf32>,
    %hb: tensor<16xf32>, %wzx: tensor<12x4xf32>, %wzh: tensor<12x4xf32>,
    %wzb: tensor<12x4xf32>, %bzx: tensor<12xf32>, %bzh: tensor<12xf32>,
    %wdx: tensor<4x8x3xf32>, %wdh: tensor<4x8x3xf32>, %wdb: tensor<4x8x3xf32>,
    %mwx: tensor<32x6xf32>, %mwh: tensor<32x8xf32>, %mb: tensor<32xf32>) {
  // expected-error @below {{expected a finite 'forget_bias', got INF}}
  %r:5 = hyper.lstm %x : tensor<5x2x6xf32>
      hyper(%hwx, %hwh, %hb : tensor<16x14xf32>, tensor<16x4xf32>, tensor<16xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<12x4xf32>, tensor<12x4xf32>, tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>)
      scale(%wdx, %wdh, %wdb : tensor<4x8x3xf32>, tensor<4x8x3xf32>, tensor<4x8x3xf32>)
      main(%mwx, %mwh, %mb : tensor<32x6xf32>, tensor<32x8xf32>, tensor<32xf32>)
      {forget_bias = 0x7F800000 : f32}
  return
}

// -----

// Initial states have the input's batch.
func.func @lstm_init_batch(%x: tensor<5x2x6xf32>, %hwx: tensor<16x14xf32>, %hwh: tensor<16x4xf32>,
    %hb: tensor<16xf32>, %wzx: tensor<12x4xf32>, %wzh: tensor<12x4xf32>,
    %wzb: tensor<12x4xf32>, %bzx: tensor<12xf32>, %bzh: tensor<12xf32>,
    %wdx: tensor<4x8x3xf32>, %wdh: tensor<4x8x3xf32>, %wdb: tensor<4x8x3xf32>,
    %mwx: tensor<32x6xf32>, %mwh: tensor<32x8xf32>, %mb: tensor<32xf32>,
    %h0: tensor<3x8xf32>, %c0: tensor<2x8xf32>, %hh0: tensor<2x4xf32>,
    %hc0: tensor<2x4xf32>) {
  // expected-error @below {{expected 'h0' of shape [B, N_h] = [2, 8], got [3, 8]}}
  %r:5 = hyper.lstm %x : tensor<5x2x6xf32>
      hyper(%hwx, %hwh, %hb : tensor<16x14xf32>, tensor<16x4xf32>, tensor<16xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<12x4xf32>, tensor<12x4xf32>, tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>)
      scale(%wdx, %wdh, %wdb : tensor<4x8x3xf32>, tensor<4x8x3xf32>, tensor<4x8x3xf32>)
      main(%mwx, %mwh, %mb : tensor<32x6xf32>, tensor<32x8xf32>, tensor<32xf32>)
      init(%h0, %c0, %hh0, %hc0 : tensor<3x8xf32>, tensor<2x8xf32>, tensor<2x4xf32>, tensor<2x4xf32>)
  return
}

// -----

// Hyper initial states have N̂ features.
func.func @lstm_init_hyper_size(%x: tensor<5x2x6xf32>, %hwx: tensor<16x14xf32>, %hwh: tensor<16x4xf32>,
    %hb: tensor<16xf32>, %wzx: tensor<12x4xf32>, %wzh: tensor<12x4xf32>,
    %wzb: tensor<12x4xf32>, %bzx: tensor<12xf32>, %bzh: tensor<12xf32>,
    %wdx: tensor<4x8x3xf32>, %wdh: tensor<4x8x3xf32>, %wdb: tensor<4x8x3xf32>,
    %mwx: tensor<32x6xf32>, %mwh: tensor<32x8xf32>, %mb: tensor<32xf32>,
    %h0: tensor<2x8xf32>, %c0: tensor<2x8xf32>, %hh0: tensor<2x4xf32>,
    %hc0: tensor<2x5xf32>) {
  // expected-error @below {{expected 'hc0' of shape [B, N̂] = [2, 4], got [2, 5]}}
  %r:5 = hyper.lstm %x : tensor<5x2x6xf32>
      hyper(%hwx, %hwh, %hb : tensor<16x14xf32>, tensor<16x4xf32>, tensor<16xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<12x4xf32>, tensor<12x4xf32>, tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>)
      scale(%wdx, %wdh, %wdb : tensor<4x8x3xf32>, tensor<4x8x3xf32>, tensor<4x8x3xf32>)
      main(%mwx, %mwh, %mb : tensor<32x6xf32>, tensor<32x8xf32>, tensor<32xf32>)
      init(%h0, %c0, %hh0, %hc0 : tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x4xf32>, tensor<2x5xf32>)
  return
}

// -----

// Initial states share the element type.
func.func @lstm_init_element_type(%x: tensor<5x2x6xf32>, %hwx: tensor<16x14xf32>, %hwh: tensor<16x4xf32>,
    %hb: tensor<16xf32>, %wzx: tensor<12x4xf32>, %wzh: tensor<12x4xf32>,
    %wzb: tensor<12x4xf32>, %bzx: tensor<12xf32>, %bzh: tensor<12xf32>,
    %wdx: tensor<4x8x3xf32>, %wdh: tensor<4x8x3xf32>, %wdb: tensor<4x8x3xf32>,
    %mwx: tensor<32x6xf32>, %mwh: tensor<32x8xf32>, %mb: tensor<32xf32>,
    %h0: tensor<2x8xf32>, %c0: tensor<2x8xbf16>, %hh0: tensor<2x4xf32>,
    %hc0: tensor<2x4xf32>) {
  // expected-error @below {{expected every float operand to have element type 'f32', got 'bf16' for 'c0'}}
  %r:5 = hyper.lstm %x : tensor<5x2x6xf32>
      hyper(%hwx, %hwh, %hb : tensor<16x14xf32>, tensor<16x4xf32>, tensor<16xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<12x4xf32>, tensor<12x4xf32>, tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>)
      scale(%wdx, %wdh, %wdb : tensor<4x8x3xf32>, tensor<4x8x3xf32>, tensor<4x8x3xf32>)
      main(%mwx, %mwh, %mb : tensor<32x6xf32>, tensor<32x8xf32>, tensor<32xf32>)
      init(%h0, %c0, %hh0, %hc0 : tensor<2x8xf32>, tensor<2x8xbf16>, tensor<2x4xf32>, tensor<2x4xf32>)
  return
}

// -----

// lengths has one entry per sample.
func.func @lstm_lengths(%x: tensor<5x2x6xf32>, %hwx: tensor<16x14xf32>, %hwh: tensor<16x4xf32>,
    %hb: tensor<16xf32>, %wzx: tensor<12x4xf32>, %wzh: tensor<12x4xf32>,
    %wzb: tensor<12x4xf32>, %bzx: tensor<12xf32>, %bzh: tensor<12xf32>,
    %wdx: tensor<4x8x3xf32>, %wdh: tensor<4x8x3xf32>, %wdb: tensor<4x8x3xf32>,
    %mwx: tensor<32x6xf32>, %mwh: tensor<32x8xf32>, %mb: tensor<32xf32>,
    %len: tensor<3xi32>) {
  // expected-error @below {{expected 'lengths' of shape [B] = [2], got [3]}}
  %r:5 = hyper.lstm %x : tensor<5x2x6xf32>
      hyper(%hwx, %hwh, %hb : tensor<16x14xf32>, tensor<16x4xf32>, tensor<16xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<12x4xf32>, tensor<12x4xf32>, tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>)
      scale(%wdx, %wdh, %wdb : tensor<4x8x3xf32>, tensor<4x8x3xf32>, tensor<4x8x3xf32>)
      main(%mwx, %mwh, %mb : tensor<32x6xf32>, tensor<32x8xf32>, tensor<32xf32>)
      lengths(%len : tensor<3xi32>)
  return
}

// -----

// lengths is a vector.
func.func @lstm_lengths_rank(%x: tensor<5x2x6xf32>, %hwx: tensor<16x14xf32>, %hwh: tensor<16x4xf32>,
    %hb: tensor<16xf32>, %wzx: tensor<12x4xf32>, %wzh: tensor<12x4xf32>,
    %wzb: tensor<12x4xf32>, %bzx: tensor<12xf32>, %bzh: tensor<12xf32>,
    %wdx: tensor<4x8x3xf32>, %wdh: tensor<4x8x3xf32>, %wdb: tensor<4x8x3xf32>,
    %mwx: tensor<32x6xf32>, %mwh: tensor<32x8xf32>, %mb: tensor<32xf32>,
    %len: tensor<2x1xi32>) {
  // expected-error @below {{expected 'lengths' of rank 1 [B], got 'tensor<2x1xi32>'}}
  %r:5 = hyper.lstm %x : tensor<5x2x6xf32>
      hyper(%hwx, %hwh, %hb : tensor<16x14xf32>, tensor<16x4xf32>, tensor<16xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<12x4xf32>, tensor<12x4xf32>, tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>)
      scale(%wdx, %wdh, %wdb : tensor<4x8x3xf32>, tensor<4x8x3xf32>, tensor<4x8x3xf32>)
      main(%mwx, %mwh, %mb : tensor<32x6xf32>, tensor<32x8xf32>, tensor<32xf32>)
      lengths(%len : tensor<2x1xi32>)
  return
}

// -----

// lengths are i32 (ODS type constraint).
func.func @lstm_lengths_type(%x: tensor<5x2x6xf32>, %hwx: tensor<16x14xf32>, %hwh: tensor<16x4xf32>,
    %hb: tensor<16xf32>, %wzx: tensor<12x4xf32>, %wzh: tensor<12x4xf32>,
    %wzb: tensor<12x4xf32>, %bzx: tensor<12xf32>, %bzh: tensor<12xf32>,
    %wdx: tensor<4x8x3xf32>, %wdh: tensor<4x8x3xf32>, %wdb: tensor<4x8x3xf32>,
    %mwx: tensor<32x6xf32>, %mwh: tensor<32x8xf32>, %mb: tensor<32xf32>,
    %len: tensor<2xi64>) {
  // expected-error @below {{operand #15 must be ranked tensor of 32-bit signless integer values}}
  %r:5 = hyper.lstm %x : tensor<5x2x6xf32>
      hyper(%hwx, %hwh, %hb : tensor<16x14xf32>, tensor<16x4xf32>, tensor<16xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<12x4xf32>, tensor<12x4xf32>, tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>)
      scale(%wdx, %wdh, %wdb : tensor<4x8x3xf32>, tensor<4x8x3xf32>, tensor<4x8x3xf32>)
      main(%mwx, %mwh, %mb : tensor<32x6xf32>, tensor<32x8xf32>, tensor<32xf32>)
      lengths(%len : tensor<2xi64>)
  return
}

// -----

// The cell reads one step: [B, N_x].
func.func @lstm_cell_input_rank(%x: tensor<5x2x6xf32>, %h: tensor<2x8xf32>, %c: tensor<2x8xf32>,
    %hh: tensor<2x4xf32>, %hc: tensor<2x4xf32>, %hwx: tensor<16x14xf32>,
    %hwh: tensor<16x4xf32>, %hb: tensor<16xf32>, %wzx: tensor<12x4xf32>,
    %wzh: tensor<12x4xf32>, %wzb: tensor<12x4xf32>, %bzx: tensor<12xf32>,
    %bzh: tensor<12xf32>, %wdx: tensor<4x8x3xf32>, %wdh: tensor<4x8x3xf32>,
    %wdb: tensor<4x8x3xf32>, %mwx: tensor<32x6xf32>, %mwh: tensor<32x8xf32>,
    %mb: tensor<32xf32>) {
  // expected-error @below {{expected 'input' of rank 2 [B, N_x], got 'tensor<5x2x6xf32>'}}
  %r:4 = hyper.lstm_cell %x : tensor<5x2x6xf32>
      state(%h, %c, %hh, %hc : tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x4xf32>, tensor<2x4xf32>)
      hyper(%hwx, %hwh, %hb : tensor<16x14xf32>, tensor<16x4xf32>, tensor<16xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<12x4xf32>, tensor<12x4xf32>, tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>)
      scale(%wdx, %wdh, %wdb : tensor<4x8x3xf32>, tensor<4x8x3xf32>, tensor<4x8x3xf32>)
      main(%mwx, %mwh, %mb : tensor<32x6xf32>, tensor<32x8xf32>, tensor<32xf32>)
  return
}

// -----

// States have N_h / N̂ features.
func.func @lstm_cell_state(%x: tensor<2x6xf32>, %h: tensor<2x8xf32>, %c: tensor<2x7xf32>, %hh: tensor<2x4xf32>,
    %hc: tensor<2x4xf32>, %hwx: tensor<16x14xf32>, %hwh: tensor<16x4xf32>,
    %hb: tensor<16xf32>, %wzx: tensor<12x4xf32>, %wzh: tensor<12x4xf32>,
    %wzb: tensor<12x4xf32>, %bzx: tensor<12xf32>, %bzh: tensor<12xf32>,
    %wdx: tensor<4x8x3xf32>, %wdh: tensor<4x8x3xf32>, %wdb: tensor<4x8x3xf32>,
    %mwx: tensor<32x6xf32>, %mwh: tensor<32x8xf32>, %mb: tensor<32xf32>) {
  // expected-error @below {{expected 'c' of shape [B, N_h] = [2, 8], got [2, 7]}}
  %r:4 = hyper.lstm_cell %x : tensor<2x6xf32>
      state(%h, %c, %hh, %hc : tensor<2x8xf32>, tensor<2x7xf32>, tensor<2x4xf32>, tensor<2x4xf32>)
      hyper(%hwx, %hwh, %hb : tensor<16x14xf32>, tensor<16x4xf32>, tensor<16xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<12x4xf32>, tensor<12x4xf32>, tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>)
      scale(%wdx, %wdh, %wdb : tensor<4x8x3xf32>, tensor<4x8x3xf32>, tensor<4x8x3xf32>)
      main(%mwx, %mwh, %mb : tensor<32x6xf32>, tensor<32x8xf32>, tensor<32xf32>)
  return
}

// -----

// States have the input's batch.
func.func @lstm_cell_state_batch(%x: tensor<2x6xf32>, %h: tensor<2x8xf32>, %c: tensor<2x8xf32>, %hh: tensor<1x4xf32>,
    %hc: tensor<2x4xf32>, %hwx: tensor<16x14xf32>, %hwh: tensor<16x4xf32>,
    %hb: tensor<16xf32>, %wzx: tensor<12x4xf32>, %wzh: tensor<12x4xf32>,
    %wzb: tensor<12x4xf32>, %bzx: tensor<12xf32>, %bzh: tensor<12xf32>,
    %wdx: tensor<4x8x3xf32>, %wdh: tensor<4x8x3xf32>, %wdb: tensor<4x8x3xf32>,
    %mwx: tensor<32x6xf32>, %mwh: tensor<32x8xf32>, %mb: tensor<32xf32>) {
  // expected-error @below {{expected 'hh' of shape [B, N̂] = [2, 4], got [1, 4]}}
  %r:4 = hyper.lstm_cell %x : tensor<2x6xf32>
      state(%h, %c, %hh, %hc : tensor<2x8xf32>, tensor<2x8xf32>, tensor<1x4xf32>, tensor<2x4xf32>)
      hyper(%hwx, %hwh, %hb : tensor<16x14xf32>, tensor<16x4xf32>, tensor<16xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<12x4xf32>, tensor<12x4xf32>, tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>)
      scale(%wdx, %wdh, %wdb : tensor<4x8x3xf32>, tensor<4x8x3xf32>, tensor<4x8x3xf32>)
      main(%mwx, %mwh, %mb : tensor<32x6xf32>, tensor<32x8xf32>, tensor<32xf32>)
  return
}

// -----

// The cell checks epsilon like the sequence op.
func.func @lstm_cell_epsilon(%x: tensor<2x6xf32>, %h: tensor<2x8xf32>, %c: tensor<2x8xf32>, %hh: tensor<2x4xf32>,
    %hc: tensor<2x4xf32>, %hwx: tensor<16x14xf32>, %hwh: tensor<16x4xf32>,
    %hb: tensor<16xf32>, %wzx: tensor<12x4xf32>, %wzh: tensor<12x4xf32>,
    %wzb: tensor<12x4xf32>, %bzx: tensor<12xf32>, %bzh: tensor<12xf32>,
    %wdx: tensor<4x8x3xf32>, %wdh: tensor<4x8x3xf32>, %wdb: tensor<4x8x3xf32>,
    %mwx: tensor<32x6xf32>, %mwh: tensor<32x8xf32>, %mb: tensor<32xf32>,
    %hg: tensor<16xf32>, %hbeta: tensor<16xf32>, %hcg: tensor<4xf32>,
    %hcb: tensor<4xf32>, %mg: tensor<32xf32>, %mbeta: tensor<32xf32>,
    %mcg: tensor<8xf32>, %mcb: tensor<8xf32>) {
  // expected-error @below {{expected a positive finite 'epsilon', got -1}}
  %r:4 = hyper.lstm_cell %x : tensor<2x6xf32>
      state(%h, %c, %hh, %hc : tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x4xf32>, tensor<2x4xf32>)
      hyper(%hwx, %hwh, %hb : tensor<16x14xf32>, tensor<16x4xf32>, tensor<16xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<12x4xf32>, tensor<12x4xf32>, tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>)
      scale(%wdx, %wdh, %wdb : tensor<4x8x3xf32>, tensor<4x8x3xf32>, tensor<4x8x3xf32>)
      main(%mwx, %mwh, %mb : tensor<32x6xf32>, tensor<32x8xf32>, tensor<32xf32>)
      layer_norm(%hg, %hbeta, %hcg, %hcb, %mg, %mbeta, %mcg, %mcb : tensor<16xf32>, tensor<16xf32>, tensor<4xf32>, tensor<4xf32>, tensor<32xf32>, tensor<32xf32>, tensor<8xf32>, tensor<8xf32>)
      {epsilon = -1.0 : f32}
  return
}

// -----

// The cell checks weights like the sequence op.
func.func @lstm_cell_scale(%x: tensor<2x6xf32>, %h: tensor<2x8xf32>, %c: tensor<2x8xf32>, %hh: tensor<2x4xf32>,
    %hc: tensor<2x4xf32>, %hwx: tensor<16x15xf32>, %hwh: tensor<16x4xf32>,
    %hb: tensor<16xf32>, %wzx: tensor<12x4xf32>, %wzh: tensor<12x4xf32>,
    %wzb: tensor<12x4xf32>, %bzx: tensor<12xf32>, %bzh: tensor<12xf32>,
    %wdx: tensor<4x8x3xf32>, %wdh: tensor<4x8x3xf32>, %wdb: tensor<4x8x3xf32>,
    %mwx: tensor<36x6xf32>, %mwh: tensor<36x9xf32>, %mb: tensor<36xf32>) {
  // expected-error @below {{expected 'scale.w_dx' of shape [4, N_h, N_z] = [4, 9, 3], got [4, 8, 3]}}
  %r:4 = hyper.lstm_cell %x : tensor<2x6xf32>
      state(%h, %c, %hh, %hc : tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x4xf32>, tensor<2x4xf32>)
      hyper(%hwx, %hwh, %hb : tensor<16x15xf32>, tensor<16x4xf32>, tensor<16xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<12x4xf32>, tensor<12x4xf32>, tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>)
      scale(%wdx, %wdh, %wdb : tensor<4x8x3xf32>, tensor<4x8x3xf32>, tensor<4x8x3xf32>)
      main(%mwx, %mwh, %mb : tensor<36x6xf32>, tensor<36x9xf32>, tensor<36xf32>)
  return
}

// -----

// The HyperRNN's scaling matrices have no gate dimension.
func.func @rnn_scale_rank(%x: tensor<6x3x5xf32>, %hwx: tensor<4x12xf32>, %hwh: tensor<4x4xf32>,
    %hb: tensor<4xf32>, %wzx: tensor<2x4xf32>, %wzh: tensor<2x4xf32>,
    %wzb: tensor<2x4xf32>, %bzx: tensor<2xf32>, %bzh: tensor<2xf32>,
    %wdx: tensor<1x7x2xf32>, %wdh: tensor<7x2xf32>, %wdb: tensor<7x2xf32>,
    %mwx: tensor<7x5xf32>, %mwh: tensor<7x7xf32>, %mb: tensor<7xf32>) {
  // expected-error @below {{expected 'scale.w_dx' of rank 2 [N_h, N_z], got 'tensor<1x7x2xf32>'}}
  %r:3 = hyper.rnn %x : tensor<6x3x5xf32>
      hyper(%hwx, %hwh, %hb : tensor<4x12xf32>, tensor<4x4xf32>, tensor<4xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<2xf32>, tensor<2xf32>)
      scale(%wdx, %wdh, %wdb : tensor<1x7x2xf32>, tensor<7x2xf32>, tensor<7x2xf32>)
      main(%mwx, %mwh, %mb : tensor<7x5xf32>, tensor<7x7xf32>, tensor<7xf32>)
  return
}

// -----

// main.w_h is [N_h, N_h] for the one-gate RNN.
func.func @rnn_main_w_h(%x: tensor<6x3x5xf32>, %hwx: tensor<4x12xf32>, %hwh: tensor<4x4xf32>,
    %hb: tensor<4xf32>, %wzx: tensor<2x4xf32>, %wzh: tensor<2x4xf32>,
    %wzb: tensor<2x4xf32>, %bzx: tensor<2xf32>, %bzh: tensor<2xf32>,
    %wdx: tensor<7x2xf32>, %wdh: tensor<7x2xf32>, %wdb: tensor<7x2xf32>,
    %mwx: tensor<7x5xf32>, %mwh: tensor<7x6xf32>, %mb: tensor<7xf32>) {
  // expected-error @below {{expected 'main.w_h' of shape [N_h, N_h] = [6, 6], got [7, 6]}}
  %r:3 = hyper.rnn %x : tensor<6x3x5xf32>
      hyper(%hwx, %hwh, %hb : tensor<4x12xf32>, tensor<4x4xf32>, tensor<4xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<2xf32>, tensor<2xf32>)
      scale(%wdx, %wdh, %wdb : tensor<7x2xf32>, tensor<7x2xf32>, tensor<7x2xf32>)
      main(%mwx, %mwh, %mb : tensor<7x5xf32>, tensor<7x6xf32>, tensor<7xf32>)
  return
}

// -----

// The hyper cell reads [x, h].
func.func @rnn_hyper_w_x(%x: tensor<6x3x5xf32>, %hwx: tensor<4x11xf32>, %hwh: tensor<4x4xf32>,
    %hb: tensor<4xf32>, %wzx: tensor<2x4xf32>, %wzh: tensor<2x4xf32>,
    %wzb: tensor<2x4xf32>, %bzx: tensor<2xf32>, %bzh: tensor<2xf32>,
    %wdx: tensor<7x2xf32>, %wdh: tensor<7x2xf32>, %wdb: tensor<7x2xf32>,
    %mwx: tensor<7x5xf32>, %mwh: tensor<7x7xf32>, %mb: tensor<7xf32>) {
  // expected-error @below {{expected 'hyper.w_x' of shape [N̂, N_x+N_h] = [4, 12], got [4, 11]}}
  %r:3 = hyper.rnn %x : tensor<6x3x5xf32>
      hyper(%hwx, %hwh, %hb : tensor<4x11xf32>, tensor<4x4xf32>, tensor<4xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<2xf32>, tensor<2xf32>)
      scale(%wdx, %wdh, %wdb : tensor<7x2xf32>, tensor<7x2xf32>, tensor<7x2xf32>)
      main(%mwx, %mwh, %mb : tensor<7x5xf32>, tensor<7x7xf32>, tensor<7xf32>)
  return
}

// -----

// One embedding of N_z.
func.func @rnn_proj(%x: tensor<6x3x5xf32>, %hwx: tensor<4x12xf32>, %hwh: tensor<4x4xf32>,
    %hb: tensor<4xf32>, %wzx: tensor<2x4xf32>, %wzh: tensor<2x4xf32>,
    %wzb: tensor<2x4xf32>, %bzx: tensor<2xf32>, %bzh: tensor<3xf32>,
    %wdx: tensor<7x2xf32>, %wdh: tensor<7x2xf32>, %wdb: tensor<7x2xf32>,
    %mwx: tensor<7x5xf32>, %mwh: tensor<7x7xf32>, %mb: tensor<7xf32>) {
  // expected-error @below {{expected 'proj.b_zh' of shape [N_z] = [2], got [3]}}
  %r:3 = hyper.rnn %x : tensor<6x3x5xf32>
      hyper(%hwx, %hwh, %hb : tensor<4x12xf32>, tensor<4x4xf32>, tensor<4xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<2xf32>, tensor<3xf32>)
      scale(%wdx, %wdh, %wdb : tensor<7x2xf32>, tensor<7x2xf32>, tensor<7x2xf32>)
      main(%mwx, %mwh, %mb : tensor<7x5xf32>, tensor<7x7xf32>, tensor<7xf32>)
  return
}

// -----

// Initial hidden states.
func.func @rnn_init(%x: tensor<6x3x5xf32>, %hwx: tensor<4x12xf32>, %hwh: tensor<4x4xf32>,
    %hb: tensor<4xf32>, %wzx: tensor<2x4xf32>, %wzh: tensor<2x4xf32>,
    %wzb: tensor<2x4xf32>, %bzx: tensor<2xf32>, %bzh: tensor<2xf32>,
    %wdx: tensor<7x2xf32>, %wdh: tensor<7x2xf32>, %wdb: tensor<7x2xf32>,
    %mwx: tensor<7x5xf32>, %mwh: tensor<7x7xf32>, %mb: tensor<7xf32>,
    %h0: tensor<3x7xf32>, %hh0: tensor<3x7xf32>) {
  // expected-error @below {{expected 'hh0' of shape [B, N̂] = [3, 4], got [3, 7]}}
  %r:3 = hyper.rnn %x : tensor<6x3x5xf32>
      hyper(%hwx, %hwh, %hb : tensor<4x12xf32>, tensor<4x4xf32>, tensor<4xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<2xf32>, tensor<2xf32>)
      scale(%wdx, %wdh, %wdb : tensor<7x2xf32>, tensor<7x2xf32>, tensor<7x2xf32>)
      main(%mwx, %mwh, %mb : tensor<7x5xf32>, tensor<7x7xf32>, tensor<7xf32>)
      init(%h0, %hh0 : tensor<3x7xf32>, tensor<3x7xf32>)
  return
}

// -----

// lengths has one entry per sample.
func.func @rnn_lengths(%x: tensor<6x3x5xf32>, %hwx: tensor<4x12xf32>, %hwh: tensor<4x4xf32>,
    %hb: tensor<4xf32>, %wzx: tensor<2x4xf32>, %wzh: tensor<2x4xf32>,
    %wzb: tensor<2x4xf32>, %bzx: tensor<2xf32>, %bzh: tensor<2xf32>,
    %wdx: tensor<7x2xf32>, %wdh: tensor<7x2xf32>, %wdb: tensor<7x2xf32>,
    %mwx: tensor<7x5xf32>, %mwh: tensor<7x7xf32>, %mb: tensor<7xf32>,
    %len: tensor<2xi32>) {
  // expected-error @below {{expected 'lengths' of shape [B] = [3], got [2]}}
  %r:3 = hyper.rnn %x : tensor<6x3x5xf32>
      hyper(%hwx, %hwh, %hb : tensor<4x12xf32>, tensor<4x4xf32>, tensor<4xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<2xf32>, tensor<2xf32>)
      scale(%wdx, %wdh, %wdb : tensor<7x2xf32>, tensor<7x2xf32>, tensor<7x2xf32>)
      main(%mwx, %mwh, %mb : tensor<7x5xf32>, tensor<7x7xf32>, tensor<7xf32>)
      lengths(%len : tensor<2xi32>)
  return
}

// -----

// The RNN cell's hyper state has N̂ features.
func.func @rnn_cell_state(%x: tensor<3x5xf32>, %h: tensor<3x7xf32>, %hh: tensor<3x7xf32>,
    %hwx: tensor<4x12xf32>, %hwh: tensor<4x4xf32>, %hb: tensor<4xf32>,
    %wzx: tensor<2x4xf32>, %wzh: tensor<2x4xf32>, %wzb: tensor<2x4xf32>,
    %bzx: tensor<2xf32>, %bzh: tensor<2xf32>, %wdx: tensor<7x2xf32>,
    %wdh: tensor<7x2xf32>, %wdb: tensor<7x2xf32>, %mwx: tensor<7x5xf32>,
    %mwh: tensor<7x7xf32>, %mb: tensor<7xf32>) {
  // expected-error @below {{expected 'hh' of shape [B, N̂] = [3, 4], got [3, 7]}}
  %r:2 = hyper.rnn_cell %x : tensor<3x5xf32>
      state(%h, %hh : tensor<3x7xf32>, tensor<3x7xf32>)
      hyper(%hwx, %hwh, %hb : tensor<4x12xf32>, tensor<4x4xf32>, tensor<4xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<2xf32>, tensor<2xf32>)
      scale(%wdx, %wdh, %wdb : tensor<7x2xf32>, tensor<7x2xf32>, tensor<7x2xf32>)
      main(%mwx, %mwh, %mb : tensor<7x5xf32>, tensor<7x7xf32>, tensor<7xf32>)
  return
}

// -----

// One element type.
func.func @rnn_cell_element_type(%x: tensor<3x5xf32>, %h: tensor<3x7xf16>, %hh: tensor<3x4xf32>,
    %hwx: tensor<4x12xf32>, %hwh: tensor<4x4xf32>, %hb: tensor<4xf32>,
    %wzx: tensor<2x4xf32>, %wzh: tensor<2x4xf32>, %wzb: tensor<2x4xf32>,
    %bzx: tensor<2xf32>, %bzh: tensor<2xf32>, %wdx: tensor<7x2xf32>,
    %wdh: tensor<7x2xf32>, %wdb: tensor<7x2xf32>, %mwx: tensor<7x5xf32>,
    %mwh: tensor<7x7xf32>, %mb: tensor<7xf32>) {
  // expected-error @below {{expected every float operand to have element type 'f32', got 'f16' for 'h'}}
  %r:2 = hyper.rnn_cell %x : tensor<3x5xf32>
      state(%h, %hh : tensor<3x7xf16>, tensor<3x4xf32>)
      hyper(%hwx, %hwh, %hb : tensor<4x12xf32>, tensor<4x4xf32>, tensor<4xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<2xf32>, tensor<2xf32>)
      scale(%wdx, %wdh, %wdb : tensor<7x2xf32>, tensor<7x2xf32>, tensor<7x2xf32>)
      main(%mwx, %mwh, %mb : tensor<7x5xf32>, tensor<7x7xf32>, tensor<7xf32>)
  return
}

// -----

// The custom form cannot spell a partial layer-norm group; the generic form
// can. Segments: input, 14 weights, 8 layer-norm, 4 initial states, lengths.
func.func @lstm_partial_layer_norm(%x: tensor<5x2x6xf32>, %hwx: tensor<16x14xf32>,
    %hwh: tensor<16x4xf32>, %hb: tensor<16xf32>, %wzx: tensor<12x4xf32>,
    %bzx: tensor<12xf32>, %wdx: tensor<4x8x3xf32>, %mwx: tensor<32x6xf32>,
    %mwh: tensor<32x8xf32>, %mb: tensor<32xf32>, %g: tensor<16xf32>) {
  // expected-error @below {{expected all 8 layer-norm operands or none, got 2}}
  %r:5 = "hyper.lstm"(%x, %hwx, %hwh, %hb, %wzx, %wzx, %wzx, %bzx, %bzx, %wdx, %wdx, %wdx,
                      %mwx, %mwh, %mb, %g, %g)
      <{operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                                         1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>}>
      : (tensor<5x2x6xf32>, tensor<16x14xf32>, tensor<16x4xf32>, tensor<16xf32>,
         tensor<12x4xf32>, tensor<12x4xf32>, tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>,
         tensor<4x8x3xf32>, tensor<4x8x3xf32>, tensor<4x8x3xf32>,
         tensor<32x6xf32>, tensor<32x8xf32>, tensor<32xf32>, tensor<16xf32>, tensor<16xf32>)
      -> (tensor<5x2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x4xf32>, tensor<2x4xf32>)
  return
}

// -----

func.func @lstm_partial_init(%x: tensor<5x2x6xf32>, %hwx: tensor<16x14xf32>,
    %hwh: tensor<16x4xf32>, %hb: tensor<16xf32>, %wzx: tensor<12x4xf32>,
    %bzx: tensor<12xf32>, %wdx: tensor<4x8x3xf32>, %mwx: tensor<32x6xf32>,
    %mwh: tensor<32x8xf32>, %mb: tensor<32xf32>, %h0: tensor<2x8xf32>) {
  // expected-error @below {{expected all 4 initial states or none, got 1}}
  %r:5 = "hyper.lstm"(%x, %hwx, %hwh, %hb, %wzx, %wzx, %wzx, %bzx, %bzx, %wdx, %wdx, %wdx,
                      %mwx, %mwh, %mb, %h0)
      <{operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                                         0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0>}>
      : (tensor<5x2x6xf32>, tensor<16x14xf32>, tensor<16x4xf32>, tensor<16xf32>,
         tensor<12x4xf32>, tensor<12x4xf32>, tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>,
         tensor<4x8x3xf32>, tensor<4x8x3xf32>, tensor<4x8x3xf32>,
         tensor<32x6xf32>, tensor<32x8xf32>, tensor<32xf32>, tensor<2x8xf32>)
      -> (tensor<5x2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x4xf32>, tensor<2x4xf32>)
  return
}

// -----

// Segments: input, 14 weights, 2 initial states, lengths.
func.func @rnn_partial_init(%x: tensor<6x3x5xf32>, %hwx: tensor<4x12xf32>,
    %hwh: tensor<4x4xf32>, %hb: tensor<4xf32>, %wz: tensor<2x4xf32>, %bz: tensor<2xf32>,
    %wd: tensor<7x2xf32>, %mwx: tensor<7x5xf32>, %mwh: tensor<7x7xf32>, %mb: tensor<7xf32>,
    %hh0: tensor<3x4xf32>) {
  // expected-error @below {{expected all 2 initial states or none, got 1}}
  %r:3 = "hyper.rnn"(%x, %hwx, %hwh, %hb, %wz, %wz, %wz, %bz, %bz, %wd, %wd, %wd,
                     %mwx, %mwh, %mb, %hh0)
      <{operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0>}>
      : (tensor<6x3x5xf32>, tensor<4x12xf32>, tensor<4x4xf32>, tensor<4xf32>,
         tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<2xf32>, tensor<2xf32>,
         tensor<7x2xf32>, tensor<7x2xf32>, tensor<7x2xf32>,
         tensor<7x5xf32>, tensor<7x7xf32>, tensor<7xf32>, tensor<3x4xf32>)
      -> (tensor<6x3x7xf32>, tensor<3x7xf32>, tensor<3x4xf32>)
  return
}

//===----------------------------------------------------------------------===//
// Degenerate sizes: zero model sizes and types whose byte size overflows
//===----------------------------------------------------------------------===//

// -----

func.func @rnn_zero_n_x(%x: tensor<6x3x0xf32>,
    %hwx: tensor<4x7xf32>, %hwh: tensor<4x4xf32>, %hb: tensor<4xf32>,
    %wzx: tensor<2x4xf32>, %wzh: tensor<2x4xf32>, %wzb: tensor<2x4xf32>, %bzx: tensor<2xf32>, %bzh: tensor<2xf32>,
    %wdx: tensor<7x2xf32>, %wdh: tensor<7x2xf32>, %wdb: tensor<7x2xf32>,
    %mwx: tensor<7x0xf32>, %mwh: tensor<7x7xf32>, %mb: tensor<7xf32>) {
  // expected-error @below {{expected a positive model size N_x, got 0 (read off 'main.w_x')}}
  %y, %h, %hh = hyper.rnn %x : tensor<6x3x0xf32>
      hyper(%hwx, %hwh, %hb : tensor<4x7xf32>, tensor<4x4xf32>, tensor<4xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<2xf32>, tensor<2xf32>)
      scale(%wdx, %wdh, %wdb : tensor<7x2xf32>, tensor<7x2xf32>, tensor<7x2xf32>)
      main(%mwx, %mwh, %mb : tensor<7x0xf32>, tensor<7x7xf32>, tensor<7xf32>)
  return
}

// -----

func.func @rnn_zero_n_h(%x: tensor<6x3x5xf32>,
    %hwx: tensor<4x5xf32>, %hwh: tensor<4x4xf32>, %hb: tensor<4xf32>,
    %wzx: tensor<2x4xf32>, %wzh: tensor<2x4xf32>, %wzb: tensor<2x4xf32>, %bzx: tensor<2xf32>, %bzh: tensor<2xf32>,
    %wdx: tensor<0x2xf32>, %wdh: tensor<0x2xf32>, %wdb: tensor<0x2xf32>,
    %mwx: tensor<0x5xf32>, %mwh: tensor<0x0xf32>, %mb: tensor<0xf32>) {
  // expected-error @below {{expected a positive model size N_h, got 0 (read off 'main.w_h')}}
  %y, %h, %hh = hyper.rnn %x : tensor<6x3x5xf32>
      hyper(%hwx, %hwh, %hb : tensor<4x5xf32>, tensor<4x4xf32>, tensor<4xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<2xf32>, tensor<2xf32>)
      scale(%wdx, %wdh, %wdb : tensor<0x2xf32>, tensor<0x2xf32>, tensor<0x2xf32>)
      main(%mwx, %mwh, %mb : tensor<0x5xf32>, tensor<0x0xf32>, tensor<0xf32>)
  return
}

// -----

func.func @rnn_zero_hyper(%x: tensor<6x3x5xf32>,
    %hwx: tensor<0x12xf32>, %hwh: tensor<0x0xf32>, %hb: tensor<0xf32>,
    %wzx: tensor<2x0xf32>, %wzh: tensor<2x0xf32>, %wzb: tensor<2x0xf32>, %bzx: tensor<2xf32>, %bzh: tensor<2xf32>,
    %wdx: tensor<7x2xf32>, %wdh: tensor<7x2xf32>, %wdb: tensor<7x2xf32>,
    %mwx: tensor<7x5xf32>, %mwh: tensor<7x7xf32>, %mb: tensor<7xf32>) {
  // expected-error @below {{expected a positive model size N̂, got 0 (read off 'hyper.w_h')}}
  %y, %h, %hh = hyper.rnn %x : tensor<6x3x5xf32>
      hyper(%hwx, %hwh, %hb : tensor<0x12xf32>, tensor<0x0xf32>, tensor<0xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<2x0xf32>, tensor<2x0xf32>, tensor<2x0xf32>, tensor<2xf32>, tensor<2xf32>)
      scale(%wdx, %wdh, %wdb : tensor<7x2xf32>, tensor<7x2xf32>, tensor<7x2xf32>)
      main(%mwx, %mwh, %mb : tensor<7x5xf32>, tensor<7x7xf32>, tensor<7xf32>)
  return
}

// -----

func.func @rnn_zero_n_z(%x: tensor<6x3x5xf32>,
    %hwx: tensor<4x12xf32>, %hwh: tensor<4x4xf32>, %hb: tensor<4xf32>,
    %wzx: tensor<0x4xf32>, %wzh: tensor<0x4xf32>, %wzb: tensor<0x4xf32>, %bzx: tensor<0xf32>, %bzh: tensor<0xf32>,
    %wdx: tensor<7x0xf32>, %wdh: tensor<7x0xf32>, %wdb: tensor<7x0xf32>,
    %mwx: tensor<7x5xf32>, %mwh: tensor<7x7xf32>, %mb: tensor<7xf32>) {
  // expected-error @below {{expected a positive model size N_z, got 0 (read off 'scale.w_dx')}}
  %y, %h, %hh = hyper.rnn %x : tensor<6x3x5xf32>
      hyper(%hwx, %hwh, %hb : tensor<4x12xf32>, tensor<4x4xf32>, tensor<4xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<0x4xf32>, tensor<0x4xf32>, tensor<0x4xf32>, tensor<0xf32>, tensor<0xf32>)
      scale(%wdx, %wdh, %wdb : tensor<7x0xf32>, tensor<7x0xf32>, tensor<7x0xf32>)
      main(%mwx, %mwh, %mb : tensor<7x5xf32>, tensor<7x7xf32>, tensor<7xf32>)
  return
}

// -----

func.func @row_scaled_zero_n_out(%x: tensor<2x128xf32>, %w: tensor<0x128xf32>, %d: tensor<2x0xf32>) {
  // expected-error @below {{expected a positive model size N_out, got 0 (read off 'weight')}}
  %y = hyper.row_scaled_linear %x, %w, %d : tensor<2x128xf32>, tensor<0x128xf32>, tensor<2x0xf32>
  return
}

// -----

func.func @row_scaled_zero_n_in(%x: tensor<2x0xf32>, %w: tensor<512x0xf32>, %d: tensor<2x512xf32>) {
  // expected-error @below {{expected a positive model size N_in, got 0 (read off 'weight')}}
  %y = hyper.row_scaled_linear %x, %w, %d : tensor<2x0xf32>, tensor<512x0xf32>, tensor<2x512xf32>
  return
}

// -----

func.func @dynamic_linear_zero_n_z(%x: tensor<2x9xf32>, %z: tensor<2x0xf32>, %w: tensor<0x7x9xf32>) {
  // expected-error @below {{expected a positive model size N_z, got 0 (read off 'basis')}}
  %y = hyper.dynamic_linear %x, %z, %w : tensor<2x9xf32>, tensor<2x0xf32>, tensor<0x7x9xf32>
  return
}

// -----

func.func @dynamic_linear_zero_n_out(%x: tensor<2x9xf32>, %z: tensor<2x3xf32>, %w: tensor<3x0x9xf32>) {
  // expected-error @below {{expected a positive model size N_out, got 0 (read off 'basis')}}
  %y = hyper.dynamic_linear %x, %z, %w : tensor<2x9xf32>, tensor<2x3xf32>, tensor<3x0x9xf32>
  return
}

// -----

func.func @dynamic_linear_zero_n_in(%x: tensor<2x0xf32>, %z: tensor<2x3xf32>, %w: tensor<3x7x0xf32>) {
  // expected-error @below {{expected a positive model size N_in, got 0 (read off 'basis')}}
  %y = hyper.dynamic_linear %x, %z, %w : tensor<2x0xf32>, tensor<2x3xf32>, tensor<3x7x0xf32>
  return
}

// -----

// 2^40 x 2^22 floats: 2^64 bytes.
func.func @byte_size_overflow(%x: tensor<1099511627776x4194304xf32>, %z: tensor<1099511627776x3xf32>, %w: tensor<3x7x4194304xf32>) {
  // expected-error @below {{expected operand #0 of type 'tensor<1099511627776x4194304xf32>' to have a byte size that fits int64}}
  %y = hyper.dynamic_linear %x, %z, %w : tensor<1099511627776x4194304xf32>, tensor<1099511627776x3xf32>, tensor<3x7x4194304xf32>
  return
}

// -----

func.func @element_count_overflow(%x: tensor<4611686018427387904x9xf32>, %z: tensor<4611686018427387904x3xf32>, %w: tensor<3x7x9xf32>) {
  // expected-error @below {{expected operand #0 of type 'tensor<4611686018427387904x9xf32>' to have a byte size that fits int64}}
  %y = hyper.dynamic_linear %x, %z, %w : tensor<4611686018427387904x9xf32>, tensor<4611686018427387904x3xf32>, tensor<3x7x9xf32>
  return
}

// -----

func.func @generator_zero_width(%z: tensor<1x1x4xf32>, %w_in: tensor<0x4xf32>, %b_in: tensor<0xf32>, %w_out: tensor<784x0xf32>, %b_out: tensor<784xf32>) {
  // expected-error @below {{expected a positive generator width d, got 0 (read off 'w_out')}}
  %k = hyper.generate_kernel %z : tensor<1x1x4xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<0x4xf32>, tensor<0xf32>, tensor<784x0xf32>, tensor<784xf32>)
      block [16, 16, 7, 7]
  return
}

// -----

func.func @generator_result_overflow(%z: tensor<1x1x4xf32>, %w_in: tensor<64x4xf32>, %b_in: tensor<64xf32>, %w_out: tensor<784x4xf32>, %b_out: tensor<784xf32>) {
  // expected-error @below {{expected result #0 of type 'tensor<16x4294967296x4294967296x7xf32>' to have a byte size that fits int64}}
  %k = hyper.generate_kernel %z : tensor<1x1x4xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<64x4xf32>, tensor<64xf32>, tensor<784x4xf32>, tensor<784xf32>)
      block [16, 4294967296, 4294967296, 7]
  return
}

// -----

func.func @conv_block_overflow(%x: tensor<2x16x28x28xf32>, %z: tensor<1x1x4xf32>,
    %w_in: tensor<64x4xf32>, %b_in: tensor<64xf32>, %w_out: tensor<784x4xf32>, %b_out: tensor<784xf32>) {
  // expected-error @below {{expected 'block' sizes whose products fit int64, got [16, 4294967296, 4294967296, 7]}}
  %y = hyper.conv2d %x, %z : tensor<2x16x28x28xf32>, tensor<1x1x4xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<64x4xf32>, tensor<64xf32>, tensor<784x4xf32>, tensor<784xf32>)
      block [16, 4294967296, 4294967296, 7] padding [3, 3, 3, 3]
  return
}

// -----

func.func @conv_padding_too_large(%x: tensor<2x16x?x?xf32>, %z: tensor<1x1x4xf32>,
    %w_in: tensor<64x4xf32>, %b_in: tensor<64xf32>, %w_out: tensor<784x4xf32>, %b_out: tensor<784xf32>) {
  // expected-error @below {{expected 'padding' entries of at most 2147483647, got [4294967296, 3, 3, 3]}}
  %y = hyper.conv2d %x, %z : tensor<2x16x?x?xf32>, tensor<1x1x4xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<64x4xf32>, tensor<64xf32>, tensor<784x4xf32>, tensor<784xf32>)
      block [16, 16, 7, 7] padding [4294967296, 3, 3, 3]
  return
}

// -----

func.func @conv_dilation_too_large(%x: tensor<2x16x28x28xf32>, %z: tensor<1x1x4xf32>,
    %w_in: tensor<64x4xf32>, %b_in: tensor<64xf32>, %w_out: tensor<784x4xf32>, %b_out: tensor<784xf32>) {
  // expected-error @below {{expected 'dilations' entries of at most 2147483647, got [4611686018427387904, 1]}}
  %y = hyper.conv2d %x, %z : tensor<2x16x28x28xf32>, tensor<1x1x4xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<64x4xf32>, tensor<64xf32>, tensor<784x4xf32>, tensor<784xf32>)
      block [16, 16, 7, 7] padding [3, 3, 3, 3] dilations [4611686018427387904, 1]
  return
}

// -----

// A 2^40-tap kernel height dilated by 2^31 - 1: the window's extent
// overflows int64.
func.func @conv_window_overflow(%x: tensor<1x1x8x8xf32>, %z: tensor<1x1x4xf32>,
    %w_in: tensor<1x4xf32>, %b_in: tensor<1xf32>, %w_out: tensor<1099511627776x1xf32>, %b_out: tensor<1099511627776xf32>) {
  // expected-error @below {{expected a convolution window whose sizes fit int64 along the height}}
  %y = hyper.conv2d %x, %z : tensor<1x1x8x8xf32>, tensor<1x1x4xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<1x4xf32>, tensor<1xf32>, tensor<1099511627776x1xf32>, tensor<1099511627776xf32>)
      block [1, 1, 1099511627776, 1] dilations [2147483647, 1]
  return
}
