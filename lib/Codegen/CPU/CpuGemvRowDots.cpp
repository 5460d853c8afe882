//===- CpuGemvRowDots.cpp - hyper-cpu-gemv-row-dots
//-------------------------===//
//
// hyper-cpu-gemv-row-dots: one row against [out, in] weights (a batch-1
// recurrent step) as dot products along the weights' rows, constant weights
// packed in row blocks at compile time.
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

#define DEBUG_TYPE "hyper-cpu-gemv-row-dots"

namespace mlir::hyper {
#define GEN_PASS_DEF_HYPERCPUGEMVROWDOTSPASS
#include "hyper/Codegen/CPU/Passes.h.inc"
} // namespace mlir::hyper

using namespace mlir;
using namespace mlir::hyper;
using namespace mlir::hyper::markers;

namespace {

/// vectors its dot products use. `packed`, when set, holds constant weights
/// in row blocks (see packRowBlocks) and replaces `w`.
struct GemvTerm {
  Value x, w;
  int64_t lanes;
  Value packed = {};
};

/// The weight elements a GEMV chain with N = `n` and inputs `xs` ([1, K]
/// each) reads: what decides whether its row blocks use the threads.
int64_t gemvWeightElements(int64_t n, ValueRange xs) {
  int64_t elements = 0;
  for (Value x : xs)
    elements += n * cast<RankedTensorType>(x.getType()).getDimSize(1);
  return elements;
}

void gemvAsRowDots(RewriterBase &rewriter, Operation *op,
                   ArrayRef<GemvTerm> terms, Value y, int64_t rows,
                   const CpuSchedule &schedule) {
  int64_t n = cast<RankedTensorType>(y.getType()).getDimSize(1);
  SmallVector<Value> xs;
  for (const GemvTerm &t : terms)
    xs.push_back(t.x);
  int64_t elements = gemvWeightElements(n, xs);
  Location loc = op->getLoc();
  rewriter.setInsertionPoint(op);
  Type f32 = rewriter.getF32Type();
  auto sumsType = VectorType::get({rows}, f32);
  auto index = [&](OpBuilder &b, int64_t v) {
    return arith::ConstantIndexOp::create(b, loc, v).getResult();
  };
  Value zero =
      arith::ConstantOp::create(rewriter, loc, rewriter.getF32FloatAttr(0));
  SmallVector<bool> inBounds = {true};
  // The sums of rows [n0, n0 + rows) (block `blk`) of one term, `rows`
  // lanes-wide dot products.
  auto blockSums = [&](OpBuilder &b, Location l, Value blk, Value n0,
                       const GemvTerm &t) {
    int64_t k = cast<RankedTensorType>(t.x.getType()).getDimSize(1);
    auto vecType = VectorType::get({t.lanes}, f32);
    Value zeros =
        arith::ConstantOp::create(b, l, DenseElementsAttr::get(vecType, 0.0f));
    // acc[i] += W[n0 + i, k0 : k0 + lanes] · x[0, k0 : k0 + lanes] (step
    // `c` along K); in the `last` step, past K, x's `left` last elements
    // widened with zeros.
    int64_t left = k % t.lanes;
    auto step = [&](OpBuilder &nb, Location nl, Value c, ValueRange acc,
                    bool last) {
      Value k0 = arith::MulIOp::create(nb, nl, c, index(nb, t.lanes));
      Value xv;
      if (last) {
        auto partType = VectorType::get({left}, f32);
        Value part = vector::TransferReadOp::create(
            nb, nl, partType, t.x, ValueRange{index(nb, 0), k0}, zero,
            ArrayRef<bool>(inBounds));
        SmallVector<int64_t> lanesOf(t.lanes, left);
        for (int64_t j = 0; j < left; ++j)
          lanesOf[j] = j;
        Value zerosPart = arith::ConstantOp::create(
            nb, nl, DenseElementsAttr::get(partType, 0.0f));
        xv = vector::ShuffleOp::create(nb, nl, part, zerosPart, lanesOf);
      } else {
        xv = vector::TransferReadOp::create(nb, nl, vecType, t.x,
                                            ValueRange{index(nb, 0), k0}, zero,
                                            ArrayRef<bool>(inBounds));
      }
      // Where step `c` of the block starts in the packed weights.
      Value stepOffset;
      if (t.packed)
        stepOffset =
            arith::MulIOp::create(nb, nl, c, index(nb, rows * t.lanes));
      SmallVector<Value> next;
      for (int64_t i = 0; i < rows; ++i) {
        Value wv =
            t.packed
                ? vector::TransferReadOp::create(
                      nb, nl, vecType, t.packed,
                      ValueRange{blk,
                                 arith::AddIOp::create(nb, nl, stepOffset,
                                                       index(nb, i * t.lanes))},
                      zero, ArrayRef<bool>(inBounds))
                : vector::TransferReadOp::create(
                      nb, nl, vecType, t.w,
                      ValueRange{
                          arith::AddIOp::create(nb, nl, n0, index(nb, i)), k0},
                      zero, ArrayRef<bool>(inBounds));
        next.push_back(math::FmaOp::create(nb, nl, wv, xv, acc[i]).getResult());
      }
      return next;
    };
    auto along = scf::ForOp::create(
        b, l, index(b, 0), index(b, k / t.lanes), index(b, 1),
        SmallVector<Value>(rows, zeros),
        [&](OpBuilder &nb, Location nl, Value c, ValueRange acc) {
          scf::YieldOp::create(nb, nl, step(nb, nl, c, acc, false));
        });
    SmallVector<Value> partial(along.getResults());
    if (left) // packed weights only: their last step is zero-padded
      partial = step(b, l, index(b, k / t.lanes), partial, true);
    SmallVector<Value> sums;
    for (int64_t i = 0; i < rows; ++i)
      sums.push_back(vector::ReductionOp::create(
                         b, l, vector::CombiningKind::ADD, partial[i])
                         .getResult());
    return vector::FromElementsOp::create(b, l, sumsType, sums).getResult();
  };
  // The result is a new tensor: each block reads its part of y (unless y
  // is all zeros, a fill: a main LSTM's h·W_hᵀ) and writes the sums added
  // to it, so that y is neither filled nor copied into the result first
  // (bufferized, the result in place of y is a copy of y every step when y
  // is a slice of a hoisted input projection).
  auto fill = y.getDefiningOp<linalg::FillOp>();
  bool zeros = fill && matchPattern(fill.getInputs()[0], m_AnyZeroFloat());
  Value init = tensor::EmptyOp::create(
      rewriter, loc, cast<RankedTensorType>(y.getType()).getShape(), f32);
  // Block `blk` of the result, y[0, n0 : n0 + rows] + each term's sums,
  // written into `into`: all of the result, or (`slice`) those `rows`
  // elements of it.
  auto addInto = [&](OpBuilder &b, Location l, Value into, Value blk,
                     bool slice) {
    Value c0 = index(b, 0);
    Value n0 = arith::MulIOp::create(b, l, blk, index(b, rows));
    Value updated;
    if (!zeros)
      updated =
          vector::TransferReadOp::create(b, l, sumsType, y, ValueRange{c0, n0},
                                         zero, ArrayRef<bool>(inBounds));
    for (const GemvTerm &t : terms) {
      Value sums = blockSums(b, l, blk, n0, t);
      updated = updated ? arith::AddFOp::create(b, l, updated, sums).getResult()
                        : sums;
    }
    return vector::TransferWriteOp::create(b, l, updated, into,
                                           ValueRange{c0, slice ? c0 : n0},
                                           ArrayRef<bool>(inBounds))
        .getResult();
  };
  Value result;
  // The blocks of rows on the threads, when the weights are worth a
  // parallel region (a hyper cell's [16, 128] embedding projection is not:
  // the fork and join cost more than its 2 K FMAs).
  if (schedule.gemvOnThreads(elements)) {
    result = forallOverSlices(
        rewriter, loc, rewriter.getIndexAttr(n / rows), init,
        [&](OpBuilder &b, Location l, Value blk, Value) {
          Value n0 = arith::MulIOp::create(b, l, blk, index(b, rows));
          return SliceOf{{b.getIndexAttr(0), n0},
                         {b.getIndexAttr(1), b.getIndexAttr(rows)}};
        },
        [&](OpBuilder &b, Location l, Value blk, Value slice) {
          return addInto(b, l, slice, blk, /*slice=*/true);
        });
  } else {
    auto blocks = scf::ForOp::create(
        rewriter, loc, index(rewriter, 0), index(rewriter, n / rows),
        index(rewriter, 1), ValueRange{init},
        [&](OpBuilder &b, Location l, Value blk, ValueRange yIter) {
          scf::YieldOp::create(b, l,
                               addInto(b, l, yIter[0], blk, /*slice=*/false));
        });
    result = blocks.getResult(0);
  }
  rewriter.replaceOp(op, result);
}

SmallVector<linalg::MatmulOp> gemvChain(linalg::MatmulOp last) {
  auto isGemv = [](linalg::MatmulOp op) {
    auto xType = cast<RankedTensorType>(op.getInputs()[0].getType());
    auto wType = cast<RankedTensorType>(op.getInputs()[1].getType());
    return op.hasPureTensorSemantics() && matmulBLayout(op) == BLayout::NK &&
           xType.getDimSize(0) == 1 && xType.hasStaticShape() &&
           wType.hasStaticShape() && xType.getElementType().isF32();
  };
  if (!isGemv(last))
    return {};
  SmallVector<linalg::MatmulOp> chain = {last};
  while (auto prev =
             chain.back().getOutputs()[0].getDefiningOp<linalg::MatmulOp>()) {
    if (!isGemv(prev) || !prev->getResult(0).hasOneUse() ||
        prev.getOutputs()[0].getType() != last.getOutputs()[0].getType())
      break;
    chain.push_back(prev);
  }
  std::reverse(chain.begin(), chain.end());
  return chain;
}

} // namespace

