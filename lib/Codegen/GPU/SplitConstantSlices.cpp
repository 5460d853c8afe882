//===- SplitConstantSlices.cpp - Slices of constants as constants ---------===//
//
// hyper-split-constant-slices: a constant read only through static slices
// becomes one constant per slice (see the pass description in Passes.td).
//
//===----------------------------------------------------------------------===//

#include "hyper/Codegen/GPU/Passes.h"
#include "hyper/Dialect/Hyper/Transforms/Transforms.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::hyper {
#define GEN_PASS_DEF_HYPERSPLITCONSTANTSLICESPASS
#include "hyper/Codegen/GPU/Passes.h.inc"
} // namespace mlir::hyper

using namespace mlir;

namespace {

/// Whether every element a static slice reads lies inside its source
/// (upstream's folding reads wherever the offsets and strides point, and a
/// negative stride verifies).
bool inBounds(tensor::ExtractSliceOp slice) {
  ArrayRef<int64_t> dims = slice.getSourceType().getShape();
  for (auto [dim, offset, size, stride] :
       llvm::zip_equal(dims, slice.getStaticOffsets(), slice.getStaticSizes(),
                       slice.getStaticStrides())) {
    if (size == 0)
      continue;
    int64_t span, last;
    if (__builtin_mul_overflow(size - 1, stride, &span) ||
        __builtin_add_overflow(offset, span, &last) || offset < 0 ||
        offset >= dim || last < 0 || last >= dim)
      return false;
  }
  return true;
}

/// Whether every use of `constant` is a tensor.extract_slice with static
/// offsets, sizes and strides (the constant then dies once they fold), and
/// the slices together hold no more elements than the constant (overlapping
/// slices would grow the data).
bool splitsIntoSlices(Value constant) {
  int64_t total = 0;
  for (Operation *user : constant.getUsers()) {
    auto slice = dyn_cast<tensor::ExtractSliceOp>(user);
    if (!slice || !slice.getOffsets().empty() || !slice.getSizes().empty() ||
        !slice.getStrides().empty())
      return false;
    if (!inBounds(slice))
      return false;
    total += slice.getType().getNumElements();
  }
  return total <= cast<ShapedType>(constant.getType()).getNumElements();
}

struct HyperSplitConstantSlicesPass
    : hyper::impl::HyperSplitConstantSlicesPassBase<
          HyperSplitConstantSlicesPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    tensor::populateFoldConstantExtractSlicePatterns(
        patterns, [](tensor::ExtractSliceOp slice) {
          return slice.getSource().getDefiningOp<arith::ConstantOp>() &&
                 splitsIntoSlices(slice.getSource());
        });
    if (failed(hyper::applyPatternsOrReport(getOperation(), std::move(patterns),
                                            getArgument())))
      signalPassFailure();
  }
};

} // namespace
