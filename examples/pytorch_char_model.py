"""A HyperLSTM character model written in PyTorch with hyper_mlir.nn,
trained a few steps, exported, compiled and called from Python; prints the
agreement with PyTorch and the speed of both.

    /usr/bin/python3 examples/pytorch_char_model.py
"""

import os
import sys
import tempfile
import time

import torch
from torch import nn

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
import hyper_mlir  # noqa: E402
from example_util import compare  # noqa: E402
from hyper_mlir import nn as hnn  # noqa: E402

VOCAB = 50


class CharModel(nn.Module):
    """The Penn Treebank HyperLSTM's shape at a quarter of its width."""

    def __init__(self):
        super().__init__()
        self.rnn = hnn.HyperLSTM(VOCAB, 256, 64, 4, layer_norm=True, epsilon=1e-3)
        self.head = nn.Linear(256, VOCAB)

    def forward(self, x):
        y, _ = self.rnn(x)
        return torch.log_softmax(self.head(y), dim=-1)


def main():
    torch.manual_seed(0)
    model = CharModel()
    text = torch.randint(0, VOCAB, (33, 8))
    x = nn.functional.one_hot(text[:-1], VOCAB).float()
    opt = torch.optim.Adam(model.parameters(), lr=3e-3)
    for step in range(3):
        opt.zero_grad()
        loss = nn.functional.nll_loss(model(x).reshape(-1, VOCAB), text[1:].reshape(-1))
        loss.backward()
        opt.step()
        print(f"train step {step}: loss {loss.item():.4f}")
    model.eval()
    print(hyper_mlir.summary(model, (x,)))
    start = time.perf_counter()
    compiled = hyper_mlir.compile(model, (x,), cache_dir=tempfile.mkdtemp())
    print(f"exported and compiled in {time.perf_counter() - start:.1f} s: {compiled}")
    for batch in (1, 8):
        xb = nn.functional.one_hot(torch.randint(0, VOCAB, (32, batch)), VOCAB).float()
        compare(f"T=32 B={batch}", model, compiled, xb)

if __name__ == "__main__":
    main()
