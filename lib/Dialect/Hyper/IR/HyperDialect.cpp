//===- HyperDialect.cpp - The hyper dialect ---------------------*- C++ -*-===//

#include "hyper/Dialect/Hyper/IR/HyperDialect.h"
#include "hyper/Dialect/Hyper/IR/HyperOps.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::hyper;

#include "hyper/Dialect/Hyper/IR/HyperOpsDialect.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "hyper/Dialect/Hyper/IR/HyperAttrs.cpp.inc"

void HyperDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "hyper/Dialect/Hyper/IR/HyperOps.cpp.inc"
      >();
  addAttributes<
#define GET_ATTRDEF_LIST
#include "hyper/Dialect/Hyper/IR/HyperAttrs.cpp.inc"
      >();
}

//===----------------------------------------------------------------------===//
// Discardable attributes on function arguments and results
//===----------------------------------------------------------------------===//

/// `hyper.name` must be a non-empty string; no other `hyper.*` attribute may
/// appear on arguments or results.
static LogicalResult verifyNameAttr(Operation *op, NamedAttribute attr,
                                    StringRef where, unsigned index) {
  if (attr.getName() != HyperDialect::getNameAttrName())
    return op->emitError("unknown hyper attribute '")
           << attr.getName().getValue() << "' on " << where << " #" << index;
  auto name = dyn_cast<StringAttr>(attr.getValue());
  if (!name || name.getValue().empty())
    return op->emitError("expected 'hyper.name' on ")
           << where << " #" << index << " to be a non-empty string, got "
           << attr.getValue();
  return success();
}

LogicalResult HyperDialect::verifyRegionArgAttribute(Operation *op,
                                                     unsigned /*regionIndex*/,
                                                     unsigned argIndex,
                                                     NamedAttribute attr) {
  return verifyNameAttr(op, attr, "argument", argIndex);
}

LogicalResult HyperDialect::verifyRegionResultAttribute(
    Operation *op, unsigned /*regionIndex*/, unsigned resultIndex,
    NamedAttribute attr) {
  return verifyNameAttr(op, attr, "result", resultIndex);
}
