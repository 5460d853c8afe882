"""Trainable PyTorch modules that compute exactly the ``hyper`` dialect's ops.

Each module's math, weight shapes and state_dict names follow the project's
semantic contract (docs/Dialect.md and the op descriptions of
``hyper.lstm``, ``hyper.rnn``, ``hyper.conv2d``, ``hyper.generate_kernel``
and ``hyper.dynamic_linear``): a HyperLSTM's parameters are ``hyper.w_x``,
``proj.w_zx``, ``scale.w_dx``, ``main.w_h`` and so on, as the dialect names
them, so ``hyper_mlir.export`` maps them one to one and a model trained here
runs compiled with the same numbers.

Defaults equal the dialect's: ``epsilon=1e-3`` and ``forget_bias=1.0``
(David Ha's supercell), ``z_source="current"``. PyTorch's own layer norm
uses 1e-5; pass ``epsilon=1e-5`` explicitly when porting such a model.
"""

import math

import torch
from torch import nn
from torch.nn import functional as F

__all__ = [
    "HyperLSTMCell", "HyperLSTM", "HyperRNNCell", "HyperRNN",
    "KernelGenerator", "HyperConv2d", "DynamicLinear",
]

#: The dialect's defaults (hyper.lstm / hyper.lstm_cell attributes).
DEFAULT_EPSILON = 1e-3
DEFAULT_FORGET_BIAS = 1.0
Z_SOURCES = ("current", "previous")


class _Weights(nn.Module):
    """A named group of parameters (``hyper``, ``proj``, ``scale``, ``main``)
    so that state_dict keys read ``hyper.w_x`` as the dialect spells them."""

    def __init__(self, **shapes):
        super().__init__()
        for name, shape in shapes.items():
            self.register_parameter(name, nn.Parameter(torch.empty(*shape)))


def _uniform(p, fan_in):
    bound = 1.0 / math.sqrt(fan_in)
    nn.init.uniform_(p, -bound, bound)


def _gate_norm(v, gamma, beta, gates, epsilon):
    """LN(v; γ, β) over the features of each gate of each sample (biased
    variance), v: [B, gates·N]."""
    b = v.shape[0]
    n = v.shape[1] // gates
    normed = F.layer_norm(v.reshape(b, gates, n), (n,), eps=epsilon)
    return normed.reshape(b, gates * n) * gamma + beta


