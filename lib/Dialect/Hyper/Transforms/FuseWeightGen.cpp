//===- FuseWeightGen.cpp - Fold static weight generation -------*- C++ -*-===//
//
// Evaluates hyper.generate_kernel at compile time when its embeddings and
// generator are constants, so a deployed static hypernetwork carries plain
// constant kernels.
//
//===----------------------------------------------------------------------===//

#include "hyper/Dialect/Hyper/IR/HyperOps.h"
#include "hyper/Dialect/Hyper/Transforms/Passes.h"
#include "hyper/Dialect/Hyper/Transforms/Transforms.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::hyper {
#define GEN_PASS_DEF_HYPERFUSEWEIGHTGENPASS
#include "hyper/Dialect/Hyper/Transforms/Passes.h.inc"
} // namespace mlir::hyper

using namespace mlir;
using namespace mlir::hyper;

namespace {

/// The values of a constant float tensor, in double precision.
FailureOr<std::vector<double>> constantValues(Value v) {
  DenseFPElementsAttr attr;
  if (!matchPattern(v, m_Constant(&attr)))
    return failure();
  std::vector<double> values;
  values.reserve(attr.getNumElements());
  for (const APFloat &f : attr.getValues<APFloat>())
    values.push_back(f.convertToDouble());
  return values;
}

/// Evaluates the generator for every tile (SPEC 1.1-1.2) and returns the
/// OIHW kernel(s) in row-major order.
std::vector<double> evaluateKernel(GenerateKernelOp op, ArrayRef<double> z,
                                   ArrayRef<double> wIn, ArrayRef<double> bIn,
                                   ArrayRef<double> wOut,
                                   ArrayRef<double> bOut) {
  ArrayRef<int64_t> block = op.getBlock();
  const int64_t ob = block[0], ib = block[1], kh = block[2], kw = block[3];
  ArrayRef<int64_t> zShape = op.getEmbeddings().getType().getShape();
  const int64_t samples = zShape.size() == 4 ? zShape[0] : 1;
  const int64_t m = zShape[zShape.size() - 3], k = zShape[zShape.size() - 2],
                nz = zShape.back();
  const int64_t d = op.getWOut().getType().getDimSize(1);
  const int64_t taps = kh * kw, rowsOut = ib * taps;
  const int64_t outC = m * ob, inC = k * ib;

  std::vector<double> kernel(samples * outC * inC * taps);
  std::vector<double> a(ob * d);
  // w_out transposed, so that the sums below run along its rows for all
  // outputs at once (each output's terms still added in the order of r).
  std::vector<double> wOutT(d * rowsOut);
  for (int64_t c = 0; c < rowsOut; ++c)
    for (int64_t r = 0; r < d; ++r)
      wOutT[r * rowsOut + c] = wOut[c * d + r];
  std::vector<double> sums(rowsOut);
  for (int64_t n = 0; n < samples; ++n) {
    for (int64_t p = 0; p < m; ++p) {
      for (int64_t q = 0; q < k; ++q) {
        const double *zt = &z[((n * m + p) * k + q) * nz];
        // A = reshape(w_in · z + b_in, [O_b, d]).
        for (int64_t row = 0; row < ob * d; ++row) {
          double acc = bIn[row];
          for (int64_t j = 0; j < nz; ++j)
            acc += wIn[row * nz + j] * zt[j];
          a[row] = acc;
        }
        // K_block = A · w_outᵀ + b_out, scattered into tile (p, q).
        for (int64_t o = 0; o < ob; ++o) {
          std::copy(bOut.begin(), bOut.begin() + rowsOut, sums.begin());
          for (int64_t r = 0; r < d; ++r) {
            const double ar = a[o * d + r], *wr = &wOutT[r * rowsOut];
            for (int64_t c = 0; c < rowsOut; ++c)
              sums[c] += ar * wr[c];
          }
          for (int64_t c = 0; c < rowsOut; ++c) {
            int64_t i = c / taps, tap = c % taps;
            int64_t outIndex =
                ((n * outC + p * ob + o) * inC + q * ib + i) * taps + tap;
            kernel[outIndex] = sums[c];
          }
        }
      }
    }
  }
  return kernel;
}

/// `values` as a constant of `type` (a float element type), each rounded
/// to nearest, ties to even. f32 and f64 directly (a WRN-40-2 folds 2.2 M
/// kernel values: through APFloat that was a tenth of a second), other
/// float types through APFloat.
DenseElementsAttr toAttribute(ShapedType type, ArrayRef<double> values) {
  Type element = type.getElementType();
  if (element.isF64())
    return DenseElementsAttr::get(type, values);
  if (element.isF32()) {
    std::vector<float> narrow(values.begin(), values.end());
    return DenseElementsAttr::get(type, ArrayRef<float>(narrow));
  }
  const llvm::fltSemantics &semantics =
      cast<FloatType>(element).getFloatSemantics();
  SmallVector<APFloat> converted;
  converted.reserve(values.size());
  for (double v : values) {
    APFloat f(v);
    bool losesInfo;
    f.convert(semantics, APFloat::rmNearestTiesToEven, &losesInfo);
    converted.push_back(f);
  }
  return DenseElementsAttr::get(type, converted);
}

/// hyper.generate_kernel with constant operands → arith.constant.
struct FoldConstantGenerateKernel : OpRewritePattern<GenerateKernelOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(GenerateKernelOp op,
                                PatternRewriter &rewriter) const override {
    auto z = constantValues(op.getEmbeddings());
    auto wIn = constantValues(op.getWIn());
    auto bIn = constantValues(op.getBIn());
    auto wOut = constantValues(op.getWOut());
    auto bOut = constantValues(op.getBOut());
    if (failed(z) || failed(wIn) || failed(bIn) || failed(wOut) ||
        failed(bOut))
      return rewriter.notifyMatchFailure(op, "generator inputs not constant");
    auto type = op.getType();
    if (!type.hasStaticShape())
      return rewriter.notifyMatchFailure(op, "dynamic kernel shape");

    std::vector<double> kernel =
        evaluateKernel(op, *z, *wIn, *bIn, *wOut, *bOut);
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(op,
                                                   toAttribute(type, kernel));
    return success();
  }
};

