// The bundled example models parse and verify (after every pass, too), and
// have the structure their comments promise.
// RUN: hyper-opt %hyper_src_root/examples/mnist_hyperconv.mlir -verify-each | FileCheck %s --check-prefix=MNIST
// RUN: hyper-opt %hyper_src_root/examples/ptb_hyperlstm.mlir -verify-each | FileCheck %s --check-prefix=PTB
// RUN: hyper-opt %hyper_src_root/examples/wrn40_2_hypercnn.mlir -verify-each | FileCheck %s --check-prefix=WRN

// MNIST-LABEL: func.func @mnist_conv2
//       MNIST:   hyper.conv2d {{.*}} block [16, 16, 7, 7] padding [3, 3, 3, 3]

// PTB-LABEL: func.func @forward
//       PTB:   hyper.lstm %{{.*}} : tensor<100x?x50xf32>
//  PTB-SAME:     main(%{{.*}}, %{{.*}}, %{{.*}} : tensor<4000x50xf32>, tensor<4000x1000xf32>, tensor<4000xf32>)
//  PTB-SAME:     layer_norm(
//       PTB:   call @softmax_head
// PTB-LABEL: func.func @step
//       PTB:   hyper.lstm_cell %{{.*}} : tensor<1x50xf32>
//       PTB:   call @softmax_head
// PTB-LABEL: func.func private @softmax_head
//       PTB:   linalg.softmax

// 36 hyper convolutions share one generator; the stem and the three
// shortcuts are plain convolutions.
// WRN-LABEL: func.func @wrn40_2
//  WRN-SAME:   %[[W_IN:[a-z0-9_]+]]: tensor<1024x64xf32> {hyper.name = "gen.w_in"}
// WRN-COUNT-36: hyper.conv2d {{.*}} generator(%[[W_IN]], 
//    WRN-NOT: hyper.conv2d
//        WRN: return
// RUN: hyper-opt %hyper_src_root/examples/wrn40_2_hypercnn.mlir | grep -c linalg.conv_2d_nchw_fchw | FileCheck %s --check-prefix=PLAIN
// PLAIN: 4

// The WRN example is generated; the committed file matches its generator.
// RUN: %python %hyper_src_root/scripts/gen_wrn40_2.py | diff - %hyper_src_root/examples/wrn40_2_hypercnn.mlir