class _RecurrentBase(nn.Module):
    """The weights of a HyperLSTM (4 gates) or HyperRNN (1 gate) cell."""

    gates = 4

    def __init__(self, input_size, hidden_size, hyper_size, n_z):
        super().__init__()
        for what, v in (("input_size", input_size), ("hidden_size", hidden_size),
                        ("hyper_size", hyper_size), ("n_z", n_z)):
            if not isinstance(v, int) or v <= 0:
                raise ValueError(f"{type(self).__name__}: {what} must be a positive "
                                 f"int, got {v!r}")
        g = self.gates
        self.input_size, self.hidden_size = input_size, hidden_size
        self.hyper_size, self.n_z = hyper_size, n_z
        scale = (g, hidden_size, n_z) if g > 1 else (hidden_size, n_z)
        self.hyper = _Weights(w_x=(g * hyper_size, input_size + hidden_size),
                              w_h=(g * hyper_size, hyper_size), b=(g * hyper_size,))
        self.proj = _Weights(w_zx=(g * n_z, hyper_size), w_zh=(g * n_z, hyper_size),
                             w_zb=(g * n_z, hyper_size), b_zx=(g * n_z,),
                             b_zh=(g * n_z,))
        self.scale = _Weights(w_dx=scale, w_dh=scale, w_db=scale)
        self.main = _Weights(w_x=(g * hidden_size, input_size),
                             w_h=(g * hidden_size, hidden_size), b=(g * hidden_size,))

    def reset_parameters(self):
        """PyTorch's LSTM initialisation for the two cells; the projections
        start near zero with z biases of one and scales of 1/N_z, so every
        row scale d starts near 1 and the dynamic bias near 0."""
        with torch.no_grad():
            for p in (self.hyper.w_x, self.hyper.w_h, self.hyper.b):
                _uniform(p, self.hyper_size)
            for p in (self.main.w_x, self.main.w_h, self.main.b):
                _uniform(p, self.hidden_size)
            for p in (self.proj.w_zx, self.proj.w_zh, self.proj.w_zb):
                nn.init.normal_(p, std=0.01)
            nn.init.ones_(self.proj.b_zx)
            nn.init.ones_(self.proj.b_zh)
            nn.init.constant_(self.scale.w_dx, 1.0 / self.n_z)
            nn.init.constant_(self.scale.w_dh, 1.0 / self.n_z)
            nn.init.normal_(self.scale.w_db, std=0.01)

    def _check_input(self, x, rank):
        if not isinstance(x, torch.Tensor) or x.dim() != rank or x.shape[-1] != self.input_size:
            shape = tuple(x.shape) if isinstance(x, torch.Tensor) else type(x).__name__
            want = "[T, B, N_x]" if rank == 3 else "[B, N_x]"
            raise ValueError(f"{type(self).__name__}: input must be {want} with N_x = "
                             f"{self.input_size}, got {shape}")

    def _embeddings(self, s):
        """z_x, z_h, z_b from the hyper state s: [B, gates·N_z] each."""
        p = self.proj
        return (F.linear(s, p.w_zx, p.b_zx), F.linear(s, p.w_zh, p.b_zh),
                F.linear(s, p.w_zb))

    def _row_scales(self, z, w):
        """d^y = z^y·w[y]ᵀ for every gate y: [B, gates·N_h]."""
        b = z.shape[0]
        if self.gates == 1:
            return z @ w.t()
        return torch.einsum("byk,ynk->byn", z.reshape(b, self.gates, self.n_z),
                            w).reshape(b, self.gates * self.hidden_size)

    def _main_preactivation(self, x, h, s):
        zx, zh, zb = self._embeddings(s)
        m = self.main
        return (self._row_scales(zx, self.scale.w_dx) * F.linear(x, m.w_x)
                + self._row_scales(zh, self.scale.w_dh) * F.linear(h, m.w_h)
                + m.b + self._row_scales(zb, self.scale.w_db))


class _LSTMBase(_RecurrentBase):
    gates = 4

    def __init__(self, input_size, hidden_size, hyper_size, n_z, *, layer_norm=False,
                 epsilon=DEFAULT_EPSILON, forget_bias=DEFAULT_FORGET_BIAS,
                 z_source="current"):
        super().__init__(input_size, hidden_size, hyper_size, n_z)
        if z_source not in Z_SOURCES:
            raise ValueError(f"{type(self).__name__}: z_source must be 'current' or "
                             f"'previous', got {z_source!r}")
        if not epsilon > 0:
            raise ValueError(f"{type(self).__name__}: epsilon must be positive, got {epsilon!r}")
        self.layer_norm = bool(layer_norm)
        self.epsilon = float(epsilon)
        self.forget_bias = float(forget_bias)
        self.z_source = z_source
        if self.layer_norm:
            for group, n in ((self.hyper, hyper_size), (self.main, hidden_size)):
                group.register_parameter("ln_g", nn.Parameter(torch.empty(4 * n)))
                group.register_parameter("ln_b", nn.Parameter(torch.empty(4 * n)))
                group.register_parameter("ln_c_g", nn.Parameter(torch.empty(n)))
                group.register_parameter("ln_c_b", nn.Parameter(torch.empty(n)))
        self.reset_parameters()

    def reset_parameters(self):
        super().reset_parameters()
        if self.layer_norm:
            with torch.no_grad():
                for group in (self.hyper, self.main):
                    nn.init.ones_(group.ln_g)
                    nn.init.zeros_(group.ln_b)
                    nn.init.ones_(group.ln_c_g)
                    nn.init.zeros_(group.ln_c_b)

    def _cell(self, pre, c, group):
        """The LSTM update of one cell from its gate preactivations."""
        if self.layer_norm:
            pre = _gate_norm(pre, group.ln_g, group.ln_b, 4, self.epsilon)
        i, f, g, o = pre.chunk(4, dim=1)
        c_next = torch.sigmoid(f + self.forget_bias) * c + torch.sigmoid(i) * torch.tanh(g)
        shown = c_next
        if self.layer_norm:
            shown = F.layer_norm(c_next, (c_next.shape[1],), group.ln_c_g, group.ln_c_b,
                                 eps=self.epsilon)
        return torch.sigmoid(o) * torch.tanh(shown), c_next

    def _step(self, x, state):
        h, c, hh, hc = state
        hw = self.hyper
        pre_hat = F.linear(torch.cat([x, h], dim=1), hw.w_x) + F.linear(hh, hw.w_h) + hw.b
        hh_next, hc_next = self._cell(pre_hat, hc, self.hyper)
        s = hh_next if self.z_source == "current" else hh
        h_next, c_next = self._cell(self._main_preactivation(x, h, s), c, self.main)
        return h_next, c_next, hh_next, hc_next

    def _state_sizes(self):
        return (self.hidden_size, self.hidden_size, self.hyper_size, self.hyper_size)

    def _zero_state(self, x, batch):
        z = x.new_zeros
        return (z(batch, self.hidden_size), z(batch, self.hidden_size),
                z(batch, self.hyper_size), z(batch, self.hyper_size))

    def extra_repr(self):
        return (f"{self.input_size}, {self.hidden_size}, hyper_size={self.hyper_size}, "
                f"n_z={self.n_z}, layer_norm={self.layer_norm}, epsilon={self.epsilon:g}, "
                f"forget_bias={self.forget_bias:g}, z_source={self.z_source!r}")


