"""PyTorch peers of the benchmark configurations, written from the contract.

Each HyperLSTM peer takes the same named weights as the compiled model, in
three forms: eager, torch.jit.script and torch.jit.trace of the sequence.
`best` picks PyTorch's best form for the batch: torch.mv for one sample
(a one-row torch.mm is much slower), x @ W.t() otherwise.
"""

from typing import Dict, List, Tuple

import torch
import torch.nn.functional as F


def _linear(x: torch.Tensor, w: torch.Tensor, mv: bool) -> torch.Tensor:
    if mv:
        return torch.mv(w, x[0]).unsqueeze(0)
    return x @ w.t()


def _ln(v: torch.Tensor, gain: torch.Tensor, shift: torch.Tensor, groups: int,
        eps: float) -> torch.Tensor:
    g = v.view(v.shape[0], groups, -1)
    mean = g.mean(dim=2, keepdim=True)
    var = ((g - mean) ** 2).mean(dim=2, keepdim=True)
    return ((g - mean) / torch.sqrt(var + eps)).view(v.shape[0], -1) * gain + shift


def _cell(pre: torch.Tensor, c: torch.Tensor, w: Dict[str, torch.Tensor], cell: str,
          layer_norm: bool, forget_bias: float, eps: float) -> Tuple[torch.Tensor, torch.Tensor]:
    """An LSTM cell's new (h, c) from its pre-activations [B, 4N] (i, f, g, o),
    with the layer norms of `cell` ("hyper" or "main") when `layer_norm`."""
    if layer_norm:
        pre = _ln(pre, w[cell + ".ln_g"], w[cell + ".ln_b"], 4, eps)
    gs = pre.chunk(4, 1)
    c = torch.sigmoid(gs[1] + forget_bias) * c + torch.sigmoid(gs[0]) * torch.tanh(gs[2])
    cn = _ln(c, w[cell + ".ln_c_g"], w[cell + ".ln_c_b"], 1, eps) if layer_norm else c
    return torch.sigmoid(gs[3]) * torch.tanh(cn), c


def hyper_lstm(x: torch.Tensor, w: Dict[str, torch.Tensor], layer_norm: bool,
               mv: bool) -> torch.Tensor:
    """The HyperLSTM sequence (forget_bias 1, epsilon 1e-3): y [T, B, N_h].
    Written in TorchScript's subset so that the same code is the eager peer
    and, through torch.jit.script, the scripted one."""
    forget_bias = 1.0
    eps = 1e-3
    steps, batch, nx = x.shape[0], x.shape[1], x.shape[2]
    nh, nhh = w["main.w_h"].shape[1], w["hyper.w_h"].shape[1]
    nz = w["scale.w_dx"].shape[2]
    # Input-side GEMMs for all steps at once.
    xm = (x.reshape(-1, nx) @ w["main.w_x"].t()).view(steps, batch, -1)
    xh = (x.reshape(-1, nx) @ w["hyper.w_x"][:, :nx].t()).view(steps, batch, -1)
    hyper_wh = w["hyper.w_x"][:, nx:].contiguous()
    h = x.new_zeros(batch, nh)
    c = x.new_zeros(batch, nh)
    hh = x.new_zeros(batch, nhh)
    hc = x.new_zeros(batch, nhh)
    ys: List[torch.Tensor] = []
    for t in range(steps):
        g = xh[t] + _linear(h, hyper_wh, mv) + _linear(hh, w["hyper.w_h"], mv) + w["hyper.b"]
        hh, hc = _cell(g, hc, w, "hyper", layer_norm, forget_bias, eps)
        zx = _linear(hh, w["proj.w_zx"], mv) + w["proj.b_zx"]
        zh = _linear(hh, w["proj.w_zh"], mv) + w["proj.b_zh"]
        zb = _linear(hh, w["proj.w_zb"], mv)
        dx = torch.einsum("byk,ynk->byn", zx.view(batch, 4, nz), w["scale.w_dx"]).reshape(batch, -1)
        dh = torch.einsum("byk,ynk->byn", zh.view(batch, 4, nz), w["scale.w_dh"]).reshape(batch, -1)
        beta = torch.einsum("byk,ynk->byn", zb.view(batch, 4, nz), w["scale.w_db"]).reshape(batch, -1)
        a = dx * xm[t] + dh * _linear(h, w["main.w_h"], mv) + w["main.b"] + beta
        h, c = _cell(a, c, w, "main", layer_norm, forget_bias, eps)
        ys.append(h)
    return torch.stack(ys)


