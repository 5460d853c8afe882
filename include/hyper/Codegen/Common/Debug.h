//===- Debug.h - Why a stage took or skipped a path ---------------*- C++
//-*-===//
//
// Each code-generation stage has a DEBUG_TYPE, its flag (for example
// "hyper-cpu-tile-gemms"), and says through HYPER_DEBUG why it left an op
// alone. LLVM's own `-debug-only` exists only in LLVM builds with
// assertions, which the Debian packages are not, so the project has its
// own switch, compiled into every build: `--hyper-debug-only=TYPE[,TYPE]`
// (or `--hyper-debug` for all) in hyper-opt, hyper-run and hyper-compile.
// Output goes to stderr.
//
//===----------------------------------------------------------------------===//

#ifndef HYPER_CODEGEN_COMMON_DEBUG_H
#define HYPER_CODEGEN_COMMON_DEBUG_H

#include "mlir/IR/Operation.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/raw_ostream.h"

namespace mlir::hyper {

/// Whether `--hyper-debug` is on or `--hyper-debug-only` names `type`.
bool isDebugEnabled(llvm::StringRef type);

/// Prints, when `type`'s debug output is on, `[type] LOC: OP: why` and
/// returns failure: a stage's "left alone because ...".
LogicalResult skipped(llvm::StringRef type, Operation *op,
                      const llvm::Twine &why);

} // namespace mlir::hyper

/// Runs X when the current DEBUG_TYPE's debug output is on.
#define HYPER_DEBUG(X)                                                         \
  do {                                                                         \
    if (::mlir::hyper::isDebugEnabled(DEBUG_TYPE)) {                           \
      X;                                                                       \
    }                                                                          \
  } while (false)

#endif // HYPER_CODEGEN_COMMON_DEBUG_H
