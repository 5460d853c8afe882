// hyper-compile --summary: the parameter accounting of SPEC §2.5 and the
// paper, from the IR (hyper_mlir.summary does the same for PyTorch modules).
// The Penn Treebank HyperLSTM with its softmax layer: 4,923,154 parameters
// with layer norm (the example), 4,911,874 without (below; the paper's
// 4.91M); the MNIST layer's hypernetwork 4,244; the WRN-40-2's generator
// 75,920, shared by its 36 hyper convolutions (one row).
// RUN: hyper-compile %hyper_src_root/examples/ptb_hyperlstm.mlir --summary | FileCheck %s --check-prefix=PTB
// PTB-LABEL: @forward
// PTB: op at main weights  hypernetwork  embeddings  generated  multiply-adds
// PTB: hyper.lstm {{.*}}ptb_hyperlstm.mlir:{{[0-9]+}}:{{[0-9]+}} 4,214,000 659,104 0 4,200,000 -
// PTB: (other parameters) 50,050
// PTB: total parameters 4,923,154
// One step of batch 1: the multiply-adds are known.
// PTB-LABEL: @step
// PTB: hyper.lstm_cell {{.*}} 4,214,000 659,104 0 4,200,000 4,857,280
// PTB: total parameters 4,923,154
//
// RUN: hyper-compile %s --summary | FileCheck %s --check-prefix=NOLN
// NOLN: hyper.lstm {{.*}} 4,204,000 657,824 0 4,200,000 971,456,000
// NOLN: (other parameters) 50,050
// NOLN: total parameters 4,911,874
//
// RUN: hyper-compile %hyper_src_root/examples/mnist_hyperconv.mlir --summary | FileCheck %s --check-prefix=MNIST
// MNIST: generator {{.*}} 0 4,240 0 -
// MNIST: hyper.conv2d {{.*}} 0 0 4 12,544
// MNIST: total parameters 4,244
// RUN: hyper-compile %hyper_src_root/examples/wrn40_2_hypercnn.mlir --summary | FileCheck %s --check-prefix=WRN
// WRN-COUNT-1: generator {{.*}} 75,920
// WRN-COUNT-36: hyper.conv2d
// WRN-NOT: generator
// WRN: (other parameters)
//
// The dynamic linear layer's bases are the hypernetwork; W(z) is generated.
// RUN: hyper-compile %hyper_src_root/examples/ops/dynamic_linear.mlir --summary \
// RUN:   | FileCheck %s --check-prefix=DYNLIN
// DYNLIN: hyper.dynamic_linear {{.*}} 0 189 0 63 -

// The PTB HyperLSTM without layer norm, T = 100, B = 2; out.w and out.b are
// the softmax layer's (a standard layer: "other parameters").
func.func @ptb_no_ln(%x: tensor<100x2x50xf32>,
    %hwx: tensor<512x1050xf32>, %hwh: tensor<512x128xf32>, %hb: tensor<512xf32>,
    %wzx: tensor<16x128xf32>, %wzh: tensor<16x128xf32>, %wzb: tensor<16x128xf32>,
    %bzx: tensor<16xf32>, %bzh: tensor<16xf32>,
    %wdx: tensor<4x1000x4xf32>, %wdh: tensor<4x1000x4xf32>, %wdb: tensor<4x1000x4xf32>,
    %mwx: tensor<4000x50xf32>, %mwh: tensor<4000x1000xf32>, %mb: tensor<4000xf32>,
    %out_w: tensor<50x1000xf32>, %out_b: tensor<50xf32>)
    -> (tensor<100x2x1000xf32>, tensor<50x1000xf32>, tensor<50xf32>) {
  %y, %h, %c, %hh, %hc = hyper.lstm %x : tensor<100x2x50xf32>
      hyper(%hwx, %hwh, %hb : tensor<512x1050xf32>, tensor<512x128xf32>, tensor<512xf32>)
      proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<16x128xf32>, tensor<16x128xf32>,
           tensor<16x128xf32>, tensor<16xf32>, tensor<16xf32>)
      scale(%wdx, %wdh, %wdb : tensor<4x1000x4xf32>, tensor<4x1000x4xf32>,
            tensor<4x1000x4xf32>)
      main(%mwx, %mwh, %mb : tensor<4000x50xf32>, tensor<4000x1000xf32>, tensor<4000xf32>)
  return %y, %out_w, %out_b : tensor<100x2x1000xf32>, tensor<50x1000xf32>, tensor<50xf32>
}
