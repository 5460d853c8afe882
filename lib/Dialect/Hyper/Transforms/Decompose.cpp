//===- Decompose.cpp - Decompose hyper model ops ----------------*- C++ -*-===//
//
// hyper.lstm/rnn → the input-side GEMMs for all steps, then an scf.for
// over one step; hyper.lstm_cell/rnn_cell → one step; the pass, which also
// takes hyper.conv2d (DecomposeConv.cpp).
//
//===----------------------------------------------------------------------===//

#include "hyper/Dialect/Hyper/IR/HyperOps.h"
#include "hyper/Dialect/Hyper/Transforms/Passes.h"
#include "hyper/Dialect/Hyper/Transforms/TensorMath.h"
#include "hyper/Dialect/Hyper/Transforms/Transforms.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::hyper {
#define GEN_PASS_DEF_HYPERDECOMPOSEPASS
#include "hyper/Dialect/Hyper/Transforms/Passes.h.inc"
} // namespace mlir::hyper

using namespace mlir;
using namespace mlir::hyper;

//===----------------------------------------------------------------------===//
// HyperLSTM / HyperRNN steps
//===----------------------------------------------------------------------===//

namespace {

/// Weights of a recurrent op, by SPEC name.
struct CellWeights {
  Value hyperWX, hyperWH, hyperB;
  Value projWZx, projWZh, projWZb, projBZx, projBZh;
  Value scaleWDx, scaleWDh, scaleWDb;
  Value mainWX, mainWH, mainB;
  // Layer norm (HyperLSTM only; all null when off).
  Value hyperLnG = {}, hyperLnB = {}, hyperLnCG = {}, hyperLnCB = {};
  Value mainLnG = {}, mainLnB = {}, mainLnCG = {}, mainLnCB = {};
  // The scaling matrices as [G, N_z, N_h] ([N_z, N_h] for one gate) after
  // `prepareScales`.
  bool scalesTransposed = false;
  // The three embedding projections as one [3·G·N_z, N̂] matrix and bias
  // (zeros for z_b) after `prepareProjections`, when they are constants.
  Value projWZ = {}, projBZ = {};
};

/// Static configuration of a step.
struct CellConfig {
  unsigned gates; // 4 (LSTM) or 1 (RNN)
  RecurrentDims dims;
  bool layerNorm = false;
  double epsilon = 1e-3, forgetBias = 1.0;
  bool zFromPrevious = false;
};

/// Recurrent state; `c` and `hc` are null for the HyperRNN.
struct CellState {
  Value h, c, hh, hc;
};

template <typename OpT> CellWeights getRecurrentWeights(OpT op) {
  CellWeights w{op.getHyperWX(),  op.getHyperWH(),  op.getHyperB(),
                op.getProjWZx(),  op.getProjWZh(),  op.getProjWZb(),
                op.getProjBZx(),  op.getProjBZh(),  op.getScaleWDx(),
                op.getScaleWDh(), op.getScaleWDb(), op.getMainWX(),
                op.getMainWH(),   op.getMainB()};
  if constexpr (OpT::kNumGates == 4) {
    w.hyperLnG = op.getHyperLnG();
    w.hyperLnB = op.getHyperLnB();
    w.hyperLnCG = op.getHyperLnCG();
    w.hyperLnCB = op.getHyperLnCB();
    w.mainLnG = op.getMainLnG();
    w.mainLnB = op.getMainLnB();
    w.mainLnCG = op.getMainLnCG();
    w.mainLnCB = op.getMainLnCB();
  }
  return w;
}

template <typename OpT> CellConfig getCellConfig(OpT op) {
  CellConfig config{OpT::kNumGates, op.getDims()};
  if constexpr (OpT::kNumGates == 4) {
    config.layerNorm = bool(op.getMainLnG());
    config.epsilon = op.getEpsilon().convertToDouble();
    config.forgetBias = op.getForgetBias().convertToDouble();
    config.zFromPrevious = op.getZSource() == ZSource::Previous;
  }
  return config;
}

/// Embeddings up to this size have the row-scale contraction over N_z
/// written out term by term, as one element-wise op.
constexpr int64_t kUnrolledEmbedding = 16;

/// Before the time loop: the scaling matrices transposed so that the row
/// scales read them along N_h (contiguous), when `rowScales` unrolls N_z.
void prepareScales(TensorMath &m, const CellConfig &config, CellWeights &w) {
  if (config.dims.embedSize > kUnrolledEmbedding)
    return;
  SmallVector<int64_t> permutation = {0, 2, 1};
  if (config.gates == 1)
    permutation = {1, 0};
  for (Value *scale : {&w.scaleWDx, &w.scaleWDh, &w.scaleWDb})
    *scale = m.transpose(*scale, permutation);
  w.scalesTransposed = true;
}

/// Before the time loop: when the embedding projections are constants
/// (bound weights), one matrix `[W_zx; W_zh; W_zb]` and one bias
/// `[b_zx; b_zh; 0]`, so that a step computes z_x, z_h and z_b — three
/// products of the same hyper state — as one GEMM (on the GPU one kernel
/// and one bias initialisation instead of three of each).
void prepareProjections(TensorMath &m, CellWeights &w) {
  OpBuilder &b = m.builder();
  Location loc = m.location();
  SmallVector<DenseFPElementsAttr> matrices, biases;
  for (Value v : {w.projWZx, w.projWZh, w.projWZb}) {
    DenseFPElementsAttr attr;
    if (!matchPattern(v, m_Constant(&attr)) || !attr.getElementType().isF32() ||
        attr.getType().getRank() != 2)
      return;
    matrices.push_back(attr);
  }
  for (Value v : {w.projBZx, w.projBZh}) {
    DenseFPElementsAttr attr;
    if (!matchPattern(v, m_Constant(&attr)) || !attr.getElementType().isF32())
      return;
    biases.push_back(attr);
  }
  int64_t cols = matrices[0].getType().getDimSize(1), rows = 0;
  SmallVector<float> weights, bias;
  for (DenseFPElementsAttr m : matrices) {
    if (m.getType().getDimSize(1) != cols)
      return;
    rows += m.getType().getDimSize(0);
    llvm::append_range(weights, m.getValues<float>());
  }
  for (DenseFPElementsAttr v : biases)
    llvm::append_range(bias, v.getValues<float>());
  bias.append(matrices[2].getType().getDimSize(0), 0.0f);
  if (int64_t(bias.size()) != rows)
    return;
  Type f32 = b.getF32Type();
  w.projWZ = arith::ConstantOp::create(
      b, loc,
      DenseElementsAttr::get(RankedTensorType::get({rows, cols}, f32),
                             ArrayRef<float>(weights)));
  w.projBZ = arith::ConstantOp::create(
      b, loc,
      DenseElementsAttr::get(RankedTensorType::get({rows}, f32),
                             ArrayRef<float>(bias)));
}

/// What a recurrent op's weights become before its step(s): see
/// `prepareScales` and `prepareProjections`.
void prepareWeights(TensorMath &m, const CellConfig &config, CellWeights &w) {
  prepareScales(m, config, w);
  prepareProjections(m, w);
}

/// Emits the computations of one recurrent step.
class StepBuilder {
public:
  StepBuilder(TensorMath &m, const CellConfig &config, const CellWeights &w)
      : m(m), b(m.builder()), loc(m.location()), config(config), w(w) {}

