#!/usr/bin/env python3
"""The side-by-side benchmark: compiled hyper-mlir code against its peers.

For every configuration it times, in one run on one machine, the compiled
model (`hyper-run --benchmark`, weights bound as compile-time constants, 1
thread and `--parallel` on 2 threads) and its PyTorch peers (eager and
torch.jit.script HyperLSTMs written from the contract, torch.nn.LSTM of the
same main size, naive and rewritten dynamic RNNs, conv2d on pregenerated
kernels), checks the compiled results against PyTorch's, and rewrites this
machine kind's section of docs/benchmarks.md (AVX-512 or AVX2; the other
kind's section stays) and docs/benchmarks-<kind>.png, with the measured FMA
peak and OpenBLAS SGEMM as the roofline and the performance targets checked.

Usage: bench/run.py [--quick] [--build build]   (bench/run.sh builds first)
"""

import argparse
import datetime
import os
import platform
import re
import subprocess
import sys
import tempfile
import time

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # before torch loads OpenMP

import numpy as np  # noqa: E402
import threadpoolctl  # noqa: E402
import torch  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import models  # noqa: E402
import peers  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


# Alternating rounds per configuration (compiled, peers, compiled, peers,
# ...); each side's best round is reported. Three: with two, one slow
# stretch of this shared machine still decided ratios (a batch-1 HyperLSTM
# without layer norm once measured 12.3 ms, and the same model with layer
# norm, more work, 10.6 ms a minute later).
ROUNDS = 3


