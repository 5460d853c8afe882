#!/usr/bin/env python3
"""Writes the models scripts/ir-snapshot.sh lowers: the bundled examples and
the benchmark configurations (bench/models.py), each as NAME.mlir with its
seeded weights in NAME.npz. Deterministic: the same files on every run.

Usage: scripts/ir-snapshot/make_models.py OUTDIR
"""

import os
import shutil
import sys

import numpy as np

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
sys.path.insert(0, os.path.join(ROOT, "bench"))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import make_example_weights  # noqa: E402
import models  # noqa: E402


def write(out, name, text, weights):
    with open(os.path.join(out, name + ".mlir"), "w") as f:
        f.write(text)
    np.savez(os.path.join(out, name + ".npz"), **weights)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    # The examples, with the weights the main job gives them.
    make_example_weights.main.__globals__["sys"].argv = [sys.argv[0], out]
    make_example_weights.main()
    for name in ("mnist_hyperconv", "wrn40_2_hypercnn", "ptb_hyperlstm"):
        shutil.copy(os.path.join(ROOT, "examples", name + ".mlir"), out)
    # The benchmark configurations (bench/run.py's seeds and sizes).
    for batch, ln in ((32, False), (32, True), (1, False), (1, True)):
        rng = np.random.default_rng(1)
        text, w = models.hyper_lstm(rng, 50, 1000, 128, 4, 100, batch, ln)
        write(out, f"bench_r1_b{batch}_ln{int(ln)}", text, w)
    rng = np.random.default_rng(2)
    text, w = models.hyper_lstm_step(rng, 50, 1000, 128, 4, 1, True)
    write(out, "bench_step", text, w)
    rng = np.random.default_rng(3)
    text, w = models.dynamic_rnn(rng, 256, 8, 50, 32)
    write(out, "bench_r7", text, w)
    for batch in (32, 1):
        rng = np.random.default_rng(4)
        text, w = models.hyper_conv(rng, 64, 32, batch)
        write(out, f"bench_conv_b{batch}", text, w)
    return 0


if __name__ == "__main__":
    sys.exit(main())