// A chain as dot products in blocks of as many rows (up to gemvRows) as
// divide N; false, leaving it as it is, when a term has no vector
// width.
LogicalResult
mlir::hyper::rewriteGemvChainAsRowDots(RewriterBase &rewriter,
                                       ArrayRef<linalg::MatmulOp> chain,
                                       const CpuSchedule &schedule) {
  int64_t vectorWidth = schedule.vectorWidth;
  Value y = linalg::MatmulOp(chain.front()).getOutputs()[0];
  int64_t n = cast<RankedTensorType>(y.getType()).getDimSize(1);
  int64_t rows = schedule.rowBlock(n);
  // Each term's constant weights (packed in row blocks below: full
  // vectors along any K) or else its vector width; none is built
  // unless every term has one or the other.
  SmallVector<std::optional<DenseElementsAttr>> constants;
  SmallVector<GemvTerm> terms;
  for (linalg::MatmulOp op : chain) {
    GemvTerm term = {op.getInputs()[0], op.getInputs()[1], vectorWidth};
    std::optional<DenseElementsAttr> w;
    if (vectorWidth > 0)
      w = constantValue(term.w);
    if (!w) {
      int64_t k =
          cast<RankedTensorType>(op.getInputs()[0].getType()).getDimSize(1);
      std::optional<int64_t> lanes = schedule.gemvLanes(k);
      if (!lanes)
        return skipped(DEBUG_TYPE, op,
                       "K = " + Twine(k) +
                           " divides into no vector width and the "
                           "weights are not a constant");
      term.lanes = *lanes;
    }
    constants.push_back(w);
    terms.push_back(term);
  }
  rewriter.setInsertionPoint(chain.front());
  for (auto [i, term] : llvm::enumerate(terms))
    if (constants[i])
      term.packed = arith::ConstantOp::create(
          rewriter, chain[i]->getLoc(),
          packRowBlocks(*constants[i], rows, vectorWidth));
  gemvAsRowDots(rewriter, chain.back(), terms, y, rows, schedule);
  for (linalg::MatmulOp op : llvm::reverse(chain.drop_back()))
    rewriter.eraseOp(op);
  return success();
}

