"""hyper_mlir.nn computes exactly the dialect's ops: checked against the
independent float64 golden cases of test/data (SPEC §4 tolerance), and each
module trains with autograd."""

import numpy as np
import pytest
import torch

from conftest import assert_close, golden
from hyper_mlir import nn as hnn


def load_weights(module, arrays):
    state = {k: torch.from_numpy(v.astype(np.float32)) for k, v in arrays.items()
             if k in module.state_dict()}
    missing = set(module.state_dict()) - set(state)
    assert not missing, f"golden case lacks {missing}"
    module.load_state_dict(state)


@pytest.mark.parametrize("case", ["lstm_small", "lstm_small_ln"])
def test_hyper_lstm_matches_golden(case):
    meta, a = golden(case)
    m = hnn.HyperLSTM(meta["N_x"], meta["N_h"], meta["N_hh"], meta["N_z"],
                      layer_norm=meta["layer_norm"], epsilon=meta["eps"],
                      forget_bias=meta["forget_bias"], z_source=meta["z_source"])
    load_weights(m, a)
    with torch.no_grad():
        y, (h, c, hh, hc) = m(torch.from_numpy(a["x"]))
    assert_close(y, a["y"], "y")
    assert_close(h, a["h_T"], "h_T")
    if "c_T" in a:
        assert_close(c, a["c_T"], "c_T")
        assert_close(hh, a["hh_T"], "hh_T")
        assert_close(hc, a["hc_T"], "hc_T")


def test_hyper_lstm_cell_is_one_step():
    meta, a = golden("lstm_small")
    cell = hnn.HyperLSTMCell(meta["N_x"], meta["N_h"], meta["N_hh"], meta["N_z"])
    load_weights(cell, a)
    with torch.no_grad():
        h, c, hh, hc = cell(torch.from_numpy(a["x"][0]))
    assert_close(h, a["y"][0], "h after one step")


def test_hyper_rnn_matches_golden():
    meta, a = golden("rnn_small")
    m = hnn.HyperRNN(meta["N_x"], meta["N_h"], meta["N_hh"], meta["N_z"])
    load_weights(m, a)
    with torch.no_grad():
        y, (h, hh) = m(torch.from_numpy(a["x"]))
        cell = hnn.HyperRNNCell(meta["N_x"], meta["N_h"], meta["N_hh"], meta["N_z"])
        cell.load_state_dict(m.state_dict())
        h1, _ = cell(torch.from_numpy(a["x"][0]))
    assert_close(h1, a["y"][0], "h after one step")
    assert_close(y, a["y"], "y")
    assert_close(h, a["h_T"], "h_T")
    assert_close(hh, a["hh_T"], "hh_T")


@pytest.mark.parametrize("case", ["conv_mnist", "conv_tiled"])
def test_hyper_conv_matches_golden(case):
    meta, a = golden(case)
    m_tiles, k_tiles = meta["tiles"]
    o_b, i_b, fh, fw = meta["block"]
    gen = hnn.KernelGenerator(meta["N_z"], meta["d"], meta["block"])
    conv = hnn.HyperConv2d(k_tiles * i_b, m_tiles * o_b, (fh, fw), gen,
                           stride=tuple(meta["stride"]), padding=tuple(meta["pad"]),
                           dilation=tuple(meta["dilation"]), bias=meta["bias"])
    with torch.no_grad():
        for n in ("w_in", "b_in", "w_out", "b_out"):
            getattr(gen, n).copy_(torch.from_numpy(a[n]))
        conv.z.copy_(torch.from_numpy(a["z"]))
        if meta["bias"]:
            conv.bias.copy_(torch.from_numpy(a["bias"]))
        assert_close(conv.kernel(), a["kernel"], "kernel")
        assert_close(conv(torch.from_numpy(a["x"])), a["y"], "y")


def test_dynamic_linear_matches_golden():
    meta, a = golden("dynlin_small")
    w = a["w"]
    m = hnn.DynamicLinear(w.shape[2], w.shape[1], w.shape[0])
    with torch.no_grad():
        m.weight.copy_(torch.from_numpy(w))
        assert_close(m(torch.from_numpy(a["x"]), torch.from_numpy(a["z"])), a["y"], "y")


