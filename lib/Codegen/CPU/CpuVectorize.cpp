//===- CpuVectorize.cpp - CPU schedule of GEMMs -----------------*- C++ -*-===//
//
// hyper-cpu-vectorize: tile linalg.matmul for caches and registers and
// vectorize it. hyper-lower-vectors: lower the resulting vector ops after
// bufferization.
//
//===----------------------------------------------------------------------===//

#include "hyper/Codegen/Common/LinalgQueries.h"
#include "hyper/Codegen/CPU/Passes.h"
#include "hyper/Dialect/Hyper/Transforms/Transforms.h"

#include "mlir/Conversion/VectorToSCF/VectorToSCF.h"
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
#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/Dialect/Vector/Transforms/VectorTransforms.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Interfaces/ValueBoundsOpInterface.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "mlir/Transforms/LoopInvariantCodeMotionUtils.h"
#include "llvm/ADT/SetVector.h"

namespace mlir::hyper {
#define GEN_PASS_DEF_HYPERCPUVECTORIZEPASS
#define GEN_PASS_DEF_HYPERLOWERVECTORSPASS
#include "hyper/Codegen/CPU/Passes.h.inc"
} // namespace mlir::hyper

using namespace mlir;

namespace {

/// True when `op` reads B as [N, K]: maps (m, k), (n, k), (m, n).
bool hasTransposedB(linalg::MatmulOp op) {
  return hyper::matmulBLayout(op) == hyper::BLayout::NK;
}

/// The constant `w` is, when it is one or a static slice (unit strides) of
/// one: the weights the time loops read in parts (a gate block's input and
/// recurrent columns).
std::optional<DenseElementsAttr> constantValue(Value w) {
  DenseElementsAttr attr;
  if (matchPattern(w, m_Constant(&attr)))
    return attr;
  auto slice = w.getDefiningOp<tensor::ExtractSliceOp>();
  if (!slice || !slice.hasUnitStride() ||
      !matchPattern(slice.getSource(), m_Constant(&attr)) || attr.isSplat() ||
      slice.getSourceType().getRank() != 2 ||
      ShapedType::isDynamicShape(slice.getStaticOffsets()) ||
      ShapedType::isDynamicShape(slice.getStaticSizes()) ||
      !slice.getResultType().hasStaticShape() ||
      slice.getResultType().getRank() != 2)
    return std::nullopt;
  ArrayRef<char> raw = attr.getRawData();
  int64_t cols = slice.getSourceType().getDimSize(1);
  ArrayRef<int64_t> offsets = slice.getStaticOffsets(),
                    sizes = slice.getStaticSizes();
  size_t bytes = raw.size() / attr.getNumElements();
  std::vector<char> out(sizes[0] * sizes[1] * bytes);
  for (int64_t r = 0; r < sizes[0]; ++r)
    std::memcpy(&out[r * sizes[1] * bytes],
                &raw[((offsets[0] + r) * cols + offsets[1]) * bytes],
                sizes[1] * bytes);
  return DenseElementsAttr::getFromRawBuffer(slice.getResultType(),
                                             ArrayRef<char>(out));
}

/// `w` transposed: a constant when `w` is one (its bytes reordered), else a
/// linalg.transpose.
Value transposed(RewriterBase &rewriter, Location loc, Value w) {
  auto type = cast<RankedTensorType>(w.getType());
  std::optional<DenseElementsAttr> constant;
  if (type.hasStaticShape())
    constant = constantValue(w);
  if (constant) {
    DenseElementsAttr attr = *constant;
    auto resultType = RankedTensorType::get(
        {type.getDimSize(1), type.getDimSize(0)}, type.getElementType());
    if (attr.isSplat())
      return arith::ConstantOp::create(rewriter, loc,
                                       attr.resizeSplat(resultType));
    ArrayRef<char> raw = attr.getRawData();
    int64_t rows = type.getDimSize(0), cols = type.getDimSize(1);
    size_t bytes = raw.size() / (rows * cols);
    std::vector<char> out(raw.size());
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t c = 0; c < cols; ++c)
        std::memcpy(&out[(c * rows + r) * bytes], &raw[(r * cols + c) * bytes],
                    bytes);
    return arith::ConstantOp::create(
        rewriter, loc,
        DenseElementsAttr::getFromRawBuffer(resultType, ArrayRef<char>(out)));
  }
  SmallVector<OpFoldResult> sizes = {tensor::getMixedSize(rewriter, loc, w, 1),
                                     tensor::getMixedSize(rewriter, loc, w, 0)};
  Value init =
      tensor::EmptyOp::create(rewriter, loc, sizes, type.getElementType());
  return linalg::TransposeOp::create(rewriter, loc, w, init,
                                     ArrayRef<int64_t>{1, 0})
      .getResult()[0];
}

/// Tiles `op` with `sizes` (0: not tiled) using scf.for loops, or one
/// scf.forall when `forall`, and returns the tiling result, or failure
/// (leaving `op` as it is).
FailureOr<scf::SCFTilingResult> tile(RewriterBase &rewriter, Operation *op,
                                     ArrayRef<int64_t> sizes,
                                     bool forall = false) {
  scf::SCFTilingOptions options;
  options.setTileSizes(getAsIndexOpFoldResult(op->getContext(), sizes));
  if (forall)
    options.setLoopType(scf::SCFTilingOptions::LoopType::ForallOp);
  rewriter.setInsertionPoint(op);
  FailureOr<scf::SCFTilingResult> tiled =
      scf::tileUsingSCF(rewriter, cast<TilingInterface>(op), options);
  if (failed(tiled))
    return failure();
  rewriter.replaceOp(op, tiled->replacements);
  return tiled;
}

/// The K depth of a GEMM's panels (see the tiling in the pass).
constexpr int64_t kPanel = 512;

/// A GEMM's cache tiles (the unit of threading, and of a fused epilogue):
/// 64 rows by 32 columns, one column block of the packed weights (see
/// readPackedConstants). The epilogue reads its 8 KB of accumulators from
/// L1, and the 125 column blocks of a 4000-wide GEMM split evenly between
/// the threads (tiles of 256 columns had left one thread 5 % more work).
constexpr int64_t kCacheRows = 64, kCacheColumns = 32;

/// Elementwise ops with at least this many elements (static dimensions
/// only) run on the threads when the schedule is parallel.
constexpr int64_t kParallelElements = 4096;

/// GEMVs against weights of at least this many elements run on the
/// threads when the schedule is parallel.
constexpr int64_t kParallelGemvElements = 64 * 1024;

/// Sums over an innermost loop (layer-norm statistics) that read at least
/// this many elements run their outermost points on the threads when the
/// schedule is parallel: the batch-32 gates' mean and variance ([32, 4]
/// sums over 1000) had been 19 µs of serial work a step.
constexpr int64_t kParallelSumElements = 32 * 1024;

/// GEMMs of fewer multiply-adds than this (static sizes only) stay on one
/// thread: a few microseconds of work, less than a fork and join with an
/// uneven split (the hyper cell's [32, 128]·[128, 48] embedding projection
/// had two cache tiles, 32 and 16 columns wide, on the threads every step).
constexpr int64_t kParallelGemmMacs = 1 << 20;

/// Whether `op`'s multiply-adds are worth the threads (see
/// kParallelGemmMacs); dynamic sizes are.
bool worthThreads(linalg::MatmulOp op) {
  int64_t macs = 1;
  for (int64_t range : op.getStaticLoopRanges()) {
    if (ShapedType::isDynamic(range))
      return true;
    macs *= range;
  }
  return macs >= kParallelGemmMacs;
}

/// Where an iteration of forallOverSlices works: offsets and sizes of its
/// slice of the output (unit strides).
struct SliceOf {
  SmallVector<OpFoldResult> offsets, sizes;
};

/// An scf.forall of `count` iterations whose shared output is `dest`:
/// iteration `iv` takes its slice of the output (`sliceOf`), computes the
/// slice's new value from it (`body`) and inserts that in parallel.
Value forallOverSlices(
    OpBuilder &builder, Location loc, OpFoldResult count, Value dest,
    function_ref<SliceOf(OpBuilder &, Location, Value iv, Value out)> sliceOf,
    function_ref<Value(OpBuilder &, Location, Value iv, Value slice)> body) {
  auto loop = scf::ForallOp::create(
      builder, loc, ArrayRef<OpFoldResult>{count}, ValueRange{dest},
      std::nullopt, [&](OpBuilder &b, Location l, ValueRange args) {
        SliceOf where = sliceOf(b, l, args[0], args[1]);
        SmallVector<OpFoldResult> strides(where.offsets.size(),
                                          b.getIndexAttr(1));
        Value slice = tensor::ExtractSliceOp::create(
            b, l, args[1], where.offsets, where.sizes, strides);
        Value updated = body(b, l, args[0], slice);
        auto inParallel = scf::InParallelOp::create(b, l);
        OpBuilder::InsertionGuard guard(b);
        b.setInsertionPointToStart(&inParallel.getRegion().front());
        tensor::ParallelInsertSliceOp::create(
            b, l, updated, args[1], where.offsets, where.sizes, strides);
      });
  return loop.getResult(0);
}

