// The MNIST hyper-conv layer against the golden case conv_mnist: the layer
// output and the generated kernel, with the generator as run-time inputs and
// then bound as constants (the kernel then folds at compile time).
//
// RUN: hyper-run %s --function=conv --input=@%data/conv_mnist/x.npy \
// RUN:   --input=@%data/conv_mnist/z.npy --input=@%data/conv_mnist/w_in.npy \
// RUN:   --input=@%data/conv_mnist/b_in.npy --input=@%data/conv_mnist/w_out.npy \
// RUN:   --input=@%data/conv_mnist/b_out.npy --output=@%t.y.npy
// RUN: %npy_compare %t.y.npy %data/conv_mnist/y.npy
//
// RUN: hyper-run %s --function=kernel --input=@%data/conv_mnist/z.npy \
// RUN:   --input=@%data/conv_mnist/w_in.npy --input=@%data/conv_mnist/b_in.npy \
// RUN:   --input=@%data/conv_mnist/w_out.npy --input=@%data/conv_mnist/b_out.npy \
// RUN:   --output=@%t.kernel.npy
// RUN: %npy_compare %t.kernel.npy %data/conv_mnist/kernel.npy
//
// RUN: hyper-run %s --function=conv --weights=%data/conv_mnist \
// RUN:   --input=@%data/conv_mnist/x.npy --output=@%t.bound.y.npy
// RUN: %npy_compare %t.bound.y.npy %data/conv_mnist/y.npy
// RUN: hyper-run %s --function=kernel --weights=%data/conv_mnist \
// RUN:   --output=@%t.bound.kernel.npy
// RUN: %npy_compare %t.bound.kernel.npy %data/conv_mnist/kernel.npy
//
// Ahead of time with the generator bound: both kernels fold into the object.
// RUN: hyper-compile %s --weights=%data/conv_mnist -o %t.o --header %t.h
// RUN: %aot_cxx -include %t.h %S/Inputs/aot_conv.cpp %t.o %runtime_lib -lm -o %t.aot
// RUN: %t.aot %data/conv_mnist/x.npy %t.aot.y.npy %t.aot.kernel.npy
// RUN: %npy_compare %t.aot.y.npy %data/conv_mnist/y.npy
// RUN: %npy_compare %t.aot.kernel.npy %data/conv_mnist/kernel.npy

func.func @conv(%x: tensor<?x16x14x14xf32>,
    %z: tensor<1x1x4xf32> {hyper.name = "z"},
    %w_in: tensor<64x4xf32> {hyper.name = "w_in"},
    %b_in: tensor<64xf32> {hyper.name = "b_in"},
    %w_out: tensor<784x4xf32> {hyper.name = "w_out"},
    %b_out: tensor<784xf32> {hyper.name = "b_out"}) -> tensor<?x16x14x14xf32> {
  %y = hyper.conv2d %x, %z : tensor<?x16x14x14xf32>, tensor<1x1x4xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<64x4xf32>, tensor<64xf32>,
                tensor<784x4xf32>, tensor<784xf32>)
      block [16, 16, 7, 7] padding [3, 3, 3, 3]
  return %y : tensor<?x16x14x14xf32>
}

func.func @kernel(%z: tensor<1x1x4xf32> {hyper.name = "z"},
    %w_in: tensor<64x4xf32> {hyper.name = "w_in"},
    %b_in: tensor<64xf32> {hyper.name = "b_in"},
    %w_out: tensor<784x4xf32> {hyper.name = "w_out"},
    %b_out: tensor<784xf32> {hyper.name = "b_out"}) -> tensor<16x16x7x7xf32> {
  %k = hyper.generate_kernel %z : tensor<1x1x4xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<64x4xf32>, tensor<64xf32>,
                tensor<784x4xf32>, tensor<784xf32>)
      block [16, 16, 7, 7]
  return %k : tensor<16x16x7x7xf32>
}
