"""Calling compiled models from Python.

``load(path)`` opens a shared library written by ``hyper-compile --shared``
and reads its metadata record (``hyper_NAME_metadata()``, exported by every
compiled model) to build one callable per entry point: no comments or
headers are parsed. Calls take numpy arrays or CPU torch tensors and return
the same kind; every dtype, rank and static size is checked here, and the
sizes the model ties together (a batch shared by x and the states, ...) by
the library's own entry point, whose message becomes the ``ValueError``.
"""

import ctypes
import json
import os
import struct

import numpy as np

__all__ = ["load", "CompiledModel", "CompiledFunction", "HyperError"]

_DTYPES = {"float32": np.float32, "float64": np.float64, "int32": np.int32,
           "int64": np.int64}


class HyperError(RuntimeError):
    """A library that cannot be used: not a compiled model, or one that does
    not match its metadata."""


class _Result(ctypes.Structure):
    _fields_ = [("owner", ctypes.c_void_p), ("data", ctypes.c_void_p),
                ("rank", ctypes.c_int64), ("shape", ctypes.c_int64 * 8)]


def _metadata_symbols(path):
    """The names of the defined dynamic symbols `hyper_*_metadata` of an
    ELF64 shared library."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise HyperError(f"{path}: not a 64-bit little-endian ELF shared library")
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = []
    for i in range(shnum):
        off = shoff + i * shentsize
        if off + 64 > len(data):
            raise HyperError(f"{path}: truncated ELF section table")
        _, stype, _, _, soff, ssize, link, _, _, entsize = struct.unpack_from(
            "<IIQQQQIIQQ", data, off)
        sections.append((stype, soff, ssize, link, entsize))
    names = []
    for stype, soff, ssize, link, entsize in sections:
        if stype != 11 or entsize != 24 or link >= len(sections):  # SHT_DYNSYM
            continue
        _, stroff, strsize, _, _ = sections[link]
        strtab = data[stroff:stroff + strsize]
        for k in range(ssize // 24):
            name_off, info, _, shndx = struct.unpack_from("<IBBH", data, soff + k * 24)
            if shndx == 0 or name_off >= len(strtab):
                continue
            name = strtab[name_off:strtab.index(b"\0", name_off)].decode("ascii", "replace")
            if name.startswith("hyper_") and name.endswith("_metadata"):
                names.append(name)
    return names


class CompiledFunction:
    """One entry point of a compiled model: ``f(*inputs, **named)``.

    Inputs are matched by position, then by name (the C name or the
    ``hyper.name``); inputs bound at compile() time are filled in. Returns
    one array (or tensor) or a tuple of them.
    """

    def __init__(self, model, meta, bound=None):
        self.name = meta["name"]
        self.inputs = meta["inputs"]
        self.results = meta["results"]
        self._model = model
        self._bound = dict(bound or {})
        try:
            self._fn = getattr(model._lib, meta["symbol"])
        except AttributeError:
            raise HyperError(f"{model.path}: the metadata names {meta['symbol']}, which the "
                             f"library does not export (library and metadata differ)") from None
        argtypes = []
        for t in self.inputs:
            if t["dtype"] not in _DTYPES or not isinstance(t["shape"], list):
                raise HyperError(f"{model.path}: bad metadata for input {t.get('name')!r}")
            argtypes += [ctypes.c_void_p, ctypes.c_int64]
            argtypes += [ctypes.c_int64] * sum(d is None for d in t["shape"])
        argtypes += [ctypes.POINTER(_Result)] * len(self.results)
        self._fn.argtypes = argtypes
        self._fn.restype = ctypes.c_int
        self.free_inputs = [t for t in self.inputs if not self._is_bound(t)]

    def _is_bound(self, t):
        return t["name"] in self._bound or t.get("hyper_name") in self._bound

    def _bound_value(self, t):
        return self._bound.get(t["name"], self._bound.get(t.get("hyper_name")))

    def signature(self):
        """"@forward(x: float32[?, 4, 8]) -> (y: float32[?, 8])"."""
        def show(t):
            dims = ", ".join("?" if d is None else str(d) for d in t["shape"])
            return f"{t['name']}: {t['dtype']}[{dims}]"
        ins = ", ".join(show(t) for t in self.free_inputs)
        outs = ", ".join(show(t) for t in self.results)
        return f"@{self.name}({ins}) -> ({outs})"

    def __repr__(self):
        return f"<CompiledFunction {self.signature()}>"

    def _convert(self, t, value, index):
        what = f"input {index} ({t['name']!r}) of @{self.name}"
        is_torch = type(value).__module__.startswith("torch")
        if is_torch:
            if value.device.type != "cpu":
                raise ValueError(f"{what}: expected a CPU tensor, got one on {value.device}")
            value = value.detach().numpy()
        if not isinstance(value, np.ndarray):
            raise ValueError(f"{what}: expected a numpy array or torch tensor, got "
                             f"{type(value).__name__}")
        want = np.dtype(_DTYPES[t["dtype"]])
        if value.dtype != want:
            raise ValueError(f"{what}: expected dtype {want}, got {value.dtype}")
        shape = t["shape"]
        if value.ndim != len(shape) or any(d is not None and d != s
                                           for d, s in zip(shape, value.shape)):
            dims = ", ".join("?" if d is None else str(d) for d in shape)
            raise ValueError(f"{what}: expected shape [{dims}], got {list(value.shape)}")
        return np.ascontiguousarray(value), is_torch

    def __call__(self, *args, **kwargs):
        values, used = [], 0
        any_torch = False
        for i, t in enumerate(self.inputs):
            if self._is_bound(t):
                value = self._bound_value(t)
            elif used < len(args):
                value, used = args[used], used + 1
            elif t["name"] in kwargs:
                value = kwargs.pop(t["name"])
            elif t.get("hyper_name") in kwargs:
                value = kwargs.pop(t["hyper_name"])
            else:
                names = ", ".join(repr(t["name"]) for t in self.free_inputs)
                raise ValueError(f"@{self.name}: missing input {t['name']!r} (takes {names})")
            array, from_torch = self._convert(t, value, i)
            any_torch = any_torch or from_torch
            values.append(array)
        if used < len(args) or kwargs:
            raise ValueError(f"@{self.name}: takes {len(self.free_inputs)} input(s), got "
                             f"{len(args)} positional and {sorted(kwargs)} named")
        call = []
        for t, a in zip(self.inputs, values):
            call += [a.ctypes.data_as(ctypes.c_void_p), a.size]
            call += [a.shape[d] for d, s in enumerate(t["shape"]) if s is None]
        results = [_Result() for _ in self.results]
        call += [ctypes.byref(r) for r in results]
        status = self._fn(*call)
        if status != 0:
            message = self._model._last_error().decode("utf-8", "replace")
            # 1: an argument the model refuses; 2: the GPU cannot run it.
            raise (HyperError if status == 2 else ValueError)(message)
        outputs = self._model._wrap(results, self.results)
        if any_torch:
            import torch
            outputs = [torch.from_numpy(o) for o in outputs]
        return outputs[0] if len(outputs) == 1 else tuple(outputs)


class _Owner:
    """Releases one call's results when the last array using them goes."""

    def __init__(self, release, results):
        self._release, self._results = release, results

    def __del__(self):
        for r in self._results:
            self._release(ctypes.byref(r))


