#!/usr/bin/env python3
"""Writes the malformed and mismatched .npy/.npz inputs the tool tests use."""

import os
import sys

import numpy as np


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    p = lambda name: os.path.join(out, name)
    np.save(p("x.npy"), np.arange(36, dtype=np.float32).reshape(4, 9) / 36)
    np.save(p("z.npy"), np.ones((4, 3), np.float32))
    np.save(p("x_f64.npy"), np.zeros((4, 9)))
    np.save(p("x_shape.npy"), np.zeros((4, 8), np.float32))
    np.save(p("x_rank.npy"), np.zeros((36,), np.float32))
    np.save(p("x_int16.npy"), np.zeros((4, 9), np.int16))
    np.save(p("x_fortran.npy"), np.asfortranarray(np.zeros((4, 9), np.float32)))
    np.save(p("x_bigendian.npy"), np.zeros((4, 9), ">f4"))
    good = open(p("x.npy"), "rb").read()
    open(p("x_truncated.npy"), "wb").write(good[:-10])
    open(p("x_trailing.npy"), "wb").write(good + b"\0\0\0\0")
    open(p("garbage.npy"), "wb").write(b"hello world")
    np.savez(p("inputs.npz"), x=np.zeros((4, 9), np.float32), z=np.ones((4, 3), np.float32))
    np.savez_compressed(p("compressed.npz"), x=np.zeros((4, 9), np.float32))
    return 0


if __name__ == "__main__":
    sys.exit(main())