def _check_state(module, state, batch, sizes):
    if len(state) != len(sizes):
        raise ValueError(f"{type(module).__name__}: state must be a tuple of "
                         f"{len(sizes)} tensors, got {len(state)}")
    for i, (s, n) in enumerate(zip(state, sizes)):
        if s.dim() != 2 or s.shape[0] != batch or s.shape[1] != n:
            raise ValueError(f"{type(module).__name__}: state[{i}] must be [{batch}, {n}], "
                             f"got {tuple(s.shape)}")


def _run_step(module, x, state):
    """One step of a cell module on x: [B, N_x] (zero states when None)."""
    module._check_input(x, 2)
    state = tuple(state) if state is not None else module._zero_state(x, x.shape[0])
    _check_state(module, state, x.shape[0], module._state_sizes())
    return module._step(x, state)


def _run_sequence(module, x, state, lengths):
    """Steps `module` over x: [T, B, N_x]; frozen states and zero outputs
    for t >= lengths[b] (the ONNX convention)."""
    module._check_input(x, 3)
    steps, batch = x.shape[0], x.shape[1]
    state = tuple(state) if state is not None else module._zero_state(x, batch)
    _check_state(module, state, batch, module._state_sizes())
    if lengths is not None:
        if lengths.dim() != 1 or lengths.shape[0] != batch:
            raise ValueError(f"{type(module).__name__}: lengths must be [{batch}], got "
                             f"{tuple(lengths.shape)}")
    ys = []
    for t in range(steps):
        new = module._step(x[t], state)
        if lengths is not None:
            live = (t < lengths).to(x.dtype).unsqueeze(1)
            new = tuple(live * n + (1 - live) * s for n, s in zip(new, state))
            ys.append(live * new[0])
        else:
            ys.append(new[0])
        state = new
    y = torch.stack(ys) if ys else x.new_zeros(0, batch, module.hidden_size)
    return y, state


class HyperLSTMCell(_LSTMBase):
    """One HyperLSTM step (``hyper.lstm_cell``).

    ``forward(x, state=None)`` takes x: [B, input_size] and state
    ``(h, c, ĥ, ĉ)`` of shapes [B, hidden_size] ×2 and [B, hyper_size] ×2
    (zeros when None) and returns the new state tuple.

    Keyword arguments (defaults are the dialect's): ``layer_norm=False``
    (one flag for both cells; adds ``hyper.ln_g``, ``hyper.ln_b``,
    ``hyper.ln_c_g``, ``hyper.ln_c_b`` and the ``main.`` ones),
    ``epsilon=1e-3`` (layer norm's ε; PyTorch's LayerNorm default is 1e-5),
    ``forget_bias=1.0`` (added to the forget gate after layer norm),
    ``z_source="current"`` (the embeddings come from the new hyper state ĥ';
    ``"previous"`` uses ĥ, the paper's text).
    """

    def forward(self, x, state=None):
        return _run_step(self, x, state)


