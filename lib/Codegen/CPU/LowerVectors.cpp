//===- LowerVectors.cpp - hyper-lower-vectors -----------------------------===//
//
// hyper-lower-vectors: after bufferization, the vector ops of the CPU
// stages lowered to what convert-vector-to-llvm maps to registers.
//
//===----------------------------------------------------------------------===//

#include "hyper/Codegen/CPU/Passes.h"
#include "hyper/Dialect/Hyper/Transforms/Transforms.h"

#include "mlir/Conversion/VectorToSCF/VectorToSCF.h"
#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/Dialect/Vector/Transforms/VectorTransforms.h"

#include <string>

namespace mlir::hyper {
#define GEN_PASS_DEF_HYPERLOWERVECTORSPASS
#include "hyper/Codegen/CPU/Passes.h.inc"
} // namespace mlir::hyper

using namespace mlir;

namespace {

struct HyperLowerVectorsPass
    : hyper::impl::HyperLowerVectorsPassBase<HyperLowerVectorsPass> {
  using HyperLowerVectorsPassBase::HyperLowerVectorsPassBase;

  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    // The lowering unrolls vectors to one-dimensional ones element group
    // by element group: a huge vector (never one the schedules make) would
    // take memory and time without bound. Refused with the op's location.
    constexpr int64_t kMaxElements = int64_t(1) << 20;
    WalkResult tooLarge = getOperation()->walk([&](Operation *op) {
      for (Type t :
           llvm::concat<Type>(op->getOperandTypes(), op->getResultTypes())) {
        auto vector = dyn_cast<VectorType>(t);
        if (!vector || vector.isScalable())
          continue;
        int64_t n = 1;
        bool overflow = false;
        for (int64_t d : vector.getShape())
          overflow |= __builtin_mul_overflow(n, d, &n);
        if (overflow || n > kMaxElements) {
          std::string count =
              overflow ? "more than 2^63 - 1" : std::to_string(n);
          op->emitOpError("has a ")
              << vector << " of " << count
              << " elements; hyper-lower-vectors unrolls vectors of at most "
              << kMaxElements << " elements";
          return WalkResult::interrupt();
        }
      }
      return WalkResult::advance();
    });
    if (tooLarge.wasInterrupted())
      return signalPassFailure();
    auto apply = [&](function_ref<void(RewritePatternSet &)> populate) {
      RewritePatternSet patterns(ctx);
      populate(patterns);
      return hyper::applyPatternsOrReport(getOperation(), std::move(patterns),
                                          getArgument());
    };
    vector::VectorTransformsOptions split;
    split.vectorTransferSplit = vector::VectorTransferSplit::LinalgCopy;
    if (failed(apply([&](RewritePatternSet &p) {
          vector::populateVectorMaskLoweringPatternsForSideEffectingOps(p);
          vector::populateVectorContractLoweringPatterns(
              p, vector::VectorContractLowering::OuterProduct);
          vector::populateVectorTransferPermutationMapLoweringPatterns(p);
          vector::populateVectorMultiReductionLoweringPatterns(
              p, vector::VectorMultiReductionLowering::InnerParallel);
        })) ||
        failed(apply([&](RewritePatternSet &p) {
          vector::populateVectorTransferFullPartialPatterns(p, split);
        })) ||
        failed(apply([&](RewritePatternSet &p) {
          populateVectorToSCFConversionPatterns(
              p,
              VectorTransferToSCFOptions().enableFullUnroll().setTargetRank(1));
          vector::populateVectorTransferLoweringPatterns(p, /*maxRank=*/1);
          vector::populateVectorShapeCastLoweringPatterns(p);
          vector::populateVectorTransposeLoweringPatterns(
              p, vector::VectorTransposeLowering::Shuffle1D);
          vector::populateVectorMaskOpLoweringPatterns(p);
        })) ||
        failed(apply([&](RewritePatternSet &p) {
          vector::populateVectorOuterProductLoweringPatterns(p);
          vector::populateVectorBroadcastLoweringPatterns(p);
        })))
      return signalPassFailure();
  }
};

} // namespace
