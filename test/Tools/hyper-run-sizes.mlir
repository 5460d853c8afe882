// Sizes the types leave dynamic but an op's contract ties together are
// checked on the inputs before the call (a mismatch would read or write past
// a buffer), each error naming both inputs and the op.
// RUN: %python -c "import numpy as np; x = np.load('%data/rnn_small/x.npy'); np.save('%t.x.npy', x); np.save('%t.x5.npy', np.zeros((6, 3, 4), np.float32))"
//
// RUN: not hyper-run %s --function=rnn_init --weights=%data/rnn_small --input=@%t.x.npy --input=2x7xf32=0 --input=3x4xf32=0 --input=3xi32=6 2>&1 | FileCheck %s --check-prefix=H0 --implicit-check-not={{.}}
// H0: hyper-run: error: input #0 has B = 3 (dimension 1) but input #1 has B = 2 (dimension 0): hyper.rnn at {{.*}}hyper-run-sizes.mlir:{{[0-9]+}}:{{[0-9]+}} needs them equal
// RUN: not hyper-run %s --function=rnn_init --weights=%data/rnn_small --input=@%t.x.npy --input=3x7xf32=0 --input=4x4xf32=0 --input=3xi32=6 2>&1 | FileCheck %s --check-prefix=HH0 --implicit-check-not={{.}}
// HH0: hyper-run: error: input #0 has B = 3 (dimension 1) but input #2 has B = 4 (dimension 0): hyper.rnn at {{.*}} needs them equal
// RUN: not hyper-run %s --function=rnn_init --weights=%data/rnn_small --input=@%t.x.npy --input=3x7xf32=0 --input=3x4xf32=0 --input=1xi32=6 2>&1 | FileCheck %s --check-prefix=LEN --implicit-check-not={{.}}
// LEN: hyper-run: error: input #0 has B = 3 (dimension 1) but input #3 has B = 1 (dimension 0): hyper.rnn at {{.*}} needs them equal
// A size the weights fix, through a cast to the static type the op takes:
// RUN: not hyper-run %s --function=rnn_init --weights=%data/rnn_small --input=@%t.x.npy --input=3x8xf32=0 --input=3x4xf32=0 --input=3xi32=6 2>&1 | FileCheck %s --check-prefix=NH --implicit-check-not={{.}}
// NH: hyper-run: error: input #1 has N_h = 8 (dimension 1) but the weights fix N_h = 7: hyper.rnn at {{.*}} needs them equal
// RUN: not hyper-run %s --function=dynamic_linear --input=2x9xf32=1 --input=3x3xf32=1 --input=3x7x9xf32=1 2>&1 | FileCheck %s --check-prefix=LINEAR --implicit-check-not={{.}}
// LINEAR: hyper-run: error: input #0 has B = 2 (dimension 0) but input #1 has B = 3 (dimension 0): hyper.dynamic_linear at {{.*}} needs them equal
//
// Agreeing sizes run.
// RUN: hyper-run %s --function=rnn_init --weights=%data/rnn_small --input=@%t.x.npy --input=3x7xf32=0 --input=3x4xf32=0 --input=3xi32=6 --output=@%t.y.npy
// RUN: %npy_compare %t.y.npy %data/rnn_small/y.npy
//
// The ahead-of-time entry point checks the same relations from the same
// description (and pointers and sizes), returning 1 without running.
// RUN: hyper-compile %s --name=sizes --function=rnn_init --weights=%data/rnn_small -o %t.o --header %t.h
// RUN: %aot_cxx -include %t.h %S/Inputs/aot_sizes.cpp %t.o %runtime_lib -lm -o %t.aot
// RUN: %t.aot %t.x.npy %t.aot.y.npy | FileCheck %s --check-prefix=AOT
// AOT: batch of h0: 1 @rnn_init: arg0 has B = 3 but arg1 has B = 2: hyper.rnn at {{.*}}hyper-run-sizes.mlir:{{[0-9]+}}:{{[0-9]+}} needs them equal owner none
// AOT-NEXT: N_h of h0: 1 @rnn_init: arg1 has N_h = 8 but the weights fix N_h = 7: hyper.rnn at {{.*}} needs them equal owner none
// AOT-NEXT: lengths: 1 @rnn_init: arg0 has B = 3 but arg3 has B = 4: hyper.rnn at {{.*}} needs them equal owner none
// AOT-NEXT: negative T: 1 @rnn_init: arg0_d0 = -1 is negative owner none
// AOT-NEXT: overflow: 1 @rnn_init: arg0: the element count overflows int64 owner none
// AOT-NEXT: count: 1 @rnn_init: arg0 holds 89 elements but its shape [6, 3, 5] has 90 owner none
// AOT-NEXT: null: 1 @rnn_init: arg1 is NULL owner none
// AOT-NEXT: agreeing: 0
// RUN: %npy_compare %t.aot.y.npy %data/rnn_small/y.npy

