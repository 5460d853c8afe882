//===- Debug.cpp - Why a stage took or skipped a path ---------------------===//

#include "hyper/Codegen/Common/Debug.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/CommandLine.h"

using namespace mlir;

namespace {

llvm::cl::opt<bool>
    debugAll("hyper-debug",
             llvm::cl::desc("Every hyper code-generation stage says why it "
                            "left an op alone (stderr)"),
             llvm::cl::init(false));

llvm::cl::list<std::string> debugOnly(
    "hyper-debug-only",
    llvm::cl::desc("The named stages (pass flags, e.g. "
                   "hyper-cpu-tile-gemms) say why they left an op alone"),
    llvm::cl::CommaSeparated);

} // namespace

bool mlir::hyper::isDebugEnabled(llvm::StringRef type) {
  return debugAll || llvm::is_contained(debugOnly, type);
}

LogicalResult mlir::hyper::skipped(llvm::StringRef type, Operation *op,
                                   const llvm::Twine &why) {
  if (isDebugEnabled(type))
    llvm::errs() << "[" << type << "] " << op->getLoc() << ": " << op->getName()
                 << ": " << why << "\n";
  return failure();
}
