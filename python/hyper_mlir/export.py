"""From a PyTorch module to hyper-mlir: ``export(module, example_inputs)``.

The module is traced with ``torch.fx`` (hyper_mlir.nn modules and the
standard layers stay whole) and each node becomes MLIR: hyper modules the
``hyper`` dialect's ops with every attribute written out, the layers around
them ``linalg``/``tensor`` ops. Parameters and buffers become function
arguments named (``hyper.name``) by their state_dict keys, so
``Exported.weights`` binds them by name (``hyper-compile --weights``).
"""

import operator
import os
import re

import numpy as np
import torch
from torch import fx, nn
from torch.fx.passes.shape_prop import ShapeProp
from torch.nn import functional as F

from . import nn as hnn

__all__ = ["export", "Exported", "ExportError"]


class ExportError(ValueError):
    """A module the exporter cannot express; names the node, its target and
    the user's source line."""


_SEQUENCE = (hnn.HyperLSTM, hnn.HyperRNN)
_HYPER = hnn._HYPER_MODULES
_ELTYPES = {torch.float32: "f32", torch.float64: "f64", torch.int32: "i32",
            torch.int64: "i64"}


class Exported:
    """An exported model: ``.mlir`` (text), ``.weights`` (state_dict name →
    numpy array), ``.inputs``/``.outputs`` (argument and result names) and
    ``.save(dir_or_prefix)``."""

    def __init__(self, mlir, weights, inputs, outputs, function, module=None,
                 example_inputs=None):
        self.mlir, self.weights = mlir, weights
        self.inputs, self.outputs, self.function = inputs, outputs, function
        self.module, self.example_inputs = module, example_inputs

    def save(self, path):
        """Writes DIR/model.mlir and DIR/weights.npz when `path` is a
        directory (or ends with a separator), else PREFIX.mlir and
        PREFIX.npz. Returns (mlir path, weights path)."""
        if path.endswith(os.sep) or os.path.isdir(path):
            os.makedirs(path, exist_ok=True)
            mlir, npz = os.path.join(path, "model.mlir"), os.path.join(path, "weights.npz")
        else:
            parent = os.path.dirname(path)
            if parent:
                os.makedirs(parent, exist_ok=True)
            mlir, npz = path + ".mlir", path + ".npz"
        with open(mlir, "w") as f:
            f.write(self.mlir)
        np.savez(npz, **self.weights)
        return mlir, npz

    def __repr__(self):
        return (f"<Exported @{self.function}: {len(self.inputs)} input(s), "
                f"{len(self.weights)} weight(s), {len(self.outputs)} result(s)>")


def _arity(tracer, node):
    """How many values unpacking `node` gives, when it is the result (or
    the state) of a recurrent hyper module; None otherwise."""
    if node.op == "call_module":
        m = tracer.root.get_submodule(node.target)
        if isinstance(m, _SEQUENCE):
            return 2
        if isinstance(m, hnn.HyperLSTMCell):
            return 4
        if isinstance(m, hnn.HyperRNNCell):
            return 2
    if node.op == "call_function" and node.target is operator.getitem and \
            isinstance(node.args[0], fx.Node) and node.args[1] == 1:
        src = node.args[0]
        if src.op == "call_module" and isinstance(tracer.root.get_submodule(src.target),
                                                  _SEQUENCE):
            m = tracer.root.get_submodule(src.target)
            return 4 if isinstance(m, hnn.HyperLSTM) else 2
    return None


class _Proxy(fx.Proxy):
    """Unpacks the tuples recurrent hyper modules return (`y, (h, c, hh,
    hc) = self.rnn(x)`) from their known arity: torch.fx's own unpacking
    reads the caller's bytecode and fails on newer Pythons."""

    def __iter__(self):
        n = _arity(self.tracer, self.node)
        if n is None:
            return super().__iter__()
        return iter([self.tracer.create_proxy("call_function", operator.getitem,
                                              (self, i), {}) for i in range(n)])


class _Tracer(fx.Tracer):
    def __init__(self):
        super().__init__()
        self.record_stack_traces = True

    def is_leaf_module(self, m, qualname):
        return isinstance(m, _HYPER) or super().is_leaf_module(m, qualname)

    def proxy(self, node):
        return _Proxy(node, self)


class _Value:
    """An SSA value: its name, element type and sizes (an int, or the SSA
    name of an index value for a dynamic size)."""

    def __init__(self, name, dims, eltype="f32"):
        self.name, self.dims, self.eltype = name, list(dims), eltype

    @property
    def type(self):
        shape = "x".join("?" if isinstance(d, str) else str(d) for d in self.dims)
        return f"tensor<{shape}x{self.eltype}>" if self.dims else f"tensor<{self.eltype}>"

    def static(self, i):
        return self.dims[i] if isinstance(self.dims[i], int) else None


def _where(node):
    """' at FILE:LINE in FUNCTION: CODE' of the user's source line that made
    `node` (torch.fx records the innermost frame first)."""
    lines = (node.stack_trace or "").splitlines()
    for i, line in enumerate(lines):
        m = re.match(r'\s*File "(.*)", line (\d+), in (\S+)', line)
        if m:
            code = lines[i + 1].strip() if i + 1 < len(lines) and not \
                lines[i + 1].strip().startswith("File ") else ""
            return f" at {m.group(1)}:{m.group(2)} in {m.group(3)}" + (f": {code}" if code else "")
    return ""