class HyperLSTM(_LSTMBase):
    """A HyperLSTM over a sequence (``hyper.lstm``), Ha, Dai & Le 2016.

    ``forward(x, state=None, lengths=None)``: x is [T, B, input_size];
    ``state`` the initial ``(h, c, ĥ, ĉ)`` (zeros when None); ``lengths`` an
    optional int tensor [B]: for t ≥ lengths[b] sample b's states stay
    frozen and its output is 0. Returns ``(y, (h, c, ĥ, ĉ))`` with y:
    [T, B, hidden_size] and the final states.

    Same weights and keyword arguments as :class:`HyperLSTMCell`:
    ``layer_norm=False``, ``epsilon=1e-3``, ``forget_bias=1.0``,
    ``z_source="current"`` (the dialect's defaults).
    """

    def forward(self, x, state=None, lengths=None):
        return _run_sequence(self, x, state, lengths)


class _RNNBase(_RecurrentBase):
    gates = 1

    def __init__(self, input_size, hidden_size, hyper_size, n_z):
        super().__init__(input_size, hidden_size, hyper_size, n_z)
        self.reset_parameters()

    def _state_sizes(self):
        return (self.hidden_size, self.hyper_size)

    def _zero_state(self, x, batch):
        return (x.new_zeros(batch, self.hidden_size), x.new_zeros(batch, self.hyper_size))

    def _step(self, x, state):
        h, hh = state
        hw = self.hyper
        hh_next = torch.tanh(F.linear(torch.cat([x, h], dim=1), hw.w_x)
                             + F.linear(hh, hw.w_h) + hw.b)
        h_next = torch.tanh(self._main_preactivation(x, h, hh_next))
        return h_next, hh_next

    def extra_repr(self):
        return (f"{self.input_size}, {self.hidden_size}, hyper_size={self.hyper_size}, "
                f"n_z={self.n_z}")


class HyperRNNCell(_RNNBase):
    """One HyperRNN step (``hyper.rnn_cell``, the paper's Eq. 6 with Eq. 8).

    ``forward(x, state=None)``: x [B, input_size], state ``(h, ĥ)``
    ([B, hidden_size], [B, hyper_size]; zeros when None); returns the new
    ``(h, ĥ)``. No attributes: tanh cells, one gate, no layer norm.
    """

    def forward(self, x, state=None):
        return _run_step(self, x, state)


class HyperRNN(_RNNBase):
    """A HyperRNN over a sequence (``hyper.rnn``).

    ``forward(x, state=None, lengths=None)`` as :class:`HyperLSTM`, with
    state ``(h, ĥ)``; returns ``(y, (h, ĥ))``.
    """

    def forward(self, x, state=None, lengths=None):
        return _run_sequence(self, x, state, lengths)


def _pair(v, what, owner):
    if isinstance(v, int):
        return (v, v)
    v = tuple(v)
    if len(v) != 2 or not all(isinstance(e, int) for e in v):
        raise ValueError(f"{owner}: {what} must be an int or a pair of ints, got {v!r}")
    return v


