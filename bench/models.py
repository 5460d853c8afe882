"""MLIR models and seeded weights for the benchmark configurations.

Each builder returns (mlir_text, weights) where weights maps the
`hyper.name` of every weight argument to a float32 array; the first
arguments (activations) are unnamed and passed as inputs.
"""

import re

import numpy as np

WEIGHTS = ["hyper.w_x", "hyper.w_h", "hyper.b", "proj.w_zx", "proj.w_zh",
           "proj.w_zb", "proj.b_zx", "proj.b_zh", "scale.w_dx", "scale.w_dh",
           "scale.w_db", "main.w_x", "main.w_h", "main.b"]
LAYER_NORM = ["hyper.ln_g", "hyper.ln_b", "hyper.ln_c_g", "hyper.ln_c_b",
              "main.ln_g", "main.ln_b", "main.ln_c_g", "main.ln_c_b"]


def tt(shape):
    return "tensor<" + "x".join(str(d) for d in shape) + "xf32>"


def lstm_weights(rng, nx, nh, nhh, nz, ln):
    def u(shape, fan_in):
        b = 1.0 / np.sqrt(fan_in)
        return rng.uniform(-b, b, size=shape).astype(np.float32)
    w = {
        "hyper.w_x": u((4 * nhh, nx + nh), nx + nh),
        "hyper.w_h": u((4 * nhh, nhh), nhh),
        "hyper.b": np.zeros(4 * nhh, np.float32),
        "proj.w_zx": u((4 * nz, nhh), nhh), "proj.w_zh": u((4 * nz, nhh), nhh),
        "proj.w_zb": u((4 * nz, nhh), nhh),
        "proj.b_zx": np.ones(4 * nz, np.float32), "proj.b_zh": np.ones(4 * nz, np.float32),
        "scale.w_dx": np.full((4, nh, nz), 1.0 / nz, np.float32),
        "scale.w_dh": np.full((4, nh, nz), 1.0 / nz, np.float32),
        "scale.w_db": u((4, nh, nz), nz) * 0.1,
        "main.w_x": u((4 * nh, nx), nx), "main.w_h": u((4 * nh, nh), nh),
        "main.b": np.zeros(4 * nh, np.float32),
    }
    if ln:
        for cell, n in (("hyper", nhh), ("main", nh)):
            w[f"{cell}.ln_g"] = np.ones(4 * n, np.float32)
            w[f"{cell}.ln_b"] = np.zeros(4 * n, np.float32)
            w[f"{cell}.ln_c_g"] = np.ones(n, np.float32)
            w[f"{cell}.ln_c_b"] = np.zeros(n, np.float32)
    return w


def _groups(w, ln):
    names = WEIGHTS + (LAYER_NORM if ln else [])
    var = {n: "%" + n.replace(".", "_") for n in names}
    def group(kw, ns):
        return (f"{kw}({', '.join(var[n] for n in ns)} : "
                f"{', '.join(tt(w[n].shape) for n in ns)})")
    text = " ".join([group("hyper", WEIGHTS[0:3]), group("proj", WEIGHTS[3:8]),
                     group("scale", WEIGHTS[8:11]), group("main", WEIGHTS[11:14])])
    if ln:
        text += " " + group("layer_norm", LAYER_NORM)
    sig = ", ".join(f'{var[n]}: {tt(w[n].shape)} {{hyper.name = "{n}"}}' for n in names)
    return text, sig


def hyper_lstm(rng, nx, nh, nhh, nz, steps, batch, ln):
    """The sequence op: y [T, B, N_h] from x [T, B, N_x]."""
    w = lstm_weights(rng, nx, nh, nhh, nz, ln)
    groups, sig = _groups(w, ln)
    x, y = (steps, batch, nx), (steps, batch, nh)
    text = (f"func.func @lstm(%x: {tt(x)}, {sig}) -> {tt(y)} {{\n"
            f"  %y, %h, %c, %hh, %hc = hyper.lstm %x : {tt(x)} {groups}\n"
            f"  return %y : {tt(y)}\n}}\n")
    return text, w


