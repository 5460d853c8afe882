//===- CpuLaneSums.cpp - hyper-cpu-lane-sums
//--------------------------------===//
//
// hyper-cpu-lane-sums: a sum over a generic's innermost loop (layer-norm
// statistics) as lane-wise vector partial sums and one lane reduction per
// point.
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

#define DEBUG_TYPE "hyper-cpu-lane-sums"

namespace mlir::hyper {
#define GEN_PASS_DEF_HYPERCPULANESUMSPASS
#include "hyper/Codegen/CPU/Passes.h.inc"
} // namespace mlir::hyper

using namespace mlir;
using namespace mlir::hyper;
using namespace mlir::hyper::markers;

LogicalResult mlir::hyper::vectorizeLaneSums(RewriterBase &rewriter,
                                             linalg::GenericOp op,
                                             int64_t lanes,
                                             const CpuSchedule &schedule) {
  if (!op.hasPureTensorSemantics() || op.getNumDpsInits() != 1 ||
      op.getNumReductionLoops() != 1 || op.getNumLoops() < 2)
    return failure();
  unsigned rank = op.getNumLoops(), red = rank - 1;
  if (op.getIteratorTypesArray()[red] != utils::IteratorType::reduction)
    return failure();
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  if (ShapedType::isDynamic(ranges[red]) || ranges[red] % lanes != 0 ||
      ranges[red] < 2 * lanes)
    return failure();
  OpOperand *init = op.getDpsInitOperand(0);
  auto outType = cast<RankedTensorType>(init->get().getType());
  if (!outType.getElementType().isF32() ||
      op.getMatchingIndexingMap(init).isFunctionOfDim(red))
    return failure();
  if (!hyper::isSumUpdate(op, *init))
    return failure();
  Block &body = op.getRegion().front();
  BlockArgument outArg = body.getArgument(op.getNumDpsInputs());
  for (Operation &inner : body.without_terminator())
    if (!isa<arith::ArithDialect, math::MathDialect>(inner.getDialect()) ||
        inner.getNumResults() != 1 || !inner.getResult(0).getType().isF32())
      return failure();
  for (OpOperand *input : op.getDpsInputOperands()) {
    AffineMap map = op.getMatchingIndexingMap(input);
    auto type = dyn_cast<RankedTensorType>(input->get().getType());
    if (!type || !type.getElementType().isF32())
      return failure();
    for (auto [i, e] : llvm::enumerate(map.getResults())) {
      if (!isa<AffineDimExpr, AffineConstantExpr>(e))
        return failure();
      if (e.isFunctionOfDim(red) && i + 1 != map.getNumResults())
        return failure();
    }
  }

  Location loc = op.getLoc();
  rewriter.setInsertionPoint(op);
  // The parallel loops' sizes (a batch may be dynamic).
  SmallVector<Range> loopRanges =
      cast<linalg::LinalgOp>(op.getOperation()).createLoopRanges(rewriter, loc);
  Type f32 = outType.getElementType();
  auto vecType = VectorType::get({lanes}, f32);
  auto cst = [&](OpBuilder &b, int64_t v) {
    return arith::ConstantIndexOp::create(b, loc, v).getResult();
  };
  auto indicesOf = [&](OpBuilder &b, AffineMap map, ArrayRef<Value> ivs) {
    return *affine::expandAffineMap(b, loc, map, ivs);
  };
  Value zeroScalar =
      arith::ConstantOp::create(rewriter, loc, rewriter.getF32FloatAttr(0));
  Value zeros = arith::ConstantOp::create(
      rewriter, loc, DenseElementsAttr::get(vecType, 0.0f));
  SmallVector<bool> inBounds = {true};
  // The outermost points on the threads: worth it, and each iteration
  // owns a slice of the output.
  AffineMap outMap = op.getMatchingIndexingMap(init);
  bool rowsOnThreads =
      schedule.laneSumsOnThreads(ranges) && red > 0 &&
      outMap.getNumResults() > 0 &&
      outMap.getResult(0) == rewriter.getAffineDimExpr(0) &&
      llvm::none_of(outMap.getResults().drop_front(),
                    [](AffineExpr e) { return e.isFunctionOfDim(0); });
  // Loops over the parallel points, the output tensor carried.
  SmallVector<Value> ivs(rank);
  std::function<Value(OpBuilder &, unsigned, Value)> points =
      [&](OpBuilder &b, unsigned d, Value out) -> Value {
    if (d == red) {
      auto lanesLoop = scf::ForOp::create(
          b, loc, cst(b, 0), cst(b, ranges[red]), cst(b, lanes),
          ValueRange{zeros},
          [&](OpBuilder &nb, Location nl, Value j, ValueRange acc) {
            ivs[red] = j;
            IRMapping mapping;
            for (OpOperand *input : op.getDpsInputOperands()) {
              AffineMap map = op.getMatchingIndexingMap(input);
              SmallVector<Value> at = indicesOf(nb, map, ivs);
              Value v;
              if (map.isFunctionOfDim(red)) {
                v = vector::TransferReadOp::create(nb, nl, vecType,
                                                   input->get(), at, zeroScalar,
                                                   ArrayRef<bool>(inBounds));
              } else {
                Value scalar =
                    tensor::ExtractOp::create(nb, nl, input->get(), at);
                v = vector::BroadcastOp::create(nb, nl, vecType, scalar);
              }
              mapping.map(body.getArgument(input->getOperandNumber()), v);
            }
            mapping.map(outArg, acc[0]);
            for (Operation &inner : body.without_terminator()) {
              // Scalars from outside the body become vectors.
              for (Value operand : inner.getOperands())
                if (!mapping.contains(operand) && operand.getType() == f32)
                  mapping.map(operand, vector::BroadcastOp::create(
                                           nb, nl, vecType, operand));
              Operation *clone = nb.clone(inner, mapping);
              clone->getResult(0).setType(vecType);
              mapping.map(inner.getResult(0), clone->getResult(0));
            }
            scf::YieldOp::create(
                nb, nl, mapping.lookup(body.getTerminator()->getOperand(0)));
          });
      Value lanesSum = vector::ReductionOp::create(
          b, loc, vector::CombiningKind::ADD, lanesLoop.getResult(0));
      SmallVector<Value> at = indicesOf(b, outMap, ivs);
      if (rowsOnThreads) // `out` is the iteration's slice
        at[0] = cst(b, 0);
      Value old = tensor::ExtractOp::create(b, loc, out, at);
      Value total = arith::AddFOp::create(b, loc, old, lanesSum);
      return tensor::InsertOp::create(b, loc, total, out, at).getResult();
    }
    auto loop = scf::ForOp::create(
        b, loc, cst(b, 0),
        getValueOrCreateConstantIndexOp(b, loc, loopRanges[d].size), cst(b, 1),
        ValueRange{out},
        [&](OpBuilder &nb, Location nl, Value iv, ValueRange iter) {
          ivs[d] = iv;
          scf::YieldOp::create(nb, nl, points(nb, d + 1, iter[0]));
        });
    return loop.getResult(0);
  };
  Value result;
  if (rowsOnThreads) {
    result = forallOverSlices(
        rewriter, loc, loopRanges[0].size, init->get(),
        [&](OpBuilder &b, Location l, Value row, Value out) {
          SliceOf where{
              SmallVector<OpFoldResult>(outType.getRank(), b.getIndexAttr(0)),
              tensor::getMixedSizes(b, l, out)};
          where.offsets[0] = row;
          where.sizes[0] = b.getIndexAttr(1);
          return where;
        },
        [&](OpBuilder &b, Location l, Value row, Value slice) {
          ivs[0] = row;
          return points(b, 1, slice);
        });
  } else {
    result = points(rewriter, 0, init->get());
  }
  rewriter.replaceOp(op, result);
  return success();
}

namespace {

struct HyperCpuLaneSumsPass
    : hyper::impl::HyperCpuLaneSumsPassBase<HyperCpuLaneSumsPass> {
  using HyperCpuLaneSumsPassBase::HyperCpuLaneSumsPassBase;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    IRRewriter rewriter(&getContext());
    CpuSchedule schedule = CpuSchedule::get(vectorWidth, mTile, kPanel, prefetchBytes, parallel);
    SmallVector<linalg::GenericOp> sums;
    func.walk([&](linalg::GenericOp op) {
      if (op.getNumReductionLoops() == 1 && !op->hasAttr(kRegisterTile) &&
          !op->hasAttr(kIm2col))
        sums.push_back(op);
    });
    for (linalg::GenericOp op : sums) {
      bool done = false;
      for (int64_t lanes : schedule.laneWidths())
        if ((done =
                 succeeded(vectorizeLaneSums(rewriter, op, lanes, schedule))))
          break;
      if (!done)
        (void)skipped(DEBUG_TYPE, op,
                      "not a lane sum: needs one innermost f32 sum of a "
                      "static length that a vector width divides (at least "
                      "two vectors), arith/math in the body, and inputs "
                      "that read the summed dimension last");
    }
  }
};

} // namespace
