"""``hyper_mlir.compile``: export (if needed), run hyper-compile, load."""

import hashlib
import os
import shutil
import subprocess
import tempfile

import numpy as np

from .export import Exported, export
from .runtime import load

__all__ = ["compile", "tools_dir"]


def tools_dir():
    """The directory of hyper-compile: $HYPER_MLIR_TOOLS, else the build or
    install tree this package sits in, else the one on PATH."""
    env = os.environ.get("HYPER_MLIR_TOOLS")
    if env:
        return env
    here = os.path.dirname(os.path.abspath(__file__))
    candidates = [
        os.path.join(here, "..", "..", "build", "bin"),  # the source tree's default build
        # Installed: PREFIX/lib/python3/dist-packages/hyper_mlir -> PREFIX/bin.
        os.path.join(here, "..", "..", "..", "..", "bin"),
    ]
    for c in candidates:
        if os.path.isfile(os.path.join(c, "hyper-compile")):
            return os.path.normpath(c)
    found = shutil.which("hyper-compile")
    if found:
        return os.path.dirname(found)
    raise FileNotFoundError("hyper-compile not found: build the project, install it, or set "
                            "HYPER_MLIR_TOOLS to the directory that holds it")


def _digest(exported, options):
    h = hashlib.sha256()
    h.update(exported.mlir.encode())
    for name in sorted(exported.weights):
        a = np.ascontiguousarray(exported.weights[name])
        h.update(name.encode())
        h.update(str((a.dtype.str, a.shape)).encode())
        h.update(a.tobytes())
    h.update(repr(options).encode())
    with open(os.path.join(tools_dir(), "hyper-compile"), "rb") as f:
        h.update(hashlib.sha256(f.read()).digest())
    return h.hexdigest()[:24]


def compile(module_or_exported, example_inputs=None, *, target="cpu", threads=1,
            bind_weights=True, cache_dir=None, target_cpu="host", function=None):
    """Compiles a module (exported first, with `example_inputs`) or an
    Exported to a shared library and loads it.

    ``target``: "cpu" or "cuda". ``threads`` > 1 runs GEMM tiles on that many
    OpenMP threads. ``bind_weights=True`` folds the weights into the code as
    constants (the deployed form); False keeps them as inputs, which the
    returned model fills in. ``cache_dir`` keeps compiled libraries keyed by
    the model, weights and options (default: a temporary directory).
    ``target_cpu`` as hyper-compile's --target-cpu.
    """
    if isinstance(module_or_exported, Exported):
        exported = module_or_exported
    else:
        if example_inputs is None:
            raise ValueError("compile(module) needs example_inputs to export it")
        exported = export(module_or_exported, example_inputs)
    if target not in ("cpu", "cuda"):
        raise ValueError(f"target must be 'cpu' or 'cuda', got {target!r}")
    if not isinstance(threads, int) or threads < 1:
        raise ValueError(f"threads must be a positive int, got {threads!r}")
    options = (target, threads, bool(bind_weights), target_cpu, function)
    if cache_dir is None:
        cache_dir = tempfile.mkdtemp(prefix="hyper_mlir-")
    os.makedirs(cache_dir, exist_ok=True)
    key = _digest(exported, options)
    library = os.path.join(cache_dir, f"libmodel-{key}.so")
    if not os.path.isfile(library):
        prefix = os.path.join(cache_dir, f"model-{key}")
        mlir, npz = exported.save(prefix)
        args = [os.path.join(tools_dir(), "hyper-compile"), mlir, "--shared", "-o",
                library + ".tmp", "--name=model", f"--target={target}", "--quiet"]
        if target == "cpu":
            args.append(f"--target-cpu={target_cpu}")
        if threads > 1:
            args.append("--parallel")
        if bind_weights and exported.weights:
            args.append(f"--weights={npz}")
        if function:
            args.append(f"--function={function}")
        run = subprocess.run(args, capture_output=True, text=True)
        if run.returncode != 0:
            raise RuntimeError(f"hyper-compile failed:\n{run.stderr.strip()}")
        os.replace(library + ".tmp", library)
    if threads > 1:
        os.environ.setdefault("OMP_NUM_THREADS", str(threads))
    return load(library, None if bind_weights else exported.weights)