def median_ms(fn, runs, warmup=2):
    """Median of `runs` timed calls after `warmup` (TorchScript's profiling
    executor optimises a graph on its second call)."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1e3)
    return float(np.median(times))


class Bench:
    def __init__(self, build, quick):
        self.build = build
        self.quick = quick
        self.work = tempfile.mkdtemp(prefix="hyper-bench-")
        self.rows = []

    # -- compiled code ----------------------------------------------------
    def compiled(self, name, text, weights, inputs, runs, threads):
        """Times hyper-run on `text`; returns (median ms, first result)."""
        d = os.path.join(self.work, name)
        os.makedirs(os.path.join(d, "w"), exist_ok=True)
        with open(os.path.join(d, "model.mlir"), "w") as f:
            f.write(text)
        for k, v in weights.items():
            np.save(os.path.join(d, "w", k + ".npy"), v)
        args = [os.path.join(self.build, "bin", "hyper-run"), os.path.join(d, "model.mlir"),
                f"--weights={os.path.join(d, 'w')}", f"--benchmark={runs}",
                f"--output=@{os.path.join(d, 'out.npy')}"]
        for i, x in enumerate(inputs):
            p = os.path.join(d, f"in{i}.npy")
            np.save(p, x)
            args.append(f"--input=@{p}")
        env = dict(os.environ, OMP_NUM_THREADS=str(threads), OMP_PROC_BIND="true")
        # PASSIVE is for PyTorch's pool; compiled code forks a parallel
        # region per GEMM and wants its threads spinning between them.
        env.pop("OMP_WAIT_POLICY", None)
        if threads > 1:
            args.append("--parallel")
        out = subprocess.run(args, env=env, capture_output=True, text=True)
        if out.returncode != 0:
            raise RuntimeError(f"{name}: hyper-run failed:\n{out.stderr}")
        ms = float(re.search(r"median ([0-9.]+) ms", out.stdout).group(1))
        return ms, np.load(os.path.join(d, "out.npy"))

    # -- one configuration ------------------------------------------------
    def add(self, config, flops, text, weights, inputs, peer_fns, runs=5, reference=None):
        """peer_fns: {name: () -> callable}; `reference` computes the result
        in float64 for the numerical check. Compiled code and peers are
        measured in ROUNDS alternating rounds; each side keeps its best
        round (this shared 2-vCPU machine slows down for seconds at a time,
        and a slow stretch should not decide a ratio)."""
        row = {"config": config, "gflop": flops / 1e9, "compiled": {}, "peers": {},
               "check": "timing only"}
        got = None

        def keep(table, key, ms):
            table[key] = min(ms, table.get(key, float("inf")))

        for rnd in range(ROUNDS):
            for threads in (1, 2):
                ms, out = self.compiled(re.sub(r"[^a-z0-9]+", "_", config.lower()) + f"_{threads}",
                                        text, weights, inputs, runs, threads)
                keep(row["compiled"], threads, ms)
                got = out if got is None else got
            for peer, make in peer_fns.items():
                for threads in (1, 2):
                    torch.set_num_threads(threads)
                    fn = make()
                    # torch.set_num_threads sizes PyTorch's OpenMP pool only:
                    # OpenBLAS (pthreads) would still run every GEMM on all
                    # cores, so a "1 thread" peer would use two.
                    with torch.no_grad(), threadpoolctl.threadpool_limits(limits=threads):
                        keep(row["peers"].setdefault(peer, {}), threads, median_ms(fn, runs))
                        if (rnd == 0 and peer == "torch eager" and threads == 1
                                and reference is not None):
                            # Both float32 results against the float64 evaluation.
                            want = reference().numpy()
                            err = np.abs(got - want).max()
                            peer_err = np.abs(fn().numpy() - want).max()
                            ok = np.all(np.abs(got - want) <= 1e-3 + 1e-3 * np.abs(want))
                            row["check"] = (f"{'ok' if ok else 'MISMATCH'}: max |diff| to f64 "
                                            f"{err:.1e} (PyTorch f32: {peer_err:.1e})")
        self.rows.append(row)
        best = min(min(v.values()) for v in row["peers"].values()) if row["peers"] else None
        print(f"{config}: compiled {row['compiled'][1]:.2f} / {row['compiled'][2]:.2f} ms, "
              f"best peer {best if best is None else round(best, 2)} ms, {row['check']}", flush=True)

    # -- configurations ---------------------------------------------------
    def hyper_lstm(self, nh, batch, ln, steps=100):
        rng = np.random.default_rng(1)
        nx, nhh, nz = 50, 128, 4
        text, w = models.hyper_lstm(rng, nx, nh, nhh, nz, steps, batch, ln)
        x = np.zeros((steps, batch, nx), np.float32)
        x[np.arange(steps)[:, None], np.arange(batch)[None, :], rng.integers(0, nx, (steps, batch))] = 1
        tw = {k: torch.from_numpy(v) for k, v in w.items()}
        tx = torch.from_numpy(x)
        mv = batch == 1
        flops = steps * 2 * batch * (4 * nh * (nx + nh) + 4 * nhh * (nx + nh + nhh) + 12 * nz * nhh + 12 * nh * nz)
        lstm = torch.nn.LSTM(nx, nh)
        traced = []  # traced once (seconds), on first use

        def trace():
            if not traced:
                traced.append(peers.hyper_lstm_traced(tx, tw, ln, mv))
            return traced[0]
        self.add(f"HyperLSTM N_h={nh} B={batch} LN={'on' if ln else 'off'} T={steps}", flops,
                 text, w, [x], {
                     "torch eager": lambda: (lambda: peers.hyper_lstm(tx, tw, ln, mv)),
                     "torch.jit.script": lambda: (lambda: peers.hyper_lstm_scripted(tx, tw, ln, mv)),
                     "torch.jit.trace": lambda: (lambda f=trace(): f(tx)),
                     "torch.nn.LSTM": lambda: (lambda: lstm(tx)[0]),
                 }, runs=5,
                 reference=lambda: peers.hyper_lstm(
                     tx.double(), {k: v.double() for k, v in tw.items()}, ln, False))
        # nn.LSTM computes a different function: keep it out of the check.

    def step(self, nh=1000, ln=True):
        rng = np.random.default_rng(2)
        nx, nhh, nz = 50, 128, 4
        text, w = models.hyper_lstm_step(rng, nx, nh, nhh, nz, 1, ln)
        x = np.zeros((1, nx), np.float32)
        x[0, 7] = 1
        states = [rng.uniform(-0.5, 0.5, (1, n)).astype(np.float32) for n in (nh, nh, nhh, nhh)]
        tw = {k: torch.from_numpy(v) for k, v in w.items()}
        flops = 2 * (4 * nh * (nx + nh) + 4 * nhh * (nx + nh + nhh))
        # The eager peer of one step is the sequence peer with T = 1 from the
        # same (zero) states; the compiled step starts from `states`, so only
        # timings are compared here (numerics are covered by the tests).
        tx = torch.from_numpy(x[None])
        self.add(f"HyperLSTM step N_h={nh} B=1 LN={'on' if ln else 'off'}", flops, text, w,
                 [x] + states, {
                     "torch eager (T=1)": lambda: (lambda: peers.hyper_lstm(tx, tw, ln, True)),
                 }, runs=50)

    def dynamic_rnn(self, nh=256, nz=8, batch=32, steps=50):
        rng = np.random.default_rng(3)
        text, w = models.dynamic_rnn(rng, nh, nz, steps, batch)
        x = rng.uniform(-1, 1, (steps, batch, nh)).astype(np.float32)
        z = rng.uniform(-1, 1, (steps, batch, nz)).astype(np.float32)
        tx, tz = torch.from_numpy(x), torch.from_numpy(z)
        twx, twh, tb = (torch.from_numpy(w[k]) for k in ("w_x", "w_h", "b"))
        flops = steps * 2 * 2 * batch * nz * nh * nh
        self.add(f"Dynamic RNN (R7) N_h={nh} N_z={nz} B={batch} T={steps}", flops, text, w,
                 [x, z], {
                     "torch eager": lambda: (lambda: peers.dynamic_rnn_rewritten(tx, tz, twx, twh, tb)),
                     "torch naive (materialised W)": lambda: (lambda: peers.dynamic_rnn_naive(tx, tz, twx, twh, tb)),
                 }, reference=lambda: peers.dynamic_rnn_naive(tx.double(), tz.double(), twx.double(),
                                                             twh.double(), tb.double()))

    def conv(self, batch, channels=64, size=32):
        rng = np.random.default_rng(4)
        text, w = models.hyper_conv(rng, channels, size, batch)
        x = rng.uniform(-1, 1, (batch, channels, size, size)).astype(np.float32)
        kernel = torch.from_numpy(models.generate_kernel(w))
        tx = torch.from_numpy(x)
        flops = 2 * batch * channels * channels * 9 * size * size
        # The generator's inputs are bound with the other weights, so the
        # kernel is generated at compile time; PyTorch gets it pregenerated.
        self.add(f"hyper-conv {channels}->{channels} 3x3 {size}x{size} B={batch} (kernel folded)",
                 flops, text, w, [x], {
                     "torch eager": lambda: (lambda: peers.hyper_conv(tx, kernel)),
                 }, runs=5 if batch > 1 else 40, reference=lambda: peers.hyper_conv(
                     tx.double(), torch.from_numpy(models.generate_kernel(
                         {k: v.astype(np.float64) for k, v in w.items()}))))

    def wrn(self, batch):
        rng = np.random.default_rng(5)
        text = open(os.path.join(ROOT, "examples", "wrn40_2_hypercnn.mlir")).read()
        w, kernels, x = models.wrn40_2(rng, text, batch)
        kernels = {k: torch.from_numpy(v) for k, v in kernels.items()}
        tw = {k: torch.from_numpy(v) for k, v in w.items()}
        tx = torch.from_numpy(x)
        flops = batch * wrn_flops()
        kernels64 = {k: v.double() for k, v in kernels.items()}
        tw64 = {k: v.double() for k, v in tw.items()}
        self.add(f"WRN-40-2 hyper-CNN B={batch} (kernels folded)", flops, text, w, [x], {
            "torch eager": lambda: (lambda: peers.wrn40_2(tx, kernels, tw)),
        }, runs=5 if batch > 1 else 40,
            reference=lambda: peers.wrn40_2(tx.double(), kernels64, tw64))


def compile_times(build, work):
    """Seconds hyper-compile takes for each example (weights bound)."""
    weights = os.path.join(work, "example-weights")
    subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "make_example_weights.py"),
                    weights], check=True)
    cases = [("mnist_hyperconv", ["--weights=" + os.path.join(weights, "mnist_hyperconv.npz")]),
             ("wrn40_2_hypercnn", ["--weights=" + os.path.join(weights, "wrn40_2_hypercnn.npz")]),
             ("ptb_hyperlstm", ["--weights=" + os.path.join(weights, "ptb_hyperlstm.npz")])]
    times = {}
    for name, flags in cases:
        start = time.perf_counter()
        subprocess.run([os.path.join(build, "bin", "hyper-compile"),
                        os.path.join(ROOT, "examples", name + ".mlir"),
                        "-o", os.path.join(work, name + ".o")] + flags, check=True)
        times[name] = time.perf_counter() - start
    return times


def wrn_flops():
    """FLOP of one WRN-40-2 image: its convolutions (2·C_in·C_out·taps·H·W)."""
    total = 2 * 3 * 16 * 9 * 32 * 32  # stem
    cin, size = 16, 32
    for cout, stride in ((32, 1), (64, 2), (128, 2)):
        for blk in range(6):
            s = stride if blk == 0 else 1
            out = size // s
            total += 2 * cin * cout * 9 * out * out + 2 * cout * cout * 9 * out * out
            if cin != cout or s != 1:
                total += 2 * cin * cout * out * out
            cin, size = cout, out
    return total


def peak(build):
    exe = os.path.join(build, "bench", "peak")
    os.makedirs(os.path.dirname(exe), exist_ok=True)
    subprocess.run(["clang-22", "-O2", "-march=native", "-fopenmp", "-L/usr/lib/llvm-22/lib",
                    "-Wl,-rpath,/usr/lib/llvm-22/lib", os.path.join(ROOT, "bench", "peak.c"),
                    "-o", exe], check=True)
    out = {}
    for t in (1, 2):
        env = dict(os.environ, OMP_NUM_THREADS=str(t), OMP_PROC_BIND="true")
        out[t] = float(subprocess.run([exe], env=env, capture_output=True, text=True, check=True).stdout)
    return out


def sgemm(threads, n=1024):
    """OpenBLAS SGEMM through numpy, in a child process (its own threads)."""
    code = (f"import numpy as np, time\n"
            f"a = np.random.rand({n}, {n}).astype(np.float32); b = a.copy()\n"
            f"a @ b\nts = []\n"
            f"for _ in range(10):\n    s = time.perf_counter(); a @ b; ts.append(time.perf_counter() - s)\n"
            f"print(2 * {n}**3 / np.median(ts) / 1e9)\n")
    env = dict(os.environ, OPENBLAS_NUM_THREADS=str(threads), OMP_NUM_THREADS=str(threads))
    env.pop("OPENBLAS_CORETYPE", None)
    env.pop("OPENBLAS_L2_SIZE", None)
    return float(subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                                text=True, check=True).stdout)


def blas_libraries():
    """The BLAS libraries NumPy and PyTorch run, as threadpoolctl sees them
    after a GEMM in each: [(internal API, version, kernel architecture,
    path)]. Exits when none is an optimised one: the reference BLAS
    (libblas3), which threadpoolctl does not list, makes every GEMM peer
    10x too slow, and a report against it would be meaningless."""
    a = np.ones((64, 64), dtype=np.float32)
    a @ a
    torch.ones(64, 64) @ torch.ones(64, 64)
    libs = [(i.get("internal_api"), i.get("version"), i.get("architecture"), i.get("filepath"))
            for i in threadpoolctl.threadpool_info() if i.get("user_api") == "blas"]
    if not any(api in ("openblas", "mkl", "blis") for api, *_ in libs):
        sys.exit("bench: error: NumPy and PyTorch run the reference BLAS (libblas3); install "
                 "libopenblas0-pthread (bench/run.sh does) so that the peers run at their best")
    return libs


def cpu_description():
    """'AMD EPYC (family 25, model 17), AVX-512' from /proc/cpuinfo."""
    with open("/proc/cpuinfo") as f:
        info = f.read()
    m = re.search(r"model name\s*:\s*(.*)", info)
    fam = re.search(r"cpu family\s*:\s*(\d+)", info)
    model = re.search(r"^model\s*:\s*(\d+)", info, re.M)
    isa = "AVX-512" if "avx512f" in info else "AVX2" if "avx2" in info else "SSE"
    return ((m.group(1) if m else "unknown CPU")
            + (f" (family {fam.group(1)}, model {model.group(1)})" if fam and model else "")
            + f", {isa}")


def isa_kind():
    """The machine kind docs/benchmarks.md keeps one section for."""
    with open("/proc/cpuinfo") as f:
        return "AVX-512" if "avx512f" in f.read() else "AVX2"


KINDS = ("AVX-512", "AVX2")


def markers(kind):
    return f"<!-- bench:{kind} -->", f"<!-- /bench:{kind} -->"


def kept_sections(path):
    """{kind: section text} of the per-kind sections an earlier report holds:
    a run replaces its own kind's section and keeps the others."""
    try:
        with open(path) as f:
            text = f.read()
    except OSError:
        return {}
    out = {}
    for kind in KINDS:
        begin, end = markers(kind)
        if begin in text and end in text:
            out[kind] = text[text.index(begin):text.index(end) + len(end)]
    return out


