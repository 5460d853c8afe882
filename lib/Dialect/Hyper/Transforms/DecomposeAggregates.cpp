//===- DecomposeAggregates.cpp - Aggregated linalg ops → generics -*- C++ -*-===//

#include "hyper/Dialect/Hyper/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::hyper {
#define GEN_PASS_DEF_HYPERDECOMPOSEAGGREGATESPASS
#include "hyper/Dialect/Hyper/Transforms/Passes.h.inc"
} // namespace mlir::hyper

using namespace mlir;

namespace {
struct HyperDecomposeAggregatesPass
    : hyper::impl::HyperDecomposeAggregatesPassBase<
          HyperDecomposeAggregatesPass> {
  using HyperDecomposeAggregatesPassBase::HyperDecomposeAggregatesPassBase;

  void runOnOperation() override {
    SmallVector<linalg::AggregatedOpInterface> ops;
    getOperation().walk(
        [&](linalg::AggregatedOpInterface op) { ops.push_back(op); });
    IRRewriter rewriter(&getContext());
    for (linalg::AggregatedOpInterface op : ops) {
      rewriter.setInsertionPoint(op);
      FailureOr<SmallVector<Value>> replacement =
          op.decomposeOperation(rewriter);
      if (failed(replacement)) {
        op->emitError("cannot decompose this op into structured linalg ops");
        return signalPassFailure();
      }
      rewriter.replaceOp(op, *replacement);
    }
  }
};
} // namespace
