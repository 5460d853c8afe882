#!/usr/bin/env python3
"""Writes deterministic, untrained weights for the bundled example models.

The examples demonstrate compilation and speed; their weights are random
(seeded), scaled like a common initialisation, so outputs are plausible in
range but carry no learned meaning.

Usage: scripts/make_example_weights.py OUTDIR
Writes OUTDIR/ptb_hyperlstm.npz, OUTDIR/wrn40_2_hypercnn.npz and
OUTDIR/mnist_hyperconv.npz with the argument names the models use.
"""

import os
import re
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bench"))
import models  # noqa: E402  (the benchmark's weight initialisation)


def uniform(rng, shape, fan_in):
    bound = 1.0 / np.sqrt(fan_in)
    return rng.uniform(-bound, bound, size=shape).astype(np.float32)


def ptb(rng):
    """The PTB HyperLSTM (layer norm on) and its 1000 -> 50 softmax."""
    w = models.lstm_weights(rng, nx=50, nh=1000, nhh=128, nz=4, ln=True)
    w["out.w"] = uniform(rng, (50, 1000), 1000)
    w["out.b"] = np.zeros(50, np.float32)
    return w


def wrn(rng, model_path):
    """Every named argument of the WRN model, read off its signature."""
    text = open(model_path).read()
    w = {}
    for shape, name in re.findall(r'tensor<([0-9x]+)xf32> \{hyper.name = "([^"]+)"\}', text):
        dims = tuple(int(d) for d in shape.split("x"))
        if name == "x":
            continue
        if name.endswith(".z"):
            w[name] = rng.standard_normal(dims).astype(np.float32)
        elif name.endswith(".scale"):
            w[name] = np.full(dims, 1.0, np.float32)
        elif name.endswith(".shift") or name.endswith(".b") or name.endswith("b_in") or name.endswith("b_out"):
            w[name] = np.zeros(dims, np.float32)
        elif name == "gen.w_in":
            w[name] = uniform(rng, dims, dims[1])
        elif name == "gen.w_out":
            # Kernels of 16 input channels x 3x3 taps: He-like scale.
            w[name] = uniform(rng, dims, dims[1]) * np.sqrt(6.0 / (16 * 9))
        else:
            w[name] = uniform(rng, dims, int(np.prod(dims[1:])))
    return w


def mnist(rng):
    return {
        "z": rng.standard_normal((1, 1, 4)).astype(np.float32),
        "w_in": uniform(rng, (64, 4), 4),
        "b_in": np.zeros(64, np.float32),
        "w_out": uniform(rng, (784, 4), 4) * 0.1,
        "b_out": np.zeros(784, np.float32),
    }


def main():
    out = sys.argv[1]
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(2016)
    np.savez(os.path.join(out, "ptb_hyperlstm.npz"), **ptb(rng))
    np.savez(os.path.join(out, "wrn40_2_hypercnn.npz"),
             **wrn(rng, os.path.join(root, "examples", "wrn40_2_hypercnn.mlir")))
    np.savez(os.path.join(out, "mnist_hyperconv.npz"), **mnist(rng))
    return 0


if __name__ == "__main__":
    sys.exit(main())