/// hyper.conv2d whose embeddings and generator are constants →
/// decomposed, so that its hyper.generate_kernel folds.
struct DecomposeConstantConv2D : OpRewritePattern<Conv2DOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(Conv2DOp op,
                                PatternRewriter &rewriter) const override {
    for (Value v : {op.getEmbeddings(), op.getWIn(), op.getBIn(), op.getWOut(),
                    op.getBOut()})
      if (!matchPattern(v, m_Constant()))
        return rewriter.notifyMatchFailure(op, "generator inputs not constant");
    if (op.isPerSample() && !op.getEmbeddings().getType().hasStaticShape())
      return rewriter.notifyMatchFailure(op, "dynamic per-sample embeddings");
    decomposeConv2D(rewriter, op);
    return success();
  }
};

struct HyperFuseWeightGenPass
    : hyper::impl::HyperFuseWeightGenPassBase<HyperFuseWeightGenPass> {
  using HyperFuseWeightGenPassBase::HyperFuseWeightGenPassBase;

  void runOnOperation() override {
    if (!precomputeStatic)
      return;
    RewritePatternSet patterns(&getContext());
    populateFoldStaticWeightGenPatterns(patterns);
    if (failed(hyper::applyPatternsOrReport(getOperation(), std::move(patterns),
                                            getArgument())))
      signalPassFailure();
  }
};

} // namespace

void mlir::hyper::populateFoldStaticWeightGenPatterns(
    RewritePatternSet &patterns) {
  patterns.add<FoldConstantGenerateKernel, DecomposeConstantConv2D>(
      patterns.getContext());
}
