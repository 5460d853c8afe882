//===- CpuPackConstants.cpp - hyper-cpu-pack-constants
//----------------------===//
//
// hyper-cpu-pack-constants: register tiles whose B is a slice of a constant
// read it packed in column blocks at compile time, each K step prefetching
// the stream ahead.
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

#define DEBUG_TYPE "hyper-cpu-pack-constants"

namespace mlir::hyper {
#define GEN_PASS_DEF_HYPERCPUPACKCONSTANTSPASS
#include "hyper/Codegen/CPU/Passes.h.inc"
} // namespace mlir::hyper

using namespace mlir;
using namespace mlir::hyper;
using namespace mlir::hyper::markers;

namespace {

/// Prefetches, into L1, the packed constant `pack` ([blocks, K·nt]) at
/// `kPrefetchBytes` past row `row` of block `block`: the stream a register
/// tile will read (a block's next rows, then the next block's first ones),
/// which runs from memory when the weights did not stay in the last-level
/// cache between two calls or steps. The hardware prefetchers alone left
/// the batch-32 recurrent GEMM waiting on B (see docs/benchmarks.md). The
/// packed buffer is read through a flat view; the index stays inside it.
void prefetchPackedAhead(RewriterBase &rewriter, Location loc,
                         DenseMap<Value, Value> &flatViews, Value pack,
                         int64_t nt, OpFoldResult block, OpFoldResult row,
                         const CpuSchedule &schedule) {
  auto type = cast<RankedTensorType>(pack.getType());
  int64_t k = type.getDimSize(1) / nt;
  int64_t bytes = type.getElementTypeBitWidth() / 8;
  int64_t total = type.getNumElements();
  Value &flat = flatViews[pack];
  if (!flat) {
    OpBuilder::InsertionGuard guard(rewriter);
    rewriter.setInsertionPointAfterValue(pack);
    auto bufferType = MemRefType::get(type.getShape(), type.getElementType());
    Value buffer = bufferization::ToBufferOp::create(
        rewriter, pack.getLoc(), bufferType, pack, /*readOnly=*/true);
    flat =
        memref::CollapseShapeOp::create(rewriter, pack.getLoc(), buffer,
                                        ArrayRef<ReassociationIndices>{{0, 1}});
  }
  MLIRContext *ctx = rewriter.getContext();
  AffineExpr b = getAffineSymbolExpr(0, ctx), r = getAffineSymbolExpr(1, ctx);
  // One prefetch per cache line of the nt elements a k step reads.
  for (int64_t offset = 0; offset < nt * bytes;
       offset += schedule.cacheLineBytes) {
    AffineExpr ahead =
        (b * k + r) * nt + (schedule.prefetchBytes + offset) / bytes;
    AffineMap map = AffineMap::get(
        0, 2, {ahead, getAffineConstantExpr(total - 1, ctx)}, ctx);
    OpFoldResult index =
        affine::makeComposedFoldedAffineMin(rewriter, loc, map, {block, row});
    memref::PrefetchOp::create(
        rewriter, loc, flat,
        ValueRange{getValueOrCreateConstantIndexOp(rewriter, loc, index)},
        /*isWrite=*/false, /*localityHint=*/3, /*isDataCache=*/true);
  }
}

} // namespace

void mlir::hyper::readPackedConstants(RewriterBase &rewriter,
                                      ArrayRef<linalg::MatmulOp> tiles,
                                      const CpuSchedule &schedule) {
  DenseMap<std::pair<Value, int64_t>, Value> packed;
  DenseMap<Value, Value> packedBuffers;
  for (linalg::MatmulOp t : tiles) {
    auto vectorSizes =
        dyn_cast_or_null<DenseI64ArrayAttr>(t->getAttr(kRegisterTile));
    if (!vectorSizes || vectorSizes.size() != 3) {
      (void)skipped(DEBUG_TYPE, t, "not a GEMM register tile (m, n, k)");
      continue;
    }
    int64_t nt = vectorSizes[1];
    Value b = t.getInputs()[1];
    auto bType = cast<RankedTensorType>(b.getType());
    if (bType.getRank() != 2 || bType.getDimSize(0) != 1 ||
        (!bType.isDynamicDim(1) && bType.getDimSize(1) > nt)) {
      (void)skipped(DEBUG_TYPE, t,
                    "B is not one K step of at most the tile's " + Twine(nt) +
                        " columns");
      continue;
    }
    std::optional<ConstantSlice> source = alignedConstantSlice(b, nt);
    if (!source) {
      (void)skipped(DEBUG_TYPE, t,
                    "B is not a slice of a constant at a multiple of " +
                        Twine(nt) + " columns");
      continue;
    }
    // One block of columns is the constant as it is.
    if (cast<RankedTensorType>(source->root.getType()).getDimSize(1) <= nt) {
      (void)skipped(DEBUG_TYPE, t,
                    "the constant is one block of columns already");
      continue;
    }
    Value root = source->root;
    DenseElementsAttr attr = source->attr;
    ArrayRef<OpFoldResult> rows = source->rows, cols = source->cols;
    Value &pack = packed[{root, nt}];
    if (!pack) {
      OpBuilder::InsertionGuard guard(rewriter);
      rewriter.setInsertionPointAfterValue(root);
      pack = arith::ConstantOp::create(rewriter, root.getLoc(),
                                       packColumns(attr, nt));
    }
    rewriter.setInsertionPoint(t);
    Location loc = t.getLoc();
    OpFoldResult one = rewriter.getIndexAttr(1);
    OpFoldResult block = sumOf(rewriter, loc, cols, nt),
                 row = sumOf(rewriter, loc, rows, 1);
    prefetchPackedAhead(rewriter, loc, packedBuffers, pack, nt, block, row,
                        schedule);
    AffineExpr r = getAffineSymbolExpr(0, rewriter.getContext());
    OpFoldResult column = affine::makeComposedFoldedAffineApply(
        rewriter, loc, AffineMap::get(0, 1, r * nt), {row});
    Value slice = tensor::ExtractSliceOp::create(
        rewriter, loc, bType, pack, ArrayRef<OpFoldResult>{block, column},
        ArrayRef<OpFoldResult>{one, tensor::getMixedSize(rewriter, loc, b, 1)},
        ArrayRef<OpFoldResult>{one, one});
    rewriter.modifyOpInPlace(t, [&] { t.getDpsInputOperand(1)->set(slice); });
  }
}

namespace {

struct HyperCpuPackConstantsPass
    : hyper::impl::HyperCpuPackConstantsPassBase<HyperCpuPackConstantsPass> {
  using HyperCpuPackConstantsPassBase::HyperCpuPackConstantsPassBase;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    IRRewriter rewriter(&getContext());
    CpuSchedule schedule = CpuSchedule::get(vectorWidth, mTile, kPanel, prefetchBytes, parallel);
    SmallVector<linalg::MatmulOp> gemmTiles;
    func.walk([&](linalg::MatmulOp op) {
      if (op->hasAttr(kRegisterTile))
        gemmTiles.push_back(op);
    });
    readPackedConstants(rewriter, gemmTiles, schedule);
  }
};

} // namespace
