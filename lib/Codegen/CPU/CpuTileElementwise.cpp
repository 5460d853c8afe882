//===- CpuTileElementwise.cpp - hyper-cpu-tile-elementwise
//------------------===//
//
// hyper-cpu-tile-elementwise: element-wise generics (epilogues, gates,
// batch norm, ReLU, the im2col gather) tiled to one vector along the
// innermost dimension, the loop over it peeled.
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
#include "mlir/IR/Matchers.h"
#include "mlir/Interfaces/ValueBoundsOpInterface.h"

#define DEBUG_TYPE "hyper-cpu-tile-elementwise"

namespace mlir::hyper {
#define GEN_PASS_DEF_HYPERCPUTILEELEMENTWISEPASS
#include "hyper/Codegen/CPU/Passes.h.inc"
} // namespace mlir::hyper

using namespace mlir;
using namespace mlir::hyper;
using namespace mlir::hyper::markers;

void mlir::hyper::sliceConstantIndices(RewriterBase &rewriter,
                                       linalg::GenericOp op) {
  if (!op.hasPureTensorSemantics())
    return;
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  bool changed = false;
  rewriter.setInsertionPoint(op);
  for (OpOperand *operand : op.getDpsInputOperands()) {
    AffineMap map = maps[operand->getOperandNumber()];
    auto type = dyn_cast<RankedTensorType>(operand->get().getType());
    if (!type || type.getRank() != map.getNumResults())
      continue;
    SmallVector<OpFoldResult> offsets, sizes;
    SmallVector<AffineExpr> kept;
    SmallVector<int64_t> keptShape;
    bool hasConstant = false;
    for (auto [i, expr] : llvm::enumerate(map.getResults())) {
      if (auto c = dyn_cast<AffineConstantExpr>(expr)) {
        offsets.push_back(rewriter.getIndexAttr(c.getValue()));
        sizes.push_back(rewriter.getIndexAttr(1));
        hasConstant = true;
        continue;
      }
      offsets.push_back(rewriter.getIndexAttr(0));
      sizes.push_back(
          tensor::getMixedSize(rewriter, op.getLoc(), operand->get(), i));
      kept.push_back(expr);
      keptShape.push_back(type.getDimSize(i));
    }
    if (!hasConstant)
      continue;
    SmallVector<OpFoldResult> strides(type.getRank(), rewriter.getIndexAttr(1));
    auto sliceType = RankedTensorType::get(keptShape, type.getElementType());
    Value slice =
        tensor::ExtractSliceOp::create(rewriter, op.getLoc(), sliceType,
                                       operand->get(), offsets, sizes, strides);
    operand->set(slice);
    maps[operand->getOperandNumber()] =
        AffineMap::get(map.getNumDims(), 0, kept, op.getContext());
    changed = true;
  }
  if (changed)
    op.setIndexingMapsAttr(rewriter.getAffineMapArrayAttr(maps));
}

LogicalResult mlir::hyper::tileElementwise(RewriterBase &rewriter,
                                           linalg::GenericOp op,
                                           const CpuSchedule &schedule) {
  MLIRContext *ctx = rewriter.getContext();
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  SmallVector<int64_t> sizes = schedule.elementwiseTile(ranges);
  if (failed(linalg::vectorizeOpPrecondition(op, {}, {},
                                             /*vectorizeNDExtract=*/true)))
    return skipped(DEBUG_TYPE, op, "the vectorizer does not take it");
  // With threads, large ops (activations of a convolution layer, the
  // im2col gather) share their vectors out over the threads; small ones
  // (a recurrent step's [B, N]) are not worth a parallel region.
  // Read before tiling, which replaces `op`.
  bool im2col = op->hasAttr(kIm2col);
  Operation *target = op;
  if (schedule.elementwiseOnThreads(ranges, op->hasAttr(kSerial))) {
    FailureOr<scf::SCFTilingResult> shared =
        tile(rewriter, op, schedule.elementwiseThreadTile(ranges),
             /*forall=*/true);
    if (failed(shared))
      return skipped(DEBUG_TYPE, op, "tiling for the threads failed");
    target = shared->tiledOps.back();
  }
  FailureOr<scf::SCFTilingResult> tiled = tile(rewriter, target, sizes);
  if (failed(tiled))
    return skipped(DEBUG_TYPE, op, "vector tiling failed");
  tiled->tiledOps.back()->setAttr(kRegisterTile,
                                  rewriter.getDenseI64ArrayAttr(sizes));
  // The gather's loops are a copy per image row: LLVM would unroll them
  // all (C·KH·KW·OH row copies in one block per channel) and spend
  // seconds scheduling the result. Only the innermost loop may unroll.
  if (im2col) {
    auto unroll = LLVM::LoopUnrollAttr::get(
        ctx, /*disable=*/rewriter.getBoolAttr(true), {}, {}, {}, {}, {}, {});
    auto noUnroll = LLVM::LoopAnnotationAttr::get(
        ctx, {}, {}, {}, unroll, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {});
    for (LoopLikeOpInterface loop : ArrayRef(tiled->loops).drop_back())
      loop->setAttr("llvm.loop_annotation", noUnroll);
  }
  peelFullTiles(rewriter, ArrayRef(tiled->loops).take_back());
  return success();
}

namespace {

struct HyperCpuTileElementwisePass
    : hyper::impl::HyperCpuTileElementwisePassBase<
          HyperCpuTileElementwisePass> {
  using HyperCpuTileElementwisePassBase::HyperCpuTileElementwisePassBase;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    IRRewriter rewriter(&getContext());
    CpuSchedule schedule = CpuSchedule::get(vectorWidth, mTile, kPanel, prefetchBytes, parallel);
    SmallVector<linalg::GenericOp> elementwise;
    func.walk(
        [&](linalg::GenericOp op) { sliceConstantIndices(rewriter, op); });
    func.walk([&](linalg::GenericOp op) {
      if (op.hasPureTensorSemantics() && op.getNumLoops() > 0 &&
          op.getNumParallelLoops() == op.getNumLoops() &&
          !op->hasAttr(kRegisterTile))
        elementwise.push_back(op);
    });
    for (linalg::GenericOp op : elementwise)
      (void)tileElementwise(rewriter, op, schedule);
  }
};

} // namespace
