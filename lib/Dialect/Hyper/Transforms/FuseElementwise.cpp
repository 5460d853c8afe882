//===- FuseElementwise.cpp - Elementwise producer-consumer fusion -*- C++ -*-===//

#include "hyper/Dialect/Hyper/Transforms/Passes.h"
#include "hyper/Dialect/Hyper/Transforms/Transforms.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::hyper {
#define GEN_PASS_DEF_HYPERFUSEELEMENTWISEPASS
#include "hyper/Dialect/Hyper/Transforms/Passes.h.inc"
} // namespace mlir::hyper

using namespace mlir;

namespace {
struct HyperFuseElementwisePass
    : hyper::impl::HyperFuseElementwisePassBase<HyperFuseElementwisePass> {
  using HyperFuseElementwisePassBase::HyperFuseElementwisePassBase;

  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    // Fuse a producer only into its single consumer: recomputing an
    // elementwise value in several consumers is not free.
    linalg::ControlFusionFn singleUse = [](OpOperand *operand) {
      Operation *producer = operand->get().getDefiningOp();
      return producer && producer->hasOneUse();
    };
    linalg::populateElementwiseOpsFusionPatterns(patterns, singleUse);
    linalg::populateEraseUnusedOperandsAndResultsPatterns(patterns);
    linalg::GenericOp::getCanonicalizationPatterns(patterns, &getContext());
    if (failed(hyper::applyPatternsOrReport(getOperation(), std::move(patterns),
                                            getArgument())))
      signalPassFailure();
  }
};
} // namespace
