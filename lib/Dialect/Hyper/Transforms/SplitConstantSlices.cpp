//===- SplitConstantSlices.cpp - Constant slices as constants of their own
//-===//
//
// hyper-split-constant-slices: a constant read only through static slices
// becomes one constant per slice (see the pass description in Passes.td).
//
//===----------------------------------------------------------------------===//

#include "hyper/Dialect/Hyper/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::hyper {
#define GEN_PASS_DEF_HYPERSPLITCONSTANTSLICESPASS
#include "hyper/Dialect/Hyper/Transforms/Passes.h.inc"
} // namespace mlir::hyper

using namespace mlir;

namespace {

/// Whether every use of `constant` is a tensor.extract_slice with static
/// offsets, sizes and strides (the constant then dies once they fold).
bool onlyStaticSlices(Value constant) {
  return llvm::all_of(constant.getUsers(), [](Operation *user) {
    auto slice = dyn_cast<tensor::ExtractSliceOp>(user);
    return slice && slice.getOffsets().empty() && slice.getSizes().empty() &&
           slice.getStrides().empty();
  });
}

struct HyperSplitConstantSlicesPass
    : hyper::impl::HyperSplitConstantSlicesPassBase<
          HyperSplitConstantSlicesPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    tensor::populateFoldConstantExtractSlicePatterns(
        patterns, [](tensor::ExtractSliceOp slice) {
          return slice.getSource().getDefiningOp<arith::ConstantOp>() &&
                 onlyStaticSlices(slice.getSource());
        });
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
