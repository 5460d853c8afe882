//===- Passes.h - hyper conversions -----------------------------*- C++ -*-===//

#ifndef HYPER_CONVERSION_PASSES_H
#define HYPER_CONVERSION_PASSES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Pass/Pass.h"

namespace mlir::hyper {

#define GEN_PASS_DECL
#include "hyper/Conversion/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "hyper/Conversion/Passes.h.inc"

/// Patterns that lower the weight-generation primitives
/// (`hyper.generate_kernel`, `hyper.row_scaled_linear`,
/// `hyper.dynamic_linear`) to linalg and tensor.
void populateHyperToLinalgPatterns(RewritePatternSet &patterns);

} // namespace mlir::hyper

#endif // HYPER_CONVERSION_PASSES_H
