"""What the PyTorch examples share: run a compiled model beside the PyTorch
module it came from, check the agreement (SPEC §4: |a - b| <= 1e-4 +
1e-4·|b|) and print both timings."""

import sys
import time

import numpy as np
import torch


def median_ms(fn, runs=5):
    """The median wall time of `fn()` over `runs` calls, in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1e3)
    return sorted(times)[len(times) // 2]


def compare(label, model, compiled, x, note=""):
    """Prints `label`'s agreement and speed-up; exits 1 on a mismatch."""
    with torch.no_grad():
        want = model(x).numpy()
        got = compiled(x.numpy())
        ok = np.all(np.abs(got - want) <= 1e-4 + 1e-4 * np.abs(want))
        t_torch = median_ms(lambda: model(x))
        t_comp = median_ms(lambda: compiled(x.numpy()))
    print(f"{label}: max |diff| {np.abs(got - want).max():.2e} "
          f"({'ok' if ok else 'MISMATCH'}); PyTorch {t_torch:.2f} ms{note}, "
          f"compiled {t_comp:.2f} ms: {t_torch / t_comp:.1f}x")
    if not ok:
        sys.exit(1)