class CompiledModel:
    """A loaded model: ``model.FUNCTION(...)`` for each entry point, and
    ``model(...)`` for its only (or its ``forward``) function."""

    def __init__(self, path, bound=None):
        self.path = os.path.abspath(path)
        if not os.path.isfile(self.path):
            raise HyperError(f"{path}: no such file")
        symbols = _metadata_symbols(self.path)
        if len(symbols) != 1:
            raise HyperError(f"{path}: not a model compiled by hyper-compile --shared "
                             f"(expected one hyper_*_metadata symbol, found {len(symbols)})")
        try:
            self._lib = ctypes.CDLL(self.path)
        except OSError as e:
            raise HyperError(f"{path}: cannot load: {e}") from None
        read = getattr(self._lib, symbols[0])
        read.restype = ctypes.c_char_p
        try:
            self.metadata = json.loads(read())
        except ValueError as e:
            raise HyperError(f"{path}: unreadable metadata record: {e}") from None
        m = self.metadata
        if m.get("format") != "hyper-mlir-model" or m.get("version") != 1:
            raise HyperError(f"{path}: metadata format {m.get('format')!r} version "
                             f"{m.get('version')!r}; this package reads hyper-mlir-model 1")
        self.name, self.target = m["name"], m["target"]
        try:
            self._release = getattr(self._lib, m["release"])
            self._last_error = getattr(self._lib, m["last_error"])
        except AttributeError as e:
            raise HyperError(f"{path}: library and metadata differ: {e}") from None
        self._release.argtypes = [ctypes.POINTER(_Result)]
        self._release.restype = None
        self._last_error.restype = ctypes.c_char_p
        self.functions = {f["name"]: CompiledFunction(self, f, bound)
                          for f in m["functions"]}

    def _wrap(self, results, metas):
        owner = _Owner(self._release, results)
        arrays = []
        for r, t in zip(results, metas):
            shape = tuple(r.shape[:r.rank])
            dtype = np.dtype(_DTYPES[t["dtype"]])
            count = int(np.prod(shape, dtype=np.int64))
            if count == 0 or not r.data:
                arrays.append(np.zeros(shape, dtype))
                continue
            buffer = (ctypes.c_char * (count * dtype.itemsize)).from_address(r.data)
            buffer._hyper_owner = owner  # the memory lives while an array uses it
            arrays.append(np.frombuffer(buffer, dtype).reshape(shape))
        return arrays

    def __getattr__(self, name):
        functions = self.__dict__.get("functions", {})
        if name in functions:
            return functions[name]
        raise AttributeError(f"model {self.__dict__.get('name')!r} has no function {name!r} "
                             f"(it has {sorted(functions)})")

    def __call__(self, *args, **kwargs):
        if len(self.functions) == 1:
            return next(iter(self.functions.values()))(*args, **kwargs)
        if "forward" in self.functions:
            return self.functions["forward"](*args, **kwargs)
        raise TypeError(f"model {self.name!r} has several functions "
                        f"({sorted(self.functions)}); call one by name")

    def __repr__(self):
        fns = "; ".join(f.signature() for f in self.functions.values())
        return f"<CompiledModel {self.name} ({self.target}) {fns}>"


def load(path, weights=None):
    """Loads a library written by ``hyper-compile --shared``. ``weights``
    (name → array) fills inputs that were left unbound at compile time."""
    return CompiledModel(path, weights)