hyper_lstm_scripted = torch.jit.script(hyper_lstm)


def hyper_lstm_traced(x: torch.Tensor, w: Dict[str, torch.Tensor], layer_norm: bool,
                      mv: bool):
    """torch.jit.trace of the whole sequence for inputs shaped like `x`: the
    time loop unrolled into one graph with the weights as constants, which
    PyTorch's graph executor optimises as a whole (faster than the scripted
    loop at batch 32)."""
    with torch.no_grad():
        return torch.jit.trace(lambda v: hyper_lstm(v, w, layer_norm, mv), (x,),
                               check_trace=False)


def dynamic_rnn_naive(x, z, wx, wh, b):
    """Materialises W(z) = Σ_k z_k W_k per sample and step."""
    steps, batch, nh = x.shape
    h = x.new_zeros(batch, nh)
    ys = []
    for t in range(steps):
        Wx = torch.einsum("bk,knm->bnm", z[t], wx)
        Wh = torch.einsum("bk,knm->bnm", z[t], wh)
        h = torch.tanh(torch.bmm(Wx, x[t].unsqueeze(2)).squeeze(2)
                       + torch.bmm(Wh, h.unsqueeze(2)).squeeze(2) + b)
        ys.append(h)
    return torch.stack(ys)


def dynamic_rnn_rewritten(x, z, wx, wh, b):
    """One GEMM on the stacked basis, then a contraction with z."""
    steps, batch, nh = x.shape
    nz = wx.shape[0]
    sx, sh = wx.reshape(nz * nh, nh), wh.reshape(nz * nh, nh)
    # The x side for all steps at once.
    xs = (x.reshape(-1, nh) @ sx.t()).view(steps, batch, nz, nh)
    h = x.new_zeros(batch, nh)
    ys = []
    for t in range(steps):
        hs = (h @ sh.t()).view(batch, nz, nh)
        h = torch.tanh(torch.einsum("bk,bkn->bn", z[t], xs[t] + hs) + b)
        ys.append(h)
    return torch.stack(ys)


def hyper_conv(x, kernel):
    """conv2d on a pregenerated kernel (SAME padding)."""
    return F.conv2d(x, kernel, padding=1)


def wrn40_2(x, kernels, w):
    """The WRN-40-2 body of examples/wrn40_2_hypercnn.mlir on pregenerated
    kernels (`kernels[name]` for each hyper conv), inference batch norm as
    an affine map."""
    def bnrelu(v, name):
        return torch.relu(v * w[f"{name}.scale"] + w[f"{name}.shift"])
    h = F.conv2d(x, w["stem.w"], padding=1)
    cin = 16
    for g, (cout, stride) in enumerate([(32, 1), (64, 2), (128, 2)]):
        for blk in range(6):
            name = f"group{g + 1}.block{blk + 1}"
            s = stride if blk == 0 else 1
            o = bnrelu(h, f"{name}.bn1")
            y = F.conv2d(o, kernels[f"{name}.conv1"], stride=s, padding=1)
            y = bnrelu(y, f"{name}.bn2")
            y = F.conv2d(y, kernels[f"{name}.conv2"], padding=1)
            short = F.conv2d(o, w[f"{name}.shortcut.w"], stride=s) if (cin != cout or s != 1) else h
            h = y + short
            cin = cout
    h = bnrelu(h, "final.bn")
    return h.mean(dim=(2, 3)) @ w["fc.w"].t() + w["fc.b"]
