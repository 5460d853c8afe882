"""The paper's hyper WRN-40-2 (§4.2) written as a normal PyTorch model with
hyper_mlir.nn: every 3x3 convolution of the three residual groups is a
HyperConv2d whose kernel one shared KernelGenerator makes from a grid of
16x16 blocks (N_z = d = 64, 966 tiles); the stem, the 1x1 shortcuts,
BatchNorm, ReLU, pooling and the classifier are torch.nn layers. Exported,
compiled with the kernels folded at compile time, and compared with
PyTorch in eval mode; prints the parameter summary, the agreement and the
speed of both.

    /usr/bin/python3 examples/pytorch_wrn40_2.py

test/python/test_export_compile.py imports HyperWRN from here.
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


class Block(nn.Module):
    """A pre-activation residual block: BN-ReLU-conv, BN-ReLU-conv, plus the
    input (through a 1x1 convolution where the width or stride changes)."""

    def __init__(self, cin, cout, stride, gen):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(cin)
        self.conv1 = hnn.HyperConv2d(cin, cout, 3, gen, stride=stride, padding=1)
        self.bn2 = nn.BatchNorm2d(cout)
        self.conv2 = hnn.HyperConv2d(cout, cout, 3, gen, padding=1)
        self.shortcut = (nn.Conv2d(cin, cout, 1, stride=stride, bias=False)
                         if cin != cout or stride != 1 else None)

    def forward(self, x):
        o = torch.relu(self.bn1(x))
        y = self.conv2(torch.relu(self.bn2(self.conv1(o))))
        return y + (self.shortcut(o) if self.shortcut is not None else x)


class HyperWRN(nn.Module):
    """WRN-depth-widen on 32x32 images with hyper convolutions."""

    def __init__(self, depth=40, widen=2, classes=10):
        super().__init__()
        blocks = (depth - 4) // 6
        widths = [16, 16 * widen, 32 * widen, 64 * widen]
        self.gen = hnn.KernelGenerator(64, 64, (16, 16, 3, 3))
        self.stem = nn.Conv2d(3, widths[0], 3, padding=1, bias=False)
        layers, cin = [], widths[0]
        for g, stride in enumerate((1, 2, 2)):
            for b in range(blocks):
                layers.append(Block(cin, widths[g + 1], stride if b == 0 else 1, self.gen))
                cin = widths[g + 1]
        self.blocks = nn.Sequential(*layers)
        self.bn = nn.BatchNorm2d(cin)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(cin, classes)

    def forward(self, x):
        y = self.blocks(self.stem(x))
        y = self.pool(torch.relu(self.bn(y)))
        return self.fc(torch.flatten(y, 1))


def trained_statistics(model, seed=0):
    """Gives every BatchNorm the kind of statistics training leaves (a fresh
    one is the identity), so that eval mode is a real test."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.running_mean.uniform_(-0.2, 0.2, generator=g)
                m.running_var.uniform_(0.5, 1.5, generator=g)
                m.weight.uniform_(0.8, 1.2, generator=g)
                m.bias.uniform_(-0.1, 0.1, generator=g)
    return model.eval()


def main():
    torch.manual_seed(0)
    model = trained_statistics(HyperWRN())
    example = torch.randn(2, 3, 32, 32)
    summary = hyper_mlir.summary(model, (example,))
    print(f"generator {summary.row('gen')['hypernetwork']:,} parameters, "
          f"{summary.total_parameters:,} in all")
    start = time.perf_counter()
    compiled = hyper_mlir.compile(model, (example,), cache_dir=tempfile.mkdtemp())
    print(f"exported and compiled (966 kernel tiles folded) in "
          f"{time.perf_counter() - start:.1f} s")
    for batch in (1, 8):
        compare(f"B={batch}", model, compiled, torch.randn(batch, 3, 32, 32),
                note=" (kernels generated every call)")

if __name__ == "__main__":
    main()