namespace {

struct HyperCpuGemvRowDotsPass
    : hyper::impl::HyperCpuGemvRowDotsPassBase<HyperCpuGemvRowDotsPass> {
  using HyperCpuGemvRowDotsPassBase::HyperCpuGemvRowDotsPassBase;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    IRRewriter rewriter(&getContext());
    CpuSchedule schedule = CpuSchedule::get(vectorWidth, mTile, kPanel, prefetchBytes, parallel);
    auto asRowDots = [&](ArrayRef<linalg::MatmulOp> chain) {
      return rewriteGemvChainAsRowDots(rewriter, chain, schedule);
    };
    // With print-schedule: what a chain gets, as a remark on its last GEMV.
    auto report = [&](ArrayRef<linalg::MatmulOp> chain) {
      linalg::MatmulOp last = chain.back();
      int64_t n =
          cast<RankedTensorType>(last.getOutputs()[0].getType()).getDimSize(1);
      SmallVector<Value> xs;
      for (linalg::MatmulOp op : chain)
        xs.push_back(op.getInputs()[0]);
      int64_t elements = gemvWeightElements(n, xs);
      last.emitRemark()
          << "GEMV of one row"
          << (chain.size() > 1
                  ? " (a chain of " + std::to_string(chain.size()) + ")"
                  : "")
          << ": dot products along the weights' rows in blocks of "
          << schedule.rowBlock(n) << " rows"
          << (schedule.gemvOnThreads(elements) ? " on the threads"
                                               : " on one thread");
    };
    // 1. One row against [out, in] weights: dot products along the rows.
    //    Other GEMMs: B as [K, N], [out, in] weights transposed.
    SmallVector<linalg::MatmulOp> gemvs;
    func.walk([&](linalg::MatmulOp op) {
      if (op.hasPureTensorSemantics() && matmulBLayout(op) == BLayout::NK)
        gemvs.push_back(op);
    });
    // Chains of static GEMVs into the same y, found from their last GEMV;
    // a chain with a term no vector width divides goes GEMV by GEMV.
    llvm::SmallPtrSet<Operation *, 8> inChain;
    SmallVector<SmallVector<linalg::MatmulOp>> chains;
    for (linalg::MatmulOp op : llvm::reverse(gemvs)) {
      if (inChain.contains(op))
        continue;
      SmallVector<linalg::MatmulOp> chain = gemvChain(op);
      inChain.insert(chain.begin(), chain.end());
      if (!chain.empty())
        chains.push_back(std::move(chain));
    }
    for (ArrayRef<linalg::MatmulOp> chain : chains) {
      if (printSchedule)
        report(chain);
      if (failed(asRowDots(chain)) && chain.size() > 1)
        for (linalg::MatmulOp op : chain)
          (void)asRowDots({op});
    }
    for (linalg::MatmulOp op : gemvs) {
      if (inChain.contains(op))
        continue;
      auto xType = cast<RankedTensorType>(op.getInputs()[0].getType());
      auto yType = cast<RankedTensorType>(op.getOutputs()[0].getType());
      if (!xType.isDynamicDim(0)) {
        (void)skipped(DEBUG_TYPE, op,
                      "not a row-dots GEMV: more than one static row, or "
                      "a dynamic K or N");
        continue;
      }
      // A dynamic number of rows (a model's batch): one row at run time
      // takes the dot products, more the GEMM.
      if (xType.isDynamicDim(1) || yType.isDynamicDim(1) ||
          !xType.getElementType().isF32() ||
          xType.getDimSize(1) % schedule.minLanes() != 0) {
        (void)skipped(DEBUG_TYPE, op,
                      "a dynamic batch, but K, N or the element type rule "
                      "out the one-row dot products");
        continue;
      }
      Location loc = op.getLoc();
      rewriter.setInsertionPoint(op);
      Value rows = tensor::DimOp::create(rewriter, loc, op.getInputs()[0], 0);
      Value oneRow = arith::CmpIOp::create(
          rewriter, loc, arith::CmpIPredicate::eq, rows,
          arith::ConstantIndexOp::create(rewriter, loc, 1));
      auto dispatch = scf::IfOp::create(rewriter, loc, TypeRange{yType}, oneRow,
                                        /*withElseRegion=*/true);
      rewriter.setInsertionPointToStart(dispatch.thenBlock());
      auto x1 = RankedTensorType::get({1, xType.getDimSize(1)},
                                      xType.getElementType());
      auto y1 = RankedTensorType::get({1, yType.getDimSize(1)},
                                      yType.getElementType());
      Value x = tensor::CastOp::create(rewriter, loc, x1, op.getInputs()[0]);
      Value y = tensor::CastOp::create(rewriter, loc, y1, op.getOutputs()[0]);
      auto single = linalg::MatmulOp::create(rewriter, loc, TypeRange{y1},
                                             ValueRange{x, op.getInputs()[1]},
                                             ValueRange{y});
      // Not a builder argument: an ArrayAttr there is taken for `cast`.
      single.setIndexingMapsAttr(op.getIndexingMaps());
      Value back =
          tensor::CastOp::create(rewriter, loc, yType, single.getResult(0));
      scf::YieldOp::create(rewriter, loc, back);
      rewriter.setInsertionPointToStart(dispatch.elseBlock());
      Operation *several = rewriter.clone(*op);
      scf::YieldOp::create(rewriter, loc, several->getResult(0));
      rewriter.replaceOp(op, dispatch.getResults());
      if (printSchedule)
        report({single});
      (void)asRowDots({single}); // K was checked: a vector width divides it
    }
  }
};

} // namespace
