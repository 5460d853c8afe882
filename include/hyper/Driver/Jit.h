//===- Jit.h - Compile and call a hyper function in-process -----*- C++ -*-===//

#ifndef HYPER_DRIVER_JIT_H
#define HYPER_DRIVER_JIT_H

#include "hyper/Target/TargetInfo.h"
#include "hyper/Runtime/Npy.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/Timing.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mlir {
class ExecutionEngine;
} // namespace mlir

namespace mlir::hyper {

/// The runtime element type of a tensor element type, if it has one.
std::optional<hyperrt::DType> dtypeOf(Type elementType);

/// Whether `array` can bind to an argument of `type` (same element type and
/// rank, equal static sizes); otherwise says why in `error`.
bool fitsTensorType(const hyperrt::Array &array, RankedTensorType type,
                    std::string &error);

/// One function of a module, compiled for the host CPU with the CPU
/// pipeline and LLVM's JIT, called with runtime arrays through MLIR's C
/// interface.
class JitFunction {
public:
  ~JitFunction();

  /// Lowers `module` in place for `target` and JIT-compiles `func` (which
  /// must take and return ranked tensors of f32, f64, i32 or i64). A CPU
  /// target gets the host's vector width; on CUDA, kernels run through
  /// libHyperCudaRuntime and `call` stages arguments in managed memory. On
  /// failure returns null with a message in `error`; IR diagnostics also go
  /// to the context. With `timing`, the pipeline's passes, LLVM's
  /// optimization and machine-code generation are timed under it.
  static std::unique_ptr<JitFunction> compile(ModuleOp module, func::FuncOp func,
                                              std::string &error,
                                              TargetInfo target = {},
                                              TimingScope *timing = nullptr);

  /// The signature the function had before lowering.
  FunctionType getType() const { return type; }

  /// Calls the function. Arguments must fit the signature (see
  /// fitsTensorType); results are copied into owned arrays (unless
  /// `copyResults` is false: timing runs) and the function's buffers freed.
  /// Returns nullopt with `error` on failure.
  std::optional<std::vector<hyperrt::Array>>
  call(std::vector<hyperrt::Array> &args, std::string &error,
       bool copyResults = true);

private:
  JitFunction() = default;

  /// Checks the signature, sets the name and type, and readies `module`
  /// for lowering (C interface on `func`, no `hyper.name` attributes).
  static std::unique_ptr<JitFunction> prepare(ModuleOp module,
                                              func::FuncOp func,
                                              std::string &error);

  std::unique_ptr<ExecutionEngine> engine;
  bool cuda = false;
  std::string name;
  FunctionType type;
};

} // namespace mlir::hyper

#endif // HYPER_DRIVER_JIT_H