class KernelGenerator(nn.Module):
    """The static hypernetwork's shared two-layer linear generator
    (``hyper.generate_kernel``).

    ``KernelGenerator(n_z, hidden, block)`` with ``block = (O_b, I_b, f_h,
    f_w)`` holds ``w_in [O_b·hidden, n_z]``, ``b_in``, ``w_out [I_b·f_h·f_w,
    hidden]`` and ``b_out``. ``forward(z)`` maps an embedding grid
    [m, k, n_z] (or [N, m, k, n_z], one kernel per sample) to the tiled OIHW
    kernel [m·O_b, k·I_b, f_h, f_w]: no nonlinearity, row o of
    reshape(w_in·z + b_in, [O_b, hidden]) becomes output channel o.
    """

    def __init__(self, n_z, hidden, block):
        super().__init__()
        block = tuple(block)
        if len(block) != 4 or not all(isinstance(b, int) and b > 0 for b in block):
            raise ValueError(f"KernelGenerator: block must be (O_b, I_b, f_h, f_w) of "
                             f"positive ints, got {block!r}")
        if not (isinstance(n_z, int) and n_z > 0 and isinstance(hidden, int) and hidden > 0):
            raise ValueError(f"KernelGenerator: n_z and hidden must be positive ints, got "
                             f"{n_z!r}, {hidden!r}")
        self.n_z, self.hidden, self.block = n_z, hidden, block
        o_b, i_b, fh, fw = block
        self.w_in = nn.Parameter(torch.empty(o_b * hidden, n_z))
        self.b_in = nn.Parameter(torch.empty(o_b * hidden))
        self.w_out = nn.Parameter(torch.empty(i_b * fh * fw, hidden))
        self.b_out = nn.Parameter(torch.empty(i_b * fh * fw))
        self.reset_parameters()

    def reset_parameters(self):
        o_b, i_b, fh, fw = self.block
        with torch.no_grad():
            # The generated kernel's entries get about the variance of
            # PyTorch's Conv2d initialisation for z of unit size.
            _uniform(self.w_in, self.n_z)
            nn.init.zeros_(self.b_in)
            nn.init.uniform_(self.w_out, -1.0, 1.0)
            self.w_out.mul_(math.sqrt(3.0 / (self.hidden * i_b * fh * fw)))
            nn.init.zeros_(self.b_out)

    def forward(self, z):
        if z.dim() not in (3, 4) or z.shape[-1] != self.n_z:
            raise ValueError(f"KernelGenerator: embeddings must be [m, k, {self.n_z}] or "
                             f"[N, m, k, {self.n_z}], got {tuple(z.shape)}")
        o_b, i_b, fh, fw = self.block
        lead = z.shape[:-3]
        m, k = z.shape[-3], z.shape[-2]
        a = F.linear(z, self.w_in, self.b_in).reshape(*lead, m, k, o_b, self.hidden)
        flat = F.linear(a, self.w_out, self.b_out)  # [..., m, k, O_b, I_b·f_h·f_w]
        blocks = flat.reshape(*lead, m, k, o_b, i_b, fh, fw)
        n = len(lead)
        order = list(range(n)) + [n, n + 2, n + 1, n + 3, n + 4, n + 5]
        return blocks.permute(*order).reshape(*lead, m * o_b, k * i_b, fh, fw)

    def extra_repr(self):
        return f"n_z={self.n_z}, hidden={self.hidden}, block={self.block}"