def hyper_lstm_step(rng, nx, nh, nhh, nz, batch, ln):
    """One step: (h, c, ĥ, ĉ) from x and the four states."""
    w = lstm_weights(rng, nx, nh, nhh, nz, ln)
    groups, sig = _groups(w, ln)
    s, ss = (batch, nh), (batch, nhh)
    text = (f"func.func @step(%x: {tt((batch, nx))}, %h: {tt(s)}, %c: {tt(s)}, "
            f"%hh: {tt(ss)}, %hc: {tt(ss)}, {sig}) -> "
            f"({tt(s)}, {tt(s)}, {tt(ss)}, {tt(ss)}) {{\n"
            f"  %h1, %c1, %hh1, %hc1 = hyper.lstm_cell %x : {tt((batch, nx))} "
            f"state(%h, %c, %hh, %hc : {tt(s)}, {tt(s)}, {tt(ss)}, {tt(ss)}) {groups}\n"
            f"  return %h1, %c1, %hh1, %hc1 : {tt(s)}, {tt(s)}, {tt(ss)}, {tt(ss)}\n}}\n")
    return text, w


def dynamic_rnn(rng, nh, nz, steps, batch):
    """The general dynamic RNN (paper Eq. 5):
    h_t = tanh(W_x(z_t)·x_t + W_h(z_t)·h_{t-1} + b), W(z) = Σ_k z_k W_k,
    with the embeddings z_t given per step and sample."""
    bound = 1.0 / np.sqrt(nh * nz)
    w = {"w_x": rng.uniform(-bound, bound, (nz, nh, nh)).astype(np.float32),
         "w_h": rng.uniform(-bound, bound, (nz, nh, nh)).astype(np.float32),
         "b": np.zeros(nh, np.float32)}
    x, z, y = (steps, batch, nh), (steps, batch, nz), (steps, batch, nh)
    s, zs, W = (batch, nh), (batch, nz), (nz, nh, nh)
    text = f"""func.func @dynrnn(%x: {tt(x)}, %z: {tt(z)},
    %wx: {tt(W)} {{hyper.name = "w_x"}}, %wh: {tt(W)} {{hyper.name = "w_h"}},
    %b: {tt((nh,))} {{hyper.name = "b"}}) -> {tt(y)} {{
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %cT = arith.constant {steps} : index
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : {tt(s)}
  %h0 = linalg.fill ins(%zero : f32) outs(%e : {tt(s)}) -> {tt(s)}
  %ye = tensor.empty() : {tt(y)}
  %r:2 = scf.for %t = %c0 to %cT step %c1 iter_args(%h = %h0, %acc = %ye) -> ({tt(s)}, {tt(y)}) {{
    %xt = tensor.extract_slice %x[%t, 0, 0] [1, {batch}, {nh}] [1, 1, 1] : {tt(x)} to {tt(s)}
    %zt = tensor.extract_slice %z[%t, 0, 0] [1, {batch}, {nz}] [1, 1, 1] : {tt(z)} to {tt(zs)}
    %a = hyper.dynamic_linear %xt, %zt, %wx : {tt(s)}, {tt(zs)}, {tt(W)}
    %bh = hyper.dynamic_linear %h, %zt, %wh : {tt(s)}, {tt(zs)}, {tt(W)}
    %pre = linalg.generic {{indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>,
                                            affine_map<(i, j) -> (j)>, affine_map<(i, j) -> (i, j)>],
                          iterator_types = ["parallel", "parallel"]}}
        ins(%a, %bh, %b : {tt(s)}, {tt(s)}, {tt((nh,))}) outs(%e : {tt(s)}) {{
    ^bb0(%p: f32, %q: f32, %bias: f32, %o: f32):
      %u = arith.addf %p, %q : f32
      %v = arith.addf %u, %bias : f32
      %th = math.tanh %v : f32
      linalg.yield %th : f32
    }} -> {tt(s)}
    %next = tensor.insert_slice %pre into %acc[%t, 0, 0] [1, {batch}, {nh}] [1, 1, 1] : {tt(s)} into {tt(y)}
    scf.yield %pre, %next : {tt(s)}, {tt(y)}
  }}
  return %r#1 : {tt(y)}
}}
"""
    return text, w


