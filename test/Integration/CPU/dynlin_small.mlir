// The general dynamic linear layer against the golden case dynlin_small,
// with a dynamic batch.
//
// RUN: hyper-run %s --input=@%data/dynlin_small/x.npy \
// RUN:   --input=@%data/dynlin_small/z.npy --input=@%data/dynlin_small/w.npy \
// RUN:   --output=@%t.y.npy
// RUN: %npy_compare %t.y.npy %data/dynlin_small/y.npy

func.func @dynamic_linear(%x: tensor<?x9xf32>, %z: tensor<?x3xf32>,
                          %w: tensor<3x7x9xf32>) -> tensor<?x7xf32> {
  %y = hyper.dynamic_linear %x, %z, %w
      : tensor<?x9xf32>, tensor<?x3xf32>, tensor<3x7x9xf32>
  return %y : tensor<?x7xf32>
}
