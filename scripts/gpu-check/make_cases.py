"""Writes the GPU check's benchmark cases: model text, weights (w/, bound
into the compiled model and then removed), input and the float64
reference output (PyTorch on the CPU, from the contract), plus
cases.json, from which torch_peers.py regenerates the same weights.

    make_cases.py OUT_DIR [lstm] [wrn]
"""

import json
import os
import sys

import numpy as np
import torch

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "bench"))
import models  # noqa: E402
import peers  # noqa: E402

# (name, N_h, B, layer norm, T): the benchmark's PTB-size HyperLSTM.
LSTM_CASES = [("hyperlstm_nh1000_b32_ln", 1000, 32, True, 100),
              ("hyperlstm_nh1000_b1", 1000, 1, False, 100)]
# The WRN-40-2 example at the benchmark's batch, seed as in bench/run.py.
WRN_BATCH, WRN_SEED = 32, 5


def double(arrays):
    return {k: torch.from_numpy(v).double() for k, v in arrays.items()}


def write_case(out, name, text, weights, x, reference):
    """cases/NAME/: model.mlir, w/ (one .npy per weight), x.npy, and y.npy,
    `reference(x as float64)` (a float64 evaluation of the contract) rounded
    to float32, which halves what is carried."""
    d = os.path.join(out, "cases", name)
    os.makedirs(os.path.join(d, "w"), exist_ok=True)
    with open(os.path.join(d, "model.mlir"), "w") as f:
        f.write(text)
    for k, v in weights.items():
        np.save(os.path.join(d, "w", k + ".npy"), v)
    np.save(os.path.join(d, "x.npy"), x)
    with torch.no_grad():
        y = reference(torch.from_numpy(x).double())
    np.save(os.path.join(d, "y.npy"), y.numpy().astype(np.float32))


def wrn_case(out):
    name = f"wrn40_2_b{WRN_BATCH}"
    text = open(os.path.join(ROOT, "examples", "wrn40_2_hypercnn.mlir")).read()
    w, kernels, x = models.wrn40_2(np.random.default_rng(WRN_SEED), text, WRN_BATCH)
    write_case(out, name, text, w, x,
               lambda x64: peers.wrn40_2(x64, double(kernels), double(w)))
    return {"name": name, "kind": "wrn", "batch": WRN_BATCH, "seed": WRN_SEED}


def main():
    out = sys.argv[1]
    groups = sys.argv[2:] or ["lstm"]
    cases = []
    if "wrn" in groups:
        cases.append(wrn_case(out))
    for name, nh, batch, ln, steps in (LSTM_CASES if "lstm" in groups else []):
        rng = np.random.default_rng(1)
        text, w = models.hyper_lstm(rng, 50, nh, 128, 4, steps, batch, ln)
        x = rng.standard_normal((steps, batch, 50)).astype(np.float32)
        write_case(out, name, text, w, x,
                   lambda x64, w=w, ln=ln: peers.hyper_lstm(x64, double(w), ln, False))
        cases.append({"name": name, "kind": "lstm", "nh": nh, "batch": batch,
                      "ln": ln, "steps": steps})
    with open(os.path.join(out, "cases.json"), "w") as f:
        json.dump(cases, f, indent=1)


if __name__ == "__main__":
    main()