class _Emitter:
    def __init__(self, root, original):
        self.root = root              # the traced GraphModule
        self.original = original      # the user's module (shared generators)
        self.lines = []
        self.args = []        # (ssa, type, hyper.name)
        self.weights = {}     # state_dict name -> array
        self.weight_values = {}
        self.counter = 0
        self.constants = {}   # index value -> SSA name
        self.constant_lines = []
        self.node = None

    # -- helpers -----------------------------------------------------------
    def fail(self, message):
        n = self.node
        raise ExportError(f"cannot export node '{n.name}' ({n.op} {self.target_name(n)})"
                          f"{_where(n)}: {message}")

    def target_name(self, n):
        if n.op == "call_module":
            return f"{n.target}: {type(self.root.get_submodule(n.target)).__name__}"
        t = n.target
        return getattr(t, "__qualname__", None) or getattr(t, "__name__", None) or str(t)

    def fresh(self, hint="v"):
        self.counter += 1
        return f"%{hint}{self.counter}"

    def emit(self, line):
        self.lines.append("  " + line)

    def index(self, i):
        if i not in self.constants:
            name = f"%c{i}"
            self.constants[i] = name
            self.constant_lines.append(f"  {name} = arith.constant {i} : index")
        return self.constants[i]

    def weight(self, key, tensor):
        """The function argument holding state_dict entry `key`."""
        if key not in self.weight_values:
            t = tensor.detach().cpu()
            if t.dtype not in _ELTYPES:
                self.fail(f"weight {key} has dtype {t.dtype}; hyper-mlir takes float32, "
                          f"float64, int32 and int64")
            v = _Value(f"%w{len(self.weight_values)}", list(t.shape), _ELTYPES[t.dtype])
            self.weight_values[key] = v
            self.weights[key] = t.numpy().copy()
            self.args.append((v.name, v.type, key))
        return self.weight_values[key]

    def empty(self, dims, eltype="f32"):
        name = self.fresh("e")
        dyn = [d for d in dims if isinstance(d, str)]
        v = _Value(name, dims, eltype)
        self.emit(f"{name} = tensor.empty({', '.join(dyn)}) : {v.type}")
        return v

    def fill(self, dims, value, eltype="f32"):
        e = self.empty(dims, eltype)
        c = self.fresh("k")
        self.emit(f"{c} = arith.constant {value} : {eltype}")
        out = _Value(self.fresh(), dims, eltype)
        self.emit(f"{out.name} = linalg.fill ins({c} : {eltype}) outs({e.name} : {e.type}) "
                  f"-> {out.type}")
        return out

    def generic(self, ins, dims, maps, iterators, body, eltype="f32", init=None):
        """linalg.generic over `ins` (each with its affine map) into a new
        tensor of `dims`; `body(args)` returns lines and the yielded name."""
        out_init = init if init is not None else self.empty(dims, eltype)
        out = _Value(self.fresh(), dims, eltype)
        rank = len(iterators)
        dimnames = ", ".join(f"d{i}" for i in range(rank))
        map_text = ", ".join(f"affine_map<({dimnames}) -> ({m})>" for m in maps)
        its = ", ".join(f'"{i}"' for i in iterators)
        # Names inside regions start with '.', which no outer name does.
        block_args = [f"%.a{i}: {v.eltype}" for i, v in enumerate(ins)] + [f"%.o: {eltype}"]
        ins_text = ", ".join(v.name for v in ins)
        ins_types = ", ".join(v.type for v in ins)
        self.emit(f"{out.name} = linalg.generic {{indexing_maps = [{map_text}], "
                  f"iterator_types = [{its}]}}"
                  + (f" ins({ins_text} : {ins_types})" if ins else "")
                  + f" outs({out_init.name} : {out_init.type}) {{")
        self.emit(f"^bb0({', '.join(block_args)}):")
        lines, result = body([f"%.a{i}" for i in range(len(ins))] + ["%.o"])
        local = {l.split("=", 1)[0].strip()[1:] for l in lines if "=" in l}

        def scoped(text):
            return re.sub(r"%([A-Za-z_][A-Za-z0-9_]*)",
                          lambda m: "%." + m.group(1) if m.group(1) in local else m.group(0),
                          text)
        for l in lines:
            self.emit("  " + scoped(l))
        self.emit(f"  linalg.yield {scoped(result)} : {eltype}")
        self.emit(f"}} -> {out.type}")
        return out

    def identity_maps(self, rank):
        return ", ".join(f"d{i}" for i in range(rank))

    def elementwise(self, x, op):
        rank = len(x.dims)
        ident = self.identity_maps(rank)

        def body(a):
            r = "%r"
            if op == "relu":
                return [f"%z = arith.constant 0.0 : f32", f"{r} = arith.maximumf {a[0]}, %z : f32"], r
            if op == "tanh":
                return [f"{r} = math.tanh {a[0]} : f32"], r
            if op == "sigmoid":
                return [f"%n = arith.negf {a[0]} : f32", "%x = math.exp %n : f32",
                        "%one = arith.constant 1.0 : f32", "%s = arith.addf %x, %one : f32",
                        f"{r} = arith.divf %one, %s : f32"], r
            raise AssertionError(op)
        return self.generic([x], x.dims, [ident, ident], ["parallel"] * rank, body)

    def binary(self, a, b, op):
        if len(a.dims) != len(b.dims) or any(
                isinstance(p, int) and isinstance(q, int) and p != q
                for p, q in zip(a.dims, b.dims)):
            self.fail(f"operands of {op} have shapes {a.type} and {b.type}; the exporter "
                      f"takes equal shapes")
        rank = len(a.dims)
        ident = self.identity_maps(rank)
        mlir_op = {"add": "arith.addf", "mul": "arith.mulf", "sub": "arith.subf"}[op]
        return self.generic([a, b], a.dims, [ident] * 3, ["parallel"] * rank,
                            lambda x: ([f"%r = {mlir_op} {x[0]}, {x[1]} : f32"], "%r"))

    def collapse(self, x, groups):
        dims = []
        for g in groups:
            if len(g) == 1:
                dims.append(x.dims[g[0]])
            elif all(isinstance(x.dims[i], int) for i in g):
                dims.append(int(np.prod([x.dims[i] for i in g])))
            else:
                # A dynamic group's size is the product of its sizes.
                size = self.size(x, g[0])
                for i in g[1:]:
                    product = self.fresh("n")
                    self.emit(f"{product} = arith.muli {size}, {self.size(x, i)} : index")
                    size = product
                dims.append(size)
        out = _Value(self.fresh(), dims, x.eltype)
        text = ", ".join("[" + ", ".join(str(i) for i in g) + "]" for g in groups)
        self.emit(f"{out.name} = tensor.collapse_shape {x.name} [{text}] : {x.type} "
                  f"into {out.type}")
        return out

    def expand(self, x, groups, dims):
        out = _Value(self.fresh(), dims, x.eltype)
        text = ", ".join("[" + ", ".join(str(i) for i in g) + "]" for g in groups)
        shape = ", ".join(d if isinstance(d, str) else str(d) for d in dims)
        self.emit(f"{out.name} = tensor.expand_shape {x.name} [{text}] output_shape "
                  f"[{shape}] : {x.type} into {out.type}")
        return out

    def linear(self, x, w, b):
        """x·wᵀ + b over the last dimension of x (rank 2 or 3)."""
        n_out = w.dims[0]
        if len(x.dims) == 3:
            # [T, B, N] as [T·B, N] rows, then back.
            x2 = self.collapse(x, [[0, 1], [2]])
            y2 = self.linear(x2, w, b)
            return self.expand(y2, [[0, 1], [2]], [x.dims[0], x.dims[1], n_out])
        if len(x.dims) != 2:
            self.fail(f"Linear on a rank-{len(x.dims)} input; the exporter takes rank 2 or 3")
        dims = [x.dims[0], n_out]
        init = self.accumulator(dims, b, [0])
        out = _Value(self.fresh(), dims)
        self.emit(f"{out.name} = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, "
                  f"affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>] "
                  f"ins({x.name}, {w.name} : {x.type}, {w.type}) outs({init.name} : "
                  f"{init.type}) -> {out.type}")
        return out

    def accumulator(self, dims, bias, broadcast_dims):
        """The initial value of a GEMM or convolution: the bias broadcast
        along `broadcast_dims`, or zeros."""
        if bias is None:
            return self.fill(dims, "0.0")
        e = self.empty(dims)
        init = _Value(self.fresh(), dims)
        self.emit(f"{init.name} = linalg.broadcast ins({bias.name} : {bias.type}) outs({e.name} "
                  f": {e.type}) dimensions = [{', '.join(str(d) for d in broadcast_dims)}]")
        return init

    def size(self, x, i):
        d = x.dims[i]
        if isinstance(d, int):
            return self.index(d)
        return d

    def pad(self, x, top, left, bottom, right, value):
        if not (top or left or bottom or right):
            return x
        dims = list(x.dims)
        dims[2] = dims[2] + top + bottom
        dims[3] = dims[3] + left + right
        out = _Value(self.fresh(), dims, x.eltype)
        self.emit(f"{out.name} = tensor.pad {x.name} low[0, 0, {top}, {left}] high[0, 0, "
                  f"{bottom}, {right}] {{")
        self.emit("^bb0(%.i0: index, %.i1: index, %.i2: index, %.i3: index):")
        pv = "%.p"
        self.emit(f"  {pv} = arith.constant {value} : f32")
        self.emit(f"  tensor.yield {pv} : f32")
        self.emit(f"}} : {x.type} to {out.type}")
        return out

    # -- the nodes -------------------------------------------------------------
    def value(self, env, a):
        if isinstance(a, fx.Node):
            return env[a]
        return a

    def tensor(self, env, a, what="operand"):
        v = self.value(env, a)
        if not isinstance(v, _Value):
            self.fail(f"{what} is {type(v).__name__}, expected a tensor")
        return v

    def module_key(self, module):
        for name, m in self.original.named_modules():
            if m is module:
                return name
        return None

    def meta_shape(self, node):
        m = node.meta.get("tensor_meta")
        return list(m.shape) if m is not None and hasattr(m, "shape") else None

    def attr_f32(self, v):
        return f"{float(np.float32(v)):.9e} : f32"

    # -- standard layers ---------------------------------------------------------
    def conv2d(self, x, w, b, stride, padding, dilation, out_shape):
        top, left, bottom, right = padding
        xp = self.pad(x, top, left, bottom, right, "0.0")
        dims = [x.dims[0], w.dims[0], out_shape[2], out_shape[3]]
        init = self.accumulator(dims, b, [0, 2, 3])
        out = _Value(self.fresh(), dims)
        self.emit(f"{out.name} = linalg.conv_2d_nchw_fchw {{dilations = dense<[{dilation[0]}, "
                  f"{dilation[1]}]> : tensor<2xi64>, strides = dense<[{stride[0]}, {stride[1]}]> "
                  f": tensor<2xi64>}} ins({xp.name}, {w.name} : {xp.type}, {w.type}) "
                  f"outs({init.name} : {init.type}) -> {out.type}")
        return out

    def pool(self, x, kind, kernel, stride, padding, dilation, out_shape):
        top, left = padding
        fill = "-3.40282347e+38" if kind == "max" else "0.0"
        xp = self.pad(x, top, left, top, left, fill)
        dims = [x.dims[0], x.dims[1], out_shape[2], out_shape[3]]
        init = self.fill(dims, fill)
        window = self.empty([kernel[0], kernel[1]])
        out = _Value(self.fresh(), dims)
        op = "linalg.pooling_nchw_max" if kind == "max" else "linalg.pooling_nchw_sum"
        self.emit(f"{out.name} = {op} {{dilations = dense<[{dilation[0]}, {dilation[1]}]> : "
                  f"tensor<2xi64>, strides = dense<[{stride[0]}, {stride[1]}]> : tensor<2xi64>}} "
                  f"ins({xp.name}, {window.name} : {xp.type}, {window.type}) outs({init.name} "
                  f": {init.type}) -> {out.type}")
        if kind == "avg":
            out = self.scale(out, 1.0 / (kernel[0] * kernel[1]))
        return out

    def scale(self, x, factor):
        rank = len(x.dims)
        ident = self.identity_maps(rank)
        return self.generic([x], x.dims, [ident, ident], ["parallel"] * rank,
                            lambda a: ([f"%f = arith.constant {float(np.float32(factor)):.9e} : f32",
                                        f"%r = arith.mulf {a[0]}, %f : f32"], "%r"))

    def global_avg_pool(self, x):
        if not all(isinstance(d, int) for d in x.dims[2:]):
            self.fail("adaptive average pooling of dynamic spatial sizes")
        dims = [x.dims[0], x.dims[1], 1, 1]
        init = self.fill(dims, "0.0")
        summed = self.generic([x], dims, ["d0, d1, d2, d3", "d0, d1, 0, 0"],
                              ["parallel", "parallel", "reduction", "reduction"],
                              lambda a: ([f"%r = arith.addf {a[0]}, {a[1]} : f32"], "%r"),
                              init=init)
        return self.scale(summed, 1.0 / (x.dims[2] * x.dims[3]))

    def batch_norm(self, x, m, key):
        if m.training:
            self.fail("BatchNorm2d in training mode; call model.eval() before export")
        if m.running_mean is None:
            self.fail("BatchNorm2d without running statistics (track_running_stats=False)")
        ins = [x, self.weight(f"{key}.running_mean", m.running_mean),
               self.weight(f"{key}.running_var", m.running_var)]
        if m.affine:
            ins += [self.weight(f"{key}.weight", m.weight), self.weight(f"{key}.bias", m.bias)]
        eps = f"{float(np.float32(m.eps)):.9e}"

        def body(a):
            lines = [f"%eps = arith.constant {eps} : f32", f"%v = arith.addf {a[2]}, %eps : f32",
                     "%sd = math.sqrt %v : f32", f"%d = arith.subf {a[0]}, {a[1]} : f32",
                     "%n = arith.divf %d, %sd : f32"]
            if m.affine:
                lines += [f"%g = arith.mulf %n, {a[3]} : f32", f"%r = arith.addf %g, {a[4]} : f32"]
                return lines, "%r"
            return lines, "%n"
        maps = ["d0, d1, d2, d3"] + ["d1"] * (len(ins) - 1) + ["d0, d1, d2, d3"]
        return self.generic(ins, x.dims, maps, ["parallel"] * 4, body)

    def softmax(self, x, dim, log):
        rank = len(x.dims)
        dim = dim % rank
        if not log:
            e = self.empty(x.dims)
            out = _Value(self.fresh(), x.dims)
            self.emit(f"{out.name} = linalg.softmax dimension({dim}) ins({x.name} : {x.type}) "
                      f"outs({e.name} : {e.type}) -> {out.type}")
            return out
        # log_softmax = x - max - log(sum(exp(x - max))), without forming
        # the probabilities (no underflow to log(0)).
        ident = self.identity_maps(rank)
        reduced = ", ".join(f"d{i}" for i in range(rank) if i != dim)
        rdims = [d for i, d in enumerate(x.dims) if i != dim]
        its = ["reduction" if i == dim else "parallel" for i in range(rank)]
        mx = self.generic([x], rdims, [ident, reduced], its,
                          lambda a: ([f"%r = arith.maximumf {a[0]}, {a[1]} : f32"], "%r"),
                          init=self.fill(rdims, "-3.40282347e+38"))
        sm = self.generic([x, mx], rdims, [ident, reduced, reduced], its,
                          lambda a: ([f"%s = arith.subf {a[0]}, {a[1]} : f32",
                                      "%x = math.exp %s : f32",
                                      f"%r = arith.addf %x, {a[2]} : f32"], "%r"),
                          init=self.fill(rdims, "0.0"))
        return self.generic([x, mx, sm], x.dims, [ident, reduced, reduced, ident],
                            ["parallel"] * rank,
                            lambda a: ([f"%s = arith.subf {a[0]}, {a[1]} : f32",
                                        f"%l = math.log {a[2]} : f32",
                                        "%r = arith.subf %s, %l : f32"], "%r"))

    def embedding(self, idx, w, m):
        if idx.eltype not in ("i32", "i64"):
            self.fail(f"Embedding indices must be int32 or int64, got {idx.eltype}")
        if m.max_norm is not None:
            self.fail("Embedding with max_norm (it renormalises weights in place)")
        rank = len(idx.dims)
        dims = idx.dims + [w.dims[1]]
        rows = w.dims[0]

        def body(a):
            return [f"%i = arith.index_cast {a[0]} : {idx.eltype} to index",
                    # Out-of-range indices read the nearest row, never out of bounds.
                    f"%hi = arith.constant {rows - 1} : index",
                    "%lo = arith.constant 0 : index",
                    "%i1 = arith.minsi %i, %hi : index", "%i2 = arith.maxsi %i1, %lo : index",
                    f"%j = linalg.index {rank} : index",
                    f"%r = tensor.extract {w.name}[%i2, %j] : {w.type}"], "%r"
        return self.generic([idx], dims, [self.identity_maps(rank + 1).rsplit(", ", 1)[0]
                                          if rank else "", self.identity_maps(rank + 1)],
                            ["parallel"] * (rank + 1), body)

    def cat(self, values, dim):
        rank = len(values[0].dims)
        dim = dim % rank
        if any(len(v.dims) != rank for v in values):
            self.fail("cat of tensors of different ranks")
        if any(isinstance(v.dims[dim], str) for v in values):
            self.fail("cat along a dynamic dimension")
        dims = list(values[0].dims)
        dims[dim] = sum(v.dims[dim] for v in values)
        out = self.empty(dims)
        offset = 0
        for v in values:
            offsets = ["0"] * rank
            offsets[dim] = str(offset)
            sizes = [d if isinstance(d, str) else str(d) for d in v.dims]
            nxt = _Value(self.fresh(), dims)
            self.emit(f"{nxt.name} = tensor.insert_slice {v.name} into {out.name}"
                      f"[{', '.join(offsets)}] [{', '.join(sizes)}] [{', '.join(['1'] * rank)}] "
                      f": {v.type} into {out.type}")
            out, offset = nxt, offset + v.dims[dim]
        return out

    # -- hyper modules -----------------------------------------------------------
    def recurrent_weights(self, key, m):
        def group(g, names):
            vals = [self.weight(f"{key}.{g}.{n}", getattr(getattr(m, g), n)) for n in names]
            return (", ".join(v.name for v in vals), ", ".join(v.type for v in vals))
        parts = []
        for g, names in (("hyper", ("w_x", "w_h", "b")),
                         ("proj", ("w_zx", "w_zh", "w_zb", "b_zx", "b_zh")),
                         ("scale", ("w_dx", "w_dh", "w_db")), ("main", ("w_x", "w_h", "b"))):
            vals, types = group(g, names)
            parts.append(f"{g}({vals} : {types})")
        if getattr(m, "layer_norm", False):
            vals, types = [], []
            for g in ("hyper", "main"):
                for n in ("ln_g", "ln_b", "ln_c_g", "ln_c_b"):
                    v = self.weight(f"{key}.{g}.{n}", getattr(getattr(m, g), n))
                    vals.append(v.name)
                    types.append(v.type)
            parts.append(f"layer_norm({', '.join(vals)} : {', '.join(types)})")
        return " ".join(parts)

    def lstm_attrs(self, m):
        return (f"{{epsilon = {self.attr_f32(m.epsilon)}, forget_bias = "
                f"{self.attr_f32(m.forget_bias)}, z_source = #hyper.z_source<{m.z_source}>}}")

    def recurrent(self, env, node, m, key):
        args = list(node.args) + [None] * 3
        x = self.tensor(env, args[0], "input")
        state = node.kwargs.get("state", args[1])
        lengths = node.kwargs.get("lengths", args[2])
        lstm = isinstance(m, (hnn.HyperLSTM, hnn.HyperLSTMCell))
        sequence = isinstance(m, _SEQUENCE)
        batch = x.dims[1] if sequence else x.dims[0]
        sizes = m._state_sizes()
        if state is None:
            states = [self.fill([batch, n], "0.0") for n in sizes] if not sequence else None
        else:
            st = self.value(env, state)
            if not isinstance(st, (tuple, list)) or len(st) != len(sizes):
                self.fail(f"the state must be a tuple of {len(sizes)} tensors")
            states = [self.tensor(env, s, "state") for s in st]
        names = ["y", "h", "c", "hh", "hc"] if lstm else ["y", "h", "hh"]
        if not sequence:
            names = names[1:]
        results = [self.fresh(n) for n in names]
        op = ("hyper.lstm" if sequence else "hyper.lstm_cell") if lstm else \
             ("hyper.rnn" if sequence else "hyper.rnn_cell")
        text = f"{', '.join(results)} = {op} {x.name} : {x.type}"
        if not sequence:
            text += (f" state({', '.join(s.name for s in states)} : "
                     f"{', '.join(s.type for s in states)})")
        text += " " + self.recurrent_weights(key, m)
        if sequence and states is not None:
            text += (f" init({', '.join(s.name for s in states)} : "
                     f"{', '.join(s.type for s in states)})")
        if sequence and lengths is not None:
            lv = self.tensor(env, lengths, "lengths")
            if lv.eltype != "i32":
                self.fail(f"lengths must be int32 (the dialect's), got {lv.eltype}")
            text += f" lengths({lv.name} : {lv.type})"
        if lstm:
            text += " " + self.lstm_attrs(m)
        self.emit(text)
        out = []
        for r, n in zip(results, names):
            if n == "y":
                dims = [x.dims[0], batch, m.hidden_size]
            else:
                dims = [batch, m.hidden_size if n in ("h", "c") else m.hyper_size]
            out.append(_Value(r, dims))
        if sequence:
            return (out[0], tuple(out[1:]))
        return tuple(out)

    def generator_args(self, gen):
        key = self.module_key(gen)
        if key is None:
            self.fail("its KernelGenerator is not a submodule of the exported model; "
                      "register it once on the model (self.gen = KernelGenerator(...))")
        vals = [self.weight(f"{key}.{n}" if key else n, getattr(gen, n))
                for n in ("w_in", "b_in", "w_out", "b_out")]
        return (f"generator({', '.join(v.name for v in vals)} : "
                f"{', '.join(v.type for v in vals)})")

    def hyper_conv(self, x, m, key, out_shape):
        z = self.weight(f"{key}.z", m.z)
        text = (f"hyper.conv2d {x.name}, {z.name} : {x.type}, {z.type} "
                f"{self.generator_args(m.generator)}")
        if m.bias is not None:
            b = self.weight(f"{key}.bias", m.bias)
            text += f" bias({b.name} : {b.type})"
        blk = ", ".join(str(b) for b in m.block)
        text += (f" block [{blk}] strides [{m.stride[0]}, {m.stride[1]}] padding "
                 f"[{', '.join(str(p) for p in m.padding)}] dilations "
                 f"[{m.dilation[0]}, {m.dilation[1]}]")
        out = _Value(self.fresh(), [x.dims[0], m.out_channels, out_shape[2], out_shape[3]])
        self.emit(f"{out.name} = {text}")
        return out

    # -- the graph -----------------------------------------------------------------
    def call_module(self, env, node):
        m = self.root.get_submodule(node.target)
        key = node.target
        shape = self.meta_shape(node)
        if isinstance(m, (hnn.HyperLSTM, hnn.HyperLSTMCell, hnn.HyperRNN, hnn.HyperRNNCell)):
            return self.recurrent(env, node, m, key)
        x = self.tensor(env, node.args[0], "input") if node.args else None
        if isinstance(m, hnn.HyperConv2d):
            return self.hyper_conv(x, m, key, shape)
        if isinstance(m, hnn.DynamicLinear):
            z = self.tensor(env, node.args[1], "z")
            w = self.weight(f"{key}.weight", m.weight)
            out = _Value(self.fresh(), [x.dims[0], m.out_features])
            self.emit(f"{out.name} = hyper.dynamic_linear {x.name}, {z.name}, {w.name} : "
                      f"{x.type}, {z.type}, {w.type}")
            return out
        if isinstance(m, hnn.KernelGenerator):
            blk = ", ".join(str(b) for b in m.block)
            out = _Value(self.fresh(), ([x.dims[0]] if len(x.dims) == 4 else []) + [
                x.dims[-3] * m.block[0], x.dims[-2] * m.block[1], m.block[2], m.block[3]])
            self.emit(f"{out.name} = hyper.generate_kernel {x.name} : {x.type} "
                      f"{self.generator_args(m)} block [{blk}]")
            return out
        if isinstance(m, nn.Linear):
            return self.linear(x, self.weight(f"{key}.weight", m.weight),
                               self.weight(f"{key}.bias", m.bias) if m.bias is not None else None)
        if isinstance(m, (nn.ReLU, nn.Tanh, nn.Sigmoid)):
            return self.elementwise(x, type(m).__name__.lower())
        if isinstance(m, (nn.Softmax, nn.LogSoftmax)):
            if m.dim is None:
                self.fail("Softmax without dim")
            return self.softmax(x, m.dim, isinstance(m, nn.LogSoftmax))
        if isinstance(m, (nn.Identity, nn.Dropout)):
            return x
        if isinstance(m, nn.Flatten):
            return self.flatten(x, m.start_dim, m.end_dim)
        if isinstance(m, nn.Conv2d):
            if m.groups != 1 or m.padding_mode != "zeros":
                self.fail("Conv2d with groups or a padding mode other than zeros")
            w = self.weight(f"{key}.weight", m.weight)
            b = self.weight(f"{key}.bias", m.bias) if m.bias is not None else None
            if isinstance(m.padding, str):
                if m.padding == "valid":
                    pad = (0, 0, 0, 0)
                else:  # "same", stride 1: PyTorch puts the odd pixel at the end
                    th = m.dilation[0] * (m.kernel_size[0] - 1)
                    tw = m.dilation[1] * (m.kernel_size[1] - 1)
                    pad = (th // 2, tw // 2, th - th // 2, tw - tw // 2)
            else:
                pad = (m.padding[0], m.padding[1], m.padding[0], m.padding[1])
            return self.conv2d(x, w, b, m.stride, pad, m.dilation, shape)
        if isinstance(m, nn.BatchNorm2d):
            return self.batch_norm(x, m, key)
        if isinstance(m, (nn.MaxPool2d, nn.AvgPool2d)):
            pair = lambda v: (v, v) if isinstance(v, int) else tuple(v)
            if m.ceil_mode:
                self.fail("pooling with ceil_mode=True")
            kernel, stride, padding = pair(m.kernel_size), pair(m.stride or m.kernel_size), \
                pair(m.padding)
            if isinstance(m, nn.MaxPool2d):
                if m.return_indices:
                    self.fail("MaxPool2d with return_indices")
                return self.pool(x, "max", kernel, stride, padding, pair(m.dilation), shape)
            if not m.count_include_pad and any(padding) or m.divisor_override:
                self.fail("AvgPool2d with count_include_pad=False or divisor_override")
            return self.pool(x, "avg", kernel, stride, padding, (1, 1), shape)
        if isinstance(m, nn.AdaptiveAvgPool2d):
            if shape[2:] == [1, 1]:
                return self.global_avg_pool(x)
            if all(isinstance(d, int) for d in x.dims[2:]) and shape[2:] == x.dims[2:]:
                return x
            self.fail(f"AdaptiveAvgPool2d to {tuple(shape[2:])}; the exporter takes output "
                      f"size 1")
        if isinstance(m, nn.Embedding):
            return self.embedding(x, self.weight(f"{key}.weight", m.weight), m)
        self.fail(f"{type(m).__name__} is not supported")

    def flatten(self, x, start, end):
        rank = len(x.dims)
        start, end = start % rank, end % rank
        groups = [[i] for i in range(start)] + [list(range(start, end + 1))] + \
                 [[i] for i in range(end + 1, rank)]
        return self.collapse(x, groups) if end > start else x

    def call_function(self, env, node):
        t = node.target
        args = node.args
        if t is operator.getitem:
            v = self.value(env, args[0])
            if isinstance(v, (tuple, list)) and isinstance(args[1], int):
                return v[args[1]]
            self.fail("indexing a tensor; the exporter indexes tuples only")
        if t in (operator.add, torch.add, operator.mul, torch.mul, operator.sub, torch.sub):
            a, b = self.value(env, args[0]), self.value(env, args[1])
            if not isinstance(a, _Value) or not isinstance(b, _Value) or len(args) > 2 \
                    or node.kwargs:
                self.fail("arithmetic with a Python number or alpha; the exporter takes "
                          "two tensors")
            op = {operator.add: "add", torch.add: "add", operator.mul: "mul",
                  torch.mul: "mul", operator.sub: "sub", torch.sub: "sub"}[t]
            return self.binary(a, b, op)
        unary = {torch.relu: "relu", F.relu: "relu", torch.tanh: "tanh", F.tanh: "tanh",
                 torch.sigmoid: "sigmoid", F.sigmoid: "sigmoid"}
        if t in unary:
            return self.elementwise(self.tensor(env, args[0]), unary[t])
        if t in (F.softmax, torch.softmax, F.log_softmax, torch.log_softmax):
            dim = node.kwargs.get("dim", args[1] if len(args) > 1 else None)
            if dim is None:
                self.fail("softmax without dim")
            return self.softmax(self.tensor(env, args[0]), dim,
                                t in (F.log_softmax, torch.log_softmax))
        if t is torch.flatten:
            start = node.kwargs.get("start_dim", args[1] if len(args) > 1 else 0)
            end = node.kwargs.get("end_dim", args[2] if len(args) > 2 else -1)
            return self.flatten(self.tensor(env, args[0]), start, end)
        if t is torch.cat:
            values = [self.tensor(env, a) for a in args[0]]
            return self.cat(values, node.kwargs.get("dim", args[1] if len(args) > 1 else 0))
        self.fail("this function is not supported")

    def call_method(self, env, node):
        name = node.target
        x = self.value(env, node.args[0])
        if name == "size":
            return None  # only used in view/reshape, which read the traced shape
        if not isinstance(x, _Value):
            self.fail(f".{name}() of a {type(x).__name__}")
        if name in ("relu", "tanh", "sigmoid"):
            return self.elementwise(x, name)
        if name in ("softmax", "log_softmax"):
            dim = node.kwargs.get("dim", node.args[1] if len(node.args) > 1 else None)
            return self.softmax(x, dim, name == "log_softmax")
        if name == "flatten":
            start = node.kwargs.get("start_dim", node.args[1] if len(node.args) > 1 else 0)
            end = node.kwargs.get("end_dim", node.args[2] if len(node.args) > 2 else -1)
            return self.flatten(x, start, end)
        if name in ("view", "reshape"):
            shape = self.meta_shape(node)
            rank = len(x.dims)
            if shape is not None and len(shape) == 2 and rank >= 2 and \
                    shape[1] == int(np.prod([d for d in x.dims[1:] if isinstance(d, int)])) and \
                    all(isinstance(d, int) for d in x.dims[1:]):
                return self.flatten(x, 1, -1)
            self.fail(f".{name}() other than flattening all but the first dimension")
        if name in ("contiguous",):
            return x
        self.fail(f"the method .{name}() is not supported")


def _dynamic_dims(gm, placeholders, dynamic, examples):
    """Which dims of each input are dynamic: dim 0 (the batch) of every
    input, and dim 0 and 1 (time and batch) of a sequence input."""
    if dynamic is False:
        return [set() for _ in placeholders]
    if isinstance(dynamic, (list, tuple)):
        if len(dynamic) != len(placeholders):
            raise ExportError(f"dynamic lists {len(dynamic)} inputs, the module takes "
                              f"{len(placeholders)}")
        return [set(d) for d in dynamic]
    result = []
    for p, e in zip(placeholders, examples):
        dims = {0} if isinstance(e, torch.Tensor) and e.dim() > 0 else set()
        for user in p.users:
            if user.op == "call_module" and user.args and user.args[0] is p and isinstance(
                    gm.get_submodule(user.target), _SEQUENCE):
                dims |= {0, 1}
        result.append(dims)
    return result


def export(module, example_inputs, *, dynamic=True, function="forward"):
    """Exports `module` called on `example_inputs` (a tuple) to hyper-mlir.

    ``dynamic=True`` leaves the batch (dim 0 of every input, and time and
    batch of a HyperLSTM/HyperRNN's sequence input) dynamic; ``False``
    fixes every size to the examples'; a list gives each input's dynamic
    dims. Raises ExportError for what the exporter cannot express.
    """
    if not isinstance(module, nn.Module):
        raise TypeError(f"export takes a torch.nn.Module, got {type(module).__name__}")
    if isinstance(example_inputs, torch.Tensor):
        example_inputs = (example_inputs,)
    example_inputs = tuple(example_inputs)
    tracer = _Tracer()
    try:
        graph = tracer.trace(module)
    except Exception as e:  # fx reports data-dependent control flow and such
        raise ExportError(f"torch.fx cannot trace {type(module).__name__}: {e}") from e
    gm = fx.GraphModule(tracer.root, graph)
    placeholders = [n for n in graph.nodes if n.op == "placeholder"]
    if len(placeholders) != len(example_inputs):
        raise ExportError(f"{type(module).__name__}.forward takes {len(placeholders)} "
                          f"input(s), got {len(example_inputs)} example(s)")
    with torch.no_grad():
        ShapeProp(gm).propagate(*example_inputs)
    dyn = _dynamic_dims(gm, placeholders, dynamic, example_inputs)
    em = _Emitter(gm, module)
    env, inputs, prologue = {}, [], []
    for i, (p, e) in enumerate(zip(placeholders, example_inputs)):
        if e is None:
            env[p] = None
            continue
        if not isinstance(e, torch.Tensor) or e.dtype not in _ELTYPES:
            raise ExportError(f"input {i} ({p.name}): expected a float32, float64, int32 or "
                              f"int64 tensor, got {getattr(e, 'dtype', type(e).__name__)}")
        # Inputs are %in_NAME: no other value of the function starts so.
        v = _Value(f"%in_{p.name}", [f"%in_{p.name}_d{d}" if d in dyn[i] else int(size)
                                  for d, size in enumerate(e.shape)], _ELTYPES[e.dtype])
        for d in sorted(dyn[i]):
            prologue.append(f"  {v.dims[d]} = tensor.dim {v.name}, {em.index(d)} : {v.type}")
        env[p] = v
        inputs.append((v, p.name))
    outputs = None
    for node in graph.nodes:
        em.node = node
        if node.op == "placeholder":
            continue
        if node.op == "get_attr":
            obj = gm
            for part in node.target.split("."):
                obj = getattr(obj, part)
            if not isinstance(obj, torch.Tensor):
                em.fail("an attribute that is not a tensor")
            env[node] = em.weight(node.target, obj)
        elif node.op == "call_module":
            env[node] = em.call_module(env, node)
        elif node.op == "call_function":
            env[node] = em.call_function(env, node)
        elif node.op == "call_method":
            env[node] = em.call_method(env, node)
        elif node.op == "output":
            outputs = fx.node.map_arg(node.args[0], lambda n: env[n])
    flat = []

    def collect(v):
        if isinstance(v, (tuple, list)):
            for e in v:
                collect(e)
        elif isinstance(v, _Value):
            flat.append(v)
        else:
            raise ExportError(f"the module returns a {type(v).__name__}; export returns "
                              f"tensors (and tuples of them)")
    collect(outputs)
    out_names = ["output"] if len(flat) == 1 else [f"output{i}" for i in range(len(flat))]
    params = [f"{v.name}: {v.type} {{hyper.name = \"{name}\"}}" for v, name in inputs]
    params += [f"{ssa}: {ty} {{hyper.name = \"{key}\"}}" for ssa, ty, key in em.args]
    results = [f"{v.type} {{hyper.name = \"{n}\"}}" for v, n in zip(flat, out_names)]
    body = em.constant_lines + prologue + em.lines
    text = (f"// Exported by hyper_mlir.export from {type(module).__name__}.\n"
            f"func.func @{function}(\n    " + ",\n    ".join(params) + ")\n    -> ("
            + ", ".join(results) + ") {\n" + "\n".join(body) + "\n"
            f"  return {', '.join(v.name for v in flat)} : {', '.join(v.type for v in flat)}\n}}\n")
    return Exported(text, em.weights, [name for _, name in inputs], out_names, function,
                    module, example_inputs)