/// One term `x[1, K] · W[N, K]ᵀ` of a row-dots GEMV and the width of the
/// vectors its dot products use. `packed`, when set, holds constant weights
/// in row blocks (see packRowBlocks) and replaces `w`.
struct GemvTerm {
  Value x, w;
  int64_t lanes;
  Value packed = {};
};

/// Constant [N, K] weights as the row-dots GEMV streams them: block `b`
/// of `rows` rows is row `b` of the result, [N/rows, ⌈K/lanes⌉·rows·lanes],
/// holding for each step `c` along K the rows' `lanes` elements from
/// c·lanes (element ((c·rows + i)·lanes + j) is W[b·rows + i, c·lanes + j]),
/// K padded with zeros. A block of rows is then one contiguous stream
/// instead of `rows` streams 4·K bytes apart, and K need not divide into
/// full vectors. On the 2-core AVX-512 machine a 4000×1000 GEMV ran 8-10 %
/// faster this way (8-row blocks, 16 lanes) than on the rows in place with
/// 8-lane vectors (all that 1000 divides into). Two dimensions, not four:
/// LLVM makes a constant of every innermost row, and a quarter of a
/// million of them had added half a second to a compile.
DenseElementsAttr packRowBlocks(DenseElementsAttr w, int64_t rows,
                                int64_t lanes) {
  auto type = cast<RankedTensorType>(w.getType());
  int64_t n = type.getDimSize(0), k = type.getDimSize(1);
  int64_t chunks = llvm::divideCeil(k, lanes);
  auto packedType = RankedTensorType::get({n / rows, chunks * rows * lanes},
                                          type.getElementType());
  if (w.isSplat())
    return w.resizeSplat(packedType);
  ArrayRef<char> raw = w.getRawData();
  size_t bytes = raw.size() / (n * k);
  std::vector<char> out(n * chunks * lanes * bytes, 0);
  for (int64_t r = 0; r < n; ++r)
    for (int64_t c = 0; c < chunks; ++c)
      std::memcpy(
          &out[((((r / rows) * chunks + c) * rows + r % rows) * lanes) * bytes],
          &raw[(r * k + c * lanes) * bytes],
          std::min(lanes, k - c * lanes) * bytes);
  return DenseElementsAttr::getFromRawBuffer(packedType, ArrayRef<char>(out));
}

