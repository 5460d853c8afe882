//===- TilingUtils.cpp - Tiling and index helpers of the back ends --------===//

#include "hyper/Codegen/Common/TilingUtils.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Affine/Utils.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/SCF/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Interfaces/ValueBoundsOpInterface.h"

using namespace mlir;

namespace mlir::hyper {

FailureOr<scf::SCFTilingResult> tile(RewriterBase &rewriter, Operation *op,
                                     ArrayRef<int64_t> sizes, bool forall) {
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

Value forallOverSlices(
    OpBuilder &builder, Location loc, OpFoldResult count, Value dest,
    function_ref<SliceOf(OpBuilder &, Location, Value iv, Value out)> sliceOf,
    function_ref<Value(OpBuilder &, Location, Value iv, Value slice)> body) {
  auto loop = scf::ForallOp::create(
      builder, loc, ArrayRef<OpFoldResult>{count}, ValueRange{dest},
      std::nullopt, [&](OpBuilder &b, Location l, ValueRange args) {
        SliceOf where = sliceOf(b, l, args[0], args[1]);
        SmallVector<OpFoldResult> strides(where.offsets.size(),
                                          b.getIndexAttr(1));
        Value slice = tensor::ExtractSliceOp::create(
            b, l, args[1], where.offsets, where.sizes, strides);
        Value updated = body(b, l, args[0], slice);
        auto inParallel = scf::InParallelOp::create(b, l);
        OpBuilder::InsertionGuard guard(b);
        b.setInsertionPointToStart(&inParallel.getRegion().front());
        tensor::ParallelInsertSliceOp::create(
            b, l, updated, args[1], where.offsets, where.sizes, strides);
      });
  return loop.getResult(0);
}

scf::ForOp peelLastTile(RewriterBase &rewriter, scf::ForOp loop) {
  scf::ForOp partial;
  if (failed(scf::peelForLoopAndSimplifyBounds(rewriter, loop, partial)))
    return {};
  return partial;
}

void peelFullTiles(RewriterBase &rewriter,
                   ArrayRef<LoopLikeOpInterface> loops) {
  for (LoopLikeOpInterface loop : loops)
    if (auto forOp = dyn_cast<scf::ForOp>(loop.getOperation()))
      (void)peelLastTile(rewriter, forOp);
}

SmallVector<Operation *> tilePeeled(RewriterBase &rewriter, Operation *op,
                                    unsigned dim, int64_t size) {
  auto linalgOp = cast<linalg::LinalgOp>(op);
  SmallVector<int64_t> sizes(linalgOp.getNumLoops(), 0);
  sizes[dim] = size;
  // Tiling replaces `op`: its name is read after.
  OperationName name = op->getName();
  FailureOr<scf::SCFTilingResult> tiled = tile(rewriter, op, sizes);
  if (failed(tiled))
    return {op};
  SmallVector<Operation *> ops = {tiled->tiledOps.back()};
  if (tiled->loops.empty())
    return ops;
  if (scf::ForOp partial = peelLastTile(
          rewriter, cast<scf::ForOp>(tiled->loops.front().getOperation())))
    partial.walk([&](linalg::LinalgOp inner) {
      if (inner->getName() == name)
        ops.push_back(inner);
    });
  return ops;
}

bool hasStaticSize(Operation *op, unsigned dim) {
  auto linalgOp = cast<linalg::LinalgOp>(op);
  if (!ShapedType::isDynamic(linalgOp.getStaticLoopRanges()[dim]))
    return true;
  for (OpOperand &operand : linalgOp->getOpOperands()) {
    AffineMap map = linalgOp.getMatchingIndexingMap(&operand);
    for (auto [i, e] : llvm::enumerate(map.getResults()))
      if (auto d = dyn_cast<AffineDimExpr>(e); d && d.getPosition() == dim)
        return succeeded(ValueBoundsConstraintSet::computeConstantBound(
            presburger::BoundType::EQ,
            ValueBoundsConstraintSet::Variable(operand.get(), i)));
  }
  return false;
}

void addCanonicalizationPatterns(RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  for (Dialect *dialect : ctx->getLoadedDialects())
    dialect->getCanonicalizationPatterns(patterns);
  for (RegisteredOperationName op : ctx->getRegisteredOperations())
    op.getCanonicalizationPatterns(patterns, ctx);
}

FailureOr<SmallVector<Operation *>>
tileAndFuse(RewriterBase &rewriter, Operation *consumer,
            const scf::SCFTilingOptions &tiling,
            llvm::function_ref<bool(Operation *)> fuse) {
  // An op with an empty iteration space (a zero batch, say) has nothing to
  // tile; upstream's tile size computation divides by its extent.
  if (auto linalgOp = dyn_cast<linalg::LinalgOp>(consumer))
    if (llvm::is_contained(linalgOp.getStaticLoopRanges(), 0))
      return failure();
  scf::SCFTileAndFuseOptions options;
  options.setTilingOptions(tiling);
  options.setFusionControlFn(
      [&](tensor::ExtractSliceOp, OpResult producer,
          bool) -> std::optional<scf::SCFTileAndFuseOptions::ControlFnResult> {
        if (!fuse(producer.getOwner()))
          return std::nullopt;
        return scf::SCFTileAndFuseOptions::ControlFnResult{};
      });
  rewriter.setInsertionPoint(consumer);
  FailureOr<scf::SCFTileAndFuseResult> fused =
      scf::tileConsumerAndFuseProducersUsingSCF(
          rewriter, cast<TilingInterface>(consumer), options);
  if (failed(fused))
    return failure();
  for (OpResult result : consumer->getResults())
    rewriter.replaceAllUsesWith(result, fused->replacements.lookup(result));
  rewriter.eraseOp(consumer);
  return SmallVector<Operation *>(fused->tiledAndFusedOps.begin(),
                                  fused->tiledAndFusedOps.end());
}

namespace {

bool exprIsMultipleOf(AffineExpr e, ValueRange dims, ValueRange symbols,
                      int64_t d);

} // namespace

bool isMultipleOf(OpFoldResult v, int64_t d) {
  if (std::optional<int64_t> c = getConstantIntValue(v))
    return *c % d == 0;
  auto value = cast<Value>(v);
  if (scf::ForOp loop = scf::getForInductionVarOwner(value))
    return isMultipleOf(loop.getLowerBound(), d) &&
           isMultipleOf(loop.getStep(), d);
  if (scf::ForallOp loop = scf::getForallOpThreadIndexOwner(value)) {
    unsigned i = cast<BlockArgument>(value).getArgNumber();
    return isMultipleOf(loop.getMixedLowerBound()[i], d) &&
           isMultipleOf(loop.getMixedStep()[i], d);
  }
  Operation *def = value.getDefiningOp();
  if (auto apply = dyn_cast_or_null<affine::AffineApplyOp>(def)) {
    AffineMap map = apply.getAffineMap();
    return exprIsMultipleOf(map.getResult(0), apply.getDimOperands(),
                            apply.getSymbolOperands(), d);
  }
  if (auto add = dyn_cast_or_null<arith::AddIOp>(def))
    return isMultipleOf(add.getLhs(), d) && isMultipleOf(add.getRhs(), d);
  if (auto mul = dyn_cast_or_null<arith::MulIOp>(def))
    return isMultipleOf(mul.getLhs(), d) || isMultipleOf(mul.getRhs(), d);
  return false;
}

namespace {

bool exprIsMultipleOf(AffineExpr e, ValueRange dims, ValueRange symbols,
                      int64_t d) {
  if (auto c = dyn_cast<AffineConstantExpr>(e))
    return c.getValue() % d == 0;
  if (auto dim = dyn_cast<AffineDimExpr>(e))
    return isMultipleOf(dims[dim.getPosition()], d);
  if (auto sym = dyn_cast<AffineSymbolExpr>(e))
    return isMultipleOf(symbols[sym.getPosition()], d);
  auto bin = dyn_cast<AffineBinaryOpExpr>(e);
  if (!bin)
    return false;
  bool lhs = exprIsMultipleOf(bin.getLHS(), dims, symbols, d);
  bool rhs = exprIsMultipleOf(bin.getRHS(), dims, symbols, d);
  switch (e.getKind()) {
  case AffineExprKind::Add:
    return lhs && rhs;
  case AffineExprKind::Mul:
    return lhs || rhs;
  default:
    return false;
  }
}

} // namespace

OpFoldResult sumOf(RewriterBase &rewriter, Location loc,
                   ArrayRef<OpFoldResult> terms, int64_t divisor) {
  MLIRContext *ctx = rewriter.getContext();
  AffineExpr e = getAffineConstantExpr(0, ctx);
  for (unsigned i = 0; i < terms.size(); ++i)
    e = e + getAffineSymbolExpr(i, ctx);
  return affine::makeComposedFoldedAffineApply(
      rewriter, loc, AffineMap::get(0, terms.size(), e.floorDiv(divisor)),
      terms);
}

} // namespace mlir::hyper