def hyper_conv(rng, channels, size, batch, nz=64, d=64, block=16):
    """A 3x3 hyper-conv, channels -> channels, SAME padding; generator as
    run-time inputs (generation runs once per call)."""
    m = k = channels // block
    def u(shape, fan_in):
        b = 1.0 / np.sqrt(fan_in)
        return rng.uniform(-b, b, size=shape).astype(np.float32)
    w = {"z": rng.standard_normal((m, k, nz)).astype(np.float32),
         "w_in": u((block * d, nz), nz), "b_in": np.zeros(block * d, np.float32),
         "w_out": u((block * 9, d), d) * np.sqrt(6.0 / (block * 9)),
         "b_out": np.zeros(block * 9, np.float32)}
    x = (batch, channels, size, size)
    text = f"""func.func @conv(%x: {tt(x)}, %z: {tt(w["z"].shape)} {{hyper.name = "z"}},
    %w_in: {tt(w["w_in"].shape)} {{hyper.name = "w_in"}}, %b_in: {tt(w["b_in"].shape)} {{hyper.name = "b_in"}},
    %w_out: {tt(w["w_out"].shape)} {{hyper.name = "w_out"}}, %b_out: {tt(w["b_out"].shape)} {{hyper.name = "b_out"}}) -> {tt(x)} {{
  %y = hyper.conv2d %x, %z : {tt(x)}, {tt(w["z"].shape)}
      generator(%w_in, %b_in, %w_out, %b_out : {tt(w["w_in"].shape)}, {tt(w["b_in"].shape)}, {tt(w["w_out"].shape)}, {tt(w["b_out"].shape)})
      block [{block}, {block}, 3, 3] padding [1, 1, 1, 1]
  return %y : {tt(x)}
}}
"""
    return text, w


def generate_kernel(w, block=16, kh=3, kw=3):
    """The OIHW kernel a hyper-conv generator makes (SPEC 1.1-1.2), numpy."""
    z = w["z"]
    m, k, nz = z.shape
    d = w["w_out"].shape[1]
    a = (z.reshape(-1, nz) @ w["w_in"].T + w["b_in"]).reshape(m, k, block, d)
    blocks = a @ w["w_out"].T + w["b_out"]                      # [m, k, O_b, I_b*kh*kw]
    blocks = blocks.reshape(m, k, block, block, kh, kw)
    return blocks.transpose(0, 2, 1, 3, 4, 5).reshape(m * block, k * block, kh, kw)


def wrn40_2(rng, text, batch):
    """Seeded weights for examples/wrn40_2_hypercnn.mlir (`text`), the
    kernels its generator makes from them (by hyper conv name, for peers on
    pregenerated kernels) and an input of `batch` 32×32 images.
    Returns (weights, kernels, x)."""
    shapes = re.findall(r'tensor<([0-9x]+)xf32> \{hyper.name = "([^"]+)"\}', text)
    w = {}
    for shape, name in shapes:
        if name == "x":
            continue
        dims = tuple(int(d) for d in shape.split("x"))
        if name.endswith(".scale"):
            # Small batch-norm gains keep 40 layers of random weights bounded.
            w[name] = rng.uniform(0.1, 0.3, dims).astype(np.float32)
        elif name.endswith(".z"):
            w[name] = rng.standard_normal(dims).astype(np.float32)
        else:
            fan = int(np.prod(dims[1:])) if len(dims) > 1 else dims[0]
            w[name] = rng.uniform(-1, 1, dims).astype(np.float32) / np.sqrt(fan)
    gen = {k: w["gen." + k] for k in ("w_in", "b_in", "w_out", "b_out")}
    kernels = {name[:-2]: generate_kernel(dict(gen, z=w[name]))
               for name in w if name.endswith(".z")}
    x = rng.uniform(-1, 1, (batch, 3, 32, 32)).astype(np.float32)
    return w, kernels, x