/// One row against [out, in] weights, `y[1, N] += x[1, K] · W[N, K]ᵀ`, or
/// a chain of such products into the same y (`(y + x₁·W₁ᵀ) + x₂·W₂ᵀ`: a
/// hyper cell's input and recurrent weights), as dot products along the
/// weights' rows instead of a GEMM on `Wᵀ`: the GEMM would read Wᵀ's rows
/// 4·N bytes apart for every k (each on its own page, no prefetch across
/// them) and needs Wᵀ (a transpose per call when W is not a constant).
/// Emitted as vector code directly: for each block of `rows` rows and each
/// term, one `lanes`-wide accumulator per row streams the rows along K (FMAs
/// against the same slice of x), then each accumulator's lanes are added
/// and the block's sums added to y, term after term. A chain is one loop
/// over the blocks (one parallel region). Needs `rows` to divide N and
/// each term's `lanes` to divide its K unless the term is packed. Replaces
/// `op`, the chain's last GEMV.
void gemvAsRowDots(RewriterBase &rewriter, Operation *op,
                   ArrayRef<GemvTerm> terms, Value y, int64_t rows,
                   bool parallel) {
  int64_t n = cast<RankedTensorType>(y.getType()).getDimSize(1);
  int64_t elements = 0;
  for (const GemvTerm &t : terms)
    elements += n * cast<RankedTensorType>(t.x.getType()).getDimSize(1);
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
  if (parallel && elements >= kParallelGemvElements) {
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

/// The chain of one-row GEMVs against static [out, in] f32 weights that
/// ends at `last`: `last` and, while the init of the earliest is the only
/// use of another such GEMV's result (same N), that GEMV, earliest first.
SmallVector<linalg::MatmulOp> gemvChain(linalg::MatmulOp last) {
  auto isGemv = [](linalg::MatmulOp op) {
    auto xType = cast<RankedTensorType>(op.getInputs()[0].getType());
    auto wType = cast<RankedTensorType>(op.getInputs()[1].getType());
    return op.hasPureTensorSemantics() && hasTransposedB(op) &&
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

/// A sum over a generic's innermost loop (layer-norm statistics): `out[p]
/// += g(ins at p, j)` for j < R. LLVM keeps such float sums scalar (it may
/// not reassociate them); here each point runs `lanes`-wide partial sums
/// along j (vector loads of the inputs that vary along j, broadcasts of the
/// others, the body on vectors) and adds the lanes at the end. The sum's
/// order changes (lane-wise partial sums), within float rounding. Needs
/// static sizes, `lanes` dividing R, the body's result `out + e` or
/// `fma(a, b, out)`, and inputs that vary along j reading it last. With
/// `parallel`, the points along the outermost dimension run on the threads
/// (an scf.forall over it, each iteration its slice of the output) when
/// the output is indexed by that dimension first and the sum reads
/// kParallelSumElements or more (dynamic sizes count as many).
LogicalResult vectorizeLaneSums(RewriterBase &rewriter, linalg::GenericOp op,
                                int64_t lanes, bool parallel) {
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
  bool large = llvm::any_of(ranges, ShapedType::isDynamic) ||
               ShapedType::getNumElements(ranges) >= kParallelSumElements;
  bool rowsOnThreads =
      parallel && red > 0 && large && outMap.getNumResults() > 0 &&
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

/// Marks the ops of one image of a convolution when the images run on the
/// threads: their own loops stay sequential.
constexpr StringLiteral kSerial = "hyper.serial";

/// Marks a convolution's GEMM on packed columns (see convToIm2colMatmul).
constexpr StringLiteral kPackedGemm = "hyper.packed_gemm";

/// Marks the im2col gather of a convolution (see convToIm2colMatmul).
constexpr StringLiteral kIm2col = "hyper.im2col";

/// `sizes` with each static dimension smaller than its tile taken whole, so
/// that its slices stay static (no mask along it).
SmallVector<int64_t> clampToRanges(SmallVector<int64_t> sizes,
                                   ArrayRef<int64_t> ranges) {
  for (auto [size, range] : llvm::zip_equal(sizes, ranges))
    if (!ShapedType::isDynamic(range) && range < size)
      size = range;
  return sizes;
}

/// Splits `loop` into its full tiles (static, unmasked) and the partial
/// last one, which it returns (null when there is none).
scf::ForOp peelLastTile(RewriterBase &rewriter, scf::ForOp loop) {
  scf::ForOp partial;
  if (failed(scf::peelForLoopAndSimplifyBounds(rewriter, loop, partial)))
    return {};
  return partial;
}

/// `peelLastTile` on each scf.for of `loops`.
void peelFullTiles(RewriterBase &rewriter,
                   ArrayRef<LoopLikeOpInterface> loops) {
  for (LoopLikeOpInterface loop : loops)
    if (auto forOp = dyn_cast<scf::ForOp>(loop.getOperation()))
      (void)peelLastTile(rewriter, forOp);
}

/// Tiles `op` along loop `dim` by `size` (an scf.for) and peels the loop:
/// returns the tiled op of the full tiles and, when there is one, that of
/// the partial last tile; or `op` itself if it cannot be tiled.
SmallVector<Operation *> tilePeeled(RewriterBase &rewriter, Operation *op,
                                    unsigned dim, int64_t size) {
  auto linalgOp = cast<linalg::LinalgOp>(op);
  SmallVector<int64_t> sizes(linalgOp.getNumLoops(), 0);
  sizes[dim] = size;
  // Tiling replaces `op`: its name is read after.
  OperationName name = op->getName();
  FailureOr<scf::SCFTilingResult> tiled = tile(rewriter, op, sizes);
  if (failed(tiled))
    return {op};
  SmallVector<Operation *> ops = {tiled->tiledOps.back()};
  if (tiled->loops.empty())
    return ops;
  if (scf::ForOp partial = peelLastTile(
          rewriter, cast<scf::ForOp>(tiled->loops.front().getOperation())))
    partial.walk([&](linalg::LinalgOp inner) {
      if (inner->getName() == name)
        ops.push_back(inner);
    });
  return ops;
}

/// Whether loop `dim` of `op` has a size known at compile time, possibly
/// only through the bounds of the loops around it (a peeled last tile).
bool hasStaticSize(Operation *op, unsigned dim) {
  auto linalgOp = cast<linalg::LinalgOp>(op);
  if (!ShapedType::isDynamic(linalgOp.getStaticLoopRanges()[dim]))
    return true;
  for (OpOperand &operand : linalgOp->getOpOperands()) {
    AffineMap map = linalgOp.getMatchingIndexingMap(&operand);
    for (auto [i, e] : llvm::enumerate(map.getResults()))
      if (auto d = dyn_cast<AffineDimExpr>(e); d && d.getPosition() == dim)
        return succeeded(ValueBoundsConstraintSet::computeConstantBound(
            presburger::BoundType::EQ,
            ValueBoundsConstraintSet::Variable(operand.get(), i)));
  }
  return false;
}

/// linalg.conv_2d_nchw_fchw (on an already padded input) → for each image,
/// an im2col gather `cols[c·KH·KW + kh·KW + kw, oh·OW + ow]` and the GEMM
/// `filter[F, C·KH·KW] · cols → out[F, OH·OW]`, accumulated into the
/// convolution's init. Needs static channel, spatial and filter sizes; the
/// batch may be dynamic.
LogicalResult convToIm2colMatmul(RewriterBase &rewriter,
                                 linalg::Conv2DNchwFchwOp conv, bool parallel,
                                 int64_t vectorWidth) {
  Value input = conv.getInputs()[0], filter = conv.getInputs()[1],
        init = conv.getOutputs()[0];
  auto inType = cast<RankedTensorType>(input.getType());
  auto filterType = cast<RankedTensorType>(filter.getType());
  auto outType = cast<RankedTensorType>(init.getType());
  if (!filterType.hasStaticShape() ||
      ShapedType::isDynamicShape(inType.getShape().drop_front()) ||
      ShapedType::isDynamicShape(outType.getShape().drop_front()))
    return failure();
  const int64_t c = inType.getDimSize(1), f = filterType.getDimSize(0),
                kh = filterType.getDimSize(2), kw = filterType.getDimSize(3),
                oh = outType.getDimSize(2), ow = outType.getDimSize(3);
  SmallVector<int64_t> strides(conv.getStrides().getValues<int64_t>());
  SmallVector<int64_t> dilations(conv.getDilations().getValues<int64_t>());
  Location loc = conv.getLoc();
  MLIRContext *ctx = rewriter.getContext();
  Type elementType = outType.getElementType();
  rewriter.setInsertionPoint(conv);
  // An input padded with a constant along the image dimensions only: each
  // image is padded where its columns are gathered (on the threads with the
  // images; a few hundred KB that stay in cache) instead of the whole batch
  // being copied into a padded buffer first, serially.
  Value padSource, padValue;
  SmallVector<OpFoldResult> padLow, padHigh;
  if (auto pad = input.getDefiningOp<tensor::PadOp>())
    if (pad->hasOneUse() && pad.getConstantPaddingValue() &&
        !ShapedType::isDynamicShape(
            pad.getSourceType().getShape().drop_front()) &&
        pad.getLow().empty() && pad.getHigh().empty() && // static pads
        llvm::all_of(ArrayRef(pad.getStaticLow()).take_front(2),
                     [](int64_t v) { return v == 0; }) &&
        llvm::all_of(ArrayRef(pad.getStaticHigh()).take_front(2),
                     [](int64_t v) { return v == 0; })) {
      padSource = pad.getSource();
      padValue = pad.getConstantPaddingValue();
      padLow = llvm::to_vector(ArrayRef(pad.getMixedLowPad()).drop_front());
      padHigh = llvm::to_vector(ArrayRef(pad.getMixedHighPad()).drop_front());
    }
  // An output filled with a constant (a bias-free convolution's zeros):
  // each image fills its own slice where its GEMM accumulates (on the
  // threads when they share the images) instead of the whole output being
  // filled first, serially, and copied once more for the threaded branch.
  Value fillValue;
  if (auto fill = init.getDefiningOp<linalg::FillOp>())
    if (fill.getOutputs()[0].getDefiningOp<tensor::EmptyOp>() &&
        matchPattern(fill.getInputs()[0], m_Constant())) {
      fillValue = fill.getInputs()[0];
      init = fill.getOutputs()[0];
    }

  Value filterFlat = tensor::CollapseShapeOp::create(
      rewriter, loc, filter, ArrayRef<ReassociationIndices>{{0}, {1, 2, 3}});
  Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
  Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
  Value batch =
      tensor::DimOp::create(rewriter, loc, padSource ? padSource : input, 0);
  // One image: im2col, GEMM, and the product written into image n of
  // `into` (by `write`, which differs between a loop and a forall).
  auto imageBody = [&](OpBuilder &b, Location l, Value n, Value into,
                       bool serial,
                       function_ref<void(Value, SmallVector<OpFoldResult> &,
                                         SmallVector<OpFoldResult> &,
                                         SmallVector<OpFoldResult> &)>
                           write) {
    SmallVector<Value, 1> iter = {into};
    auto image = [&](Value t, RankedTensorType type) {
      SmallVector<OpFoldResult> offsets(type.getRank(), b.getIndexAttr(0));
      offsets[0] = n;
      SmallVector<OpFoldResult> sizes = {b.getIndexAttr(1)};
      for (int64_t d : type.getShape().drop_front())
        sizes.push_back(b.getIndexAttr(d));
      SmallVector<OpFoldResult> ones(type.getRank(), b.getIndexAttr(1));
      auto sliceType = RankedTensorType::get(type.getShape().drop_front(),
                                             type.getElementType());
      return tensor::ExtractSliceOp::create(b, l, sliceType, t, offsets, sizes,
                                            ones)
          .getResult();
    };
    Value x; // [C, H, W]
    if (padSource)
      x = tensor::PadOp::create(
          b, l,
          RankedTensorType::get(inType.getShape().drop_front(),
                                inType.getElementType()),
          image(padSource, cast<RankedTensorType>(padSource.getType())), padLow,
          padHigh, padValue);
    else
      x = image(input, inType);
    // cols5[c, kh, kw, oh, ow] = x[c, oh·s_h + kh·r_h, ow·s_w + kw·r_w],
    // written as a generic that reads x with tensor.extract at computed
    // indices: the vectorizer turns the reads along ow into contiguous
    // vector loads where s_w = 1 (and gathers otherwise), which it
    // cannot do for an input with a non-permutation indexing map.
    // The columns in blocks of `ni` output pixels (a register tile's
    // width), packed [NB, C·KH·KW, ni]: the GEMM's micro-kernel then reads
    // each K step's columns from one contiguous line instead of a row of
    // OH·OW floats (4 KiB apart at 32×32: a page per K step). Needs ni to
    // divide OW; else the plain [C·KH·KW, OH·OW] columns.
    int64_t ni = ow % (2 * vectorWidth) == 0 ? 2 * vectorWidth
                 : ow % vectorWidth == 0     ? vectorWidth
                                             : 0;
    bool packed = ni > 0;
    int64_t nblocks = packed ? oh * ow / ni : 0;
    auto colsType =
        packed ? RankedTensorType::get({nblocks, c, kh, kw, ni}, elementType)
               : RankedTensorType::get({c, kh, kw, oh, ow}, elementType);
    Value cols5 =
        tensor::EmptyOp::create(b, l, colsType.getShape(), elementType);
    cols5 =
        linalg::GenericOp::create(
            b, l, TypeRange{colsType}, ValueRange{}, ValueRange{cols5},
            ArrayRef<AffineMap>{b.getMultiDimIdentityMap(5)},
            SmallVector<utils::IteratorType>(5, utils::IteratorType::parallel),
            [&](OpBuilder &nb, Location nl, ValueRange) {
              auto index = [&](int64_t d) {
                return linalg::IndexOp::create(nb, nl, d).getResult();
              };
              auto cst = [&](int64_t v) {
                return arith::ConstantIndexOp::create(nb, nl, v).getResult();
              };
              auto at = [&](Value o, int64_t s, Value k, int64_t r) {
                Value a = arith::MulIOp::create(nb, nl, o, cst(s));
                Value bb = arith::MulIOp::create(nb, nl, k, cst(r));
                return arith::AddIOp::create(nb, nl, a, bb).getResult();
              };
              Value ci, ky, kx, oy, ox;
              if (packed) {
                // Block nb holds pixels nb·ni + [0, ni) of one row.
                Value first = arith::MulIOp::create(nb, nl, index(0), cst(ni));
                ci = index(1);
                ky = index(2);
                kx = index(3);
                oy = arith::DivUIOp::create(nb, nl, first, cst(ow));
                ox = arith::AddIOp::create(
                    nb, nl, arith::RemUIOp::create(nb, nl, first, cst(ow)),
                    index(4));
              } else {
                ci = index(0);
                ky = index(1);
                kx = index(2);
                oy = index(3);
                ox = index(4);
              }
              Value v = tensor::ExtractOp::create(
                  nb, nl, x,
                  ValueRange{ci, at(oy, strides[0], ky, dilations[0]),
                             at(ox, strides[1], kx, dilations[1])});
              linalg::YieldOp::create(nb, nl, v);
            })
            .getResult(0);
    cols5.getDefiningOp()->setAttr(kIm2col, b.getUnitAttr());
    // (The slice of the output, filled: a fill of a fresh tensor would be
    // hoisted out of the image loop and copied into every image.)
    Value outImage = image(iter[0], outType);
    if (fillValue)
      outImage = linalg::FillOp::create(b, l, fillValue, outImage).getResult(0);
    Value out = tensor::CollapseShapeOp::create(
        b, l, outImage,
        ArrayRef<ReassociationIndices>{{0}, {1, 2}}); // [F, OH·OW]
    Value product;
    if (packed) {
      // out[F, NB, ni] += filter[F, K] · cols[NB, K, ni].
      Value cols = tensor::CollapseShapeOp::create(
          b, l, cols5, ArrayRef<ReassociationIndices>{{0}, {1, 2, 3}, {4}});
      Value out3 = tensor::ExpandShapeOp::create(
          b, l, RankedTensorType::get({f, nblocks, ni}, elementType), out,
          ArrayRef<ReassociationIndices>{{0}, {1, 2}});
      AffineExpr df, dn, di, dk;
      bindDims(ctx, df, dn, di, dk);
      auto gemm = linalg::GenericOp::create(
          b, l, TypeRange{out3.getType()}, ValueRange{filterFlat, cols},
          ValueRange{out3},
          ArrayRef<AffineMap>{AffineMap::get(4, 0, {df, dk}, ctx),
                              AffineMap::get(4, 0, {dn, dk, di}, ctx),
                              AffineMap::get(4, 0, {df, dn, di}, ctx)},
          ArrayRef<utils::IteratorType>{
              utils::IteratorType::parallel, utils::IteratorType::parallel,
              utils::IteratorType::parallel, utils::IteratorType::reduction},
          [](OpBuilder &nb, Location nl, ValueRange args) {
            Value p = arith::MulFOp::create(nb, nl, args[0], args[1]);
            linalg::YieldOp::create(
                nb, nl, arith::AddFOp::create(nb, nl, args[2], p).getResult());
          });
      gemm->setAttr(kPackedGemm, b.getUnitAttr());
      product = tensor::CollapseShapeOp::create(
          b, l, gemm.getResult(0), ArrayRef<ReassociationIndices>{{0}, {1, 2}});
    } else {
      Value cols = tensor::CollapseShapeOp::create(
          b, l, cols5, ArrayRef<ReassociationIndices>{{0, 1, 2}, {3, 4}});
      product = linalg::MatmulOp::create(b, l, TypeRange{out.getType()},
                                         ValueRange{filterFlat, cols},
                                         ValueRange{out})
                    .getResult(0);
    }
    Value product3 = tensor::ExpandShapeOp::create(
        b, l, RankedTensorType::get({f, oh, ow}, elementType), product,
        ArrayRef<ReassociationIndices>{{0}, {1, 2}});
    SmallVector<OpFoldResult> offsets(4, b.getIndexAttr(0));
    offsets[0] = n;
    SmallVector<OpFoldResult> sizes = {b.getIndexAttr(1), b.getIndexAttr(f),
                                       b.getIndexAttr(oh), b.getIndexAttr(ow)};
    SmallVector<OpFoldResult> ones(4, b.getIndexAttr(1));
    if (serial) {
      Operation *gemmOp = product.getDefiningOp();
      if (auto collapse = dyn_cast<tensor::CollapseShapeOp>(gemmOp))
        gemmOp = collapse.getSrc().getDefiningOp();
      gemmOp->setAttr(kSerial, b.getUnitAttr());
      cols5.getDefiningOp()->setAttr(kSerial, b.getUnitAttr());
    }
    write(product3, offsets, sizes, ones);
  };
  auto imageLoop = [&](OpBuilder &b, Location l) {
    return scf::ForOp::create(
               b, l, zero, batch, one, ValueRange{init},
               [&](OpBuilder &nb, Location nl, Value n, ValueRange iter) {
                 imageBody(nb, nl, n, iter[0], /*serial=*/false,
                           [&](Value v, SmallVector<OpFoldResult> &offsets,
                               SmallVector<OpFoldResult> &sizes,
                               SmallVector<OpFoldResult> &ones) {
                             Value updated = tensor::InsertSliceOp::create(
                                 nb, nl, v, iter[0], offsets, sizes, ones);
                             scf::YieldOp::create(nb, nl, updated);
                           });
               })
        .getResult(0);
  };
  // With threads and more than one image, the images go to the threads,
  // each with its own GEMMs; one image keeps the threads inside its GEMMs.
  Value result;
  if (!parallel) {
    result = imageLoop(rewriter, loc);
  } else {
    Value several = arith::CmpIOp::create(
        rewriter, loc, arith::CmpIPredicate::ugt, batch, one);
    auto dispatch = scf::IfOp::create(
        rewriter, loc, several,
        [&](OpBuilder &b, Location l) {
          auto images = scf::ForallOp::create(
              b, l, ArrayRef<OpFoldResult>{batch}, ValueRange{init},
              std::nullopt, [&](OpBuilder &nb, Location nl, ValueRange args) {
                imageBody(nb, nl, args[0], args[1], /*serial=*/true,
                          [&](Value v, SmallVector<OpFoldResult> &offsets,
                              SmallVector<OpFoldResult> &sizes,
                              SmallVector<OpFoldResult> &ones) {
                            auto inParallel = scf::InParallelOp::create(nb, nl);
                            OpBuilder::InsertionGuard guard(nb);
                            nb.setInsertionPointToStart(
                                &inParallel.getRegion().front());
                            tensor::ParallelInsertSliceOp::create(
                                nb, nl, v, args[1], offsets, sizes, ones);
                          });
              });
          scf::YieldOp::create(b, l, images.getResult(0));
        },
        [&](OpBuilder &b, Location l) {
          scf::YieldOp::create(b, l, imageLoop(b, l));
        });
    result = dispatch.getResult(0);
  }
  rewriter.replaceOp(conv, result);
  return success();
}

/// Marks register tiles for vectorization.
constexpr StringLiteral kRegisterTile = "hyper.register_tile";
/// Marks GEMMs already tiled for the caches (fused into an epilogue's tile).
constexpr StringLiteral kCacheTiled = "hyper.cache_tiled";

/// The elementwise epilogue of `matmul`, if its only user is an all-parallel
/// 2-D linalg.generic that reads the result element for element.
linalg::GenericOp epilogueOf(linalg::MatmulOp matmul) {
  Value result = matmul->getResult(0);
  if (!result.hasOneUse())
    return {};
  auto generic = dyn_cast<linalg::GenericOp>(*result.getUsers().begin());
  if (!generic || !generic.hasPureTensorSemantics() ||
      generic.getNumLoops() != 2 ||
      generic.getNumParallelLoops() != generic.getNumLoops() ||
      generic.getNumDpsInits() != 1)
    return {};
  for (OpOperand *operand : generic.getDpsInputOperands())
    if (operand->get() == result &&
        generic.getMatchingIndexingMap(operand).isIdentity())
      return generic;
  return {};
}

/// Inputs read at a constant index along some dimension (a gate's slice
/// `(d0, d1) -> (d0, 2, d1)` of a stacked [B, 4, N] tensor) become
/// rank-reducing slices read with the remaining, projected-permutation map,
/// which the vectorizer accepts.
void sliceConstantIndices(RewriterBase &rewriter, linalg::GenericOp op) {
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

/// Every loaded dialect's and registered op's canonicalization patterns,
/// as the canonicalizer collects them.
void addCanonicalizationPatterns(RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  for (Dialect *dialect : ctx->getLoadedDialects())
    dialect->getCanonicalizationPatterns(patterns);
  for (RegisteredOperationName op : ctx->getRegisteredOperations())
    op.getCanonicalizationPatterns(patterns, ctx);
}

/// Tiles `consumer` with `tiling`, fuses into its tiles the producers
/// `fuse` accepts, and replaces it. Returns the tiled and fused ops.
FailureOr<SmallVector<Operation *>>
tileAndFuse(RewriterBase &rewriter, Operation *consumer,
            const scf::SCFTilingOptions &tiling,
            llvm::function_ref<bool(Operation *)> fuse) {
  scf::SCFTileAndFuseOptions options;
  options.setTilingOptions(tiling);
  options.setFusionControlFn(
      [&](tensor::ExtractSliceOp, OpResult producer,
          bool) -> std::optional<scf::SCFTileAndFuseOptions::ControlFnResult> {
        if (!fuse(producer.getOwner()))
          return std::nullopt;
        return scf::SCFTileAndFuseOptions::ControlFnResult{};
      });
  rewriter.setInsertionPoint(consumer);
  FailureOr<scf::SCFTileAndFuseResult> fused =
      scf::tileConsumerAndFuseProducersUsingSCF(
          rewriter, cast<TilingInterface>(consumer), options);
  if (failed(fused))
    return failure();
  for (OpResult result : consumer->getResults())
    rewriter.replaceAllUsesWith(result, fused->replacements.lookup(result));
  rewriter.eraseOp(consumer);
  return SmallVector<Operation *>(fused->tiledAndFusedOps.begin(),
                                  fused->tiledAndFusedOps.end());
}

/// Tiles the epilogue of each GEMM for the caches and fuses the GEMM (and
/// its other single-use linalg producers) into the tile, so the epilogue
/// reads the accumulators while they are in cache.
void fuseEpilogues(RewriterBase &rewriter, func::FuncOp func, bool forall) {
  // An epilogue may consume several GEMMs (x- and h-side gates): once, on
  // the threads when one of them is worth it.
  llvm::SetVector<linalg::GenericOp> epilogues;
  llvm::SmallPtrSet<Operation *, 8> threaded;
  func.walk([&](linalg::MatmulOp op) {
    if (op.hasPureTensorSemantics())
      if (linalg::GenericOp e = epilogueOf(op)) {
        epilogues.insert(e);
        if (worthThreads(op))
          threaded.insert(e);
      }
  });
  for (linalg::GenericOp epilogue : epilogues) {
    SmallVector<int64_t> sizes = clampToRanges({kCacheRows, kCacheColumns},
                                               epilogue.getStaticLoopRanges());
    scf::SCFTilingOptions tiling;
    tiling.setTileSizes(getAsIndexOpFoldResult(func.getContext(), sizes));
    if (forall && threaded.contains(epilogue))
      tiling.setLoopType(scf::SCFTilingOptions::LoopType::ForallOp);
    // Single-use linalg producers only, judged before tiling (the tiled
    // consumer adds a use): fusing anything else would recompute it in every
    // tile. Transposes stay outside: each would be redone per row of tiles.
    llvm::SmallPtrSet<Operation *, 8> singleUse;
    func.walk([&](linalg::LinalgOp op) {
      if (!isa<linalg::TransposeOp>(op) &&
          llvm::all_of(op->getResults(),
                       [](OpResult r) { return r.hasOneUse(); }))
        singleUse.insert(op);
    });
    FailureOr<SmallVector<Operation *>> fused =
        tileAndFuse(rewriter, epilogue, tiling, [&](Operation *producer) {
          return singleUse.contains(producer);
        });
    if (failed(fused))
      continue;
    for (Operation *op : *fused)
      if (isa<linalg::MatmulOp>(op))
        op->setAttr(kCacheTiled, rewriter.getUnitAttr());
  }
}

/// Whether `v` is a multiple of `d` by construction: a constant, the
/// induction variable of a loop whose start and step are, or a sum or
/// product (arith or affine.apply) of such.
bool isMultipleOf(OpFoldResult v, int64_t d);

bool exprIsMultipleOf(AffineExpr e, ValueRange dims, ValueRange symbols,
                      int64_t d) {
  if (auto c = dyn_cast<AffineConstantExpr>(e))
    return c.getValue() % d == 0;
  if (auto dim = dyn_cast<AffineDimExpr>(e))
    return isMultipleOf(dims[dim.getPosition()], d);
  if (auto sym = dyn_cast<AffineSymbolExpr>(e))
    return isMultipleOf(symbols[sym.getPosition()], d);
  auto bin = dyn_cast<AffineBinaryOpExpr>(e);
  if (!bin)
    return false;
  bool lhs = exprIsMultipleOf(bin.getLHS(), dims, symbols, d);
  bool rhs = exprIsMultipleOf(bin.getRHS(), dims, symbols, d);
  switch (e.getKind()) {
  case AffineExprKind::Add:
    return lhs && rhs;
  case AffineExprKind::Mul:
    return lhs || rhs;
  default:
    return false;
  }
}

bool isMultipleOf(OpFoldResult v, int64_t d) {
  if (std::optional<int64_t> c = getConstantIntValue(v))
    return *c % d == 0;
  auto value = cast<Value>(v);
  if (scf::ForOp loop = scf::getForInductionVarOwner(value))
    return isMultipleOf(loop.getLowerBound(), d) &&
           isMultipleOf(loop.getStep(), d);
  if (scf::ForallOp loop = scf::getForallOpThreadIndexOwner(value)) {
    unsigned i = cast<BlockArgument>(value).getArgNumber();
    return isMultipleOf(loop.getMixedLowerBound()[i], d) &&
           isMultipleOf(loop.getMixedStep()[i], d);
  }
  Operation *def = value.getDefiningOp();
  if (auto apply = dyn_cast_or_null<affine::AffineApplyOp>(def)) {
    AffineMap map = apply.getAffineMap();
    return exprIsMultipleOf(map.getResult(0), apply.getDimOperands(),
                            apply.getSymbolOperands(), d);
  }
  if (auto add = dyn_cast_or_null<arith::AddIOp>(def))
    return isMultipleOf(add.getLhs(), d) && isMultipleOf(add.getRhs(), d);
  if (auto mul = dyn_cast_or_null<arith::MulIOp>(def))
    return isMultipleOf(mul.getLhs(), d) || isMultipleOf(mul.getRhs(), d);
  return false;
}

/// A constant [K, N] B operand's columns in blocks of `nt`: [⌈N/nt⌉, K·nt]
/// (block `b` holds B[k, b·nt + j] at k·nt + j), the last block padded with
/// zeros, so that a register tile's row of B for one k is `nt` contiguous
/// elements and successive k are adjacent. Two dimensions rather than
/// [⌈N/nt⌉, K, nt]: LLVM makes a constant of every innermost row (see
/// packRowBlocks).
DenseElementsAttr packColumns(DenseElementsAttr b, int64_t nt) {
  auto type = cast<RankedTensorType>(b.getType());
  int64_t k = type.getDimSize(0), n = type.getDimSize(1);
  int64_t blocks = llvm::divideCeil(n, nt);
  auto packedType =
      RankedTensorType::get({blocks, k * nt}, type.getElementType());
  ArrayRef<char> raw = b.getRawData();
  size_t bytes = raw.size() / (k * n);
  std::vector<char> out(blocks * k * nt * bytes, 0);
  for (int64_t blk = 0; blk < blocks; ++blk) {
    int64_t width = std::min(nt, n - blk * nt);
    for (int64_t r = 0; r < k; ++r)
      std::memcpy(&out[((blk * k + r) * nt) * bytes],
                  &raw[(r * n + blk * nt) * bytes], width * bytes);
  }
  return DenseElementsAttr::getFromRawBuffer(packedType, ArrayRef<char>(out));
}

/// How far ahead of the k step it reads a register tile prefetches its
/// packed B block, in bytes (see prefetchPackedAhead).
constexpr int64_t kPrefetchBytes = 16 * 1024;

/// Prefetches, into L1, the packed constant `pack` ([blocks, K·nt]) at
/// `kPrefetchBytes` past row `row` of block `block`: the stream a register
/// tile will read (a block's next rows, then the next block's first ones),
/// which runs from memory when the weights did not stay in the last-level
/// cache between two calls or steps. The hardware prefetchers alone left
/// the batch-32 recurrent GEMM waiting on B (see docs/benchmarks.md). The
/// packed buffer is read through a flat view; the index stays inside it.
void prefetchPackedAhead(RewriterBase &rewriter, Location loc,
                         DenseMap<Value, Value> &flatViews, Value pack,
                         int64_t nt, OpFoldResult block, OpFoldResult row) {
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
  constexpr int64_t kLine = 64;
  for (int64_t offset = 0; offset < nt * bytes; offset += kLine) {
    AffineExpr ahead = (b * k + r) * nt + (kPrefetchBytes + offset) / bytes;
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

/// A GEMM operand that is a unit-stride slice, through any chain of 2-D
/// slices, of a non-splat constant: the constant and the slices' offsets.
struct ConstantSlice {
  Value root;
  DenseElementsAttr attr;
  SmallVector<OpFoldResult> rows, cols;
};

/// `b` as a ConstantSlice whose column offsets are multiples of `nt` by
/// construction (see isMultipleOf), if it is one.
std::optional<ConstantSlice> alignedConstantSlice(Value b, int64_t nt) {
  ConstantSlice source;
  source.root = b;
  while (auto slice = source.root.getDefiningOp<tensor::ExtractSliceOp>()) {
    if (!slice.hasUnitStride() || slice.getSourceType().getRank() != 2 ||
        slice.getResultType().getRank() != 2)
      return std::nullopt;
    source.rows.push_back(slice.getMixedOffsets()[0]);
    source.cols.push_back(slice.getMixedOffsets()[1]);
    source.root = slice.getSource();
  }
  auto rootType = dyn_cast<RankedTensorType>(source.root.getType());
  if (!rootType || rootType.getRank() != 2 || !rootType.hasStaticShape() ||
      !matchPattern(source.root, m_Constant(&source.attr)) ||
      source.attr.isSplat() || rootType.getElementTypeBitWidth() % 8 != 0 ||
      !llvm::all_of(source.cols,
                    [&](OpFoldResult c) { return isMultipleOf(c, nt); }))
    return std::nullopt;
  return source;
}

/// The sum of `terms`, divided (floor) by `divisor`, folded where constant.
OpFoldResult sumOf(RewriterBase &rewriter, Location loc,
                   ArrayRef<OpFoldResult> terms, int64_t divisor) {
  MLIRContext *ctx = rewriter.getContext();
  AffineExpr e = getAffineConstantExpr(0, ctx);
  for (unsigned i = 0; i < terms.size(); ++i)
    e = e + getAffineSymbolExpr(i, ctx);
  return affine::makeComposedFoldedAffineApply(
      rewriter, loc, AffineMap::get(0, terms.size(), e.floorDiv(divisor)),
      terms);
}

/// A constant [K, N] with zero columns appended up to a multiple of `nt`.
DenseElementsAttr padColumns(DenseElementsAttr b, int64_t nt) {
  auto type = cast<RankedTensorType>(b.getType());
  int64_t k = type.getDimSize(0), n = type.getDimSize(1);
  int64_t padded = llvm::alignTo(n, nt);
  ArrayRef<char> raw = b.getRawData();
  size_t bytes = raw.size() / (k * n);
  std::vector<char> out(k * padded * bytes, 0);
  for (int64_t r = 0; r < k; ++r)
    std::memcpy(&out[r * padded * bytes], &raw[r * n * bytes], n * bytes);
  return DenseElementsAttr::getFromRawBuffer(
      RankedTensorType::get({k, padded}, type.getElementType()),
      ArrayRef<char>(out));
}

/// A cache tile `C[M, w] += A[M, K] · B[K, w]` whose width is known only at
/// run time (a loop over N in tiles of `nt` that do not divide it types
/// every tile so; the last is partial) and whose B is a constant's slice at
/// a column that is a multiple of `nt`: runs on `nt` columns instead,
/// against the constant with zero columns appended up to a multiple of
/// `nt` (`padded`, one per constant) and into an accumulator of `nt`
/// columns, of which C takes the first `w`. Every register tile is then
/// full, static and unmasked: a masked partial tile carried its
/// accumulators through memory on every K step, many times slower (the
/// last 8 columns of a 1000-wide GEMM cost more than a full tile). Returns
/// the new GEMM, or null when `op` is not such a tile.
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

/// Register-tile GEMMs `C[mt, nt] += A[mt, 1] · B[1, nt]` (`nt` from the
/// tile's vector sizes) whose B is a slice, through any chain of
/// unit-stride slices, of a constant [K, N], read at a column that is a
/// multiple of `nt` by construction: B comes from the constant packed in
/// blocks of `nt` columns instead (packed once, at compile time). Unpacked,
/// the micro-kernel reads B's rows N elements apart: a new page every k
/// for recurrent weights, which the hardware prefetchers do not follow.
void readPackedConstants(RewriterBase &rewriter,
                         ArrayRef<linalg::MatmulOp> tiles) {
  DenseMap<std::pair<Value, int64_t>, Value> packed;
  DenseMap<Value, Value> packedBuffers;
  for (linalg::MatmulOp t : tiles) {
    auto vectorSizes =
        dyn_cast_or_null<DenseI64ArrayAttr>(t->getAttr(kRegisterTile));
    if (!vectorSizes || vectorSizes.size() != 3)
      continue;
    int64_t nt = vectorSizes[1];
    Value b = t.getInputs()[1];
    auto bType = cast<RankedTensorType>(b.getType());
    if (bType.getRank() != 2 || bType.getDimSize(0) != 1 ||
        (!bType.isDynamicDim(1) && bType.getDimSize(1) > nt))
      continue;
    std::optional<ConstantSlice> source = alignedConstantSlice(b, nt);
    // One block of columns is the constant as it is.
    if (!source ||
        cast<RankedTensorType>(source->root.getType()).getDimSize(1) <= nt)
      continue;
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
    prefetchPackedAhead(rewriter, loc, packedBuffers, pack, nt, block, row);
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

/// The ops of a loop's body (a time step) whose destination is a
/// `tensor.empty` from outside the loop — CSE merges the step's empty
/// results with an identical one before the loop — get an allocation of
/// their own in the loop (`bufferization.alloc_tensor`, which CSE leaves
/// alone): bufferized, a shared empty is one buffer that every step
/// overwrites, and the step must copy its result out of it to carry it to
/// the next (the LSTM's c and ĉ, every step). Only ops directly in the
/// loop's body: tiles inside them keep their own handling.
void allocateStepResultsInLoops(RewriterBase &rewriter, func::FuncOp func) {
  func.walk([&](tensor::EmptyOp empty) {
    for (OpOperand &use : llvm::make_early_inc_range(empty->getUses())) {
      Operation *user = use.getOwner();
      auto loop = dyn_cast<scf::ForOp>(user->getParentOp());
      if (!loop || loop->isAncestor(empty))
        continue;
      // The destination of an op (an scf.forall's shared output) or the
      // initial value of a loop over its tiles.
      auto dps = dyn_cast<DestinationStyleOpInterface>(user);
      auto tiles = dyn_cast<scf::ForOp>(user);
      if (!(dps && dps.isDpsInit(&use)) &&
          !(tiles && llvm::is_contained(tiles.getInitArgsMutable(), use)))
        continue;
      rewriter.setInsertionPoint(user);
      Value fresh = bufferization::AllocTensorOp::create(
          rewriter, empty.getLoc(), empty.getType(), empty.getDynamicSizes());
      rewriter.modifyOpInPlace(user, [&] { use.set(fresh); });
    }
  });
}

struct HyperCpuVectorizePass
    : hyper::impl::HyperCpuVectorizePassBase<HyperCpuVectorizePass> {
  using HyperCpuVectorizePassBase::HyperCpuVectorizePassBase;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    MLIRContext *ctx = &getContext();
    IRRewriter rewriter(ctx);

    // 0. Convolutions become GEMMs.
    SmallVector<linalg::Conv2DNchwFchwOp> convs;
    func.walk([&](linalg::Conv2DNchwFchwOp op) {
      if (op.hasPureTensorSemantics())
        convs.push_back(op);
    });
    for (linalg::Conv2DNchwFchwOp conv : convs)
      (void)convToIm2colMatmul(rewriter, conv, parallel, vectorWidth);

    // 1. One row against [out, in] weights: dot products along the rows.
    //    Other GEMMs: B as [K, N], [out, in] weights transposed.
    SmallVector<linalg::MatmulOp> gemvs;
    func.walk([&](linalg::MatmulOp op) {
      if (op.hasPureTensorSemantics() && hasTransposedB(op))
        gemvs.push_back(op);
    });
    // A term's widest vector (down to a quarter register) that divides its
    // K.
    auto lanesFor = [&](linalg::MatmulOp op) -> std::optional<int64_t> {
      int64_t k =
          cast<RankedTensorType>(op.getInputs()[0].getType()).getDimSize(1);
      for (int64_t lanes = vectorWidth;
           lanes >= std::max<int64_t>(vectorWidth / 4, 1); lanes /= 2)
        if (k % lanes == 0)
          return lanes;
      return std::nullopt;
    };
    // A chain as dot products in blocks of as many rows (up to m-tile) as
    // divide N; false, leaving it as it is, when a term has no vector
    // width.
    auto asRowDots = [&](ArrayRef<linalg::MatmulOp> chain) {
      Value y = linalg::MatmulOp(chain.front()).getOutputs()[0];
      int64_t n = cast<RankedTensorType>(y.getType()).getDimSize(1);
      int64_t rows = mTile;
      while (n % rows != 0)
        rows /= 2;
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
          std::optional<int64_t> lanes = lanesFor(op);
          if (!lanes)
            return false;
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
      gemvAsRowDots(rewriter, chain.back(), terms, y, rows, parallel);
      for (linalg::MatmulOp op : llvm::reverse(chain.drop_back()))
        rewriter.eraseOp(op);
      return true;
    };
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
    for (ArrayRef<linalg::MatmulOp> chain : chains)
      if (!asRowDots(chain) && chain.size() > 1)
        for (linalg::MatmulOp op : chain)
          (void)asRowDots({op});
    for (linalg::MatmulOp op : gemvs) {
      if (inChain.contains(op))
        continue;
      auto xType = cast<RankedTensorType>(op.getInputs()[0].getType());
      auto yType = cast<RankedTensorType>(op.getOutputs()[0].getType());
      if (!xType.isDynamicDim(0))
        continue;
      // A dynamic number of rows (a model's batch): one row at run time
      // takes the dot products, more the GEMM.
      if (xType.isDynamicDim(1) || yType.isDynamicDim(1) ||
          !xType.getElementType().isF32() ||
          xType.getDimSize(1) % std::max<int64_t>(vectorWidth / 4, 1) != 0)
        continue;
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
      (void)asRowDots({single}); // K was checked: a vector width divides it
    }
    SmallVector<linalg::MatmulOp> transposedB;
    func.walk([&](linalg::MatmulOp op) {
      if (op.hasPureTensorSemantics() && hasTransposedB(op))
        transposedB.push_back(op);
    });
    for (linalg::MatmulOp op : transposedB) {
      rewriter.setInsertionPoint(op);
      Value bt = transposed(rewriter, op.getLoc(), op.getInputs()[1]);
      rewriter.replaceOpWithNewOp<linalg::MatmulOp>(
          op, op.getResultTypes(), ValueRange{op.getInputs()[0], bt},
          op.getOutputs());
    }
    // Weight transposes do not depend on the loops they sit in.
    func.walk([&](LoopLikeOpInterface loop) { moveLoopInvariantCode(loop); });

    // 2. Epilogues fused with their GEMMs at the cache-tile level; then cache
    //    and register tiles for the rest. The register loops over M and N
    //    are peeled, so that every tile but the last is full and static.
    fuseEpilogues(rewriter, func, parallel);
    SmallVector<linalg::MatmulOp> matmuls;
    func.walk([&](linalg::MatmulOp op) {
      if (op.hasPureTensorSemantics())
        matmuls.push_back(op);
    });
    SmallVector<int64_t> registerTile = {mTile, 2 * vectorWidth, 1};
    DenseMap<Value, Value> paddedConstants;
    for (linalg::MatmulOp op : matmuls) {
      SmallVector<int64_t> ranges = op.getStaticLoopRanges();
      auto clamp = [&](SmallVector<int64_t> sizes) {
        return clampToRanges(sizes, ranges);
      };
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
            getAsIndexOpFoldResult(ctx, clamp({kCacheRows, kCacheColumns, 0})));
        if (parallel && !op->hasAttr(kSerial) && worthThreads(op))
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
          continue;
        cacheTiled = nullptr;
        for (Operation *tiled : *cacheTile)
          if (isa<linalg::MatmulOp>(tiled))
            cacheTiled = tiled;
        if (!cacheTiled)
          continue;
      }
      if (linalg::MatmulOp wide =
              padPartialColumns(rewriter, cast<linalg::MatmulOp>(cacheTiled),
                                registerTile[1], paddedConstants)) {
        cacheTiled = wide;
        ranges = wide.getStaticLoopRanges();
      }
      // K panels of 512: with the whole batch in one cache tile (M = 32),
      // each register tile's accumulators are loaded and stored once per
      // panel; 512 measured 9-11 % faster than 256 on the batch-32
      // HyperLSTM sequences. A panel's B block (one column block, 64 KB)
      // is prefetched ahead of the register tiles that read it.
      FailureOr<scf::SCFTilingResult> panel =
          tile(rewriter, cacheTiled, clamp({0, 0, kPanel}));
      if (failed(panel))
        continue;
      // Register tiles: the columns' loop outside the rows' (a block of B
      // stays in L1 for all the rows), each peeled into full tiles and a
      // partial last one. A partial block of rows whose count is only
      // known at run time goes row by row: masked rows would still address
      // A and C past their last row, and a masked access that reaches an
      // unmapped page is a microcode assist on every instruction (the
      // batch-1 input projection, [100, 50]·[50, 4000], ran 30x slower so
      // when its input ended a page before the masked rows).
      SmallVector<int64_t> tileSizes = clamp(registerTile);
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
          registers->tiledOps.back()->setAttr(
              kRegisterTile, rewriter.getDenseI64ArrayAttr(sizes));
        }
    }

    // Convolutions' GEMMs on packed columns: cache tiles of 64 filters by
    // 256 pixels, K panels of 256, register tiles of m-tile filters by one
    // block of pixels; each register tile becomes a matmul on rank-reduced
    // slices, so that it vectorizes into the same micro-kernel as the
    // GEMMs above.
    SmallVector<linalg::GenericOp> packedGemms;
    func.walk([&](linalg::GenericOp op) {
      if (op->hasAttr(kPackedGemm))
        packedGemms.push_back(op);
    });
    for (linalg::GenericOp op : packedGemms) {
      op->removeAttr(kPackedGemm);
      bool threaded = parallel && !op->hasAttr(kSerial);
      SmallVector<int64_t> ranges = op.getStaticLoopRanges(); // f, nb, ni, k
      int64_t ni = ranges[2];
      auto clamp = [&](SmallVector<int64_t> sizes) {
        return clampToRanges(sizes, ranges);
      };
      // With threads, smaller pixel tiles until there are a few per thread
      // (one 16×16 image has a single 64×256 tile).
      int64_t blocks = std::max<int64_t>(1, 256 / ni);
      if (threaded && !ShapedType::isDynamic(ranges[0]) &&
          !ShapedType::isDynamic(ranges[1]))
        while (blocks > 1 && llvm::divideCeil(ranges[0], 64) *
                                     llvm::divideCeil(ranges[1], blocks) <
                                 4)
          blocks /= 2;
      FailureOr<scf::SCFTilingResult> cacheTile =
          tile(rewriter, op, clamp({64, blocks, 0, 0}), threaded);
      if (failed(cacheTile))
        continue;
      FailureOr<scf::SCFTilingResult> panel =
          tile(rewriter, cacheTile->tiledOps.back(), clamp({0, 0, 0, 256}));
      if (failed(panel))
        continue;
      FailureOr<scf::SCFTilingResult> registers =
          tile(rewriter, panel->tiledOps.back(), clamp({mTile, 1, 0, 1}));
      if (failed(registers))
        continue;
      auto t = cast<linalg::GenericOp>(registers->tiledOps.back());
      rewriter.setInsertionPoint(t);
      Location l = t.getLoc();
      Value a = t.getDpsInputs()[0];  // [mt, 1]
      Value bt = t.getDpsInputs()[1]; // [1, 1, ni]
      Value ct = t.getDpsInits()[0];  // [mt, 1, ni]
      Type f32 = cast<RankedTensorType>(ct.getType()).getElementType();
      auto one = rewriter.getIndexAttr(1), zero = rewriter.getIndexAttr(0);
      OpFoldResult mt = tensor::getMixedSize(rewriter, l, ct, 0);
      auto mtType = cast<RankedTensorType>(ct.getType()).getDimSize(0);
      Value b2 = tensor::ExtractSliceOp::create(
          rewriter, l, RankedTensorType::get({1, ni}, f32), bt,
          ArrayRef<OpFoldResult>{zero, zero, zero},
          ArrayRef<OpFoldResult>{one, one, rewriter.getIndexAttr(ni)},
          ArrayRef<OpFoldResult>{one, one, one});
      auto c2Type = RankedTensorType::get({mtType, ni}, f32);
      Value c2 = tensor::ExtractSliceOp::create(
          rewriter, l, c2Type, ct, ArrayRef<OpFoldResult>{zero, zero, zero},
          ArrayRef<OpFoldResult>{mt, one, rewriter.getIndexAttr(ni)},
          ArrayRef<OpFoldResult>{one, one, one});
      auto mm = linalg::MatmulOp::create(rewriter, l, TypeRange{c2Type},
                                         ValueRange{a, b2}, ValueRange{c2});
      mm->setAttr(kRegisterTile, rewriter.getDenseI64ArrayAttr({mTile, ni, 1}));
      Value back = tensor::InsertSliceOp::create(
          rewriter, l, mm.getResult(0), ct,
          ArrayRef<OpFoldResult>{zero, zero, zero},
          ArrayRef<OpFoldResult>{mt, one, rewriter.getIndexAttr(ni)},
          ArrayRef<OpFoldResult>{one, one, one});
      rewriter.replaceOp(t, back);
      peelFullTiles(rewriter, ArrayRef(registers->loops).take_front(2));
    }

    // Sums over the innermost loop (layer-norm statistics) as lane-wise
    // vector partial sums.
    SmallVector<linalg::GenericOp> sums;
    func.walk([&](linalg::GenericOp op) {
      if (op.getNumReductionLoops() == 1 && !op->hasAttr(kRegisterTile) &&
          !op->hasAttr(kIm2col))
        sums.push_back(op);
    });
    for (linalg::GenericOp op : sums)
      for (int64_t lanes = vectorWidth;
           lanes >= std::max<int64_t>(vectorWidth / 4, 1); lanes /= 2)
        if (succeeded(vectorizeLaneSums(rewriter, op, lanes, parallel)))
          break;

    // Elementwise generics (epilogues, gates, batch norm, ReLU): one vector
    // along the innermost dimension per tile, the loop over it peeled.
    SmallVector<linalg::GenericOp> elementwise;
    func.walk(
        [&](linalg::GenericOp op) { sliceConstantIndices(rewriter, op); });
    func.walk([&](linalg::GenericOp op) {
      if (op.hasPureTensorSemantics() && op.getNumLoops() > 0 &&
          op.getNumParallelLoops() == op.getNumLoops() &&
          !op->hasAttr(kRegisterTile))
        elementwise.push_back(op);
    });
    for (linalg::GenericOp op : elementwise) {
      SmallVector<int64_t> ranges = op.getStaticLoopRanges();
      SmallVector<int64_t> sizes(ranges.size(), 1);
      sizes.back() = ShapedType::isDynamic(ranges.back())
                         ? vectorWidth
                         : std::min<int64_t>(vectorWidth, ranges.back());
      if (failed(linalg::vectorizeOpPrecondition(op, {}, {},
                                                 /*vectorizeNDExtract=*/true)))
        continue;
      // With threads, large ops (activations of a convolution layer, the
      // im2col gather) share their vectors out over the threads; small ones
      // (a recurrent step's [B, N]) are not worth a parallel region.
      int64_t staticElements = 1;
      for (int64_t r : ranges)
        if (!ShapedType::isDynamic(r))
          staticElements *= r;
      // Read before tiling, which replaces `op`.
      bool im2col = op->hasAttr(kIm2col);
      Operation *target = op;
      if (parallel && staticElements >= kParallelElements &&
          ranges.size() >= 2 && !op->hasAttr(kSerial)) {
        // One parallel iteration per outer point (an image's channel, a
        // gather's channel and filter row): coarse enough for the fork.
        SmallVector<int64_t> outer(ranges.size(), 0);
        outer[0] = 1;
        if (ranges.size() >= 3)
          outer[1] = 1;
        FailureOr<scf::SCFTilingResult> shared =
            tile(rewriter, op, outer, /*forall=*/true);
        if (failed(shared))
          continue;
        target = shared->tiledOps.back();
      }
      FailureOr<scf::SCFTilingResult> tiled = tile(rewriter, target, sizes);
      if (failed(tiled))
        continue;
      tiled->tiledOps.back()->setAttr(kRegisterTile,
                                      rewriter.getDenseI64ArrayAttr(sizes));
      // The gather's loops are a copy per image row: LLVM would unroll them
      // all (C·KH·KW·OH row copies in one block per channel) and spend
      // seconds scheduling the result. Only the innermost loop may unroll.
      if (im2col) {
        auto unroll = LLVM::LoopUnrollAttr::get(
            ctx, /*disable=*/rewriter.getBoolAttr(true), {}, {}, {}, {}, {},
            {});
        auto noUnroll =
            LLVM::LoopAnnotationAttr::get(ctx, {}, {}, {}, unroll, {}, {}, {},
                                          {}, {}, {}, {}, {}, {}, {}, {});
        for (LoopLikeOpInterface loop : ArrayRef(tiled->loops).drop_back())
          loop->setAttr("llvm.loop_annotation", noUnroll);
      }
      peelFullTiles(rewriter, ArrayRef(tiled->loops).take_back());
    }

    // Fold the peeled tiles' sizes into static slice types.
    RewritePatternSet cleanup(ctx);
    addCanonicalizationPatterns(cleanup);
    FrozenRewritePatternSet frozen(std::move(cleanup));
    if (failed(hyper::applyPatternsOrReport(func, frozen, getArgument())))
      return signalPassFailure();

    // Register tiles read constant B operands packed in column blocks.
    SmallVector<linalg::MatmulOp> gemmTiles;
    func.walk([&](linalg::MatmulOp op) {
      if (op->hasAttr(kRegisterTile))
        gemmTiles.push_back(op);
    });
    readPackedConstants(rewriter, gemmTiles);

    // 3. Vectors: full static tiles without masks, partial ones masked.
    SmallVector<linalg::LinalgOp> tiles;
    func.walk([&](linalg::LinalgOp op) {
      if (op->hasAttr(kRegisterTile))
        tiles.push_back(op);
    });
    for (linalg::LinalgOp t : tiles) {
      SmallVector<int64_t> vectorSizes(
          cast<DenseI64ArrayAttr>(t->getAttr(kRegisterTile)).asArrayRef());
      t->removeAttr(kRegisterTile);
      for (auto [size, range] :
           llvm::zip_equal(vectorSizes, t.getStaticLoopRanges()))
        if (!ShapedType::isDynamic(range))
          size = range;
      // The scalable flags must be spelled out: an empty list yields masks
      // of the wrong shape for broadcast reads.
      SmallVector<bool> scalable(vectorSizes.size(), false);
      if (failed(linalg::vectorizeOpPrecondition(t, vectorSizes, scalable,
                                                 /*vectorizeNDExtract=*/true)))
        continue;
      rewriter.setInsertionPoint(t);
      // tensor.extract in a body (the im2col gather) becomes a contiguous
      // vector load where its last index follows the innermost loop.
      FailureOr<linalg::VectorizationResult> vectorized =
          linalg::vectorize(rewriter, t, vectorSizes, scalable,
                            /*vectorizeNDExtract=*/true);
      if (succeeded(vectorized))
        rewriter.replaceOp(t, vectorized->replacements);
    }

    // 4. Clean up and keep the accumulator tile in registers across K.
    RewritePatternSet patterns(ctx);
    vector::populateVectorReductionToContractPatterns(patterns);
    vector::populateVectorTransferPermutationMapLoweringPatterns(patterns);
    addCanonicalizationPatterns(patterns);
    FrozenRewritePatternSet vectorCleanup(std::move(patterns));
    if (failed(
            hyper::applyPatternsOrReport(func, vectorCleanup, getArgument())))
      return signalPassFailure();
    // Accumulator tiles out of the innermost loops (the register tiles' K
    // loops). Outer loops (a time step's whole body) gave the same code for
    // every model measured and half of this pass's time on the PTB example
    // (each query pairs subsets through Presburger value bounds).
    func.walk([&](scf::ForOp loop) {
      bool innermost =
          !loop.getBody()
               ->walk([](scf::ForOp) { return WalkResult::interrupt(); })
               .wasInterrupted();
      if (innermost)
        hoistLoopInvariantSubsets(rewriter, cast<LoopLikeOpInterface>(*loop));
    });
    if (failed(
            hyper::applyPatternsOrReport(func, vectorCleanup, getArgument())))
      return signalPassFailure();
    allocateStepResultsInLoops(rewriter, func);
  }
};

struct HyperLowerVectorsPass
    : hyper::impl::HyperLowerVectorsPassBase<HyperLowerVectorsPass> {
  using HyperLowerVectorsPassBase::HyperLowerVectorsPassBase;

  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    auto apply = [&](function_ref<void(RewritePatternSet &)> populate) {
      RewritePatternSet patterns(ctx);
      populate(patterns);
      return hyper::applyPatternsOrReport(getOperation(), std::move(patterns),
                                          getArgument());
    };
    vector::VectorTransformsOptions split;
    split.vectorTransferSplit = vector::VectorTransferSplit::LinalgCopy;
    if (failed(apply([&](RewritePatternSet &p) {
          vector::populateVectorMaskLoweringPatternsForSideEffectingOps(p);
          vector::populateVectorContractLoweringPatterns(
              p, vector::VectorContractLowering::OuterProduct);
          vector::populateVectorTransferPermutationMapLoweringPatterns(p);
          vector::populateVectorMultiReductionLoweringPatterns(
              p, vector::VectorMultiReductionLowering::InnerParallel);
        })) ||
        failed(apply([&](RewritePatternSet &p) {
          vector::populateVectorTransferFullPartialPatterns(p, split);
        })) ||
        failed(apply([&](RewritePatternSet &p) {
          populateVectorToSCFConversionPatterns(
              p,
              VectorTransferToSCFOptions().enableFullUnroll().setTargetRank(1));
          vector::populateVectorTransferLoweringPatterns(p, /*maxRank=*/1);
          vector::populateVectorShapeCastLoweringPatterns(p);
          vector::populateVectorTransposeLoweringPatterns(
              p, vector::VectorTransposeLowering::Shuffle1D);
          vector::populateVectorMaskOpLoweringPatterns(p);
        })) ||
        failed(apply([&](RewritePatternSet &p) {
          vector::populateVectorOuterProductLoweringPatterns(p);
          vector::populateVectorBroadcastLoweringPatterns(p);
        })))
      return signalPassFailure();
  }
};

} // namespace
