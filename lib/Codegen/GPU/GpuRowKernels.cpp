//===- GpuRowKernels.cpp - Row-wise op sequences as one GPU kernel --------===//
//
// hyper-gpu-row-kernels: a run of consecutive linalg ops that only ever
// combine values of the same row (batch sample) — layer norm statistics,
// normalisation, gate and cell updates — becomes one kernel with a block per
// row: the block runs the ops one after the other with a barrier between
// them, its threads sharing each op's points. See the pass description in
// Passes.td.
//
//===----------------------------------------------------------------------===//

#include "GpuKernels.h"
#include "hyper/Codegen/Common/Debug.h"
#include "hyper/Codegen/Common/LinalgQueries.h"
#include "hyper/Codegen/GPU/GpuSchedule.h"
#include "hyper/Codegen/GPU/Passes.h"

#include "mlir/Dialect/Affine/Utils.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/ADT/SmallPtrSet.h"

#define DEBUG_TYPE "hyper-gpu-row-kernels"

namespace mlir::hyper {
#define GEN_PASS_DEF_HYPERGPUROWKERNELSPASS
#include "hyper/Codegen/GPU/Passes.h.inc"
} // namespace mlir::hyper

using namespace mlir;
using namespace mlir::hyper;
using namespace mlir::hyper::gpu_kernels;

namespace {

constexpr int64_t kThreads = GpuSchedule::rowKernelThreads;

/// The rows of a buffer, when its dimension 0 is the row: a static size or
/// the allocation's dynamic size, seen through views that keep dimension 0
/// apart.
struct RowCount {
  int64_t size = ShapedType::kDynamic;
  Value dynamic;
  bool operator==(const RowCount &o) const {
    return size == o.size && dynamic == o.dynamic;
  }
};

std::optional<RowCount> rowCountOf(Value v) {
  auto type = dyn_cast<MemRefType>(v.getType());
  if (!type || type.getRank() == 0)
    return std::nullopt;
  if (!type.isDynamicDim(0))
    return RowCount{type.getDimSize(0), Value()};
  while (true) {
    if (auto expand = v.getDefiningOp<memref::ExpandShapeOp>()) {
      if (expand.getReassociationIndices().front() != ReassociationIndices{0})
        return std::nullopt;
      v = expand.getSrc();
      continue;
    }
    if (auto collapse = v.getDefiningOp<memref::CollapseShapeOp>()) {
      if (collapse.getReassociationIndices().front() != ReassociationIndices{0})
        return std::nullopt;
      v = collapse.getSrc();
      continue;
    }
    break;
  }
  auto alloc = v.getDefiningOp<memref::AllocOp>();
  if (!alloc || !alloc.getType().isDynamicDim(0))
    return std::nullopt;
  return RowCount{ShapedType::kDynamic, alloc.getDynamicSizes().front()};
}

/// Whether every view between `v` and its root keeps dimension 0 (the row)
/// as a dimension of its own.
bool keepsRows(Value v) {
  while (Operation *def = v.getDefiningOp()) {
    if (auto expand = dyn_cast<memref::ExpandShapeOp>(def)) {
      if (expand.getReassociationIndices().front() != ReassociationIndices{0})
        return false;
      v = expand.getSrc();
    } else if (auto collapse = dyn_cast<memref::CollapseShapeOp>(def)) {
      if (collapse.getReassociationIndices().front() != ReassociationIndices{0})
        return false;
      v = collapse.getSrc();
    } else {
      return !isa<ViewLikeOpInterface>(def);
    }
  }
  return true;
}

/// A run of row-local ops and what it reads and writes.
struct RowRun {
  SmallVector<linalg::LinalgOp> ops;
  std::optional<RowCount> rows;
  Value rowSource;                     // a buffer whose dimension 0 is the rows
  llvm::SmallPtrSet<Value, 8> written; // roots
  llvm::SmallPtrSet<Value, 8> readOnly; // roots
  bool hasReduction = false;
};

bool isRowExpr(AffineMap map) {
  return map.getNumResults() > 0 &&
         map.getResult(0) == getAffineDimExpr(0, map.getContext());
}

/// Adds `op` to the run when every value it combines comes from one row;
/// says why not under --hyper-debug-only.
bool accept(RowRun &run, linalg::LinalgOp op) {
  auto reject = [&](const Twine &why) {
    std::string where = "starts no row kernel: ";
    if (!run.ops.empty()) {
      llvm::raw_string_ostream os(where);
      where = "does not join the run from ";
      run.ops.front()->getLoc().print(os);
      os << ": ";
    }
    (void)skipped(DEBUG_TYPE, op, where + why);
    return false;
  };
  if (!op.hasPureBufferSemantics() || op.getNumLoops() == 0 ||
      op.getIteratorTypesArray().front() != utils::IteratorType::parallel ||
      op->getNumRegions() != 1 || !op->getRegion(0).hasOneBlock())
    return reject("not a linalg op on buffers whose outer loop is parallel");
  if (!isa<linalg::GenericOp, linalg::FillOp, linalg::CopyOp>(op))
    return reject("neither a generic, a fill nor a copy");
  RowRun next = run;
  for (OpOperand &out : op.getDpsInitsMutable()) {
    AffineMap map = op.getMatchingIndexingMap(&out);
    std::optional<RowCount> rows = rowCountOf(out.get());
    if (!isRowExpr(map) || !rows || !keepsRows(out.get()) ||
        (next.rows && !(*next.rows == *rows)))
      return reject("an output's dimension 0 is not the run's rows");
    // The row loop must appear in the output only as its row.
    for (AffineExpr e : map.getResults().drop_front())
      if (e.isFunctionOfDim(0))
        return reject("an output is indexed by the row beyond dimension 0");
    next.rows = rows;
    if (!next.rowSource)
      next.rowSource = out.get();
    next.written.insert(rootOf(out.get()));
  }
  for (OpOperand *input : op.getDpsInputOperands()) {
    if (!isa<MemRefType>(input->get().getType()))
      continue;
    Value root = rootOf(input->get());
    AffineMap map = op.getMatchingIndexingMap(input);
    // Read where this op writes: only at the point it writes (threads
    // share the op's points).
    for (OpOperand &out : op.getDpsInitsMutable())
      if (rootOf(out.get()) == root &&
          (out.get() != input->get() || op.getMatchingIndexingMap(&out) != map))
        return reject("reads what it writes at another point");
    if (next.written.count(root)) {
      // Written here: read only its own row.
      if (!isRowExpr(map) || !keepsRows(input->get()))
        return reject("reads another row of what the run writes");
      for (AffineExpr e : map.getResults().drop_front())
        if (e.isFunctionOfDim(0))
          return reject("reads another row of what the run writes");
    } else {
      next.readOnly.insert(root);
    }
  }
  for (Value w : next.written)
    for (Value r : next.readOnly)
      if (mayAlias(w, r))
        return reject("the run writes memory it may read elsewhere");
  next.hasReduction |= op.getNumReductionLoops() > 0;
  next.ops.push_back(op);
  run = std::move(next);
  return true;
}

/// Emits the run as one kernel: one block per row, `kThreads` threads.
class RowKernelBuilder {
public:
  RowKernelBuilder(RowRun &run, bool emulate)
      : run(run), b(run.ops.back()), loc(run.ops.front().getLoc()),
        emitter(b, loc, emulate, kThreads, 1) {}

