//===- ExpandShapesToCasts.cpp - expand_shape as reinterpret_cast --------===//
//
// See the pass description in Passes.td: contiguous memref.expand_shapes
// with several dynamic sizes in one group become reinterpret_casts, which
// expand-strided-metadata lowers (it crashes on the expand_shapes).
//
//===----------------------------------------------------------------------===//

#include "hyper/Codegen/Common/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Builders.h"

namespace mlir::hyper {
#define GEN_PASS_DEF_HYPEREXPANDSHAPESTOCASTSPASS
#include "hyper/Codegen/Common/Passes.h.inc"
} // namespace mlir::hyper

using namespace mlir;

namespace {

/// Whether a reassociation group of `op` has more than one dynamic size.
bool splitsIntoDynamicSizes(memref::ExpandShapeOp op) {
  ArrayRef<int64_t> shape = op.getResultType().getShape();
  for (const ReassociationIndices &group : op.getReassociationIndices())
    if (llvm::count_if(group, [&](int64_t d) {
          return ShapedType::isDynamic(shape[d]);
        }) > 1)
      return true;
  return false;
}

void rewrite(memref::ExpandShapeOp op) {
  OpBuilder b(op);
  Location loc = op.getLoc();
  SmallVector<OpFoldResult> sizes = op.getMixedOutputShape();
  // Strides: suffix products of the sizes, static where they all are.
  SmallVector<OpFoldResult> strides(sizes.size());
  OpFoldResult stride = b.getIndexAttr(1);
  for (int64_t d = static_cast<int64_t>(sizes.size()) - 1; d >= 0; --d) {
    strides[d] = stride;
    std::optional<int64_t> s = getConstantIntValue(stride),
                           n = getConstantIntValue(sizes[d]);
    if (s && n) {
      stride = b.getIndexAttr(*s * *n);
      continue;
    }
    stride = arith::MulIOp::create(
                 b, loc, getValueOrCreateConstantIndexOp(b, loc, stride),
                 getValueOrCreateConstantIndexOp(b, loc, sizes[d]))
                 .getResult();
  }
  auto cast =
      memref::ReinterpretCastOp::create(b, loc, op.getResultType(), op.getSrc(),
                                        b.getIndexAttr(0), sizes, strides);
  op.getResult().replaceAllUsesWith(cast.getResult());
  op.erase();
}

struct HyperExpandShapesToCastsPass
    : hyper::impl::HyperExpandShapesToCastsPassBase<
          HyperExpandShapesToCastsPass> {
  void runOnOperation() override {
    SmallVector<memref::ExpandShapeOp> ops;
    getOperation().walk([&](memref::ExpandShapeOp op) {
      if (op.getSrcType().getLayout().isIdentity() &&
          op.getResultType().getLayout().isIdentity() &&
          splitsIntoDynamicSizes(op))
        ops.push_back(op);
    });
    for (memref::ExpandShapeOp op : ops)
      rewrite(op);
  }
};

} // namespace