  /// `x·main.w_xᵀ` and the x part of `x̂·hyper.w_xᵀ` for `x: [R, N_x]`.
  std::pair<Value, Value> inputProjections(Value x) {
    Value xMain = m.linear(x, w.mainWX);
    Value hyperWx =
        m.sliceColumns(w.hyperWX, 0, config.dims.inputSize); // [G·N̂, N_x]
    Value xHyper = m.linear(x, hyperWx);
    return {xMain, xHyper};
  }

  /// One step from the input projections of this step's input.
  CellState step(Value xMain, Value xHyper, const CellState &s) {
    const RecurrentDims &d = config.dims;

    // 1. The hyper cell: ĝ = x-part + h·hyper.w_x[:, N_x:]ᵀ + ĥ·hyper.w_hᵀ + b.
    Value hyperWh = m.sliceColumns(w.hyperWX, d.inputSize, d.hiddenSize);
    Value g = m.linear(s.h, hyperWh, xHyper);
    g = m.linear(s.hh, w.hyperWH, g);
    g = m.addRowVector(g, w.hyperB);
    CellState next;
    std::tie(next.hh, next.hc) = cellUpdate(
        g, s.hc, d.hyperSize, w.hyperLnG, w.hyperLnB, w.hyperLnCG, w.hyperLnCB);

    // 2. Embeddings from the new (or previous) hyper state.
    Value src = config.zFromPrevious ? s.hh : next.hh;
    Value zx, zh, zb;
    if (w.projWZ) {
      Value z = m.addRowVector(m.linear(src, w.projWZ), w.projBZ);
      int64_t n = cast<RankedTensorType>(w.projWZx.getType()).getDimSize(0);
      zx = m.sliceColumns(z, 0, n);
      zh = m.sliceColumns(z, n, n);
      zb = m.sliceColumns(z, 2 * n, n);
    } else {
      zx = m.addRowVector(m.linear(src, w.projWZx), w.projBZx);
      zh = m.addRowVector(m.linear(src, w.projWZh), w.projBZh);
      zb = m.linear(src, w.projWZb);
    }

    // 3. Row scales and dynamic bias, per gate.
    Value dx, dh, beta;
    if (w.scalesTransposed) {
      SmallVector<Value> d =
          unrolledRowScales({zx, zh, zb}, {w.scaleWDx, w.scaleWDh, w.scaleWDb});
      dx = d[0];
      dh = d[1];
      beta = d[2];
    } else {
      dx = rowScales(zx, w.scaleWDx);
      dh = rowScales(zh, w.scaleWDh);
      beta = rowScales(zb, w.scaleWDb);
    }

    // 4. Main gates: d_x ⊙ (x·W_xᵀ) + d_h ⊙ (h·W_hᵀ) + b + β.
    Value hPart = RowScaledLinearOp::create(b, loc, s.h, w.mainWH, dh);
    Value a =
        m.map({dx, xMain, hPart, w.mainB, beta},
              [](OpBuilder &nb, Location nl, ValueRange v) {
                Value sum = math::FmaOp::create(nb, nl, v[0], v[1], v[2]);
                sum = arith::AddFOp::create(nb, nl, sum, v[3]);
                return arith::AddFOp::create(nb, nl, sum, v[4]).getResult();
              });
    std::tie(next.h, next.c) = cellUpdate(a, s.c, d.hiddenSize, w.mainLnG,
                                          w.mainLnB, w.mainLnCG, w.mainLnCB);
    return next;
  }

private:
  /// The new (h, c) of a cell from its pre-activations: the LSTM update
  /// (after layer norm when configured) or, for an RNN, (tanh(pre), c).
  std::pair<Value, Value> cellUpdate(Value pre, Value c, int64_t size,
                                     Value lnG, Value lnB, Value lnCG,
                                     Value lnCB) {
    if (config.gates != 4)
      return {m.map({pre},
                    [](OpBuilder &nb, Location nl, ValueRange v) {
                      return math::TanhOp::create(nb, nl, v[0]).getResult();
                    }),
              c};
    if (config.layerNorm)
      return lstmUpdateNormalized(pre, c, size, lnG, lnB, lnCG, lnCB);
    return lstmUpdate(pre, c, size);
  }

