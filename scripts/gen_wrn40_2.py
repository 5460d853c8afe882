#!/usr/bin/env python3
"""Writes examples/wrn40_2_hypercnn.mlir: the WRN-40-2 hyper-CNN of the paper.

Every 3x3 convolution of the three residual groups is a `hyper.conv2d` whose
kernel one shared generator makes from a grid of 16x16 blocks (N_z = d = 64,
966 tiles in all). The non-hyper parts use upstream ops: the 3->16 stem and
the 1x1 shortcuts are `linalg.conv_2d_nchw_fchw`, inference batch norm is a
per-channel `tosa.mul` + `tosa.add`, ReLU is `tosa.clamp`, and the head is a
global average pool plus a 128->10 linear layer in linalg.

The batch size is dynamic. Every weight is a function argument named with
`hyper.name` so a weights archive can bind it.

Usage: scripts/gen_wrn40_2.py [-o examples/wrn40_2_hypercnn.mlir]
"""

import argparse
import sys

DEPTH, WIDEN = 40, 2
BLOCKS = (DEPTH - 4) // 6  # 6 pre-activation blocks per group
WIDTHS = [16, 16 * WIDEN, 32 * WIDEN, 64 * WIDEN]  # stem, then the 3 groups
STRIDES = [1, 2, 2]
NZ = D = 64  # embedding size and generator hidden size
BLOCK = 16  # O_b = I_b
CLASSES = 10
IMAGE = 32


def t(*dims):
    return "tensor<" + "x".join("?" if d is None else str(d) for d in dims) + "xf32>"


class Emitter:
    def __init__(self):
        self.args = []  # (ssa name, type, weight name)
        self.body = []
        self.count = 0
        self.tiles = 0

    def arg(self, name, type_):
        ssa = "%" + name.replace(".", "_")
        self.args.append((ssa, type_, name))
        return ssa

    def fresh(self, hint):
        self.count += 1
        return f"%{hint}{self.count}"

    def emit(self, line):
        self.body.append("  " + line)

    def batch_norm_relu(self, x, name, c, hw):
        """Inference batch norm folded to a per-channel affine map, then ReLU."""
        scale = self.arg(f"{name}.scale", t(1, c, 1, 1))
        shift = self.arg(f"{name}.shift", t(1, c, 1, 1))
        ty = t(None, c, hw, hw)
        m, a, r = self.fresh("bn_mul"), self.fresh("bn"), self.fresh("relu")
        self.emit(f"{m} = tosa.mul {x}, {scale}, %shift0 : ({ty}, {t(1, c, 1, 1)}, tensor<1xi8>) -> {ty}")
        self.emit(f"{a} = tosa.add {m}, {shift} : ({ty}, {t(1, c, 1, 1)}) -> {ty}")
        self.emit(f"{r} = tosa.clamp {a} {{max_val = 3.40282347E+38 : f32, min_val = 0.000000e+00 : f32}}"
                  f" : ({ty}) -> {ty}")
        return r

    def hyper_conv(self, x, name, cin, cout, hw, stride):
        m, k = cout // BLOCK, cin // BLOCK
        self.tiles += m * k
        z = self.arg(f"{name}.z", f"tensor<{m}x{k}x{NZ}xf32>")
        out_hw = (hw + 2 - 3) // stride + 1
        y = self.fresh("conv")
        strides = f" strides [{stride}, {stride}]" if stride != 1 else ""
        self.emit(f"{y} = hyper.conv2d {x}, {z} : {t(None, cin, hw, hw)}, tensor<{m}x{k}x{NZ}xf32>")
        self.emit(f"    generator(%gen_w_in, %gen_b_in, %gen_w_out, %gen_b_out : {GEN_TYPES})")
        self.emit(f"    block [{BLOCK}, {BLOCK}, 3, 3]{strides} padding [1, 1, 1, 1]")
        return y, out_hw

    def plain_conv(self, x, name, cin, cout, hw, kernel, stride, pad):
        """A linalg convolution (NCHW / FCHW) with zero padding."""
        w = self.arg(f"{name}.w", t(cout, cin, kernel, kernel))
        if pad:
            padded = self.fresh("pad")
            phw = hw + 2 * pad
            self.emit(f"{padded} = tensor.pad {x} low[0, 0, {pad}, {pad}] high[0, 0, {pad}, {pad}] {{")
            self.emit("^bb0(%i: index, %j: index, %k: index, %l: index):")
            self.emit("  tensor.yield %zero : f32")
            self.emit(f"}} : {t(None, cin, hw, hw)} to {t(None, cin, phw, phw)}")
            x, hw = padded, phw
        out_hw = (hw - kernel) // stride + 1
        init, fill, y = self.fresh("empty"), self.fresh("acc"), self.fresh("conv")
        ty = t(None, cout, out_hw, out_hw)
        self.emit(f"{init} = tensor.empty(%n) : {ty}")
        self.emit(f"{fill} = linalg.fill ins(%zero : f32) outs({init} : {ty}) -> {ty}")
        self.emit(f"{y} = linalg.conv_2d_nchw_fchw {{dilations = dense<1> : tensor<2xi64>, "
                  f"strides = dense<{stride}> : tensor<2xi64>}}")
        self.emit(f"    ins({x}, {w} : {t(None, cin, hw, hw)}, {t(cout, cin, kernel, kernel)})")
        self.emit(f"    outs({fill} : {ty}) -> {ty}")
        return y, out_hw


GEN_TYPES = (f"tensor<{BLOCK * D}x{NZ}xf32>, tensor<{BLOCK * D}xf32>, "
             f"tensor<{BLOCK * 9}x{D}xf32>, tensor<{BLOCK * 9}xf32>")