  void build() {
    Value rows = memref::DimOp::create(b, loc, run.rowSource, 0);
    // Workgroup memory for the partial sums of split reductions.
    int64_t slots = 0;
    for (linalg::LinalgOp op : run.ops)
      if (splitFactor(op))
        slots = std::max<int64_t>(slots, op.getNumDpsInits());
    SmallVector<MemRefType> workgroup;
    if (slots)
      workgroup.push_back(MemRefType::get({kThreads * slots}, b.getF32Type()));
    emitter.emit(rows, idx(1), Value(), workgroup,
                 [&](Value row, Value, Value, ValueRange shared) {
                   for (size_t i = 0; i < run.ops.size(); ++i) {
                     linalg::LinalgOp op = run.ops[i];
                     bool sync = i + 1 < run.ops.size();
                     if (std::optional<int64_t> split = splitFactor(op)) {
                       emitter.forEachThread(
                           [&](Value tx, Value) {
                             emitPartialSums(op, row, tx, *split, shared[0]);
                           },
                           /*sync=*/true);
                       emitter.forEachThread(
                           [&](Value tx, Value) {
                             emitTotals(op, row, tx, *split, shared[0]);
                           },
                           sync);
                       continue;
                     }
                     emitter.forEachThread(
                         [&](Value tx, Value) { emitOp(op, row, tx); }, sync);
                   }
                 });
  }

private:
  Value idx(int64_t v) { return arith::ConstantIndexOp::create(b, loc, v); }

