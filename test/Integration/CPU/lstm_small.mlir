// HyperLSTM (layer norm off) against the golden case lstm_small, once with
// the weights as run-time inputs and once bound as compile-time constants.
//
// RUN: hyper-run %s --input=@%data/lstm_small/x.npy \
// RUN:   --input=@%data/lstm_small/hyper.w_x.npy \
// RUN:   --input=@%data/lstm_small/hyper.w_h.npy \
// RUN:   --input=@%data/lstm_small/hyper.b.npy \
// RUN:   --input=@%data/lstm_small/proj.w_zx.npy \
// RUN:   --input=@%data/lstm_small/proj.w_zh.npy \
// RUN:   --input=@%data/lstm_small/proj.w_zb.npy \
// RUN:   --input=@%data/lstm_small/proj.b_zx.npy \
// RUN:   --input=@%data/lstm_small/proj.b_zh.npy \
// RUN:   --input=@%data/lstm_small/scale.w_dx.npy \
// RUN:   --input=@%data/lstm_small/scale.w_dh.npy \
// RUN:   --input=@%data/lstm_small/scale.w_db.npy \
// RUN:   --input=@%data/lstm_small/main.w_x.npy \
// RUN:   --input=@%data/lstm_small/main.w_h.npy \
// RUN:   --input=@%data/lstm_small/main.b.npy \
// RUN:   --output=@%t.y.npy --output=@%t.h.npy --output=@%t.c.npy \
// RUN:   --output=@%t.hh.npy --output=@%t.hc.npy | FileCheck %s
// RUN: %npy_compare %t.y.npy %data/lstm_small/y.npy
// RUN: %npy_compare %t.h.npy %data/lstm_small/h_T.npy
// RUN: %npy_compare %t.c.npy %data/lstm_small/c_T.npy
// RUN: %npy_compare %t.hh.npy %data/lstm_small/hh_T.npy
// RUN: %npy_compare %t.hc.npy %data/lstm_small/hc_T.npy
//
// RUN: hyper-run %s --weights=%data/lstm_small --input=@%data/lstm_small/x.npy \
// RUN:   --output=@%t.bound.y.npy --output=@%t.bound.h.npy
// RUN: %npy_compare %t.bound.y.npy %data/lstm_small/y.npy
// RUN: %npy_compare %t.bound.h.npy %data/lstm_small/h_T.npy
//
// The same check inside hyper-run: the float32 results against the float64
// references, within SPEC §4's 1e-4 + 1e-4 * |expected| (the defaults).
// RUN: hyper-run %s --weights=%data/lstm_small --input=@%data/lstm_small/x.npy \
// RUN:   --expected-output=@%data/lstm_small/y.npy \
// RUN:   --expected-output=@%data/lstm_small/h_T.npy \
// RUN:   --expected-output=@%data/lstm_small/c_T.npy \
// RUN:   | FileCheck %s --check-prefix=EXPECTED
// EXPECTED: result[0]: matches the expected output (max |error|
// EXPECTED: result[1]: matches the expected output (max |error|
// EXPECTED: result[2]: matches the expected output (max |error|
//
// Ahead of time, weights bound: an object file, a C header and a driver
// that links only the runtime.
// RUN: hyper-compile %s --weights=%data/lstm_small -o %t.o --header %t.h
// RUN: %aot_cxx -include %t.h %S/Inputs/aot_lstm_small.cpp %t.o %runtime_lib -lm -o %t.aot
// RUN: %t.aot %data/lstm_small/x.npy %t.aot.y.npy %t.aot.h.npy %t.aot.c.npy %t.aot.hh.npy %t.aot.hc.npy
// RUN: %npy_compare %t.aot.y.npy %data/lstm_small/y.npy
// RUN: %npy_compare %t.aot.h.npy %data/lstm_small/h_T.npy
// RUN: %npy_compare %t.aot.c.npy %data/lstm_small/c_T.npy
// RUN: %npy_compare %t.aot.hh.npy %data/lstm_small/hh_T.npy
// RUN: %npy_compare %t.aot.hc.npy %data/lstm_small/hc_T.npy

// CHECK: result[0]: tensor<5x2x8xf32> -> float32(5, 2, 8)
// CHECK: result[4]: tensor<2x4xf32> -> float32(2, 4)

func.func @lstm(%x: tensor<5x2x6xf32>,
    %hwx: tensor<16x14xf32> {hyper.name = "hyper.w_x"},
    %hwh: tensor<16x4xf32> {hyper.name = "hyper.w_h"},
    %hb: tensor<16xf32> {hyper.name = "hyper.b"},
    %wzx: tensor<12x4xf32> {hyper.name = "proj.w_zx"},
    %wzh: tensor<12x4xf32> {hyper.name = "proj.w_zh"},
    %wzb: tensor<12x4xf32> {hyper.name = "proj.w_zb"},
    %bzx: tensor<12xf32> {hyper.name = "proj.b_zx"},
    %bzh: tensor<12xf32> {hyper.name = "proj.b_zh"},
    %wdx: tensor<4x8x3xf32> {hyper.name = "scale.w_dx"},
    %wdh: tensor<4x8x3xf32> {hyper.name = "scale.w_dh"},
    %wdb: tensor<4x8x3xf32> {hyper.name = "scale.w_db"},
    %mwx: tensor<32x6xf32> {hyper.name = "main.w_x"},
    %mwh: tensor<32x8xf32> {hyper.name = "main.w_h"},
    %mb: tensor<32xf32> {hyper.name = "main.b"})
    -> (tensor<5x2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x4xf32>,
        tensor<2x4xf32>) {
  %y, %h, %c, %hh, %hc = hyper.lstm %x : tensor<5x2x6xf32>
      hyper(%hwx, %hwh, %hb : tensor<16x14xf32>, tensor<16x4xf32>, tensor<16xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<12x4xf32>, tensor<12x4xf32>,
           tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>)
      scale(%wdx, %wdh, %wdb : tensor<4x8x3xf32>, tensor<4x8x3xf32>, tensor<4x8x3xf32>)
      main(%mwx, %mwh, %mb : tensor<32x6xf32>, tensor<32x8xf32>, tensor<32xf32>)
  return %y, %h, %c, %hh, %hc : tensor<5x2x8xf32>, tensor<2x8xf32>,
      tensor<2x8xf32>, tensor<2x4xf32>, tensor<2x4xf32>
}
