"""PyTorch module -> hyper_mlir.export -> hyper_mlir.compile -> call: the
compiled model equals PyTorch within SPEC §4 (PyTorch here is an independent
implementation: its own LSTM-free float32 kernels), for fixed and dynamic
batches; bad modules, weights and calls raise one clear exception."""

import os
import shutil
import subprocess
import sys

import numpy as np
import pytest
import torch
from torch import nn

import hyper_mlir
from conftest import ROOT, assert_close
from hyper_mlir import nn as hnn


class CharModel(nn.Module):
    """A character-level HyperLSTM language model (one-hot in, log-probs out)."""

    def __init__(self, vocab=12, hidden=24, hyper=8, n_z=4, layer_norm=True):
        super().__init__()
        self.rnn = hnn.HyperLSTM(vocab, hidden, hyper, n_z, layer_norm=layer_norm,
                                 epsilon=1e-5)
        self.head = nn.Linear(hidden, vocab)

    def forward(self, x):
        y, (h, c, hh, hc) = self.rnn(x)
        return torch.log_softmax(self.head(y), dim=-1), h


def train_a_few_steps(model, vocab=12, steps=5):
    torch.manual_seed(3)
    text = torch.randint(0, vocab, (9, 4))
    x = nn.functional.one_hot(text[:-1], vocab).float()
    opt = torch.optim.SGD(model.parameters(), lr=0.5)
    losses = []
    for _ in range(steps):
        opt.zero_grad()
        logp, _ = model(x)
        loss = nn.functional.nll_loss(logp.reshape(-1, vocab), text[1:].reshape(-1))
        loss.backward()
        opt.step()
        losses.append(loss.item())
    assert losses[-1] < losses[0], losses
    return model.eval()


@pytest.fixture(scope="module")
def char_model():
    torch.manual_seed(0)
    return train_a_few_steps(CharModel())


@pytest.mark.parametrize("dynamic", [True, False])
def test_char_model_end_to_end(tools, tmp_path, char_model, dynamic):
    example = torch.randn(6, 1, 12)
    exported = hyper_mlir.export(char_model, (example,), dynamic=dynamic)
    assert "epsilon = 9.99999974" in exported.mlir and "forget_bias = 1.0" in exported.mlir
    assert "z_source = #hyper.z_source<current>" in exported.mlir
    assert set(exported.weights) == set(char_model.state_dict())
    compiled = hyper_mlir.compile(exported, cache_dir=str(tmp_path))
    for batch in ([1, 5] if dynamic else [1]):
        x = torch.randn(6, batch, 12)
        with torch.no_grad():
            want = char_model(x)
        got = compiled(x)
        assert isinstance(got[0], torch.Tensor)
        assert_close(got[0], want[0], f"log-probs, B={batch}")
        assert_close(got[1], want[1], f"h_T, B={batch}")
        got_np = compiled(x.numpy())
        assert isinstance(got_np[0], np.ndarray)
    if not dynamic:
        with pytest.raises(ValueError, match=r"expected shape \[6, 1, 12\], got \[6, 5, 12\]"):
            compiled(torch.randn(6, 5, 12))


def test_weights_as_inputs_and_save_load(tools, tmp_path, char_model):
    x = torch.randn(5, 3, 12)
    exported = hyper_mlir.export(char_model, (x,))
    mlir, npz = exported.save(str(tmp_path / "char") + os.sep)
    assert os.path.basename(mlir) == "model.mlir" and os.path.basename(npz) == "weights.npz"
    assert sorted(np.load(npz).files) == sorted(exported.weights)
    compiled = hyper_mlir.compile(exported, bind_weights=False, cache_dir=str(tmp_path))
    with torch.no_grad():
        want = char_model(x)[0]
    assert_close(compiled(x)[0], want, "weights passed at call time")
    again = hyper_mlir.load(compiled.path, exported.weights)
    assert_close(again(x.numpy())[0], want.numpy(), "reloaded")