def build():
    e = Emitter()
    x = e.arg("x", t(None, 3, IMAGE, IMAGE))
    for name, ty in zip(["gen.w_in", "gen.b_in", "gen.w_out", "gen.b_out"], GEN_TYPES.split(", ")):
        e.arg(name, ty)
    e.emit("%zero = arith.constant 0.000000e+00 : f32")
    e.emit("%c0 = arith.constant 0 : index")
    e.emit(f"%n = tensor.dim {x}, %c0 : {t(None, 3, IMAGE, IMAGE)}")
    e.emit('%shift0 = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>')

    e.emit("// Stem: a plain 3x3 convolution, 3 -> 16 channels.")
    h, hw = e.plain_conv(x, "stem", 3, WIDTHS[0], IMAGE, 3, 1, 1)
    cin = WIDTHS[0]
    for g in range(3):
        cout = WIDTHS[g + 1]
        for b in range(BLOCKS):
            name = f"group{g + 1}.block{b + 1}"
            stride = STRIDES[g] if b == 0 else 1
            e.emit(f"// {name}: {cin} -> {cout} channels, stride {stride}.")
            o = e.batch_norm_relu(h, f"{name}.bn1", cin, hw)
            y, out_hw = e.hyper_conv(o, f"{name}.conv1", cin, cout, hw, stride)
            y = e.batch_norm_relu(y, f"{name}.bn2", cout, out_hw)
            y, _ = e.hyper_conv(y, f"{name}.conv2", cout, cout, out_hw, 1)
            if cin != cout or stride != 1:
                shortcut, _ = e.plain_conv(o, f"{name}.shortcut", cin, cout, hw, 1, stride, 0)
            else:
                shortcut = h
            s = e.fresh("res")
            ty = t(None, cout, out_hw, out_hw)
            e.emit(f"{s} = tosa.add {y}, {shortcut} : ({ty}, {ty}) -> {ty}")
            h, hw, cin = s, out_hw, cout

    e.emit("// Head: BN-ReLU, global average pool, 128 -> 10 linear layer.")
    h = e.batch_norm_relu(h, "final.bn", cin, hw)
    fc_w = e.arg("fc.w", t(CLASSES, cin))
    fc_b = e.arg("fc.b", t(CLASSES))
    pooled_init, pooled_zero, pooled = e.fresh("empty"), e.fresh("acc"), e.fresh("sum")
    e.emit(f"{pooled_init} = tensor.empty(%n) : {t(None, cin)}")
    e.emit(f"{pooled_zero} = linalg.fill ins(%zero : f32) outs({pooled_init} : {t(None, cin)}) -> {t(None, cin)}")
    e.emit(f"{pooled} = linalg.reduce ins({h} : {t(None, cin, hw, hw)}) outs({pooled_zero} : {t(None, cin)}) dimensions = [2, 3]")
    e.emit("    (%in: f32, %acc: f32) {")
    e.emit("      %s = arith.addf %in, %acc : f32")
    e.emit("      linalg.yield %s : f32")
    e.emit("    }")
    inv_area, mean = e.fresh("inv_area"), e.fresh("mean")
    e.emit(f"%inv_area = arith.constant {1.0 / (hw * hw):.6e} : f32")
    e.emit(f"{inv_area} = linalg.fill ins(%inv_area : f32) outs({pooled_init} : {t(None, cin)}) -> {t(None, cin)}")
    e.emit(f"{mean} = linalg.map {{ arith.mulf }} ins({pooled}, {inv_area} : {t(None, cin)}, {t(None, cin)})"
           f" outs({pooled_init} : {t(None, cin)})")
    logits_init, bias, logits = e.fresh("empty"), e.fresh("bias"), e.fresh("logits")
    e.emit(f"{logits_init} = tensor.empty(%n) : {t(None, CLASSES)}")
    e.emit(f"{bias} = linalg.broadcast ins({fc_b} : {t(CLASSES)}) outs({logits_init} : {t(None, CLASSES)}) dimensions = [0]")
    e.emit(f"{logits} = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>,")
    e.emit("                                            affine_map<(m, n, k) -> (n, k)>,")
    e.emit("                                            affine_map<(m, n, k) -> (m, n)>]")
    e.emit(f"    ins({mean}, {fc_w} : {t(None, cin)}, {t(CLASSES, cin)}) outs({bias} : {t(None, CLASSES)}) -> {t(None, CLASSES)}")
    e.emit(f"return {logits} : {t(None, CLASSES)}")
    return e


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", default="-")
    opts = parser.parse_args()
    e = build()
    assert e.tiles == 966, e.tiles  # the paper's count of 16x16 tiles
    sig = ",\n    ".join(f'{ssa}: {ty} {{hyper.name = "{name}"}}' for ssa, ty, name in e.args)
    text = "\n".join([
        "// WRN-40-2 hyper-CNN (Ha, Dai & Le, HyperNetworks, section 4.2) on 32x32 images.",
        "// Generated by scripts/gen_wrn40_2.py; edit the script, not this file.",
        f"// {len(e.args)} named arguments; 36 hyper convolutions, {e.tiles} tiles of",
        f"// N_z = {NZ} sharing one generator (d = {D}, 16x16x3x3 blocks).",
        "",
        f"func.func @wrn40_2(\n    {sig})\n    -> {t(None, CLASSES)} {{",
        *e.body,
        "}",
        "",
    ])
    out = sys.stdout if opts.output == "-" else open(opts.output, "w")
    out.write(text)


if __name__ == "__main__":
    main()