  /// d[b, y, n] = Σ_k z[b, y, k] · W[y, n, k] for `z: [B, G·N_z]` and the
  /// scaling matrices `W: [G, N_h, N_z]` (`[N_h, N_z]` for one gate); the
  /// result is `[B, G·N_h]`. K = N_z is tiny: a plain contraction (see
  /// `unrolledRowScales` for small N_z).
  Value rowScales(Value z, Value scale) {
    const RecurrentDims &d = config.dims;
    Type elementType = cast<RankedTensorType>(z.getType()).getElementType();
    Value z3 = m.splitDim(z, 1, d.embedSize); // [B, G, N_z]
    if (config.gates == 1)
      scale = m.expandDim(scale, 0,
                          {b.getIndexAttr(1), b.getIndexAttr(d.hiddenSize)});
    Value init = m.filled({m.size(z, 0), b.getIndexAttr(config.gates),
                           b.getIndexAttr(d.hiddenSize)},
                          elementType, 0.0);
    MLIRContext *ctx = b.getContext();
    AffineExpr bd, y, n, k;
    bindDims(ctx, bd, y, n, k);
    Value out =
        linalg::GenericOp::create(
            b, loc, TypeRange{init.getType()}, ValueRange{z3, scale},
            ValueRange{init},
            ArrayRef<AffineMap>{AffineMap::get(4, 0, {bd, y, k}, ctx),
                                AffineMap::get(4, 0, {y, n, k}, ctx),
                                AffineMap::get(4, 0, {bd, y, n}, ctx)},
            {utils::IteratorType::parallel, utils::IteratorType::parallel,
             utils::IteratorType::parallel, utils::IteratorType::reduction},
            [](OpBuilder &nb, Location nl, ValueRange args) {
              linalg::YieldOp::create(
                  nb, nl,
                  math::FmaOp::create(nb, nl, args[0], args[1], args[2])
                      .getResult());
            })
            .getResult(0);
    return m.mergeDims(out, 1);
  }

