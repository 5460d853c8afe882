"""hyper_mlir: bring hypernetworks from PyTorch to compiled code.

    import hyper_mlir
    from hyper_mlir import nn as hnn

    model = MyModel(...)                    # built from hyper_mlir.nn modules
    exported = hyper_mlir.export(model, (x,))   # torch.fx -> hyper-mlir
    compiled = hyper_mlir.compile(exported)     # hyper-compile --shared, loaded
    y = compiled(x)                             # numpy in -> numpy out
    print(hyper_mlir.summary(model))            # parameters and multiply-adds

See docs/Python.md.
"""

from . import nn
from .compiler import compile, tools_dir
from .export import ExportError, Exported, export
from .runtime import CompiledFunction, CompiledModel, HyperError, load
from .summary import summary

__version__ = "0.1.0"

__all__ = ["nn", "export", "Exported", "ExportError", "compile", "load", "CompiledModel",
           "CompiledFunction", "HyperError", "summary", "tools_dir", "__version__"]
