// On a machine with an NVIDIA GPU: the golden HyperLSTM cases through
// hyper-run --target=cuda, against the float64 reference outputs and the
// CPU's results, and a row-scaled layer against its closed form.
//
// REQUIRES: cuda-device, ptxas
// RUN: hyper-run %hyper_src_root/test/Pipelines/hyper-gpu-pipeline.mlir --target=cuda \
// RUN:   --input=64x32xf32=1 --input=128x32xf32=0.01 --input=64x128xf32=1 | FileCheck %s
// tanh(32 · 0.01) = 0.3095069
// CHECK: result[0]: tensor<64x128xf32> -> float32(64, 128)
// CHECK: min 0.30950{{[0-9]}}  max 0.30950{{[0-9]}}
//
// RUN: hyper-run %hyper_src_root/test/Integration/CPU/lstm_small_ln.mlir --target=cuda \
// RUN:   --weights=%data/lstm_small_ln --input=@%data/lstm_small_ln/x.npy \
// RUN:   --output=@%t.y.npy --output=@%t.h.npy
// RUN: %npy_compare %t.y.npy %data/lstm_small_ln/y.npy
// RUN: %npy_compare %t.h.npy %data/lstm_small_ln/h_T.npy
// The same model on the CPU gives the same result.
// RUN: hyper-run %hyper_src_root/test/Integration/CPU/lstm_small_ln.mlir \
// RUN:   --weights=%data/lstm_small_ln --input=@%data/lstm_small_ln/x.npy \
// RUN:   --output=@%t.cpu.y.npy
// RUN: %npy_compare %t.y.npy %t.cpu.y.npy
