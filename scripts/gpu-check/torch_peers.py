"""PyTorch CUDA timings of the GPU check's cases (same shapes, weights and
inputs as the compiled models), for the side-by-side lines of run.sh.

    torch_peers.py CHECK_DIR
"""

import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)


def main():
    root = sys.argv[1]
    try:
        import torch
    except ImportError:
        print("torch: not installed; no PyTorch timings")
        return
    if not torch.cuda.is_available():
        print("torch: no CUDA device; no PyTorch timings")
        return
    import numpy as np
    import models
    import peers
    path = os.path.join(root, "cases.json")
    if not os.path.exists(path):
        print("torch: no benchmark cases prepared; no PyTorch timings")
        return
    with open(path) as f:
        cases = json.load(f)
    for c in cases:
        d = os.path.join(root, "cases", c["name"])
        x = torch.from_numpy(np.load(os.path.join(d, "x.npy"))).cuda()
        want = np.load(os.path.join(d, "y.npy"))
        # The weights make_cases.py drew, drawn again from the same seed.
        if c.get("kind") == "wrn":
            text = open(os.path.join(d, "model.mlir")).read()
            weights, kernels, _ = models.wrn40_2(np.random.default_rng(c["seed"]), text,
                                                 c["batch"])
            w = {k: torch.from_numpy(v).cuda() for k, v in weights.items()}
            k = {n: torch.from_numpy(v).cuda() for n, v in kernels.items()}
            fn = lambda: peers.wrn40_2(x, k, w)  # noqa: E731
        else:
            rng = np.random.default_rng(1)
            _, weights = models.hyper_lstm(rng, 50, c["nh"], 128, 4, c["steps"], c["batch"],
                                           c["ln"])
            w = {k: torch.from_numpy(v).cuda() for k, v in weights.items()}
            fn = lambda: peers.hyper_lstm(x, w, c["ln"], False)  # noqa: E731
        with torch.no_grad():
            got = fn()
            torch.cuda.synchronize()
            times = []
            for _ in range(10):
                start = time.perf_counter()
                fn()
                torch.cuda.synchronize()
                times.append((time.perf_counter() - start) * 1e3)
        err = np.abs(got.cpu().numpy() - want).max()
        print(f"TORCH {c['name']:<24} max|diff| {err:.2e}  median "
              f"{sorted(times)[len(times) // 2]:.3f} ms over 10 runs (eager, CUDA)")
        graphed(c["name"], fn, want)


def graphed(name, fn, want):
    """The same sequence captured once as a CUDA graph and replayed: PyTorch
    without its per-kernel launch overhead (its best GPU form short of
    compiling the model)."""
    import numpy as np
    import torch
    try:
        with torch.no_grad():
            side = torch.cuda.Stream()
            side.wait_stream(torch.cuda.current_stream())
            with torch.cuda.stream(side):
                for _ in range(2):
                    fn()
            torch.cuda.current_stream().wait_stream(side)
            graph = torch.cuda.CUDAGraph()
            with torch.cuda.graph(graph):
                out = fn()
            graph.replay()
            torch.cuda.synchronize()
            times = []
            for _ in range(10):
                start = time.perf_counter()
                graph.replay()
                torch.cuda.synchronize()
                times.append((time.perf_counter() - start) * 1e3)
    except Exception as e:  # noqa: BLE001 - report and go on
        print(f"TORCH {name:<24} CUDA graph: not captured ({e})")
        return
    err = np.abs(out.cpu().numpy() - want).max()
    print(f"TORCH {name:<24} max|diff| {err:.2e}  median "
          f"{sorted(times)[len(times) // 2]:.3f} ms over 10 runs (CUDA graph)")


if __name__ == "__main__":
    main()
