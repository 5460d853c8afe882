// Every example of examples/ops (one per op of the dialect, and a CNN with
// pooling) runs as its comment says, and matches a float64 reference within
// SPEC §4's tolerance (hyper-run --expected-output's default): the golden
// cases of test/data, or the numpy evaluations of make_references.py.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/Inputs/make_references.py %t %data
//
// RUN: hyper-run %hyper_src_root/examples/ops/rnn.mlir --weights=%data/rnn_small \
// RUN:   --input=@%data/rnn_small/x.npy --expected-output=@%data/rnn_small/y.npy \
// RUN:   --expected-output=@%data/rnn_small/h_T.npy \
// RUN:   --expected-output=@%data/rnn_small/hh_T.npy | FileCheck %s --check-prefix=RNN
// RNN: result[0] 'y': matches the expected output
// RNN: result[1] 'h_T': matches the expected output
// RNN: result[2] 'hh_T': matches the expected output
//
// RUN: hyper-run %hyper_src_root/examples/ops/rnn_cell.mlir --weights=%data/rnn_small \
// RUN:   --input=@%t/rnn_x0.npy --input=3x7xf32=0 --input=3x4xf32=0 \
// RUN:   --expected-output=@%t/rnn_y0.npy | FileCheck %s --check-prefix=CELL
// CELL: result[0] 'h_next': matches the expected output
//
// RUN: hyper-run %hyper_src_root/examples/ops/dynamic_linear.mlir \
// RUN:   --weights=%data/dynlin_small --input=@%data/dynlin_small/x.npy \
// RUN:   --input=@%data/dynlin_small/z.npy \
// RUN:   --expected-output=@%data/dynlin_small/y.npy | FileCheck %s --check-prefix=DYNLIN
// DYNLIN: result[0] 'y': matches the expected output
//
// RUN: hyper-run %hyper_src_root/examples/ops/row_scaled_linear.mlir \
// RUN:   --weights=%t/rsl_w.npz --input=@%t/rsl_x.npy --input=@%t/rsl_d.npy \
// RUN:   --output=@%t/rsl_got.npy --expected-output=@%t/rsl_y.npy \
// RUN:   | FileCheck %s --check-prefix=ROWSCALED
// ROWSCALED: result[0] 'y': matches the expected output
//
// RUN: hyper-run %hyper_src_root/examples/ops/generate_kernel.mlir \
// RUN:   --weights=%data/conv_mnist --expected-output=@%data/conv_mnist/kernel.npy \
// RUN:   | FileCheck %s --check-prefix=KERNEL
// KERNEL: result[0] 'kernel': matches the expected output
//
// RUN: hyper-run %hyper_src_root/examples/ops/hypercnn_pool.mlir \
// RUN:   --weights=%t/cnn_weights.npz --input=@%data/conv_mnist/x.npy \
// RUN:   --expected-output=@%t/cnn_logits.npy | FileCheck %s --check-prefix=CNN
// CNN: result[0] 'logits': tensor<?x10xf32> -> float32(2, 10)
// CNN: result[0] 'logits': matches the expected output
//
// Ahead of time too: each compiles to an object with its C header.
// RUN: for f in rnn rnn_cell dynamic_linear row_scaled_linear generate_kernel hypercnn_pool; do \
// RUN:   hyper-compile %hyper_src_root/examples/ops/$f.mlir -o %t/$f.o --header %t/$f.h || exit 1; \
// RUN:   grep -c "^HYPER_API\|^int hyper_" %t/$f.h; done | FileCheck %s --check-prefix=AOT
// AOT-COUNT-6: {{[1-9]}}
