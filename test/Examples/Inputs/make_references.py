"""Inputs and float64 references for the examples/ops tests that have no
golden case of their own, written into OUT (argv[1]) from the golden cases
in DATA (argv[2]). The references are plain numpy evaluations of the
formulas in the examples' comments, independent of the compiler:

- rnn_cell: the first step of test/data/rnn_small (its golden y[0]).
- row_scaled_linear: tanh(d * (x @ w.T)) on seeded random data.
- hypercnn_pool: ReLU, 2x2 max pooling, the spatial mean and the linear
  layer applied to the golden hyper-conv output of test/data/conv_mnist.
"""
import os
import sys

import numpy as np

out, data = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(7)

rnn = os.path.join(data, "rnn_small")
np.save(os.path.join(out, "rnn_x0.npy"), np.load(os.path.join(rnn, "x.npy"))[0])
np.save(os.path.join(out, "rnn_y0.npy"), np.load(os.path.join(rnn, "y.npy"))[0])

x = rng.standard_normal((5, 32)).astype(np.float32)
w = (rng.standard_normal((64, 32)) / np.sqrt(32)).astype(np.float32)
d = rng.uniform(0.5, 1.5, (5, 64)).astype(np.float32)
np.save(os.path.join(out, "rsl_x.npy"), x)
np.save(os.path.join(out, "rsl_d.npy"), d)
np.savez(os.path.join(out, "rsl_w.npz"), w=w)
y = np.zeros((5, 64))
for b in range(5):
    for n in range(64):
        y[b, n] = d[b, n] * sum(float(w[n, j]) * float(x[b, j]) for j in range(32))
np.save(os.path.join(out, "rsl_y.npy"), np.tanh(y))

conv = os.path.join(data, "conv_mnist")
fc_w = (rng.standard_normal((10, 16)) / 4).astype(np.float32)
fc_b = rng.standard_normal(10).astype(np.float32)
weights = {k: np.load(os.path.join(conv, k + ".npy"))
           for k in ("z", "w_in", "b_in", "w_out", "b_out")}
np.savez(os.path.join(out, "cnn_weights.npz"), **weights, **{"fc.w": fc_w, "fc.b": fc_b})
c = np.maximum(np.load(os.path.join(conv, "y.npy")).astype(np.float64), 0)  # [N, 16, 14, 14]
n = c.shape[0]
pooled = np.zeros((n, 16, 7, 7))
for i in range(7):
    for j in range(7):
        pooled[:, :, i, j] = c[:, :, 2 * i:2 * i + 2, 2 * j:2 * j + 2].max(axis=(2, 3))
mean = pooled.mean(axis=(2, 3))
np.save(os.path.join(out, "cnn_logits.npy"), mean @ fc_w.T.astype(np.float64) + fc_b)
