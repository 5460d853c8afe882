//===- HyperToLinalg.cpp - Lower hyper ops to linalg ------------*- C++ -*-===//
//
// Lowers the weight-generation primitives to linalg and tensor; together with
// the decomposition patterns this lowers every hyper op.
//
//===----------------------------------------------------------------------===//

#include "hyper/Conversion/Passes.h"
#include "hyper/Dialect/Hyper/IR/HyperOps.h"
#include "hyper/Dialect/Hyper/Transforms/TensorMath.h"
#include "hyper/Dialect/Hyper/Transforms/Transforms.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

namespace mlir::hyper {
#define GEN_PASS_DEF_CONVERTHYPERTOLINALGPASS
#include "hyper/Conversion/Passes.h.inc"
} // namespace mlir::hyper

using namespace mlir;
using namespace mlir::hyper;

namespace {

//===----------------------------------------------------------------------===//
// hyper.generate_kernel
//===----------------------------------------------------------------------===//

/// hyper.generate_kernel → one GEMM for the first generator layer over all
/// tiles, then a contraction that writes the OIHW kernel layout directly.
struct LowerGenerateKernel : OpRewritePattern<GenerateKernelOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(GenerateKernelOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    TensorMath m(rewriter, loc);
    MLIRContext *ctx = rewriter.getContext();
    Value z = op.getEmbeddings();
    auto zType = op.getEmbeddings().getType();
    Type elementType = zType.getElementType();
    int64_t lead = zType.getRank() - 1; // (N,) m, k
    ArrayRef<int64_t> block = op.getBlock();
    const int64_t ob = block[0], ib = block[1], kh = block[2], kw = block[3];
    const int64_t d = op.getWOut().getType().getDimSize(1);

    // A = w_in · z + b_in for every tile at once: [E, N_z]·[N_z, O_b·d].
    SmallVector<OpFoldResult> leadSizes = m.sizes(z);
    leadSizes.pop_back();
    Value zFlat = z;
    for (int64_t i = 0; i + 1 < lead; ++i)
      zFlat = m.mergeDims(zFlat, 0);
    Value a = m.addRowVector(m.linear(zFlat, op.getWIn()),
                             op.getBIn());
    a = m.splitDim(a, 1, d);            // [E, O_b, d]
    a = m.expandDim(a, 0, leadSizes);   // [(N,) m, k, O_b, d]
    Value wOut = m.expandDim(op.getWOut(), 0,
                             {rewriter.getIndexAttr(ib),
                              rewriter.getIndexAttr(kh),
                              rewriter.getIndexAttr(kw)}); // [I_b, f_h, f_w, d]
    Value bOut = m.expandDim(op.getBOut(), 0,
                             {rewriter.getIndexAttr(ib),
                              rewriter.getIndexAttr(kh),
                              rewriter.getIndexAttr(kw)}); // [I_b, f_h, f_w]

    // The kernel viewed as [(N,) m, O_b, k, I_b, f_h, f_w]: tile (p, q) of
    // the OIHW kernel is the block K(Z[p, q]).
    bool perSample = lead == 3;
    int64_t s = perSample ? 1 : 0; // leading sample dimension
    SmallVector<OpFoldResult> viewSizes;
    if (perSample)
      viewSizes.push_back(leadSizes[0]);
    viewSizes.append({leadSizes[s], rewriter.getIndexAttr(ob),
                      leadSizes[s + 1], rewriter.getIndexAttr(ib),
                      rewriter.getIndexAttr(kh), rewriter.getIndexAttr(kw)});
    int64_t viewRank = viewSizes.size();
    SmallVector<AffineExpr> dims;
    for (int64_t i = 0; i < viewRank + 1; ++i)
      dims.push_back(getAffineDimExpr(i, ctx));
    // Loop dims: [n,] p, o, q, i, kh, kw, r.
    AffineExpr p = dims[s], o = dims[s + 1], q = dims[s + 2], i = dims[s + 3],
               y = dims[s + 4], x = dims[s + 5], r = dims[s + 6];
    SmallVector<AffineExpr> aExprs, outExprs(dims.begin(), dims.end() - 1);
    if (perSample)
      aExprs.push_back(dims[0]);
    aExprs.append({p, q, o, r});
    auto aMap = AffineMap::get(viewRank + 1, 0, aExprs, ctx);
    auto wMap = AffineMap::get(viewRank + 1, 0, {i, y, x, r}, ctx);
    auto outMap = AffineMap::get(viewRank + 1, 0, outExprs, ctx);

    // Initialise with b_out broadcast over the tiles, then accumulate.
    Value view = m.empty(viewSizes, elementType);
    auto biasMap = AffineMap::get(viewRank, 0,
                                  {getAffineDimExpr(viewRank - 3, ctx),
                                   getAffineDimExpr(viewRank - 2, ctx),
                                   getAffineDimExpr(viewRank - 1, ctx)},
                                  ctx);
    view = linalg::GenericOp::create(
               rewriter, loc, TypeRange{view.getType()}, ValueRange{bOut},
               ValueRange{view},
               ArrayRef<AffineMap>{biasMap,
                                   rewriter.getMultiDimIdentityMap(viewRank)},
               SmallVector<utils::IteratorType>(viewRank,
                                                utils::IteratorType::parallel),
               [](OpBuilder &b, Location l, ValueRange args) {
                 linalg::YieldOp::create(b, l, args[0]);
               })
               .getResult(0);
    SmallVector<utils::IteratorType> iterators(viewRank,
                                               utils::IteratorType::parallel);
    iterators.push_back(utils::IteratorType::reduction);
    view = linalg::GenericOp::create(
               rewriter, loc, TypeRange{view.getType()}, ValueRange{a, wOut},
               ValueRange{view}, ArrayRef<AffineMap>{aMap, wMap, outMap},
               iterators,
               [](OpBuilder &b, Location l, ValueRange args) {
                 linalg::YieldOp::create(
                     b, l,
                     math::FmaOp::create(b, l, args[0], args[1], args[2])
                         .getResult());
               })
               .getResult(0);
    // [(N,) m, O_b, k, I_b, f_h, f_w] → [(N,) m·O_b, k·I_b, f_h, f_w].
    view = m.mergeDims(view, s);
    view = m.mergeDims(view, s + 1);
    rewriter.replaceOp(op, m.castTo(view, op.getType()));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Dynamic primitives
//===----------------------------------------------------------------------===//

/// hyper.row_scaled_linear → x·Wᵀ, then d ⊙ (·).
struct LowerRowScaledLinear : OpRewritePattern<RowScaledLinearOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(RowScaledLinearOp op,
                                PatternRewriter &rewriter) const override {
    TensorMath m(rewriter, op.getLoc());
    Value product = m.linear(op.getInput(), op.getWeight());
    Value scaled =
        m.map({product, op.getScale()},
              [](OpBuilder &b, Location l, ValueRange v) {
                return arith::MulFOp::create(b, l, v[1], v[0]).getResult();
              });
    rewriter.replaceOp(op, m.castTo(scaled, op.getType()));
    return success();
  }
};

/// hyper.dynamic_linear → [B, N_in]·[N_in, N_z·N_out] against the stacked
/// basis, then y[b, n] = Σ_k z[b, k]·t[b, k, n].
struct LowerDynamicLinear : OpRewritePattern<DynamicLinearOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(DynamicLinearOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    TensorMath m(rewriter, loc);
    MLIRContext *ctx = rewriter.getContext();
    auto basisType = op.getBasis().getType();
    int64_t nOut = basisType.getDimSize(1);
    Type elementType = basisType.getElementType();

    Value stacked = m.mergeDims(op.getBasis(), 0); // [N_z·N_out, N_in]
    Value t = m.linear(op.getInput(), stacked);
    t = m.splitDim(t, 1, nOut); // [B, N_z, N_out]
    Value init = m.filled({m.size(op.getInput(), 0),
                           rewriter.getIndexAttr(nOut)},
                          elementType, 0.0);
    AffineExpr b, n, k;
    bindDims(ctx, b, n, k);
    Value y = linalg::GenericOp::create(
                  rewriter, loc, TypeRange{init.getType()},
                  ValueRange{op.getEmbedding(), t}, ValueRange{init},
                  ArrayRef<AffineMap>{AffineMap::get(3, 0, {b, k}, ctx),
                                      AffineMap::get(3, 0, {b, k, n}, ctx),
                                      AffineMap::get(3, 0, {b, n}, ctx)},
                  {utils::IteratorType::parallel, utils::IteratorType::parallel,
                   utils::IteratorType::reduction},
                  [](OpBuilder &nb, Location l, ValueRange args) {
                    linalg::YieldOp::create(
                        nb, l,
                        math::FmaOp::create(nb, l, args[0], args[1], args[2])
                            .getResult());
                  })
                  .getResult(0);
    rewriter.replaceOp(op, m.castTo(y, op.getType()));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Pass
//===----------------------------------------------------------------------===//

struct ConvertHyperToLinalgPass
    : hyper::impl::ConvertHyperToLinalgPassBase<ConvertHyperToLinalgPass> {
  using ConvertHyperToLinalgPassBase::ConvertHyperToLinalgPassBase;

  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    RewritePatternSet patterns(ctx);
    populateHyperDecomposePatterns(patterns);
    populateHyperToLinalgPatterns(patterns);
    ConversionTarget target(*ctx);
    target.addIllegalDialect<HyperDialect>();
    target.addLegalDialect<arith::ArithDialect, linalg::LinalgDialect,
                           math::MathDialect, scf::SCFDialect,
                           tensor::TensorDialect>();
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace

void mlir::hyper::populateHyperToLinalgPatterns(RewritePatternSet &patterns) {
  patterns.add<LowerGenerateKernel, LowerRowScaledLinear, LowerDynamicLinear>(
      patterns.getContext());
}
