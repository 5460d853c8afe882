"""Parameter accounting: ``hyper_mlir.summary(module, example_inputs)``.

Per hypernetwork op: the main network's own weights, the hypernetwork's
parameters (generator or hyper cell, projections and scales) and embeddings,
how many weights it generates (for a dynamic hypernetwork: the per-sample,
per-step main weights it stands for, never materialised) and, given example
inputs, the multiply-adds of one call (GEMM-like terms; elementwise work is
not counted). Standard layers are summed in one row.
"""

import torch
from torch import nn

from . import nn as hnn

__all__ = ["summary", "Summary"]


class Summary:
    """Rows of (name, kind, main, hyper, embeddings, generated, macs) and
    their totals; ``str()`` is a table, ``.total_parameters`` the count."""

    columns = ("main weights", "hypernetwork", "embeddings", "generated", "multiply-adds")

    def __init__(self, rows, other):
        self.rows, self.other = rows, other
        self.total_parameters = sum(r[2] + r[3] + r[4] for r in rows) + other

    def row(self, name):
        for r in self.rows:
            if r[0] == name:
                return dict(zip(("name", "kind") + self.columns, r))
        raise KeyError(name)

    def __str__(self):
        def fmt(v):
            return "-" if v is None else f"{v:,}"
        head = ("layer", "op") + self.columns
        lines = [list(head)]
        for r in self.rows:
            lines.append([r[0], r[1]] + [fmt(v) for v in r[2:]])
        lines.append(["(other layers)", "", fmt(self.other), "", "", "", ""])
        lines.append(["total parameters", "", fmt(self.total_parameters), "", "", "", ""])
        widths = [max(len(l[i]) for l in lines) for i in range(len(head))]
        out = []
        for k, l in enumerate(lines):
            out.append("  ".join(c.ljust(w) if i < 2 else c.rjust(w)
                                 for i, (c, w) in enumerate(zip(l, widths))).rstrip())
            if k == 0:
                out.append("  ".join("-" * w for w in widths))
        return "\n".join(out)

    __repr__ = __str__


def _count(params):
    return sum(p.numel() for p in params)


def _recurrent_row(name, m, shapes):
    g, nx, nh, nhh, nz = m.gates, m.input_size, m.hidden_size, m.hyper_size, m.n_z
    main = _count([m.main.w_x, m.main.w_h, m.main.b])
    hyper = _count(m.hyper.parameters()) + _count(m.proj.parameters()) + \
        _count(m.scale.parameters())
    if getattr(m, "layer_norm", False):
        main += _count([m.main.ln_g, m.main.ln_b, m.main.ln_c_g, m.main.ln_c_b])
    generated = g * nh * (nx + nh)
    macs = None
    if shapes is not None:
        x = shapes
        steps, batch = (x[0], x[1]) if isinstance(m, (hnn.HyperLSTM, hnn.HyperRNN)) else (1, x[0])
        per = (g * nh * (nx + nh) + g * nhh * (nx + nh + nhh) + 3 * g * nz * nhh
               + 3 * g * nh * nz)
        macs = steps * batch * per
    kind = {hnn.HyperLSTM: "hyper.lstm", hnn.HyperLSTMCell: "hyper.lstm_cell",
            hnn.HyperRNN: "hyper.rnn", hnn.HyperRNNCell: "hyper.rnn_cell"}[type(m)]
    return (name, kind, main, hyper, 0, generated, macs)


def summary(module_or_exported, example_inputs=None):
    """The parameter accounting of a module (or of an Exported's module).
    With `example_inputs` the multiply-adds of one call are counted too."""
    from .export import Exported
    if isinstance(module_or_exported, Exported):
        module = module_or_exported.module
        if example_inputs is None:
            example_inputs = module_or_exported.example_inputs
    else:
        module = module_or_exported
    if not isinstance(module, nn.Module):
        raise TypeError(f"summary takes a torch.nn.Module or an Exported, got "
                        f"{type(module).__name__}")
    shapes = {}
    if example_inputs is not None:
        if isinstance(example_inputs, torch.Tensor):
            example_inputs = (example_inputs,)
        hooks = []
        for name, m in module.named_modules():
            if isinstance(m, hnn._HYPER_MODULES):
                def hook(mod, args, out, name=name):
                    shapes[name] = (tuple(args[0].shape), out)
                hooks.append(m.register_forward_hook(hook))
        try:
            with torch.no_grad():
                module(*example_inputs)
        finally:
            for h in hooks:
                h.remove()
    rows, counted = [], set()
    for name, m in module.named_modules():
        seen = shapes.get(name)
        if isinstance(m, (hnn.HyperLSTM, hnn.HyperLSTMCell, hnn.HyperRNN, hnn.HyperRNNCell)):
            rows.append(_recurrent_row(name, m, seen[0] if seen else None))
            counted |= {id(p) for p in m.parameters()}
        elif isinstance(m, hnn.KernelGenerator):
            rows.append((name, "generator", 0, _count(m.parameters()), 0, None, None))
            counted |= {id(p) for p in m.parameters()}
        elif isinstance(m, hnn.HyperConv2d):
            o_b, i_b, fh, fw = m.block
            gen = m.generator
            tiles = m.z.shape[0] * m.z.shape[1]
            macs = None
            if seen:
                out = seen[1].shape
                macs = out[0] * out[1] * out[2] * out[3] * m.in_channels * fh * fw
                macs += tiles * (gen.n_z * o_b * gen.hidden + o_b * gen.hidden * i_b * fh * fw)
            bias = m.bias.numel() if m.bias is not None else 0
            rows.append((name, "hyper.conv2d", bias, 0, m.z.numel(),
                         m.out_channels * m.in_channels * fh * fw, macs))
            counted |= {id(m.z)} | ({id(m.bias)} if m.bias is not None else set())
        elif isinstance(m, hnn.DynamicLinear):
            macs = None
            if seen:
                b = seen[0][0]
                macs = b * m.n_z * m.out_features * (m.in_features + 1)
            rows.append((name, "hyper.dynamic_linear", 0, m.weight.numel(), 0,
                         m.out_features * m.in_features, macs))
            counted.add(id(m.weight))
    other = sum(p.numel() for p in module.parameters() if id(p) not in counted)
    return Summary(rows, other)
