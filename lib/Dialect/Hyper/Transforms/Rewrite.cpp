//===- Rewrite.cpp - Pattern application with a diagnostic ------*- C++ -*-===//

#include "hyper/Dialect/Hyper/Transforms/Transforms.h"

using namespace mlir;

LogicalResult
mlir::hyper::applyPatternsOrReport(Operation *op,
                                   const FrozenRewritePatternSet &patterns,
                                   StringRef pass, GreedyRewriteConfig config) {
  if (succeeded(applyPatternsGreedily(op, patterns, config)))
    return success();
  op->emitError() << pass
                  << ": internal error: the rewrite patterns did not converge "
                     "(a compiler bug; please report it with this input)";
  return failure();
}