  /// `rowScales` of several embeddings `zs[i]: [B, G·N_z]` with their
  /// scaling matrices transposed to `scales[i]: [G, N_z, N_h]` (`[N_z,
  /// N_h]` for one gate; `prepareScales`), as one element-wise op with a
  /// result each: d = fma(z_{N_z-1}, W_{N_z-1}, … fma(z_1, W_1, z_0·W_0)),
  /// the contraction's sum in its order, read along N_h (contiguous) and
  /// with no accumulator to initialise.
  SmallVector<Value> unrolledRowScales(ArrayRef<Value> zs,
                                       ArrayRef<Value> scales) {
    const RecurrentDims &d = config.dims;
    MLIRContext *ctx = b.getContext();
    AffineExpr bd, y, n;
    bindDims(ctx, bd, y, n);
    SmallVector<Value> inputs, inits;
    SmallVector<AffineMap> maps; // the inputs', then the outputs'
    for (auto [z, scale] : llvm::zip_equal(zs, scales)) {
      Value z3 = m.splitDim(z, 1, d.embedSize); // [B, G, N_z]
      for (int64_t k = 0; k < d.embedSize; ++k) {
        AffineExpr kk = getAffineConstantExpr(k, ctx);
        inputs.append({z3, scale});
        maps.push_back(AffineMap::get(3, 0, {bd, y, kk}, ctx));
        maps.push_back(config.gates == 1
                           ? AffineMap::get(3, 0, {kk, n}, ctx)
                           : AffineMap::get(3, 0, {y, kk, n}, ctx));
      }
      inits.push_back(
          m.empty({m.size(z, 0), b.getIndexAttr(config.gates),
                   b.getIndexAttr(d.hiddenSize)},
                  cast<RankedTensorType>(z.getType()).getElementType()));
    }
    maps.append(zs.size(), AffineMap::get(3, 0, {bd, y, n}, ctx));
    int64_t terms = 2 * d.embedSize;
    auto generic = linalg::GenericOp::create(
        b, loc, ValueRange(inits).getTypes(), inputs, inits, maps,
        SmallVector<utils::IteratorType>(3, utils::IteratorType::parallel),
        [&](OpBuilder &nb, Location nl, ValueRange args) {
          SmallVector<Value> sums;
          for (size_t i = 0; i < zs.size(); ++i) {
            ValueRange t = args.slice(i * terms, terms);
            Value sum = arith::MulFOp::create(nb, nl, t[0], t[1]);
            for (int64_t k = 2; k < terms; k += 2)
              sum = math::FmaOp::create(nb, nl, t[k], t[k + 1], sum);
            sums.push_back(sum);
          }
          linalg::YieldOp::create(nb, nl, sums);
        });
    SmallVector<Value> results;
    for (Value r : generic.getResults())
      results.push_back(m.mergeDims(r, 1));
    return results;
  }