  /// Sums with few points per row and a long reduction (layer-norm
  /// statistics: 4 gates × 1000 units, or one sum over the row) leave most
  /// of a block's threads idle when each point's sum is one thread's loop.
  /// Such an op — one reduction loop, a static number P ≤ kThreads / 2 of
  /// points besides the row, each f32 output updated as `out + e` or
  /// `fma(a, b, out)` (a sum, a sum of squares) with nothing else reading
  /// `out` — is split: S = kThreads / P threads per point sum
  /// strided parts of the reduction, and one thread per point adds the
  /// partial sums to the output. Returns S, or none.
  std::optional<int64_t> splitFactor(linalg::LinalgOp op) {
    if (op.getNumReductionLoops() != 1 || op.getNumDpsInits() == 0)
      return std::nullopt;
    std::optional<int64_t> points = pointsOf(op);
    if (!points || *points * 2 > kThreads)
      return std::nullopt;
    for (OpOperand &out : op.getDpsInitsMutable())
      if (!getElementTypeOrSelf(out.get().getType()).isF32() ||
          !isSumUpdate(op, out))
        return std::nullopt;
    return kThreads / *points;
  }

  /// The points of `op` in a row (its parallel loops but the row), when
  /// static.
  std::optional<int64_t> pointsOf(linalg::LinalgOp op) {
    SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
    SmallVector<int64_t> sizes = op.getStaticLoopRanges();
    int64_t points = 1;
    for (unsigned d = 1; d < iterators.size(); ++d) {
      if (iterators[d] != utils::IteratorType::parallel)
        continue;
      if (ShapedType::isDynamic(sizes[d]))
        return std::nullopt;
      points *= sizes[d];
    }
    return points;
  }

  /// Sets `ivs` to the induction variables of point `flat` of `op` at
  /// `row`: `flat` is the flattened index of the op's parallel loops but the
  /// row, innermost loop fastest (neighbouring threads, neighbouring
  /// elements); the reduction loops' are 0.
  void delinearize(linalg::LinalgOp op, ArrayRef<Range> ranges, Value row,
                   Value flat, SmallVector<Value> &ivs) {
    SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
    ivs.assign(iterators.size(), idx(0));
    ivs[0] = row;
    Value rest = flat;
    for (unsigned d = iterators.size() - 1; d >= 1; --d) {
      if (iterators[d] != utils::IteratorType::parallel)
        continue;
      Value n = getValueOrCreateConstantIndexOp(b, loc, ranges[d].size);
      ivs[d] = arith::RemUIOp::create(b, loc, rest, n);
      rest = arith::DivUIOp::create(b, loc, rest, n);
    }
  }

  /// Guards what follows with `point` < P, the op's points in a row (the
  /// caller holds an insertion guard), and returns the induction variables
  /// of `point` at `row` (the reduction's still 0).
  SmallVector<Value> enterPoint(linalg::LinalgOp op, Value row, Value point) {
    auto ifOp = scf::IfOp::create(
        b, loc,
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ult, point,
                              idx(*pointsOf(op))),
        false);
    b.setInsertionPointToStart(ifOp.thenBlock());
    SmallVector<Value> ivs;
    delinearize(op, op.createLoopRanges(b, loc), row, point, ivs);
    return ivs;
  }

  unsigned reductionDim(linalg::LinalgOp op) {
    SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
    return std::distance(iterators.begin(),
                         llvm::find(iterators, utils::IteratorType::reduction));
  }

  /// Thread `tx` = point · S + part sums reduction indices part, part + S,
  /// ... of its point into partials[tx · outputs + i].
  void emitPartialSums(linalg::LinalgOp op, Value row, Value tx, int64_t split,
                       Value partials) {
    Value point = arith::DivUIOp::create(b, loc, tx, idx(split));
    Value part = arith::RemUIOp::create(b, loc, tx, idx(split));
    OpBuilder::InsertionGuard guard(b);
    SmallVector<Value> ivs = enterPoint(op, row, point);
    unsigned d = reductionDim(op);
    SmallVector<Range> ranges = op.createLoopRanges(b, loc);
    Value offset = getValueOrCreateConstantIndexOp(b, loc, ranges[d].offset);
    Value size = getValueOrCreateConstantIndexOp(b, loc, ranges[d].size);
    Value zero =
        arith::ConstantOp::create(b, loc, b.getF32FloatAttr(0.0)).getResult();
    SmallVector<Value> zeros(op.getNumDpsInits(), zero);
    Block &body = op->getRegion(0).front();
    auto loop = scf::ForOp::create(
        b, loc, part, size, idx(split), zeros,
        [&](OpBuilder &, Location, Value r, ValueRange acc) {
          ivs[d] = arith::AddIOp::create(b, loc, offset, r);
          scf::YieldOp::create(b, loc, apply(op, body, ivs, acc));
        });
    int64_t outs = op.getNumDpsInits();
    for (int64_t i = 0; i < outs; ++i) {
      Value slot = arith::AddIOp::create(
          b, loc, arith::MulIOp::create(b, loc, tx, idx(outs)), idx(i));
      memref::StoreOp::create(b, loc, loop.getResult(i), partials, slot);
    }
  }

