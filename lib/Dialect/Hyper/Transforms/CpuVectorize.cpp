//===- CpuVectorize.cpp - CPU schedule of GEMMs -----------------*- C++ -*-===//
//
// hyper-cpu-vectorize: tile linalg.matmul for caches and registers and
// vectorize it. hyper-lower-vectors: lower the resulting vector ops after
// bufferization.
//
//===----------------------------------------------------------------------===//

#include "hyper/Dialect/Hyper/Transforms/Passes.h"

#include "mlir/Conversion/VectorToSCF/VectorToSCF.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
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
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "mlir/Transforms/LoopInvariantCodeMotionUtils.h"

namespace mlir::hyper {
#define GEN_PASS_DEF_HYPERCPUVECTORIZEPASS
#define GEN_PASS_DEF_HYPERLOWERVECTORSPASS
#include "hyper/Dialect/Hyper/Transforms/Passes.h.inc"
} // namespace mlir::hyper

using namespace mlir;

namespace {

/// True when `op` reads B as [N, K]: maps (m, k), (n, k), (m, n).
bool hasTransposedB(linalg::MatmulOp op) {
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  MLIRContext *ctx = op.getContext();
  AffineExpr m, n, k;
  bindDims(ctx, m, n, k);
  return maps[0] == AffineMap::get(3, 0, {m, k}, ctx) &&
         maps[1] == AffineMap::get(3, 0, {n, k}, ctx) &&
         maps[2] == AffineMap::get(3, 0, {m, n}, ctx);
}

/// `w` transposed: a constant when `w` is one (its bytes reordered), else a
/// linalg.transpose.
Value transposed(RewriterBase &rewriter, Location loc, Value w) {
  auto type = cast<RankedTensorType>(w.getType());
  DenseElementsAttr attr;
  if (type.hasStaticShape() && matchPattern(w, m_Constant(&attr))) {
    auto resultType = RankedTensorType::get(
        {type.getDimSize(1), type.getDimSize(0)}, type.getElementType());
    if (attr.isSplat())
      return arith::ConstantOp::create(rewriter, loc,
                                       attr.resizeSplat(resultType));
    ArrayRef<char> raw = attr.getRawData();
    int64_t rows = type.getDimSize(0), cols = type.getDimSize(1);
    size_t bytes = raw.size() / (rows * cols);
    std::vector<char> out(raw.size());
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t c = 0; c < cols; ++c)
        std::memcpy(&out[(c * rows + r) * bytes], &raw[(r * cols + c) * bytes],
                    bytes);
    return arith::ConstantOp::create(
        rewriter, loc,
        DenseElementsAttr::getFromRawBuffer(resultType, ArrayRef<char>(out)));
  }
  SmallVector<OpFoldResult> sizes = {tensor::getMixedSize(rewriter, loc, w, 1),
                                     tensor::getMixedSize(rewriter, loc, w, 0)};
  Value init =
      tensor::EmptyOp::create(rewriter, loc, sizes, type.getElementType());
  return linalg::TransposeOp::create(rewriter, loc, w, init,
                                     ArrayRef<int64_t>{1, 0})
      .getResult()[0];
}

/// Tiles `op` with `sizes` (0: not tiled) using scf.for loops, or one
/// scf.forall when `forall`, and returns the tiling result, or failure
/// (leaving `op` as it is).
FailureOr<scf::SCFTilingResult> tile(RewriterBase &rewriter, Operation *op,
                                     ArrayRef<int64_t> sizes,
                                     bool forall = false) {
  scf::SCFTilingOptions options;
  options.setTileSizes(getAsIndexOpFoldResult(op->getContext(), sizes));
  if (forall)
    options.setLoopType(scf::SCFTilingOptions::LoopType::ForallOp);
  rewriter.setInsertionPoint(op);
  FailureOr<scf::SCFTilingResult> tiled =
      scf::tileUsingSCF(rewriter, cast<TilingInterface>(op), options);
  if (failed(tiled))
    return failure();
  rewriter.replaceOp(op, tiled->replacements);
  return tiled;
}

/// Marks register tiles for vectorization.
constexpr StringLiteral kRegisterTile = "hyper.register_tile";

