"""Writes the GPU check's benchmark cases: model text, weights (w/, bound
into the compiled model and then removed), input and the float64
reference output (PyTorch on the CPU, from the contract), plus
cases.json, from which torch_peers.py regenerates the same weights.

    make_cases.py OUT_DIR
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


def main():
    out = sys.argv[1]
    cases = []
    for name, nh, batch, ln, steps in LSTM_CASES:
        d = os.path.join(out, "cases", name)
        os.makedirs(os.path.join(d, "w"), exist_ok=True)
        rng = np.random.default_rng(1)
        text, w = models.hyper_lstm(rng, 50, nh, 128, 4, steps, batch, ln)
        x = rng.standard_normal((steps, batch, 50)).astype(np.float32)
        with open(os.path.join(d, "model.mlir"), "w") as f:
            f.write(text)
        for k, v in w.items():
            np.save(os.path.join(d, "w", k + ".npy"), v)
        np.save(os.path.join(d, "x.npy"), x)
        with torch.no_grad():
            y = peers.hyper_lstm(torch.from_numpy(x).double(),
                                 {k: torch.from_numpy(v).double() for k, v in w.items()},
                                 ln, False)
        # The float64 reference rounded to float32 (halves what is carried).
        np.save(os.path.join(d, "y.npy"), y.numpy().astype(np.float32))
        cases.append({"name": name, "nh": nh, "batch": batch, "ln": ln, "steps": steps})
    with open(os.path.join(out, "cases.json"), "w") as f:
        json.dump(cases, f, indent=1)


if __name__ == "__main__":
    main()