class WideResNetish(nn.Module):
    """A small WRN-style network: hyper-conv residual blocks with BatchNorm
    and ReLU, a strided 1x1 shortcut, pooling and a classifier."""

    def __init__(self):
        super().__init__()
        self.gen = hnn.KernelGenerator(8, 8, (16, 16, 3, 3))
        self.stem = nn.Conv2d(3, 16, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(16)
        self.conv1 = hnn.HyperConv2d(16, 32, 3, self.gen, padding=1)
        self.bn2 = nn.BatchNorm2d(32)
        self.conv2 = hnn.HyperConv2d(32, 32, 3, self.gen, stride=2, padding=1)
        self.shortcut = nn.Conv2d(16, 32, 1, stride=2, bias=False)
        self.pool = nn.MaxPool2d(2)
        self.avg = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(32, 10)

    def forward(self, x):
        x = self.stem(x)
        o = torch.relu(self.bn1(x))
        y = self.conv2(torch.relu(self.bn2(self.conv1(o))))
        y = y + self.shortcut(o)
        y = torch.flatten(self.avg(self.pool(y)), 1)
        return nn.functional.softmax(self.fc(y), dim=1)


def test_hyper_cnn_end_to_end(tools, tmp_path):
    torch.manual_seed(0)
    model = WideResNetish()
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.running_mean.uniform_(-0.5, 0.5)
                m.running_var.uniform_(0.5, 2.0)
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.2, 0.2)
    model.eval()
    compiled = hyper_mlir.compile(model, (torch.randn(2, 3, 16, 16),), cache_dir=str(tmp_path))
    for batch in (1, 3):
        x = torch.randn(batch, 3, 16, 16)
        with torch.no_grad():
            assert_close(compiled(x), model(x), f"B={batch}")


def test_wrn40_2_end_to_end(tools, tmp_path):
    """examples/pytorch_wrn40_2.py's hyper WRN-40-2: 36 hyper convolutions
    sharing one generator, exported and compiled with the kernels folded,
    equal to PyTorch in eval mode for batches other than the example's."""
    sys.path.insert(0, os.path.join(ROOT, "examples"))
    from pytorch_wrn40_2 import HyperWRN, trained_statistics
    torch.manual_seed(1)
    model = trained_statistics(HyperWRN(), seed=1)
    assert hyper_mlir.summary(model).row("gen")["hypernetwork"] == 75_920
    exported = hyper_mlir.export(model, (torch.randn(2, 3, 32, 32),))
    assert exported.mlir.count("hyper.conv2d") == 36
    compiled = hyper_mlir.compile(exported, cache_dir=str(tmp_path))
    # Every weight is bound (the kernels fold): the image is the only input.
    assert len(compiled.metadata["functions"][0]["inputs"]) == 1
    for batch in (1, 3):
        x = torch.randn(batch, 3, 32, 32)
        with torch.no_grad():
            assert_close(compiled(x), model(x), f"WRN-40-2, B={batch}")


CUDA_CASE = """
import sys, tempfile, numpy as np, torch
sys.path[:0] = sys.argv[1:3]
import hyper_mlir
from test_export_compile import CharModel
torch.manual_seed(0)
model = CharModel().eval()
compiled = hyper_mlir.compile(model, (torch.randn(6, 2, 12),), target="cuda",
                              cache_dir=tempfile.mkdtemp())
print(compiled.target)
try:
    out = compiled(np.random.rand(6, 3, 12).astype(np.float32))
    print("ran", [o.shape for o in out])
except hyper_mlir.HyperError as e:
    print("HyperError:", e)
"""


@pytest.mark.skipif(shutil.which("ptxas") is None,
                    reason="compiling for CUDA needs the CUDA toolkit's ptxas")
@pytest.mark.parametrize("driver", ["missing", "fake"])
def test_cuda_target(tools, driver):
    """compile(target="cuda") on a machine without a GPU: the call raises a
    HyperError naming the reason; against the test suite's stand-in driver
    (kernels do not run, so only shapes are checked) the host side runs."""
    recording = os.path.join(tools, "..", "lib", "libHyperRecordingCudaDriver.so")
    if driver == "fake" and not os.path.exists(recording):
        pytest.skip("the build's fake CUDA driver is not there")
    env = dict(os.environ, HYPER_MLIR_TOOLS=tools,
               HYPER_CUDA_DRIVER=recording if driver == "fake" else "/nonexistent/libcuda.so.1")
    run = subprocess.run([sys.executable, "-c", CUDA_CASE, os.path.join(ROOT, "python"),
                          os.path.dirname(os.path.abspath(__file__))],
                         capture_output=True, text=True, env=env, timeout=600)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == "cuda", run.stdout
    if driver == "fake":
        assert lines[1] == "ran [(6, 3, 12), (3, 24)]", run.stdout
    else:
        assert lines[1].startswith("HyperError: @forward: cannot load the CUDA driver"), run.stdout


def test_export_errors_name_node_target_and_line():
    class Bad(nn.Module):
        def __init__(self):
            super().__init__()
            self.gru = nn.GRU(4, 4)

        def forward(self, x):
            return self.gru(x)[0]
    with pytest.raises(hyper_mlir.ExportError,
                       match=r"cannot export node 'gru' \(call_module gru: GRU\) at .*"
                             r"test_export_compile.py:\d+ in forward: return self.gru\(x\)\[0\]"
                             r": GRU is not supported"):
        hyper_mlir.export(Bad(), (torch.zeros(3, 2, 4),))

    class Train(nn.Module):
        def __init__(self):
            super().__init__()
            self.bn = nn.BatchNorm2d(3)

        def forward(self, x):
            return self.bn(x)
    with pytest.raises(hyper_mlir.ExportError, match="call model.eval"):
        hyper_mlir.export(Train(), (torch.zeros(1, 3, 4, 4),))


