// A long sequence through the GPU emulator: its emulated blocks' workgroup
// buffers and private arrays are allocated once per function, not in the
// loops over blocks and time steps (whose stack was never released: a
// batch-1 sequence overflowed it from about T = 55). T = 400 of the golden
// case's x, tiled; the emulator's result must equal the CPU code's (which
// the short case checks against the float64 reference) — this test holds
// the stack, the numbers are checked by emulator.mlir.
//
// RUN: %python -c "import numpy as np; x = np.load('%data/rnn_small/x.npy'); np.save('%t.x.npy', np.tile(x, (67, 1, 1))[:400, :1])"
// RUN: hyper-run %hyper_src_root/test/Integration/CPU/rnn_small.mlir --target=gpu-emulator \
// RUN:   --weights=%data/rnn_small --input=@%t.x.npy --output=@%t.emu.npy
// RUN: hyper-run %hyper_src_root/test/Integration/CPU/rnn_small.mlir \
// RUN:   --weights=%data/rnn_small --input=@%t.x.npy --output=@%t.cpu.npy
// RUN: %npy_compare %t.emu.npy %t.cpu.npy
// RUN: %python -c "import numpy as np; print(np.load('%t.emu.npy').shape)" | FileCheck %s
// CHECK: (400, 1, 7)
