//===- CInterface.h - The C interface of a compiled model -------*- C++ -*-===//
//
// What hyper-compile writes around the code of a model: the C entry points
// (compiled into the model's object or library), the header that declares
// them, and the metadata record that describes them to FFIs.
//
// Every entry point of a model called NAME is `hyper_NAME_FUNCTION`; the
// model also exports `hyper_NAME_release`, `hyper_NAME_last_error` and
// `hyper_NAME_metadata`, and nothing else.
//
//===----------------------------------------------------------------------===//

#ifndef HYPER_COMPILE_CINTERFACE_H
#define HYPER_COMPILE_CINTERFACE_H

#include "hyper/Driver/Driver.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace hyper_compile {

/// An argument or result: its C identifier, its `hyper.name` (empty when it
/// has none) and its type.
struct Tensor {
  std::string name;
  std::string hyperName;
  mlir::RankedTensorType type;
};

/// One exported function.
struct Signature {
  std::string name; ///< the MLIR function
  std::vector<Tensor> args, results;
  std::vector<mlir::hyper::ArgumentSizeCheck> checks; ///< sizes that agree
};

/// A compiled model's interface.
struct ModelInterface {
  std::string name;   ///< the C prefix: hyper_<name>_...
  std::string source; ///< the input file's name, for comments
  bool cuda = false;
  bool threads = false;
  std::vector<Signature> functions;

  /// "hyper_<name>_<what>".
  std::string symbol(llvm::StringRef what) const {
    return "hyper_" + name + "_" + what.str();
  }
  /// Every symbol the compiled model exports.
  std::vector<std::string> exportedSymbols() const;
};

/// The suffixes hyper_<name>_ is followed by in the model's own functions;
/// an MLIR function must not take one of them.
bool isReservedSuffix(llvm::StringRef function);

/// The element types the interface carries and their C spelling.
std::optional<llvm::StringRef> cType(mlir::Type t);

/// Writes the header that declares the model's entry points.
void writeHeader(llvm::raw_ostream &os, const ModelInterface &model,
                 llvm::StringRef guard);

/// Writes the C source of the entry points (compiled into the model).
void writeEntryPoints(llvm::raw_ostream &os, const ModelInterface &model);

/// The metadata record (JSON) of the model: every entry point's symbol,
/// inputs and results with names, dtypes and shapes (null where dynamic).
std::string metadataJson(const ModelInterface &model);

} // namespace hyper_compile

#endif // HYPER_COMPILE_CINTERFACE_H
