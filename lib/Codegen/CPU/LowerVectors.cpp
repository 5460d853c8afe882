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