def targets(rows, peaks):
    """The performance issue's targets (2 threads): [(what, measured, goal,
    unit)], for the configurations this run has."""
    def find(prefix):
        return next((r for r in rows if r["config"].startswith(prefix)), None)

    def ratio(r, peer_names):
        return min(r["peers"][p][2] for p in peer_names if p in r["peers"]) / r["compiled"][2]

    forms = ("torch eager", "torch.jit.script", "torch.jit.trace")
    out = []
    for ln in ("off", "on"):
        r = find(f"HyperLSTM N_h=1000 B=32 LN={ln}")
        if r:
            pct = 100 * r["gflop"] / (r["compiled"][2] / 1e3) / peaks[2]
            out += [(f"HyperLSTM R1 B=32 LN {ln}: share of the FMA peak", pct, 75, "%"),
                    (f"HyperLSTM R1 B=32 LN {ln}: over PyTorch's best form", ratio(r, forms), 2, "×"),
                    (f"HyperLSTM R1 B=32 LN {ln}: over torch.nn.LSTM", ratio(r, ["torch.nn.LSTM"]),
                     1.5, "×")]
    for ln in ("off", "on"):
        r = find(f"HyperLSTM N_h=1000 B=1 LN={ln}")
        if r:
            out.append((f"HyperLSTM R1 B=1 LN {ln}: over PyTorch's best form", ratio(r, forms), 2.5,
                        "×"))
    for prefix, what, peer, goal in (
            ("HyperLSTM step", "one step: over PyTorch eager's step", "torch eager (T=1)", 5),
            ("Dynamic RNN", "dynamic RNN R7: over PyTorch's rewritten form", "torch eager", 2),
            ("WRN-40-2 hyper-CNN B=32", "WRN-40-2 B=32: over conv2d on pregenerated kernels",
             "torch eager", 1.3),
            ("WRN-40-2 hyper-CNN B=1", "WRN-40-2 B=1: over conv2d on pregenerated kernels",
             "torch eager", 2.5),
            ("hyper-conv 64->64 3x3 32x32 B=32", "hyper-conv 64→64 B=32: over conv2d",
             "torch eager", 1.2)):
        r = find(prefix)
        if r:
            out.append((what, ratio(r, [peer]), goal, "×"))
    return out


