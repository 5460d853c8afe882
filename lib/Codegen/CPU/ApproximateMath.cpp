//===- ApproximateMath.cpp - Polynomial tanh and exp ----------------------===//
//
// tanh and exp as polynomial approximations in plain arith (and math.fma):
// vectorized, they stay in vector registers instead of becoming one libm
// call per lane.
//
//===----------------------------------------------------------------------===//

#include "hyper/Codegen/CPU/Passes.h"
#include "hyper/Dialect/Hyper/Transforms/Transforms.h"

#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::hyper {
#define GEN_PASS_DEF_HYPERAPPROXIMATEMATHPASS
#include "hyper/Codegen/CPU/Passes.h.inc"
} // namespace mlir::hyper

using namespace mlir;

namespace {

struct HyperApproximateMathPass
    : hyper::impl::HyperApproximateMathPassBase<HyperApproximateMathPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateMathPolynomialApproximationPatterns(patterns, [](StringRef name) {
      return name == math::TanhOp::getOperationName() ||
             name == math::ExpOp::getOperationName();
    });
    if (failed(hyper::applyPatternsOrReport(getOperation(), std::move(patterns),
                                            getArgument())))
      signalPassFailure();
  }
};

} // namespace
