//===- CpuTileGemms.cpp - hyper-cpu-tile-gemms
//------------------------------===//
//
// hyper-cpu-tile-gemms: every linalg.matmul tiled for the caches (the unit
// of threading), K panels and registers, full register tiles peeled from
// partial ones; the schedule is CpuSchedule::gemm.
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

#define DEBUG_TYPE "hyper-cpu-tile-gemms"

namespace mlir::hyper {
#define GEN_PASS_DEF_HYPERCPUTILEGEMMSPASS
#include "hyper/Codegen/CPU/Passes.h.inc"
} // namespace mlir::hyper

using namespace mlir;
using namespace mlir::hyper;
using namespace mlir::hyper::markers;

namespace {

linalg::MatmulOp padPartialColumns(RewriterBase &rewriter, linalg::MatmulOp op,
                                   int64_t nt, DenseMap<Value, Value> &padded) {
  Value a = op.getInputs()[0], b = op.getInputs()[1], c = op.getOutputs()[0];
  auto cType = cast<RankedTensorType>(c.getType());
  auto bType = cast<RankedTensorType>(b.getType());
  if (!op.hasPureTensorSemantics() ||
      hyper::matmulBLayout(op) != hyper::BLayout::KN || cType.getRank() != 2 ||
      !cType.isDynamicDim(1) || bType.isDynamicDim(0))
    return {};
  std::optional<ConstantSlice> source = alignedConstantSlice(b, nt);
  if (!source)
    return {};
  // The tile is at most nt wide: it is the last column tile's slice.
  FailureOr<int64_t> bound = ValueBoundsConstraintSet::computeConstantBound(
      presburger::BoundType::UB, ValueBoundsConstraintSet::Variable(c, 1),
      /*stopCondition=*/nullptr, /*closedUB=*/true);
  if (failed(bound) || *bound > nt)
    return {};
  Location loc = op.getLoc();
  rewriter.setInsertionPoint(op);
  Value &wide = padded[source->root];
  if (!wide) {
    OpBuilder::InsertionGuard guard(rewriter);
    rewriter.setInsertionPointAfterValue(source->root);
    auto rootType = cast<RankedTensorType>(source->root.getType());
    wide = rootType.getDimSize(1) % nt == 0
               ? source->root
               : arith::ConstantOp::create(rewriter, source->root.getLoc(),
                                           padColumns(source->attr, nt))
                     .getResult();
  }
  OpFoldResult one = rewriter.getIndexAttr(1);
  Type elementType = cType.getElementType();
  Value wideB = tensor::ExtractSliceOp::create(
      rewriter, loc,
      RankedTensorType::get({bType.getDimSize(0), nt}, elementType), wide,
      ArrayRef<OpFoldResult>{sumOf(rewriter, loc, source->rows, 1),
                             sumOf(rewriter, loc, source->cols, 1)},
      ArrayRef<OpFoldResult>{rewriter.getIndexAttr(bType.getDimSize(0)),
                             rewriter.getIndexAttr(nt)},
      ArrayRef<OpFoldResult>{one, one});
  // The accumulator: C's initial value in its first columns, zeros after.
  SmallVector<OpFoldResult> cSizes = tensor::getMixedSizes(rewriter, loc, c);
  Value empty = tensor::EmptyOp::create(
      rewriter, loc,
      ArrayRef<OpFoldResult>{cSizes[0], rewriter.getIndexAttr(nt)},
      elementType);
  Value acc;
  if (auto fill = c.getDefiningOp<linalg::FillOp>()) {
    acc = linalg::FillOp::create(rewriter, loc, fill.getInputs()[0], empty)
              .getResult(0);
  } else {
    Value zero = arith::ConstantOp::create(rewriter, loc,
                                           rewriter.getZeroAttr(elementType));
    acc = linalg::FillOp::create(rewriter, loc, zero, empty).getResult(0);
    acc = tensor::InsertSliceOp::create(
        rewriter, loc, c, acc,
        ArrayRef<OpFoldResult>{rewriter.getIndexAttr(0),
                               rewriter.getIndexAttr(0)},
        cSizes, ArrayRef<OpFoldResult>{one, one});
  }
  auto wideOp =
      linalg::MatmulOp::create(rewriter, loc, TypeRange{acc.getType()},
                               ValueRange{a, wideB}, ValueRange{acc});
  Value narrow = tensor::ExtractSliceOp::create(
      rewriter, loc, cType, wideOp.getResult(0),
      ArrayRef<OpFoldResult>{rewriter.getIndexAttr(0),
                             rewriter.getIndexAttr(0)},
      cSizes, ArrayRef<OpFoldResult>{one, one});
  rewriter.replaceOp(op, narrow);
  return wideOp;
}

} // namespace