def test_bad_calls_raise_value_error(tools, tmp_path, char_model):
    compiled = hyper_mlir.compile(char_model, (torch.randn(4, 2, 12),), cache_dir=str(tmp_path))
    with pytest.raises(ValueError, match=r"input 0 \('x'\) of @forward: expected dtype float32"):
        compiled(np.zeros((4, 2, 12)))
    with pytest.raises(ValueError, match=r"expected shape \[\?, \?, 12\], got \[4, 2\]"):
        compiled(np.zeros((4, 2), np.float32))
    with pytest.raises(ValueError, match="takes 1 input"):
        compiled(np.zeros((4, 2, 12), np.float32), np.zeros(3, np.float32))
    with pytest.raises(ValueError, match="missing input 'x'"):
        compiled()


def test_weights_that_disagree_with_the_module(tools, tmp_path, char_model):
    exported = hyper_mlir.export(char_model, (torch.randn(4, 2, 12),))
    compiled = hyper_mlir.compile(exported, bind_weights=False, cache_dir=str(tmp_path))
    weights = dict(exported.weights, **{"head.weight": np.zeros((12, 23), np.float32)})
    with pytest.raises(ValueError, match=r"\('head_weight'\) of @forward: expected shape "
                                         r"\[12, 24\], got \[12, 23\]"):
        hyper_mlir.load(compiled.path, weights)(np.zeros((4, 2, 12), np.float32))
    exported.weights["head.weight"] = np.zeros((12, 23), np.float32)
    with pytest.raises(RuntimeError, match=r"weight 'head.weight' has type 'tensor<12x23xf32>', "
                                           r"which does not fit argument #23") as failure:
        hyper_mlir.compile(exported, cache_dir=str(tmp_path))
    assert "see current operation" not in str(failure.value)


def test_library_that_does_not_match_metadata(tools, tmp_path):
    with pytest.raises(hyper_mlir.HyperError, match="not a 64-bit"):
        path = tmp_path / "junk.so"
        path.write_bytes(b"not a library")
        hyper_mlir.load(str(path))
    # A real shared library that is no model.
    libm = "/lib/x86_64-linux-gnu/libm.so.6"
    if os.path.exists(libm):
        with pytest.raises(hyper_mlir.HyperError, match="not a model compiled by hyper-compile"):
            hyper_mlir.load(libm)


def test_summary_reproduces_the_papers_counts():
    ptb = nn.ModuleDict({"rnn": hnn.HyperLSTM(50, 1000, 128, 4),
                         "softmax": nn.Linear(1000, 50)})
    assert hyper_mlir.summary(ptb).total_parameters == 4_911_874
    ptb_ln = nn.ModuleDict({"rnn": hnn.HyperLSTM(50, 1000, 128, 4, layer_norm=True),
                            "softmax": nn.Linear(1000, 50)})
    assert hyper_mlir.summary(ptb_ln).total_parameters == 4_923_154

    class Mnist(nn.Module):
        def __init__(self):
            super().__init__()
            self.gen = hnn.KernelGenerator(4, 4, (16, 16, 7, 7))
            self.conv = hnn.HyperConv2d(16, 16, 7, self.gen, padding=3)

        def forward(self, x):
            return self.conv(x)
    s = hyper_mlir.summary(Mnist(), (torch.zeros(1, 16, 14, 14),))
    assert s.row("gen")["hypernetwork"] + s.row("conv")["embeddings"] == 4_244
    assert s.row("conv")["generated"] == 16 * 16 * 7 * 7
    assert s.row("conv")["multiply-adds"] == 16 * 14 * 14 * 16 * 49 + (4 * 16 * 4 + 16 * 4 * 784)
    wrn_gen = hnn.KernelGenerator(64, 64, (16, 16, 3, 3))
    assert hyper_mlir.summary(wrn_gen).row("")["hypernetwork"] == 75_920


def test_input_names_that_look_like_emitted_names(tools, tmp_path):
    class Add(nn.Module):
        def __init__(self):
            super().__init__()
            self.fc = nn.Linear(4, 4)

        def forward(self, c0, w0):
            return self.fc(c0) + w0
    torch.manual_seed(0)
    model = Add()
    a, b = torch.randn(3, 4), torch.randn(3, 4)
    compiled = hyper_mlir.compile(model, (a, b), cache_dir=str(tmp_path))
    with torch.no_grad():
        assert_close(compiled(a, b), model(a, b), "c0 and w0 as input names")