  /// Thread `tx` < P adds point tx's partial sums to the outputs.
  void emitTotals(linalg::LinalgOp op, Value row, Value tx, int64_t split,
                  Value partials) {
    int64_t outs = op.getNumDpsInits();
    OpBuilder::InsertionGuard guard(b);
    SmallVector<Value> ivs = enterPoint(op, row, tx);
    SmallVector<Value> totals;
    for (OpOperand &out : op.getDpsInitsMutable())
      totals.push_back(memref::LoadOp::create(
          b, loc, out.get(), indicesOf(op.getMatchingIndexingMap(&out), ivs)));
    Value first = arith::MulIOp::create(b, loc, tx, idx(split * outs));
    auto loop = scf::ForOp::create(
        b, loc, idx(0), idx(split), idx(1), totals,
        [&](OpBuilder &, Location, Value j, ValueRange acc) {
          SmallVector<Value> next;
          for (int64_t i = 0; i < outs; ++i) {
            Value slot = arith::AddIOp::create(
                b, loc, first,
                arith::AddIOp::create(
                    b, loc, arith::MulIOp::create(b, loc, j, idx(outs)),
                    idx(i)));
            Value v = memref::LoadOp::create(b, loc, partials, slot);
            next.push_back(arith::AddFOp::create(b, loc, acc[i], v));
          }
          scf::YieldOp::create(b, loc, next);
        });
    for (auto [out, v] : llvm::zip(op.getDpsInitsMutable(), loop.getResults()))
      memref::StoreOp::create(b, loc, v, out.get(),
                              indicesOf(op.getMatchingIndexingMap(&out), ivs));
  }

  /// Thread `tx`'s share of `op` at `row`: the points of the other parallel
  /// loops, strided over the threads; reduction loops in the thread.
  void emitOp(linalg::LinalgOp op, Value row, Value tx) {
    SmallVector<Range> ranges = op.createLoopRanges(b, loc);
    SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
    SmallVector<unsigned> parallel, reduction;
    for (unsigned d = 1; d < iterators.size(); ++d)
      (iterators[d] == utils::IteratorType::parallel ? parallel : reduction)
          .push_back(d);
    auto size = [&](unsigned d) {
      return getValueOrCreateConstantIndexOp(b, loc, ranges[d].size);
    };
    Value points = idx(1);
    for (unsigned d : parallel)
      points = arith::MulIOp::create(b, loc, points, size(d));
    scf::ForOp::create(b, loc, tx, points, idx(kThreads), ValueRange{},
                       [&](OpBuilder &, Location, Value flat, ValueRange) {
                         SmallVector<Value> ivs;
                         delinearize(op, ranges, row, flat, ivs);
                         emitPoint(op, ivs, reduction, ranges);
                         scf::YieldOp::create(b, loc);
                       });
  }

  SmallVector<Value> indicesOf(AffineMap map, ArrayRef<Value> ivs) {
    return *affine::expandAffineMap(b, loc, map, ivs);
  }

  void emitPoint(linalg::LinalgOp op, SmallVector<Value> &ivs,
                 ArrayRef<unsigned> reduction, ArrayRef<Range> ranges) {
    Block &body = op->getRegion(0).front();
    SmallVector<Value> outs;
    for (OpOperand &out : op.getDpsInitsMutable())
      outs.push_back(memref::LoadOp::create(
          b, loc, out.get(), indicesOf(op.getMatchingIndexingMap(&out), ivs)));
    // Reduction loops carry the outputs' values.
    std::function<SmallVector<Value>(unsigned, ValueRange)> nest =
        [&](unsigned level, ValueRange acc) -> SmallVector<Value> {
      if (level == reduction.size())
        return apply(op, body, ivs, acc);
      unsigned d = reduction[level];
      auto loop = scf::ForOp::create(
          b, loc, getValueOrCreateConstantIndexOp(b, loc, ranges[d].offset),
          getValueOrCreateConstantIndexOp(b, loc, ranges[d].size), idx(1), acc,
          [&](OpBuilder &, Location, Value iv, ValueRange iter) {
            ivs[d] = iv;
            scf::YieldOp::create(b, loc, nest(level + 1, iter));
          });
      return SmallVector<Value>(loop.getResults());
    };
    SmallVector<Value> results = nest(0, outs);
    for (auto [out, v] : llvm::zip(op.getDpsInitsMutable(), results))
      memref::StoreOp::create(b, loc, v, out.get(),
                              indicesOf(op.getMatchingIndexingMap(&out), ivs));
  }

