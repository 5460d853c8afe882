#!/usr/bin/env python3
"""Compares a computed .npy array with a reference one.

Passes when the shapes and dtypes match and |got - want| <= atol + rtol*|want|
elementwise (the project's tolerance: atol = rtol = 1e-4). Prints the worst
element either way; exits 1 on a mismatch.
"""

import argparse
import sys

import numpy as np


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("got")
    parser.add_argument("want")
    parser.add_argument("--atol", type=float, default=1e-4)
    parser.add_argument("--rtol", type=float, default=1e-4)
    parser.add_argument("--want-index", type=int, default=None,
                        help="compare with want[INDEX] (e.g. one step of a sequence)")
    args = parser.parse_args()
    got, want = np.load(args.got), np.load(args.want)
    if args.want_index is not None:
        want = want[args.want_index]
    if got.shape != want.shape or got.dtype != want.dtype:
        print(f"FAIL {args.got}: {got.dtype}{got.shape}, want {want.dtype}{want.shape}")
        return 1
    err = np.abs(got.astype(np.float64) - want.astype(np.float64))
    bound = args.atol + args.rtol * np.abs(want.astype(np.float64))
    worst = int(np.argmax(err - bound)) if err.size else 0
    ok = bool(np.all(err <= bound))
    where = np.unravel_index(worst, want.shape) if err.size else ()
    print(f"{'ok' if ok else 'FAIL'} {args.got}: {err.size} values, max |diff| "
          f"{err.max() if err.size else 0:.3g}, worst at {tuple(int(i) for i in where)}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