  /// c' = σ(f + forget_bias) ⊙ c + σ(i) ⊙ tanh(g), from (i, f, g, c).
  Value cellOf(OpBuilder &nb, Location nl, Value i, Value f, Value g,
               Value c) const {
    Value fb = arith::ConstantOp::create(
        nb, nl, nb.getFloatAttr(c.getType(), config.forgetBias));
    Value fs =
        TensorMath::sigmoid(nb, nl, arith::AddFOp::create(nb, nl, f, fb));
    Value is = TensorMath::sigmoid(nb, nl, i);
    Value cand = math::TanhOp::create(nb, nl, g);
    Value keep = arith::MulFOp::create(nb, nl, fs, c);
    return math::FmaOp::create(nb, nl, is, cand, keep).getResult();
  }

  /// h' = σ(o) ⊙ tanh(c').
  static Value hiddenOf(OpBuilder &nb, Location nl, Value o, Value cell) {
    Value t = math::TanhOp::create(nb, nl, cell);
    return arith::MulFOp::create(nb, nl, TensorMath::sigmoid(nb, nl, o), t)
        .getResult();
  }

  /// The LSTM cell update from gates `[B, 4N]` (i, f, g, o) and the cell
  /// state `c: [B, N]`:
  ///   c' = σ(f + forget_bias) ⊙ c + σ(i) ⊙ tanh(g)
  ///   h' = σ(o) ⊙ tanh(c')
  /// as one element-wise op with two results (one pass, one parallel
  /// region).
  std::pair<Value, Value> lstmUpdate(Value gates, Value c, int64_t size) {
    MLIRContext *ctx = b.getContext();
    Type elementType = cast<RankedTensorType>(c.getType()).getElementType();
    Value g3 = m.splitDim(gates, 1, size); // [B, 4, N]
    AffineExpr bd, n;
    bindDims(ctx, bd, n);
    auto gate = [&](int64_t y) {
      return AffineMap::get(2, 0, {bd, getAffineConstantExpr(y, ctx), n}, ctx);
    };
    AffineMap id = b.getMultiDimIdentityMap(2);
    auto both = linalg::GenericOp::create(
        b, loc, TypeRange{c.getType(), c.getType()},
        ValueRange{g3, g3, g3, c, g3},
        ValueRange{m.empty(m.sizes(c), elementType),
                   m.empty(m.sizes(c), elementType)},
        ArrayRef<AffineMap>{gate(0), gate(1), gate(2), id, gate(3), id, id},
        SmallVector<utils::IteratorType>(2, utils::IteratorType::parallel),
        [&](OpBuilder &nb, Location nl, ValueRange v) {
          Value cell = cellOf(nb, nl, v[0], v[1], v[2], v[3]);
          linalg::YieldOp::create(
              nb, nl, ValueRange{cell, hiddenOf(nb, nl, v[4], cell)});
        });
    return {both.getResult(1), both.getResult(0)};
  }

