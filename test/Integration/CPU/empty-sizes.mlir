// Empty batches and sequences lower and run: an op whose iteration space is
// empty is left untiled (upstream's tile sizes divide by its extent), and
// its loops run zero times. A static batch of 0, ahead of time and JIT:
// RUN: hyper-run %s --input=0x9xf32=0 --input=0x3xf32=0 --input=3x7x9xf32=1 | FileCheck %s --check-prefix=STATIC
// STATIC: result[0]: tensor<0x7xf32> -> float32(0, 7)
// STATIC-NEXT: []
// RUN: hyper-compile %s -o %t.o
//
// Dynamic T = 0 returns the initial (zero) states; B = 0 empty ones.
// RUN: %python -c "import numpy as np; x = np.load('%data/rnn_small/x.npy'); np.save('%t.t0.npy', x[:0]); np.save('%t.b0.npy', x[:, :0])"
// RUN: hyper-run %hyper_src_root/test/Integration/CPU/rnn_small.mlir --weights=%data/rnn_small --input=@%t.t0.npy | FileCheck %s --check-prefix=T0
// T0: result[0]: tensor<?x?x7xf32> -> float32(0, 3, 7)
// T0: result[1]: tensor<?x7xf32> -> float32(3, 7)
// T0-NEXT: min 0  max 0  mean 0
// RUN: hyper-run %hyper_src_root/test/Integration/CPU/rnn_small.mlir --weights=%data/rnn_small --input=@%t.b0.npy | FileCheck %s --check-prefix=B0
// B0: result[0]: tensor<?x?x7xf32> -> float32(6, 0, 7)
// B0: result[1]: tensor<?x7xf32> -> float32(0, 7)
// B0: result[2]: tensor<?x4xf32> -> float32(0, 4)

func.func @batch0(%x: tensor<0x9xf32>, %z: tensor<0x3xf32>,
                  %w: tensor<3x7x9xf32>) -> tensor<0x7xf32> {
  %y = hyper.dynamic_linear %x, %z, %w
      : tensor<0x9xf32>, tensor<0x3xf32>, tensor<3x7x9xf32>
  return %y : tensor<0x7xf32>
}
