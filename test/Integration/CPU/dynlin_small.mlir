// The general dynamic linear layer against the golden case dynlin_small,
// with a dynamic batch.
//
// RUN: hyper-run %s --input=@%data/dynlin_small/x.npy \
// RUN:   --input=@%data/dynlin_small/z.npy --input=@%data/dynlin_small/w.npy \
// RUN:   --output=@%t.y.npy
// RUN: %npy_compare %t.y.npy %data/dynlin_small/y.npy
//
// Ahead of time as a shared library, with the batch passed as a size.
// RUN: hyper-compile %s --shared -o %t.so --header %t.h
// RUN: %aot_cxx -include %t.h %S/Inputs/aot_dynamic_linear.cpp %t.so %runtime_lib -o %t.aot
// RUN: %t.aot %data/dynlin_small/x.npy %data/dynlin_small/z.npy %data/dynlin_small/w.npy %t.aot.y.npy
// RUN: %npy_compare %t.aot.y.npy %data/dynlin_small/y.npy

func.func @dynamic_linear(%x: tensor<?x9xf32>, %z: tensor<?x3xf32>,
                          %w: tensor<3x7x9xf32>) -> tensor<?x7xf32> {
  %y = hyper.dynamic_linear %x, %z, %w
      : tensor<?x9xf32>, tensor<?x3xf32>, tensor<3x7x9xf32>
  return %y : tensor<?x7xf32>
}
