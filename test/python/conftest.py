"""Shared fixtures of the Python package's tests: the package from the
source tree, the golden cases of test/data, the build's tools."""

import json
import os
import sys

import numpy as np
import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "python"))
DATA = os.path.join(ROOT, "test", "data")


def golden(case):
    """(case.json, {name: array}) of test/data/CASE."""
    d = os.path.join(DATA, case)
    with open(os.path.join(d, "case.json")) as f:
        meta = json.load(f)
    arrays = {n[:-4]: np.load(os.path.join(d, n)) for n in os.listdir(d) if n.endswith(".npy")}
    return meta, arrays


def assert_close(got, want, what=""):
    """SPEC §4: |a − b| ≤ 1e-4 + 1e-4·|b| elementwise."""
    got = np.asarray(got, dtype=np.float64)
    want = np.asarray(want, dtype=np.float64)
    assert got.shape == want.shape, f"{what}: shape {got.shape} != {want.shape}"
    bad = np.abs(got - want) > 1e-4 + 1e-4 * np.abs(want)
    assert not bad.any(), (f"{what}: {bad.sum()} of {bad.size} differ, max |diff| "
                           f"{np.abs(got - want).max():.3e}")


@pytest.fixture(scope="session")
def tools():
    import hyper_mlir
    try:
        return hyper_mlir.tools_dir()
    except FileNotFoundError as e:
        pytest.skip(str(e))