def test_lengths_freeze_states_and_zero_outputs():
    torch.manual_seed(0)
    m = hnn.HyperLSTM(3, 5, 4, 2)
    x = torch.randn(6, 2, 3)
    lengths = torch.tensor([6, 3], dtype=torch.int32)
    with torch.no_grad():
        y, state = m(x, lengths=lengths)
        y_short, state_short = m(x[:3, 1:])
    assert torch.all(y[3:, 1] == 0)
    assert_close(y[:3, 1:], y_short, "the short sample's outputs")
    for s, t in zip(state, state_short):
        assert_close(s[1:], t, "the short sample's final state")


def test_defaults_are_the_dialects():
    m = hnn.HyperLSTM(3, 5, 4, 2)
    assert (m.epsilon, m.forget_bias, m.z_source, m.layer_norm) == (1e-3, 1.0, "current", False)
    for cls in (hnn.HyperLSTM, hnn.HyperLSTMCell):
        assert "epsilon=1e-3" in cls.__doc__ and "forget_bias=1.0" in cls.__doc__


def test_bad_arguments_raise():
    with pytest.raises(ValueError, match="hidden_size must be a positive int"):
        hnn.HyperLSTM(3, 0, 4, 2)
    with pytest.raises(ValueError, match="z_source"):
        hnn.HyperLSTM(3, 5, 4, 2, z_source="next")
    m = hnn.HyperLSTM(3, 5, 4, 2)
    with pytest.raises(ValueError, match=r"input must be \[T, B, N_x\] with N_x = 3"):
        m(torch.zeros(4, 2, 7))
    with pytest.raises(ValueError, match=r"state\[1\] must be \[2, 5\]"):
        m(torch.zeros(4, 2, 3), (torch.zeros(2, 5), torch.zeros(1, 5), torch.zeros(2, 4),
                                 torch.zeros(2, 4)))
    gen = hnn.KernelGenerator(4, 4, (16, 16, 3, 3))
    with pytest.raises(ValueError, match="not multiples"):
        hnn.HyperConv2d(16, 24, 3, gen)


def sgd_loss_falls(module, inputs, target_fn, steps=8, lr=0.05):
    opt = torch.optim.SGD(module.parameters(), lr=lr)
    losses = []
    for _ in range(steps):
        opt.zero_grad()
        loss = target_fn(module(*inputs))
        loss.backward()
        opt.step()
        losses.append(loss.item())
    assert losses[-1] < losses[0], f"loss did not fall: {losses}"


def test_modules_train():
    torch.manual_seed(1)
    x = torch.randn(5, 3, 4)
    target = torch.randn(5, 3, 6)
    for ln in (False, True):
        sgd_loss_falls(hnn.HyperLSTM(4, 6, 5, 3, layer_norm=ln), (x,),
                       lambda out: ((out[0] - target) ** 2).mean())
    sgd_loss_falls(hnn.HyperRNN(4, 6, 5, 3), (x,), lambda out: ((out[0] - target) ** 2).mean())
    cell = hnn.HyperLSTMCell(4, 6, 5, 3)
    sgd_loss_falls(cell, (x[0],), lambda out: ((out[0] - target[0]) ** 2).mean())

    class Net(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.gen = hnn.KernelGenerator(4, 4, (4, 4, 3, 3))
            self.conv = hnn.HyperConv2d(4, 8, 3, self.gen, padding=1)

        def forward(self, x):
            return self.conv(x)
    img, goal = torch.randn(2, 4, 6, 6), torch.randn(2, 8, 6, 6)
    net = Net()
    sgd_loss_falls(net, (img,), lambda out: ((out - goal) ** 2).mean(), lr=0.5)
    assert net.gen.w_in.grad is not None and net.conv.z.grad is not None
    dl = hnn.DynamicLinear(4, 6, 3)
    z = torch.randn(3, 3)
    sgd_loss_falls(dl, (x[0], z), lambda out: ((out - target[0]) ** 2).mean())
