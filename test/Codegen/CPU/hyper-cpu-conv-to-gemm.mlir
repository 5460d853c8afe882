// RUN: hyper-opt %s -hyper-cpu-conv-to-gemm=vector-width=8 -split-input-file \
// RUN:   --hyper-debug-only=hyper-cpu-conv-to-gemm 2>%t.debug | FileCheck %s
// RUN: FileCheck %s --check-prefix=DEBUG < %t.debug
// RUN: hyper-opt %s '-hyper-cpu-conv-to-gemm=vector-width=8 parallel=true' \
// RUN:   -split-input-file | FileCheck %s --check-prefix=PAR

// The stage alone: per image, the im2col gather into blocks of 8 pixels
// (an 8-wide output at 8 lanes) and the GEMM on them, both marked for the
// later stages; with threads, several images go to an scf.forall and are
// marked serial.

// CHECK-LABEL: func.func @conv
// CHECK:         scf.for
// CHECK:           linalg.generic {{.*}} outs(%{{.*}} : tensor<8x16x3x3x8xf32>) attrs = {hyper.im2col}
// CHECK:           linalg.generic {{.*}} ins(%{{.*}}, %{{.*}} : tensor<32x144xf32>, tensor<8x144x8xf32>) {{.*}} attrs = {hyper.packed_gemm}
// CHECK-NOT:     linalg.conv_2d_nchw_fchw
// PAR-LABEL: func.func @conv
// PAR:         scf.if
// PAR:           scf.forall
// PAR:             attrs = {hyper.im2col, hyper.serial}
// PAR:             attrs = {hyper.packed_gemm, hyper.serial}
// PAR:         } else {
// PAR:           scf.for
func.func @conv(%x: tensor<?x16x10x10xf32>, %k: tensor<32x16x3x3xf32>, %init: tensor<?x32x8x8xf32>) -> tensor<?x32x8x8xf32> {
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %k : tensor<?x16x10x10xf32>, tensor<32x16x3x3xf32>) outs(%init : tensor<?x32x8x8xf32>) -> tensor<?x32x8x8xf32>
  return %y : tensor<?x32x8x8xf32>
}

// -----

// A dynamic image height: left alone, and the debug output says why.
// CHECK-LABEL: func.func @conv_dynamic
// CHECK:         linalg.conv_2d_nchw_fchw
// DEBUG: [hyper-cpu-conv-to-gemm] {{.*}}: linalg.conv_2d_nchw_fchw: needs static channel, spatial and filter sizes
func.func @conv_dynamic(%x: tensor<?x16x?x10xf32>, %k: tensor<32x16x3x3xf32>, %init: tensor<?x32x?x8xf32>) -> tensor<?x32x?x8xf32> {
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %k : tensor<?x16x?x10xf32>, tensor<32x16x3x3xf32>) outs(%init : tensor<?x32x?x8xf32>) -> tensor<?x32x?x8xf32>
  return %y : tensor<?x32x?x8xf32>
}
