//===- RuntimeFunctions.h - Declaring runtime entry points ------*- C++ -*-===//
//
// Passes that make lowered code call the project's runtimes (libHyperRuntime,
// libHyperCudaRuntime, libomp) declare the functions they call here.
//
//===----------------------------------------------------------------------===//

#ifndef HYPER_CODEGEN_COMMON_RUNTIMEFUNCTIONS_H
#define HYPER_CODEGEN_COMMON_RUNTIMEFUNCTIONS_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"

namespace mlir::hyper {

/// The runtime function `name` of type `type` in `module`: the private
/// declaration already there, else a new one at `b`'s insertion point (in
/// the module's body; `cInterface`: called through its C interface,
/// `_mlir_ciface_<name>`, memref descriptors by pointer). Failure, with an
/// error on the symbol
/// ("'<name>' is reserved for <purpose>: ..."), when the module already
/// has `name` as something else or with another type.
FailureOr<func::FuncOp> declareRuntimeFunction(OpBuilder &b, ModuleOp module,
                                               StringRef name,
                                               FunctionType type,
                                               StringRef purpose,
                                               bool cInterface = false);

} // namespace mlir::hyper

#endif // HYPER_CODEGEN_COMMON_RUNTIMEFUNCTIONS_H
