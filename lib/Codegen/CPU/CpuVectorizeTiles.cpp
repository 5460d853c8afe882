//===- CpuVectorizeTiles.cpp - hyper-cpu-vectorize-tiles
//--------------------===//
//
// hyper-cpu-vectorize-tiles: the marked register tiles as vector code: full
// static tiles without masks, partial ones masked.
//
//===----------------------------------------------------------------------===//

#include "hyper/Codegen/CPU/CpuSchedule.h"
#include "hyper/Codegen/CPU/Markers.h"
#include "hyper/Codegen/CPU/Passes.h"
#include "hyper/Codegen/CPU/Transforms.h"
#include "hyper/Codegen/Common/ConstantLayouts.h"
#include "hyper/Codegen/Common/Debug.h"
#include "hyper/Codegen/Common/LinalgQueries.h"
#include "hyper/Codegen/Common/TilingUtils.h"
#include "hyper/Dialect/Hyper/Transforms/Transforms.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Affine/Utils.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/SCF/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/Dialect/Vector/Transforms/VectorTransforms.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Interfaces/ValueBoundsOpInterface.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#define DEBUG_TYPE "hyper-cpu-vectorize-tiles"

namespace mlir::hyper {
#define GEN_PASS_DEF_HYPERCPUVECTORIZETILESPASS
#include "hyper/Codegen/CPU/Passes.h.inc"
} // namespace mlir::hyper

using namespace mlir;
using namespace mlir::hyper;
using namespace mlir::hyper::markers;

LogicalResult mlir::hyper::vectorizeTile(RewriterBase &rewriter,
                                         linalg::LinalgOp t) {
  SmallVector<int64_t> vectorSizes(
      cast<DenseI64ArrayAttr>(t->getAttr(kRegisterTile)).asArrayRef());
  t->removeAttr(kRegisterTile);
  if (vectorSizes.size() != t.getNumLoops())
    return skipped(DEBUG_TYPE, t,
                   "the marker has " + Twine(vectorSizes.size()) +
                       " vector sizes for " + Twine(t.getNumLoops()) +
                       " loops");
  for (auto [size, range] :
       llvm::zip_equal(vectorSizes, t.getStaticLoopRanges()))
    if (!ShapedType::isDynamic(range))
      size = range;
  // The scalable flags must be spelled out: an empty list yields masks
  // of the wrong shape for broadcast reads.
  SmallVector<bool> scalable(vectorSizes.size(), false);
  if (failed(linalg::vectorizeOpPrecondition(t, vectorSizes, scalable,
                                             /*vectorizeNDExtract=*/true)))
    return skipped(DEBUG_TYPE, t, "the vectorizer does not take the tile");
  rewriter.setInsertionPoint(t);
  // tensor.extract in a body (the im2col gather) becomes a contiguous
  // vector load where its last index follows the innermost loop.
  FailureOr<linalg::VectorizationResult> vectorized =
      linalg::vectorize(rewriter, t, vectorSizes, scalable,
                        /*vectorizeNDExtract=*/true);
  if (failed(vectorized))
    return skipped(DEBUG_TYPE, t, "vectorization failed");
  rewriter.replaceOp(t, vectorized->replacements);
  return success();
}

LogicalResult mlir::hyper::applyCpuVectorCleanup(func::FuncOp func,
                                                 StringRef pass) {
  RewritePatternSet patterns(func.getContext());
  vector::populateVectorReductionToContractPatterns(patterns);
  vector::populateVectorTransferPermutationMapLoweringPatterns(patterns);
  addCanonicalizationPatterns(patterns);
  return applyPatternsOrReport(func, std::move(patterns), pass);
}

namespace {

struct HyperCpuVectorizeTilesPass
    : hyper::impl::HyperCpuVectorizeTilesPassBase<HyperCpuVectorizeTilesPass> {
  using HyperCpuVectorizeTilesPassBase::HyperCpuVectorizeTilesPassBase;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    IRRewriter rewriter(&getContext());
    SmallVector<linalg::LinalgOp> tiles;
    func.walk([&](linalg::LinalgOp op) {
      if (op->hasAttr(kRegisterTile))
        tiles.push_back(op);
    });
    for (linalg::LinalgOp t : tiles)
      (void)vectorizeTile(rewriter, t);

    // Clean up: the vectorized tiles' reductions become vector.contract.
    if (failed(applyCpuVectorCleanup(func, getArgument())))
      return signalPassFailure();
  }
};

} // namespace