struct HyperCpuVectorizePass
    : hyper::impl::HyperCpuVectorizePassBase<HyperCpuVectorizePass> {
  using HyperCpuVectorizePassBase::HyperCpuVectorizePassBase;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    MLIRContext *ctx = &getContext();
    IRRewriter rewriter(ctx);

    // 1. B as [K, N]: transpose [out, in] weights.
    SmallVector<linalg::MatmulOp> transposedB;
    func.walk([&](linalg::MatmulOp op) {
      if (op.hasPureTensorSemantics() && hasTransposedB(op))
        transposedB.push_back(op);
    });
    for (linalg::MatmulOp op : transposedB) {
      rewriter.setInsertionPoint(op);
      Value bt = transposed(rewriter, op.getLoc(), op.getInputs()[1]);
      rewriter.replaceOpWithNewOp<linalg::MatmulOp>(
          op, op.getResultTypes(), ValueRange{op.getInputs()[0], bt},
          op.getOutputs());
    }
    // Weight transposes do not depend on the loops they sit in.
    func.walk([&](LoopLikeOpInterface loop) { moveLoopInvariantCode(loop); });

    // 2. Cache and register tiles. The register loops over M and N are
    //    peeled, so that every tile but the last is full and static.
    SmallVector<linalg::MatmulOp> matmuls;
    func.walk([&](linalg::MatmulOp op) {
      if (op.hasPureTensorSemantics())
        matmuls.push_back(op);
    });
    SmallVector<int64_t> registerTile = {mTile, 2 * vectorWidth, 1};
    for (linalg::MatmulOp op : matmuls) {
      // A static dimension smaller than its tile is taken whole, so that its
      // slices stay static (no mask along it).
      SmallVector<int64_t> ranges = op.getStaticLoopRanges();
      auto clamp = [&](SmallVector<int64_t> sizes) {
        for (auto [size, range] : llvm::zip_equal(sizes, ranges))
          if (!ShapedType::isDynamic(range) && range < size)
            size = range;
        return sizes;
      };
      // M×N cache tiles (the unit of threading), then K panels.
      FailureOr<scf::SCFTilingResult> cacheTile =
          tile(rewriter, op, clamp({64, 256, 0}), parallel);
      if (failed(cacheTile))
        continue;
      FailureOr<scf::SCFTilingResult> panel =
          tile(rewriter, cacheTile->tiledOps.back(), clamp({0, 0, 256}));
      if (failed(panel))
        continue;
      FailureOr<scf::SCFTilingResult> registers =
          tile(rewriter, panel->tiledOps.back(), clamp(registerTile));
      if (failed(registers))
        continue;
      registers->tiledOps.back()->setAttr(kRegisterTile, rewriter.getUnitAttr());
      for (LoopLikeOpInterface loop : ArrayRef(registers->loops).take_front(2)) {
        auto forOp = dyn_cast<scf::ForOp>(loop.getOperation());
        scf::ForOp partial;
        if (forOp)
          (void)scf::peelForLoopAndSimplifyBounds(rewriter, forOp, partial);
      }
    }

    // Fold the peeled tiles' sizes into static slice types.
    RewritePatternSet cleanup(ctx);
    for (Dialect *dialect : ctx->getLoadedDialects())
      dialect->getCanonicalizationPatterns(cleanup);
    for (RegisteredOperationName op : ctx->getRegisteredOperations())
      op.getCanonicalizationPatterns(cleanup, ctx);
    FrozenRewritePatternSet frozen(std::move(cleanup));
    if (failed(applyPatternsGreedily(func, frozen)))
      return signalPassFailure();

    // 3. Vectors: full static tiles without masks, partial ones masked.
    SmallVector<linalg::LinalgOp> tiles;
    func.walk([&](linalg::LinalgOp op) {
      if (op->hasAttr(kRegisterTile))
        tiles.push_back(op);
    });
    for (linalg::LinalgOp t : tiles) {
      t->removeAttr(kRegisterTile);
      SmallVector<int64_t> vectorSizes = registerTile;
      for (auto [size, range] :
           llvm::zip_equal(vectorSizes, t.getStaticLoopRanges()))
        if (!ShapedType::isDynamic(range))
          size = range;
      // The scalable flags must be spelled out: an empty list yields masks
      // of the wrong shape for broadcast reads.
      SmallVector<bool> scalable(vectorSizes.size(), false);
      if (failed(linalg::vectorizeOpPrecondition(t, vectorSizes, scalable)))
        continue;
      rewriter.setInsertionPoint(t);
      FailureOr<linalg::VectorizationResult> vectorized =
          linalg::vectorize(rewriter, t, vectorSizes, scalable);
      if (succeeded(vectorized))
        rewriter.replaceOp(t, vectorized->replacements);
    }

    // 4. Clean up and keep the accumulator tile in registers across K.
    RewritePatternSet patterns(ctx);
    vector::populateVectorReductionToContractPatterns(patterns);
    vector::populateVectorTransferPermutationMapLoweringPatterns(patterns);
    for (Dialect *dialect : ctx->getLoadedDialects())
      dialect->getCanonicalizationPatterns(patterns);
    for (RegisteredOperationName op : ctx->getRegisteredOperations())
      op.getCanonicalizationPatterns(patterns, ctx);
    FrozenRewritePatternSet vectorCleanup(std::move(patterns));
    if (failed(applyPatternsGreedily(func, vectorCleanup)))
      return signalPassFailure();
    func.walk([&](scf::ForOp loop) {
      hoistLoopInvariantSubsets(rewriter, cast<LoopLikeOpInterface>(*loop));
    });
    if (failed(applyPatternsGreedily(func, vectorCleanup)))
      return signalPassFailure();
  }
};

struct HyperLowerVectorsPass
    : hyper::impl::HyperLowerVectorsPassBase<HyperLowerVectorsPass> {
  using HyperLowerVectorsPassBase::HyperLowerVectorsPassBase;

  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    auto apply = [&](function_ref<void(RewritePatternSet &)> populate) {
      RewritePatternSet patterns(ctx);
      populate(patterns);
      return applyPatternsGreedily(getOperation(), std::move(patterns));
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
              p, VectorTransferToSCFOptions().enableFullUnroll().setTargetRank(
                     1));
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