  /// `lstmUpdate` with layer norm: the gates normalised per (b, gate) with
  /// γ, β (`gain`, `shift`: [4N]) and the new cell per b with its own
  /// (`cellGain`, `cellShift`: [N]) before h' reads it:
  ///   c' = σ(LN(f) + forget_bias) ⊙ c + σ(LN(i)) ⊙ tanh(LN(g))
  ///   h' = σ(LN(o)) ⊙ tanh(LN_c(c'))
  /// The normalisation is done where the update reads each element, from
  /// the sums of `layerNormSums`: no normalised `[B, 4N]` tensor is
  /// written and read back, and no pass of its own (c' still needs its
  /// row's statistics before h').
  std::pair<Value, Value> lstmUpdateNormalized(Value gates, Value c,
                                               int64_t size, Value gain,
                                               Value shift, Value cellGain,
                                               Value cellShift) {
    MLIRContext *ctx = b.getContext();
    Type elementType = cast<RankedTensorType>(c.getType()).getElementType();
    double epsilon = config.epsilon;
    Value g3 = m.splitDim(gates, 1, size); // [B, 4, N]
    Value sum, squares;                    // [B, 4]
    std::tie(sum, squares) = m.layerNormSums(gates, 4, size);
    Value gain2 = m.splitDim(gain, 0, size); // [4, N]
    Value shift2 = m.splitDim(shift, 0, size);
    AffineExpr bd, n;
    bindDims(ctx, bd, n);
    auto at = [&](ArrayRef<AffineExpr> results) {
      return AffineMap::get(2, 0, results, ctx);
    };
    auto cst = [&](int64_t v) { return getAffineConstantExpr(v, ctx); };
    AffineMap id = b.getMultiDimIdentityMap(2);
    SmallVector<utils::IteratorType> parallel(2, utils::IteratorType::parallel);
    // Gate y's five inputs (value, Σ, Σ², γ, β) and their maps.
    auto addGate = [&](int64_t y, SmallVector<Value> &ins,
                       SmallVector<AffineMap> &maps) {
      ins.append({g3, sum, squares, gain2, shift2});
      maps.append({at({bd, cst(y), n}), at({bd, cst(y)}), at({bd, cst(y)}),
                   at({cst(y), n}), at({cst(y), n})});
    };
    auto normalized = [&](OpBuilder &nb, Location nl, ValueRange v) {
      return TensorMath::normalize(nb, nl, v[0], v[1], v[2], v[3], v[4], size,
                                   epsilon);
    };

    SmallVector<Value> ins;
    SmallVector<AffineMap> maps;
    for (int64_t y = 0; y < 3; ++y)
      addGate(y, ins, maps);
    ins.push_back(c);
    maps.append({id, id});
    Value cNext =
        linalg::GenericOp::create(
            b, loc, TypeRange{c.getType()}, ins,
            ValueRange{m.empty(m.sizes(c), elementType)}, maps, parallel,
            [&](OpBuilder &nb, Location nl, ValueRange v) {
              linalg::YieldOp::create(
                  nb, nl,
                  cellOf(nb, nl, normalized(nb, nl, v.slice(0, 5)),
                         normalized(nb, nl, v.slice(5, 5)),
                         normalized(nb, nl, v.slice(10, 5)), v[15]));
            })
            .getResult(0);

    // h' from the o gate and the normalised new cell.
    Value cellSum, cellSquares; // [B, 1]
    std::tie(cellSum, cellSquares) = m.layerNormSums(cNext, 1, size);
    ins.clear();
    maps.clear();
    addGate(3, ins, maps);
    ins.append({cNext, cellSum, cellSquares, cellGain, cellShift});
    maps.append({id, at({bd, cst(0)}), at({bd, cst(0)}), at({n}), at({n}), id});
    Value hNext =
        linalg::GenericOp::create(
            b, loc, TypeRange{c.getType()}, ins,
            ValueRange{m.empty(m.sizes(c), elementType)}, maps, parallel,
            [&](OpBuilder &nb, Location nl, ValueRange v) {
              linalg::YieldOp::create(
                  nb, nl,
                  hiddenOf(nb, nl, normalized(nb, nl, v.slice(0, 5)),
                           normalized(nb, nl, v.slice(5, 5))));
            })
            .getResult(0);
    return {hNext, cNext};
  }