LogicalResult mlir::hyper::tileGemm(RewriterBase &rewriter, linalg::MatmulOp op,
                                    const CpuSchedule &schedule,
                                    DenseMap<Value, Value> &paddedConstants) {
  MLIRContext *ctx = rewriter.getContext();
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  // Read now: cache tiling replaces `op` (it must not be touched after).
  bool serial = op->hasAttr(kSerial);
  GemmSchedule gemm = schedule.gemm(ranges, serial);
  // M×N cache tiles (the unit of threading), then K panels.
  Operation *cacheTiled = op;
  if (op->hasAttr(kCacheTiled)) {
    op->removeAttr(kCacheTiled);
  } else {
    // A fill of C that only this GEMM reads goes into the tiles: each
    // tile zeroes its accumulators while they are in L1, instead of a
    // pass over all of C first (the hoisted input projection of a
    // batch-32 HyperLSTM: 51 MB).
    scf::SCFTilingOptions tiling;
    tiling.setTileSizes(
        getAsIndexOpFoldResult(ctx, {gemm.cacheTile[0], gemm.cacheTile[1], 0}));
    if (gemm.onThreads)
      tiling.setLoopType(scf::SCFTilingOptions::LoopType::ForallOp);
    // Judged before tiling: the tiled GEMM adds a use.
    auto fill = op.getOutputs()[0].getDefiningOp<linalg::FillOp>();
    if (fill && !fill->getResult(0).hasOneUse())
      fill = {};
    FailureOr<SmallVector<Operation *>> cacheTile =
        tileAndFuse(rewriter, op, tiling, [&](Operation *producer) {
          return fill && producer == fill.getOperation();
        });
    if (failed(cacheTile))
      return skipped(DEBUG_TYPE, op, "cache tiling failed");
    cacheTiled = nullptr;
    for (Operation *tiled : *cacheTile)
      if (isa<linalg::MatmulOp>(tiled))
        cacheTiled = tiled;
    if (!cacheTiled)
      return skipped(DEBUG_TYPE, op, "cache tiling left no GEMM");
  }
  if (linalg::MatmulOp wide =
          padPartialColumns(rewriter, cast<linalg::MatmulOp>(cacheTiled),
                            schedule.gemmRegisterTile()[1], paddedConstants)) {
    cacheTiled = wide;
    // The panels and register tiles follow the padded tile's sizes.
    gemm = schedule.gemm(wide.getStaticLoopRanges(), serial);
  }
  // K panels of 512: with the whole batch in one cache tile (M = 32),
  // each register tile's accumulators are loaded and stored once per
  // panel; 512 measured 9-11 % faster than 256 on the batch-32
  // HyperLSTM sequences. A panel's B block (one column block, 64 KB)
  // is prefetched ahead of the register tiles that read it.
  FailureOr<scf::SCFTilingResult> panel =
      tile(rewriter, cacheTiled, {0, 0, gemm.kPanel});
  if (failed(panel))
    return skipped(DEBUG_TYPE, cacheTiled, "K panel tiling failed");
  // Register tiles: the columns' loop outside the rows' (a block of B
  // stays in L1 for all the rows), each peeled into full tiles and a
  // partial last one. A partial block of rows whose count is only
  // known at run time goes row by row: masked rows would still address
  // A and C past their last row, and a masked access that reaches an
  // unmapped page is a microcode assist on every instruction (the
  // batch-1 input projection, [100, 50]·[50, 4000], ran 30x slower so
  // when its input ended a page before the masked rows).
  SmallVector<int64_t> tileSizes(gemm.registerTile.begin(),
                                 gemm.registerTile.end());
  for (Operation *columns :
       tilePeeled(rewriter, panel->tiledOps.back(), 1, tileSizes[1]))
    for (Operation *rows : tilePeeled(rewriter, columns, 0, tileSizes[0])) {
      SmallVector<int64_t> sizes = tileSizes;
      if (!hasStaticSize(rows, 0))
        sizes[0] = 1;
      FailureOr<scf::SCFTilingResult> registers =
          tile(rewriter, rows, {sizes[0] == 1 ? 1 : 0, 0, 1});
      if (failed(registers))
        continue;
      registers->tiledOps.back()->setAttr(kRegisterTile,
                                          rewriter.getDenseI64ArrayAttr(sizes));
    }
  return success();
}

namespace {

struct HyperCpuTileGemmsPass
    : hyper::impl::HyperCpuTileGemmsPassBase<HyperCpuTileGemmsPass> {
  using HyperCpuTileGemmsPassBase::HyperCpuTileGemmsPassBase;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    IRRewriter rewriter(&getContext());
    CpuSchedule schedule = CpuSchedule::get(vectorWidth, mTile, kPanel, prefetchBytes, parallel);
    SmallVector<linalg::MatmulOp> matmuls;
    func.walk([&](linalg::MatmulOp op) {
      if (op.hasPureTensorSemantics())
        matmuls.push_back(op);
    });
    DenseMap<Value, Value> paddedConstants;
    for (linalg::MatmulOp op : matmuls) {
      if (printSchedule) {
        InFlightDiagnostic remark = op.emitRemark();
        remark << "GEMM (m, n, k) = (";
        llvm::interleaveComma(op.getStaticLoopRanges(), remark, [&](int64_t r) {
          if (ShapedType::isDynamic(r))
            remark << "?";
          else
            remark << r;
        });
        std::string text;
        llvm::raw_string_ostream os(text);
        schedule.gemm(op.getStaticLoopRanges(), op->hasAttr(kSerial)).print(os);
        remark << "): " << text
               << (op->hasAttr(kCacheTiled) ? " (cache tiles of its epilogue)"
                                            : "");
      }
      (void)tileGemm(rewriter, op, schedule, paddedConstants);
    }
  }
};

} // namespace