def write_report(bench, peaks, blas, compiles, path_md, path_png, libs=(), load=((0, 0, 0),) * 2):
    """Rewrites this machine kind's section of `path_md` (the other kinds'
    sections stay) and its chart `path_png`."""
    llvm = subprocess.run(["/usr/lib/llvm-22/bin/llvm-config", "--version"], capture_output=True,
                          text=True).stdout.strip()
    kind = isa_kind()
    begin, end = markers(kind)
    lines = [
        begin, f"## {kind} machine: {datetime.date.today().isoformat()}", "",
        "One run of `bench/run.sh`, compiled code and peers side by side.", "",
        f"- Machine: {os.cpu_count()} vCPU {cpu_description()}, "
        f"{platform.system()} {platform.release()}",
        "- BLAS of the peers (threadpoolctl): " + "; ".join(
            f"{api} {version} ({arch}) {path}" for api, version, arch, path in libs) + ".",
        f"- Load average (1, 5, 15 min) before the run {load[0][0]:.2f} {load[0][1]:.2f} "
        f"{load[0][2]:.2f}, after {load[1][0]:.2f} {load[1][1]:.2f} {load[1][2]:.2f} "
        "(anything else running makes the ratios wrong).",
        f"- Versions: LLVM/MLIR {llvm}, PyTorch {torch.__version__}, NumPy {np.__version__}, "
        f"Python {platform.python_version()}",
        f"- Roofline: measured FP32 FMA peak {peaks[1]:.0f} GFLOP/s on 1 thread, {peaks[2]:.0f} on 2; "
        f"OpenBLAS SGEMM 1024³ {blas[1]:.0f} / {blas[2]:.0f} GFLOP/s.",
        f"- Method: median of ≥ 5 timed calls after two warm-up calls (50 for single steps), in "
        f"{ROUNDS} alternating rounds (compiled, peers, compiled, peers, ...), each side's best "
        "round reported. Compiled: "
        "`hyper-run --benchmark` (JIT, host CPU, weights bound as constants), 2 threads = "
        "`--parallel` with `OMP_NUM_THREADS=2 OMP_PROC_BIND=true`. PyTorch: "
        "`torch.set_num_threads` and threadpoolctl's limit on OpenBLAS's own threads, "
        "`OMP_WAIT_POLICY=PASSIVE`, `torch.mv` at batch 1. "
        "'check' compares the compiled result and PyTorch's float32 result with a float64 "
        "evaluation in PyTorch (ok: |diff| ≤ 1e-3 + 1e-3·|want| everywhere).",
        "", "| configuration | GFLOP | compiled 1T ms | compiled 2T ms | 2T % of peak | peer | peer 1T ms "
        "| peer 2T ms | speed-up 1T | speed-up 2T | check |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for r in bench.rows:
        c1, c2 = r["compiled"][1], r["compiled"][2]
        pct = 100 * r["gflop"] / (c2 / 1e3) / peaks[2]
        for i, (peer, t) in enumerate(r["peers"].items()):
            head = (f"{r['config']} | {r['gflop']:.2f} | {c1:.2f} | {c2:.2f} | {pct:.0f}%"
                    if i == 0 else " | | | |")
            lines.append(f"| {head} | {peer} | {t[1]:.2f} | {t[2]:.2f} | {t[1] / c1:.2f}× "
                         f"| {t[2] / c2:.2f}× | {r['check'] if i == 0 else ''} |")
    goals = targets(bench.rows, peaks)
    if goals:
        lines += ["", "Targets of the CPU performance issue, 2 threads, this run:", "",
                  "| target | measured | goal | met |", "| --- | --- | --- | --- |"]
        for what, value, goal, unit in goals:
            shown = f"{value:.0f} %" if unit == "%" else f"{value:.2f}×"
            goal_shown = f"≥ {goal} %" if unit == "%" else f"≥ {goal}×"
            lines.append(f"| {what} | {shown} | {goal_shown} | {'yes' if value >= goal else '**no**'} |")
    lines += ["", "`hyper-compile` of each example (weights bound, object file): " + ", ".join(
        f"{name} {t:.2f} s" for name, t in compiles.items()) + "."]
    lines += ["", f"![speed-ups on {kind}]({os.path.basename(path_png)})", "",
              "Speed-up = peer time / compiled time at the same thread count (above 1: compiled is "
              "faster).", end]
    sections = kept_sections(path_md)
    sections[kind] = "\n".join(lines)
    out = ["# Benchmarks", "",
           "`bench/run.sh` writes one section per machine kind (AVX-512 and AVX2-only x86), each "
           "from one full run on such a machine; a run replaces its own kind's section and "
           "leaves the other until a run on that kind replaces it.", ""]
    for k in KINDS:
        if k in sections:
            out += [sections[k], ""]
        else:
            b, e = markers(k)
            out += [b, f"## {k} machine", "", "No full run on such a machine yet.", e, ""]
    with open(os.path.join(ROOT, "bench", "analysis.md")) as f:
        out.append(f.read())
    with open(path_md, "w") as f:
        f.write("\n".join(out).rstrip("\n") + "\n")

    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return
    labels, s1, s2 = [], [], []
    for r in bench.rows:
        best1 = min(t[1] for t in r["peers"].values())
        best2 = min(t[2] for t in r["peers"].values())
        labels.append(r["config"].split(" (")[0])
        s1.append(best1 / r["compiled"][1])
        s2.append(best2 / r["compiled"][2])
    fig, ax = plt.subplots(figsize=(10, 0.45 * len(labels) + 1.5))
    y = np.arange(len(labels))
    ax.barh(y - 0.2, s1, 0.4, label="1 thread")
    ax.barh(y + 0.2, s2, 0.4, label="2 threads")
    ax.axvline(1.0, color="black", linewidth=0.8)
    ax.set_yticks(y, labels, fontsize=8)
    ax.set_xlabel(f"speed-up of compiled code over the fastest PyTorch peer ({cpu_description()})")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path_png, dpi=110)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--quick", action="store_true", help="fewer configurations")
    parser.add_argument("--out", default=os.path.join(ROOT, "docs"))
    opts = parser.parse_args()
    load_before = os.getloadavg()
    libs = blas_libraries()
    print(f"cpu: {cpu_description()}; blas: {libs}; load {load_before}", flush=True)
    bench = Bench(opts.build, opts.quick)
    peaks = peak(opts.build)
    blas = {t: sgemm(t) for t in (1, 2)}
    print(f"peak {peaks}, sgemm {blas}", flush=True)
    for ln in (False, True):
        for batch in (1, 32):
            bench.hyper_lstm(1000, batch, ln)
    if not opts.quick:
        for batch in (1, 32):
            bench.hyper_lstm(256, batch, True)
    bench.step()
    bench.dynamic_rnn()
    for batch in (1, 32):
        bench.conv(batch)
    for batch in (1, 32):
        bench.wrn(batch)
    compiles = compile_times(opts.build, bench.work)
    print(f"hyper-compile: {compiles}", flush=True)
    png = "benchmarks-" + isa_kind().lower().replace("-", "") + ".png"
    write_report(bench, peaks, blas, compiles, os.path.join(opts.out, "benchmarks.md"),
                 os.path.join(opts.out, png), libs, (load_before, os.getloadavg()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
