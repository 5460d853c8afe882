//===- DecomposeConv.cpp - hyper.conv2d as kernel generation + conv -------===//
//
// hyper.conv2d → hyper.generate_kernel + a convolution on the zero-padded
// input, accumulated into the broadcast bias: a linalg.conv_2d_nchw_fchw for
// a shared kernel, a linalg.generic for per-sample kernels. Part of
// hyper-decompose (Decompose.cpp).
//
//===----------------------------------------------------------------------===//

#include "hyper/Dialect/Hyper/IR/HyperOps.h"
#include "hyper/Dialect/Hyper/Transforms/TensorMath.h"
#include "hyper/Dialect/Hyper/Transforms/Transforms.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace mlir::hyper;

//===----------------------------------------------------------------------===//
// hyper.conv2d
//===----------------------------------------------------------------------===//

namespace {

/// Spatial output size `floor((H + pads − r·(k − 1) − 1) / s) + 1`, folded
/// when `size` is static.
OpFoldResult convOutput(OpBuilder &b, Location loc, OpFoldResult size,
                        int64_t kernel, int64_t stride, int64_t pads,
                        int64_t dilation) {
  if (std::optional<int64_t> s = getConstantIntValue(size))
    return b.getIndexAttr(
        convOutputSize(*s, kernel, stride, pads, 0, dilation));
  Value v = getValueOrCreateConstantIndexOp(b, loc, size);
  auto cst = [&](int64_t c) {
    return arith::ConstantIndexOp::create(b, loc, c).getResult();
  };
  Value span =
      arith::AddIOp::create(b, loc, v, cst(pads - dilation * (kernel - 1) - 1));
  Value q = arith::DivSIOp::create(b, loc, span, cst(stride));
  return arith::AddIOp::create(b, loc, q, cst(1)).getResult();
}

} // namespace

Value mlir::hyper::decomposeConv2D(RewriterBase &rewriter, Conv2DOp op) {
  Location loc = op.getLoc();
  TensorMath m(rewriter, loc);
  auto resultType = op.getType();
  Type elementType = resultType.getElementType();
  ArrayRef<int64_t> block = op.getBlock();
  ArrayRef<int64_t> strides = op.getStrides(), dilations = op.getDilations();
  ArrayRef<int64_t> pad = op.getPadding(); // top, left, bottom, right

  Value kernel = GenerateKernelOp::create(
      rewriter, loc, op.getEmbeddings(), op.getWIn(), op.getBIn(), op.getWOut(),
      op.getBOut(), op.getBlockAttr());

  Value input = op.getInput();
  if (llvm::any_of(pad, [](int64_t p) { return p != 0; })) {
    auto inType = cast<RankedTensorType>(input.getType());
    SmallVector<int64_t> padded(inType.getShape());
    for (auto [dim, before, after] :
         {std::tuple(2, pad[0], pad[2]), std::tuple(3, pad[1], pad[3])})
      if (!ShapedType::isDynamic(padded[dim]))
        padded[dim] += before + after;
    SmallVector<OpFoldResult> low = {
        rewriter.getIndexAttr(0), rewriter.getIndexAttr(0),
        rewriter.getIndexAttr(pad[0]), rewriter.getIndexAttr(pad[1])};
    SmallVector<OpFoldResult> high = {
        rewriter.getIndexAttr(0), rewriter.getIndexAttr(0),
        rewriter.getIndexAttr(pad[2]), rewriter.getIndexAttr(pad[3])};
    input = tensor::PadOp::create(rewriter, loc,
                                  RankedTensorType::get(padded, elementType),
                                  input, low, high, m.scalar(elementType, 0.0));
  }

  // Output sizes: [N, O, H_out, W_out].
  SmallVector<OpFoldResult> outSizes = {
      m.size(op.getInput(), 0), rewriter.getIndexAttr(resultType.getDimSize(1)),
      convOutput(rewriter, loc, m.size(op.getInput(), 2), block[2], strides[0],
                 pad[0] + pad[2], dilations[0]),
      convOutput(rewriter, loc, m.size(op.getInput(), 3), block[3], strides[1],
                 pad[1] + pad[3], dilations[1])};
  Value init;
  if (Value bias = op.getBias()) {
    // init[n, o, h, w] = bias[o].
    MLIRContext *ctx = rewriter.getContext();
    AffineMap toChannel = AffineMap::get(4, 0, {getAffineDimExpr(1, ctx)}, ctx);
    Value empty = m.empty(outSizes, elementType);
    init =
        linalg::GenericOp::create(
            rewriter, loc, TypeRange{empty.getType()}, ValueRange{bias},
            ValueRange{empty},
            ArrayRef<AffineMap>{toChannel, rewriter.getMultiDimIdentityMap(4)},
            SmallVector<utils::IteratorType>(4, utils::IteratorType::parallel),
            [](OpBuilder &b, Location l, ValueRange args) {
              linalg::YieldOp::create(b, l, args[0]);
            })
            .getResult(0);
  } else {
    init = m.filled(outSizes, elementType, 0.0);
  }

  Value result;
  if (!op.isPerSample()) {
    result =
        linalg::Conv2DNchwFchwOp::create(
            rewriter, loc, TypeRange{init.getType()}, ValueRange{input, kernel},
            ValueRange{init}, rewriter.getI64TensorAttr(strides),
            rewriter.getI64TensorAttr(dilations))
            .getResult(0);
  } else {
    // y[n, o, oh, ow] += x[n, i, oh·s_h + kh·r_h, ow·s_w + kw·r_w]
    //                  · K[n, o, i, kh, kw]
    MLIRContext *ctx = rewriter.getContext();
    AffineExpr n, o, oh, ow, i, kh, kw;
    bindDims(ctx, n, o, oh, ow, i, kh, kw);
    auto xMap = AffineMap::get(7, 0,
                               {n, i, oh * strides[0] + kh * dilations[0],
                                ow * strides[1] + kw * dilations[1]},
                               ctx);
    auto kMap = AffineMap::get(7, 0, {n, o, i, kh, kw}, ctx);
    auto yMap = AffineMap::get(7, 0, {n, o, oh, ow}, ctx);
    SmallVector<utils::IteratorType> iterators(4,
                                               utils::IteratorType::parallel);
    iterators.append(3, utils::IteratorType::reduction);
    result =
        linalg::GenericOp::create(
            rewriter, loc, TypeRange{init.getType()}, ValueRange{input, kernel},
            ValueRange{init}, ArrayRef<AffineMap>{xMap, kMap, yMap}, iterators,
            [](OpBuilder &b, Location l, ValueRange args) {
              Value acc = math::FmaOp::create(b, l, args[0], args[1], args[2]);
              linalg::YieldOp::create(b, l, acc);
            })
            .getResult(0);
  }
  Value replacement = m.castTo(result, resultType);
  rewriter.replaceOp(op, replacement);
  return replacement;
}

namespace {
/// hyper.conv2d → hyper.generate_kernel + a convolution.
struct DecomposeConv2D : OpRewritePattern<Conv2DOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(Conv2DOp op,
                                PatternRewriter &rewriter) const override {
    decomposeConv2D(rewriter, op);
    return success();
  }
};
} // namespace

void mlir::hyper::populateDecomposeConv2DPatterns(RewritePatternSet &patterns) {
  patterns.add<DecomposeConv2D>(patterns.getContext());
}