  TensorMath &m;
  OpBuilder &b;
  Location loc;
  const CellConfig &config;
  const CellWeights &w;
};

/// hyper.lstm_cell / hyper.rnn_cell → one step.
template <typename OpT> struct DecomposeCell : OpRewritePattern<OpT> {
  using OpRewritePattern<OpT>::OpRewritePattern;

  LogicalResult matchAndRewrite(OpT op,
                                PatternRewriter &rewriter) const override {
    TensorMath m(rewriter, op.getLoc());
    CellConfig config = getCellConfig(op);
    CellWeights weights = getRecurrentWeights(op);
    prepareWeights(m, config, weights);
    StepBuilder step(m, config, weights);
    CellState state;
    state.h = op.getH();
    state.hh = op.getHh();
    if constexpr (OpT::kNumGates == 4) {
      state.c = op.getC();
      state.hc = op.getHc();
    }
    auto [xMain, xHyper] = step.inputProjections(op.getInput());
    CellState next = step.step(xMain, xHyper, state);
    SmallVector<Value> results = {next.h};
    if constexpr (OpT::kNumGates == 4)
      results = {next.h, next.c, next.hh, next.hc};
    else
      results = {next.h, next.hh};
    for (auto [value, result] : llvm::zip_equal(results, op->getResults()))
      value = m.castTo(value, result.getType());
    rewriter.replaceOp(op, results);
    return success();
  }
};

/// hyper.lstm / hyper.rnn → input projections for all steps, then an
/// scf.for over the steps.
template <typename OpT> struct DecomposeSequence : OpRewritePattern<OpT> {
  using OpRewritePattern<OpT>::OpRewritePattern;

  LogicalResult matchAndRewrite(OpT op,
                                PatternRewriter &rewriter) const override {
    constexpr bool lstm = OpT::kNumGates == 4;
    Location loc = op.getLoc();
    TensorMath m(rewriter, loc);
    CellConfig config = getCellConfig(op);
    CellWeights weights = getRecurrentWeights(op);
    prepareWeights(m, config, weights);
    StepBuilder step(m, config, weights);
    Value x = op.getInput();
    Type elementType = op.getInput().getType().getElementType();
    OpFoldResult steps = m.size(x, 0), batch = m.size(x, 1);

    // Input projections for all T steps: one GEMM each over the T·B rows;
    // step t reads rows [t·B, (t+1)·B). (Plain values: the loop body's
    // lambda captures them.)
    Value xMain, xHyper;
    std::tie(xMain, xHyper) = step.inputProjections(m.mergeDims(x, 0));

    // Initial states: as given, or zeros. Carried with the batch of `input`.
    const RecurrentDims &d = config.dims;
    auto stateType = [&](int64_t n) {
      return RankedTensorType::get({op.getInput().getType().getDimSize(1), n},
                                   elementType);
    };
    auto initial = [&](Value given, int64_t n) {
      if (given)
        return m.castTo(given, stateType(n));
      return m.filled({batch, rewriter.getIndexAttr(n)}, elementType, 0.0);
    };
    SmallVector<Value> inits = {initial(op.getH0(), d.hiddenSize)};
    if constexpr (lstm)
      inits.push_back(initial(op.getC0(), d.hiddenSize));
    inits.push_back(initial(op.getHh0(), d.hyperSize));
    if constexpr (lstm)
      inits.push_back(initial(op.getHc0(), d.hyperSize));
    inits.push_back(m.empty({steps, batch, rewriter.getIndexAttr(d.hiddenSize)},
                            elementType));

    Value lengths = op.getLengths();
    Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
    Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
    Value upper = getValueOrCreateConstantIndexOp(rewriter, loc, steps);
    auto loop = scf::ForOp::create(
        rewriter, loc, zero, upper, one, inits,
        [&](OpBuilder &nb, Location nl, Value t, ValueRange iter) {
          TensorMath nm(nb, nl);
          StepBuilder nstep(nm, config, weights);
          CellState s;
          unsigned i = 0;
          s.h = iter[i++];
          if constexpr (lstm)
            s.c = iter[i++];
          s.hh = iter[i++];
          if constexpr (lstm)
            s.hc = iter[i++];
          Value y = iter[i];
          Value rows = getValueOrCreateConstantIndexOp(nb, nl, batch);
          Value first = arith::MulIOp::create(nb, nl, t, rows);
          CellState next = nstep.step(nm.extractRows(xMain, first, batch),
                                      nm.extractRows(xHyper, first, batch), s);
          Value out = next.h;
          if (lengths)
            std::tie(next, out) = mask(nm, lengths, t, s, next);
          SmallVector<Value> yielded;
          for (Value v : {next.h, next.c, next.hh, next.hc})
            if (v)
              yielded.push_back(v);
          for (auto [v, init] : llvm::zip(yielded, iter))
            v = nm.castTo(v, init.getType());
          yielded.push_back(
              nm.insertRow(nm.castTo(out, stateType(d.hiddenSize)), y, t));
          scf::YieldOp::create(nb, nl, yielded);
        });

    // Results: y, then the final states in the op's order.
    ValueRange finals = loop.getResults();
    SmallVector<Value> results = {finals.back()};
    llvm::append_range(results, finals.drop_back());
    for (auto [value, result] : llvm::zip_equal(results, op->getResults()))
      value = m.castTo(value, result.getType());
    rewriter.replaceOp(op, results);
    return success();
  }

private:
  /// For samples with `t ≥ lengths[b]`: keep the previous states and output
  /// zeros (the ONNX convention). Returns the masked states and output.
  static std::pair<CellState, Value> mask(TensorMath &m, Value lengths, Value t,
                                          const CellState &prev,
                                          const CellState &next) {
    OpBuilder &b = m.builder();
    Location loc = m.location();
    MLIRContext *ctx = b.getContext();
    AffineMap id = b.getMultiDimIdentityMap(2);
    AffineMap perSample = AffineMap::get(2, 0, {getAffineDimExpr(0, ctx)}, ctx);
    auto select = [&](Value fresh, Value old) {
      auto type = cast<RankedTensorType>(fresh.getType());
      bool zeroOld = !old;
      SmallVector<Value> ins = {lengths, fresh};
      SmallVector<AffineMap> maps = {perSample, id};
      if (!zeroOld) {
        ins.push_back(m.castTo(old, type));
        maps.push_back(id);
      }
      maps.push_back(id);
      return linalg::GenericOp::create(
                 b, loc, TypeRange{type}, ins,
                 ValueRange{m.empty(m.sizes(fresh), type.getElementType())},
                 maps,
                 SmallVector<utils::IteratorType>(
                     2, utils::IteratorType::parallel),
                 [&](OpBuilder &nb, Location nl, ValueRange v) {
                   Value len = arith::IndexCastOp::create(
                       nb, nl, nb.getIndexType(), v[0]);
                   Value live = arith::CmpIOp::create(
                       nb, nl, arith::CmpIPredicate::slt, t, len);
                   Value other =
                       zeroOld
                           ? arith::ConstantOp::create(
                                 nb, nl,
                                 nb.getFloatAttr(type.getElementType(), 0.0))
                                 .getResult()
                           : v[2];
                   linalg::YieldOp::create(
                       nb, nl,
                       arith::SelectOp::create(nb, nl, live, v[1], other)
                           .getResult());
                 })
          .getResult(0);
    };
    CellState kept;
    kept.h = select(next.h, prev.h);
    kept.hh = select(next.hh, prev.hh);
    if (next.c)
      kept.c = select(next.c, prev.c);
    if (next.hc)
      kept.hc = select(next.hc, prev.hc);
    return {kept, select(next.h, Value())};
  }
};

} // namespace

//===----------------------------------------------------------------------===//
// Pass
//===----------------------------------------------------------------------===//

void mlir::hyper::populateHyperDecomposePatterns(RewritePatternSet &patterns) {
  populateDecomposeConv2DPatterns(patterns);
  patterns.add<DecomposeCell<LSTMCellOp>, DecomposeCell<RNNCellOp>,
               DecomposeSequence<LSTMOp>, DecomposeSequence<RNNOp>>(
      patterns.getContext());
}

namespace {
struct HyperDecomposePass
    : hyper::impl::HyperDecomposePassBase<HyperDecomposePass> {
  using HyperDecomposePassBase::HyperDecomposePassBase;
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateHyperDecomposePatterns(patterns);
    // Rewrite only the model ops; leave everything else as it is.
    GreedyRewriteConfig config;
    config.setRegionSimplificationLevel(GreedySimplifyRegionLevel::Disabled);
    config.enableFolding(false);
    if (failed(hyper::applyPatternsOrReport(getOperation(), std::move(patterns),
                                            getArgument(), config)))
      signalPassFailure();
  }
};
} // namespace
