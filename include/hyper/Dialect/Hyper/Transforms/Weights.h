//===- Weights.h - Binding named weights to function arguments -*- C++ -*-===//

#ifndef HYPER_DIALECT_HYPER_TRANSFORMS_WEIGHTS_H
#define HYPER_DIALECT_HYPER_TRANSFORMS_WEIGHTS_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/ADT/StringMap.h"

#include <string>

namespace hyperrt {
class Array;
} // namespace hyperrt

namespace mlir::hyper {

/// The tensor type of a runtime array (f32, f64, i32 or i64 elements).
RankedTensorType tensorTypeOf(const ::hyperrt::Array &array,
                              MLIRContext *context);

/// The array's contents as a dense attribute of `tensorTypeOf(array)`.
DenseElementsAttr toAttribute(const ::hyperrt::Array &array,
                              MLIRContext *context);

/// Reads an .npz archive, or a directory of NAME.npy files, into attributes
/// by array name. On failure returns nullopt with the reader's message in
/// `error`.
std::optional<llvm::StringMap<DenseElementsAttr>>
loadWeights(const std::string &path, MLIRContext *context, std::string &error);

/// Replaces each argument of `func` whose `hyper.name` is a key of `weights`
/// by a constant of that value and removes the argument. Fails, with a
/// diagnostic on the function, when a value's type does not fit its
/// argument. Returns the number of arguments bound.
FailureOr<unsigned>
bindNamedArguments(func::FuncOp func,
                   const llvm::StringMap<DenseElementsAttr> &weights);

} // namespace mlir::hyper

#endif // HYPER_DIALECT_HYPER_TRANSFORMS_WEIGHTS_H