class HyperConv2d(nn.Module):
    """A convolution whose kernel a shared :class:`KernelGenerator` makes from
    this layer's embedding grid (``hyper.conv2d``).

    ``HyperConv2d(in_channels, out_channels, kernel_size, generator, *,
    block=None, stride=1, padding=0, dilation=1, bias=False)``: the grid
    ``z`` is [out/O_b, in/I_b, n_z] with ``block`` the generator's unless
    given (it must equal it); the channel counts must be multiples of the
    block and ``kernel_size`` its f_h × f_w. ``padding`` is an int, a pair
    (symmetric) or ``(top, left, bottom, right)``. No groups. NCHW.

    The generator is shared by every layer and is not a child of this
    module: register it once on the model (``self.gen = KernelGenerator(...)``)
    so that it is trained and exported once.
    """

    def __init__(self, in_channels, out_channels, kernel_size, generator, *, block=None,
                 stride=1, padding=0, dilation=1, bias=False):
        super().__init__()
        if not isinstance(generator, KernelGenerator):
            raise TypeError("HyperConv2d: generator must be a hyper_mlir.nn.KernelGenerator")
        block = tuple(block) if block is not None else generator.block
        if block != generator.block:
            raise ValueError(f"HyperConv2d: block {block} differs from the generator's "
                             f"{generator.block}")
        o_b, i_b, fh, fw = block
        if _pair(kernel_size, "kernel_size", "HyperConv2d") != (fh, fw):
            raise ValueError(f"HyperConv2d: kernel_size {kernel_size!r} differs from the "
                             f"generator's {fh}x{fw} block")
        if out_channels % o_b or in_channels % i_b or out_channels <= 0 or in_channels <= 0:
            raise ValueError(f"HyperConv2d: {in_channels} -> {out_channels} channels are not "
                             f"multiples of the {i_b}x{o_b} (in x out) block")
        self.in_channels, self.out_channels = in_channels, out_channels
        self.block = block
        self.stride = _pair(stride, "stride", "HyperConv2d")
        self.dilation = _pair(dilation, "dilation", "HyperConv2d")
        if isinstance(padding, int):
            padding = (padding,) * 4
        elif len(tuple(padding)) == 2:
            padding = (padding[0], padding[1], padding[0], padding[1])
        padding = tuple(padding)
        if len(padding) != 4 or any(not isinstance(p, int) or p < 0 for p in padding):
            raise ValueError(f"HyperConv2d: padding must be an int, a pair or (top, left, "
                             f"bottom, right) of non-negative ints, got {padding!r}")
        self.padding = padding
        object.__setattr__(self, "generator", generator)  # shared, not a child
        self.z = nn.Parameter(torch.randn(out_channels // o_b, in_channels // i_b,
                                          generator.n_z))
        self.bias = nn.Parameter(torch.zeros(out_channels)) if bias else None

    def kernel(self):
        """The generated OIHW kernel."""
        return self.generator(self.z)

    def forward(self, x):
        if x.dim() != 4 or x.shape[1] != self.in_channels:
            raise ValueError(f"HyperConv2d: input must be [N, {self.in_channels}, H, W], got "
                             f"{tuple(x.shape)}")
        top, left, bottom, right = self.padding
        if (top, left) == (bottom, right):
            return F.conv2d(x, self.kernel(), self.bias, self.stride, (top, left),
                            self.dilation)
        x = F.pad(x, (left, right, top, bottom))
        return F.conv2d(x, self.kernel(), self.bias, self.stride, 0, self.dilation)

    def extra_repr(self):
        return (f"{self.in_channels}, {self.out_channels}, block={self.block}, "
                f"stride={self.stride}, padding={self.padding}, dilation={self.dilation}, "
                f"bias={self.bias is not None}")


class DynamicLinear(nn.Module):
    """The general dynamic linear layer, W(z) = Σ_k z_k W_k
    (``hyper.dynamic_linear``, the paper's Eq. 5).

    ``DynamicLinear(in_features, out_features, n_z)`` holds ``weight``
    [n_z, out_features, in_features]; ``forward(x, z)`` with x [B, in] and
    z [B, n_z] returns y[b, n] = Σ_k Σ_j z[b, k]·W[k, n, j]·x[b, j], computed
    without per-sample weight matrices.
    """

    def __init__(self, in_features, out_features, n_z):
        super().__init__()
        self.in_features, self.out_features, self.n_z = in_features, out_features, n_z
        self.weight = nn.Parameter(torch.empty(n_z, out_features, in_features))
        _uniform(self.weight, in_features * n_z)

    def forward(self, x, z):
        if x.dim() != 2 or x.shape[1] != self.in_features:
            raise ValueError(f"DynamicLinear: x must be [B, {self.in_features}], got "
                             f"{tuple(x.shape)}")
        if z.dim() != 2 or z.shape[1] != self.n_z or z.shape[0] != x.shape[0]:
            raise ValueError(f"DynamicLinear: z must be [{x.shape[0]}, {self.n_z}], got "
                             f"{tuple(z.shape)}")
        # One GEMM [B, N_in]·[N_in, N_z·N_out], then the contraction with z.
        xw = F.linear(x, self.weight.reshape(-1, self.in_features))
        return torch.einsum("bkn,bk->bn", xw.reshape(x.shape[0], self.n_z,
                                                     self.out_features), z)

    def extra_repr(self):
        return f"{self.in_features}, {self.out_features}, n_z={self.n_z}"


#: Every module of this file that becomes a hyper op.
_HYPER_MODULES = (HyperLSTMCell, HyperLSTM, HyperRNNCell, HyperRNN, KernelGenerator,
                  HyperConv2d, DynamicLinear)
