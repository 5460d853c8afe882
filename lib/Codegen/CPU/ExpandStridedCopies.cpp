//===- ExpandStridedCopies.cpp - Strided copies as row copies ---*- C++ -*-===//
//
// hyper-expand-strided-copies (see the pass description in Passes.td):
// memref.copy between views whose rows are contiguous, as loops of rank-1
// row copies that lower to llvm.memcpy instead of the runtime's generic
// memrefCopy.
//
//===----------------------------------------------------------------------===//

#include "hyper/Codegen/CPU/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/MemRef/Utils/MemRefUtils.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::hyper {
#define GEN_PASS_DEF_HYPEREXPANDSTRIDEDCOPIESPASS
#include "hyper/Codegen/CPU/Passes.h.inc"
} // namespace mlir::hyper

using namespace mlir;

namespace {

/// Rows shorter than this stay with memrefCopy (a memcpy call per few
/// bytes would cost more than its element walk).
constexpr int64_t kMinRow = 4;

/// Whether `type` is strided with a unit innermost stride.
bool hasContiguousRows(MemRefType type) {
  SmallVector<int64_t> strides;
  int64_t offset;
  return type.getRank() >= 2 &&
         succeeded(type.getStridesAndOffset(strides, offset)) &&
         strides.back() == 1;
}

/// Whether `copy` should become row copies (see the pass description).
bool expandable(memref::CopyOp copy) {
  auto src = dyn_cast<MemRefType>(copy.getSource().getType());
  auto dst = dyn_cast<MemRefType>(copy.getTarget().getType());
  if (!src || !dst || !hasContiguousRows(src) || !hasContiguousRows(dst))
    return false;
  if (memref::isStaticShapeAndContiguousRowMajor(src) &&
      memref::isStaticShapeAndContiguousRowMajor(dst))
    return false;
  int64_t row = src.getShape().back();
  return ShapedType::isDynamic(row) || row >= kMinRow;
}

/// `copy` as loops over its outer dimensions of rank-1 row copies.
void expand(RewriterBase &rewriter, memref::CopyOp copy) {
  Location loc = copy.getLoc();
  rewriter.setInsertionPoint(copy);
  Value src = copy.getSource(), dst = copy.getTarget();
  auto srcType = cast<MemRefType>(src.getType());
  auto dstType = cast<MemRefType>(dst.getType());
  int64_t rank = srcType.getRank();
  Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
  Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
  SmallVector<Value> sizes;
  for (int64_t d = 0; d < rank - 1; ++d)
    sizes.push_back(getValueOrCreateConstantIndexOp(
        rewriter, loc, memref::getMixedSize(rewriter, loc, src, d)));
  SmallVector<Value> indices;
  // One loop per outer dimension, innermost last; the row copy in the
  // innermost body.
  for (Value size : sizes) {
    auto loop = scf::ForOp::create(rewriter, loc, zero, size, one);
    rewriter.setInsertionPointToStart(loop.getBody());
    indices.push_back(loop.getInductionVar());
  }
  OpFoldResult rowSize = memref::getMixedSize(rewriter, loc, src, rank - 1);
  auto row = [&](Value view, MemRefType type) {
    SmallVector<OpFoldResult> offsets(indices.begin(), indices.end());
    offsets.push_back(rewriter.getIndexAttr(0));
    SmallVector<OpFoldResult> sizes(rank - 1, rewriter.getIndexAttr(1));
    sizes.push_back(rowSize);
    SmallVector<OpFoldResult> strides(rank, rewriter.getIndexAttr(1));
    auto rowType = memref::SubViewOp::inferRankReducedResultType(
        {type.getShape().back()}, type, offsets, sizes, strides);
    return memref::SubViewOp::create(rewriter, loc, rowType, view, offsets,
                                     sizes, strides)
        .getResult();
  };
  memref::CopyOp::create(rewriter, loc, row(src, srcType), row(dst, dstType));
  rewriter.eraseOp(copy);
}

struct HyperExpandStridedCopiesPass
    : hyper::impl::HyperExpandStridedCopiesPassBase<
          HyperExpandStridedCopiesPass> {
  void runOnOperation() override {
    SmallVector<memref::CopyOp> copies;
    getOperation().walk([&](memref::CopyOp copy) {
      if (expandable(copy))
        copies.push_back(copy);
    });
    IRRewriter rewriter(&getContext());
    for (memref::CopyOp copy : copies)
      expand(rewriter, copy);
  }
};

} // namespace