func.func @dynamic_linear(%x: tensor<?x9xf32>, %z: tensor<?x3xf32>,
                          %w: tensor<3x7x9xf32>) -> tensor<?x7xf32> {
  %y = hyper.dynamic_linear %x, %z, %w
      : tensor<?x9xf32>, tensor<?x3xf32>, tensor<3x7x9xf32>
  return %y : tensor<?x7xf32>
}

func.func @rnn_init(%x: tensor<?x?x5xf32>, %h0: tensor<?x?xf32>, %hh0: tensor<?x4xf32>, %len: tensor<?xi32>,
    %hyper_w_x: tensor<4x12xf32> {hyper.name = "hyper.w_x"},
    %hyper_w_h: tensor<4x4xf32> {hyper.name = "hyper.w_h"},
    %hyper_b: tensor<4xf32> {hyper.name = "hyper.b"},
    %proj_w_zx: tensor<2x4xf32> {hyper.name = "proj.w_zx"},
    %proj_w_zh: tensor<2x4xf32> {hyper.name = "proj.w_zh"},
    %proj_w_zb: tensor<2x4xf32> {hyper.name = "proj.w_zb"},
    %proj_b_zx: tensor<2xf32> {hyper.name = "proj.b_zx"},
    %proj_b_zh: tensor<2xf32> {hyper.name = "proj.b_zh"},
    %scale_w_dx: tensor<7x2xf32> {hyper.name = "scale.w_dx"},
    %scale_w_dh: tensor<7x2xf32> {hyper.name = "scale.w_dh"},
    %scale_w_db: tensor<7x2xf32> {hyper.name = "scale.w_db"},
    %main_w_x: tensor<7x5xf32> {hyper.name = "main.w_x"},
    %main_w_h: tensor<7x7xf32> {hyper.name = "main.w_h"},
    %main_b: tensor<7xf32> {hyper.name = "main.b"})
    -> (tensor<?x?x7xf32>, tensor<?x7xf32>, tensor<?x4xf32>) {
  %h0s = tensor.cast %h0 : tensor<?x?xf32> to tensor<?x7xf32>
  %y, %h, %hh = hyper.rnn %x : tensor<?x?x5xf32>
      hyper(%hyper_w_x, %hyper_w_h, %hyper_b
          : tensor<4x12xf32>, tensor<4x4xf32>, tensor<4xf32>)
      proj(%proj_w_zx, %proj_w_zh, %proj_w_zb, %proj_b_zx, %proj_b_zh
          : tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<2xf32>, tensor<2xf32>)
      scale(%scale_w_dx, %scale_w_dh, %scale_w_db
          : tensor<7x2xf32>, tensor<7x2xf32>, tensor<7x2xf32>)
      main(%main_w_x, %main_w_h, %main_b
          : tensor<7x5xf32>, tensor<7x7xf32>, tensor<7xf32>)
      init(%h0s, %hh0 : tensor<?x7xf32>, tensor<?x4xf32>) lengths(%len : tensor<?xi32>)
  return %y, %h, %hh : tensor<?x?x7xf32>, tensor<?x7xf32>, tensor<?x4xf32>
}