  SmallVector<Value> apply(linalg::LinalgOp op, Block &body,
                           ArrayRef<Value> ivs, ValueRange outs) {
    IRMapping mapping;
    for (OpOperand *input : op.getDpsInputOperands()) {
      Value arg = body.getArgument(input->getOperandNumber());
      Value v = input->get();
      if (!isa<MemRefType>(v.getType())) {
        mapping.map(arg, v);
        continue;
      }
      mapping.map(arg, memref::LoadOp::create(
                           b, loc, v,
                           indicesOf(op.getMatchingIndexingMap(input), ivs)));
    }
    for (auto [i, out] : llvm::enumerate(outs))
      mapping.map(body.getArgument(op.getNumDpsInputs() + i), out);
    for (Operation &inner : body.without_terminator()) {
      // linalg.index: the loop's induction variable.
      if (auto index = dyn_cast<linalg::IndexOp>(inner)) {
        mapping.map(index.getResult(), ivs[index.getDim()]);
        continue;
      }
      b.clone(inner, mapping);
    }
    SmallVector<Value> yielded;
    for (Value v : body.getTerminator()->getOperands())
      yielded.push_back(mapping.lookupOrDefault(v));
    return yielded;
  }

  RowRun &run;
  OpBuilder b;
  Location loc;
  KernelEmitter emitter;
};

struct HyperGpuRowKernelsPass
    : hyper::impl::HyperGpuRowKernelsPassBase<HyperGpuRowKernelsPass> {
  using HyperGpuRowKernelsPassBase::HyperGpuRowKernelsPassBase;

  void runOnOperation() override {
    // Copies between buffers run on the device like any other op (host
    // memcpy on managed memory would migrate the pages back and forth), and
    // may join a run.
    SmallVector<memref::CopyOp> copies;
    getOperation().walk([&](memref::CopyOp copy) {
      auto type = dyn_cast<MemRefType>(copy.getSource().getType());
      if (type && type.getRank() > 0 && !copy->getParentOfType<gpu::LaunchOp>())
        copies.push_back(copy);
    });
    for (memref::CopyOp copy : copies) {
      OpBuilder b(copy);
      linalg::CopyOp::create(b, copy.getLoc(), copy.getSource(),
                             copy.getTarget());
      copy->erase();
    }

    SmallVector<Block *> blocks;
    getOperation().walk([&](Block *block) {
      if (!block->getParentOp()->getParentOfType<gpu::LaunchOp>() &&
          !isa<gpu::LaunchOp>(block->getParentOp()))
        blocks.push_back(block);
    });
    for (Block *block : blocks) {
      std::vector<RowRun> runs;
      RowRun current;
      auto close = [&] {
        // Worth a kernel of its own: the run combines values across a row
        // (a reduction) and has more than one op to fuse.
        if (current.hasReduction && current.ops.size() > 1)
          runs.push_back(std::move(current));
        else if (current.hasReduction || current.ops.size() > 1)
          (void)skipped(DEBUG_TYPE, current.ops.front(),
                        "a run of " + Twine(current.ops.size()) +
                            " row-local ops left to hyper-gpu-map-loops: " +
                            (current.hasReduction ? "a single op"
                                                  : "no reduction across "
                                                    "the row"));
        current = RowRun();
      };
      for (Operation &op : *block) {
        if (auto linalgOp = dyn_cast<linalg::LinalgOp>(op)) {
          if (accept(current, linalgOp))
            continue;
          close();
          if (accept(current, linalgOp))
            continue;
          close();
          continue;
        }
        if (isa<memref::AllocOp, memref::AllocaOp>(op) ||
            isMemoryEffectFree(&op))
          continue;
        close();
      }
      close();
      for (RowRun &run : runs) {
        if (printSchedule)
          run.ops.front()->emitRemark()
              << "row kernel of " << run.ops.size()
              << " ops (through the op at " << run.ops.back()->getLoc()
              << "): a block of " << GpuSchedule::rowKernelThreads
              << " threads per row";
        RowKernelBuilder(run, emulate).build();
        for (linalg::LinalgOp op : llvm::reverse(run.ops))
          op->erase();
      }
    }
  }
};

} // namespace
