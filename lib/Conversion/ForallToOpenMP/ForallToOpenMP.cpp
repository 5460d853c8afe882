//===- ForallToOpenMP.cpp - scf.forall on threads, balanced -----*- C++ -*-===//
//
// Lowers the host's parallel loops (`scf.forall` on buffers) to OpenMP
// regions whose threads take their iterations from the runtime's balanced
// schedule (hyper/Runtime/Schedule.h) instead of OpenMP's static one. See
// the pass description in Passes.td for the shape of the result and why.
//
//===----------------------------------------------------------------------===//

#include "hyper/Conversion/Passes.h"
#include "hyper/Codegen/Common/RuntimeFunctions.h"
#include "hyper/Runtime/Schedule.h"

#include "mlir/Analysis/AliasAnalysis/LocalAliasAnalysis.h"
#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/OpenMP/OpenMPDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "llvm/ADT/SetVector.h"

namespace mlir::hyper {
#define GEN_PASS_DEF_CONVERTFORALLTOOPENMPPASS
#include "hyper/Conversion/Passes.h.inc"
} // namespace mlir::hyper

using namespace mlir;

namespace {

/// Shares of the schedule at most (8 KB of stack in each function with
/// such loops); threads numbered beyond only steal.
constexpr int64_t kMaxShares = 128;

/// A loop of this many iterations or more is scheduled in units of several
/// (`unit` = iterations / kMaxUnits + 1, so at most kMaxUnits units: the
/// runtime's limit with room to spare).
constexpr int64_t kMaxUnits = HYPER_SCHEDULE_MAX_ITERATIONS / 2;

/// The functions the lowered loops call, declared in `module` if missing;
/// failure (with an error on the symbol) when the module already has one of
/// these names with another type.
struct ScheduleFunctions {
  func::FuncOp maxThreads, threadNum, init, next;

  static FailureOr<ScheduleFunctions> declare(ModuleOp module) {
    OpBuilder b = OpBuilder::atBlockBegin(module.getBody());
    Type i32 = b.getI32Type(), i64 = b.getI64Type();
    Type ptr = LLVM::LLVMPointerType::get(b.getContext());
    auto declare = [&](StringRef name, TypeRange inputs, TypeRange results) {
      return hyper::declareRuntimeFunction(b, module, name,
                                           b.getFunctionType(inputs, results),
                                           "the parallel loops' schedule");
    };
    FailureOr<func::FuncOp> maxThreads =
        declare("omp_get_max_threads", {}, {i32});
    FailureOr<func::FuncOp> threadNum =
        declare("omp_get_thread_num", {}, {i32});
    FailureOr<func::FuncOp> init =
        declare("hyper_schedule_init", {ptr, i32, i64}, {});
    FailureOr<func::FuncOp> next =
        declare("hyper_schedule_next", {ptr, i32, i32}, {i64});
    if (failed(maxThreads) || failed(threadNum) || failed(init) || failed(next))
      return failure();
    return ScheduleFunctions{*maxThreads, *threadNum, *init, *next};
  }
};

/// Stack memory for the schedule's state at the start of `function`, as a
/// pointer for the runtime.
Value scheduleState(RewriterBase &rewriter, FunctionOpInterface function) {
  Location loc = function.getLoc();
  rewriter.setInsertionPointToStart(&function.getFunctionBody().front());
  Value buffer = memref::AllocaOp::create(
      rewriter, loc,
      MemRefType::get({kMaxShares * HYPER_SCHEDULE_WORDS_PER_SHARE},
                      rewriter.getI64Type()),
      ValueRange{}, rewriter.getI64IntegerAttr(64));
  Value address =
      memref::ExtractAlignedPointerAsIndexOp::create(rewriter, loc, buffer);
  return LLVM::IntToPtrOp::create(
      rewriter, loc, LLVM::LLVMPointerType::get(rewriter.getContext()),
      arith::IndexCastOp::create(rewriter, loc, rewriter.getI64Type(), address)
          .getResult(),
      /*dereferenceable=*/nullptr);
}

//===----------------------------------------------------------------------===//
// Serial work that overlaps the loop
//===----------------------------------------------------------------------===//

/// LocalAliasAnalysis plus what holds for the host functions this pass
/// sees: memory a function allocates is neither a global's nor its
/// caller's (the callee never frees its arguments).
class BufferAliasAnalysis : public LocalAliasAnalysis {
protected:
  AliasResult aliasImpl(Value lhs, Value rhs) override {
    AliasResult result = LocalAliasAnalysis::aliasImpl(lhs, rhs);
    if (!result.isMay())
      return result;
    auto fresh = [](Value v) {
      auto op = v.getDefiningOp<MemoryEffectOpInterface>();
      return op && op.getEffectOnValue<MemoryEffects::Allocate>(v);
    };
    auto preexisting = [](Value v) {
      if (v.getDefiningOp<memref::GetGlobalOp>())
        return true;
      auto argument = dyn_cast<BlockArgument>(v);
      return argument && argument.getOwner()->isEntryBlock() &&
             isa<FunctionOpInterface>(argument.getOwner()->getParentOp());
    };
    if ((fresh(lhs) && preexisting(rhs)) || (fresh(rhs) && preexisting(lhs)))
      return AliasResult::NoAlias;
    return result;
  }
};

/// The buffers some ops read and write (allocations left out: a fresh
/// buffer conflicts with nothing before its allocation); `unknown` when
/// one of them touches memory it does not name.
struct Accesses {
  llvm::SmallSetVector<Value, 8> reads, writes;
  bool unknown = false;

  void add(ArrayRef<MemoryEffects::EffectInstance> effects) {
    for (const MemoryEffects::EffectInstance &effect : effects) {
      if (isa<MemoryEffects::Allocate>(effect.getEffect()))
        continue;
      if (!effect.getValue()) {
        unknown = true;
        continue;
      }
      (isa<MemoryEffects::Read>(effect.getEffect()) ? reads : writes)
          .insert(effect.getValue());
    }
  }

  /// Whether running `other` before or after these accesses could change
  /// what either reads or leaves in memory.
  bool conflicts(const Accesses &other, BufferAliasAnalysis &aliases) const {
    if (unknown || other.unknown)
      return true;
    auto overlap = [&](ArrayRef<Value> a, ArrayRef<Value> b) {
      return llvm::any_of(a, [&](Value x) {
        return llvm::any_of(
            b, [&](Value y) { return !aliases.alias(x, y).isNo(); });
      });
    };
    return overlap(writes.getArrayRef(), other.writes.getArrayRef()) ||
           overlap(writes.getArrayRef(), other.reads.getArrayRef()) ||
           overlap(reads.getArrayRef(), other.writes.getArrayRef());
  }
};

/// Whether `op` is or contains an scf.forall or an OpenMP op.
bool holdsParallelLoop(Operation *op) {
  Dialect *omp = op->getContext()->getLoadedDialect("omp");
  return op
      ->walk([&](Operation *inner) {
        if (isa<scf::ForallOp>(inner) || inner->getDialect() == omp)
          return WalkResult::interrupt();
        return WalkResult::advance();
      })
      .wasInterrupted();
}

/// The ops just before `loop` (in its block, back to the previous op that
/// is or holds a parallel loop, or an op of unknown effects) that it
/// neither waits for nor disturbs, in program order: they can run on one
/// thread of the loop's region while the others start on the iterations. In a batch-1 HyperLSTM step this is
/// the hyper cell, the z projections and the row scales (the serial tenth
/// of a step), which the main LSTM's GEMV of h_{t-1} does not need.
///
/// An op moves when all users of its results move with it and its
/// accesses conflict with none of the ops after it that stay (the loop
/// included): the ops that stay then run before it. Allocations stay (the
/// buffers outlive the region); ops free of memory effects move only to
/// follow their users.
SmallVector<Operation *> overlappingPrologue(scf::ForallOp loop) {
  BufferAliasAnalysis aliases;
  std::optional<SmallVector<MemoryEffects::EffectInstance>> loopEffects =
      getEffectsRecursively(loop);
  if (!loopEffects)
    return {};
  Accesses staying;
  staying.add(*loopEffects);

  llvm::SmallPtrSet<Operation *, 32> moving;
  SmallVector<Operation *> prologue;
  Block *block = loop->getBlock();
  auto allUsersMove = [&](Operation *op) {
    return llvm::all_of(op->getUsers(), [&](Operation *user) {
      Operation *ancestor = block->findAncestorOpInBlock(*user);
      return ancestor && moving.contains(ancestor);
    });
  };
  for (Operation *op = loop->getPrevNode(); op; op = op->getPrevNode()) {
    // Parallel loops stay parallel (one inside the master's branch would
    // run on the master alone).
    if (holdsParallelLoop(op))
      break;
    std::optional<SmallVector<MemoryEffects::EffectInstance>> effects =
        getEffectsRecursively(op);
    if (!effects)
      break;
    bool allocates = hasEffect<MemoryEffects::Allocate>(op);
    if (effects->empty()) {
      if (!op->use_empty() && allUsersMove(op)) {
        moving.insert(op);
        prologue.push_back(op);
      }
      continue;
    }
    Accesses accesses;
    accesses.add(*effects);
    if (!allocates && allUsersMove(op) &&
        !accesses.conflicts(staying, aliases)) {
      moving.insert(op);
      prologue.push_back(op);
      continue;
    }
    staying.add(*effects);
    if (staying.unknown)
      break;
  }
  // Pure ops alone are not worth a branch in the region.
  if (llvm::all_of(prologue,
                   [](Operation *op) { return isMemoryEffectFree(op); }))
    return {};
  std::reverse(prologue.begin(), prologue.end());
  return prologue;
}

/// Replaces `loop` (on buffers) by an OpenMP region running its
/// linearized iterations on the balanced schedule, after `prologue` (ops
/// before it, see overlappingPrologue) on the region's first thread.
void lowerForall(RewriterBase &rewriter, scf::ForallOp loop,
                 ArrayRef<Operation *> prologue, Value state,
                 const ScheduleFunctions &fns) {
  Location loc = loop.getLoc();
  rewriter.setInsertionPoint(loop);
  Type i64 = rewriter.getI64Type();
  auto constant = [&](int64_t v) {
    return arith::ConstantIndexOp::create(rewriter, loc, v).getResult();
  };
  auto value = [&](OpFoldResult v) {
    return getValueOrCreateConstantIndexOp(rewriter, loc, v);
  };

  // Iterations per dimension (folded where the bounds are constants) and
  // in all.
  SmallVector<OpFoldResult> counts;
  std::optional<int64_t> staticTotal = 1;
  for (auto [lb, ub, step] :
       llvm::zip(loop.getMixedLowerBound(), loop.getMixedUpperBound(),
                 loop.getMixedStep())) {
    std::optional<int64_t> l = getConstantIntValue(lb),
                           u = getConstantIntValue(ub),
                           st = getConstantIntValue(step);
    if (l && u && st && *st > 0) {
      int64_t c = *u > *l ? (*u - *l + *st - 1) / *st : 0;
      counts.push_back(rewriter.getIndexAttr(c));
      if (staticTotal)
        staticTotal = c == 0 || *staticTotal < kMaxUnits / c
                          ? std::optional<int64_t>(*staticTotal * c)
                          : std::nullopt;
      continue;
    }
    Value span =
        rewriter.createOrFold<arith::SubIOp>(loc, value(ub), value(lb));
    Value c = rewriter.createOrFold<arith::CeilDivSIOp>(loc, span, value(step));
    counts.push_back(
        rewriter.createOrFold<arith::MaxSIOp>(loc, c, constant(0)));
    staticTotal = std::nullopt;
  }
  // The schedule's units: one iteration each when there are fewer than
  // kMaxUnits iterations (known at compile time), else `unit` iterations
  // (computed at run time: one unless the loop is that large).
  Value total, unit, units;
  if (staticTotal) {
    units = arith::ConstantIntOp::create(rewriter, loc, i64, *staticTotal);
  } else {
    total = value(counts.front());
    for (OpFoldResult c : ArrayRef(counts).drop_front())
      total = rewriter.createOrFold<arith::MulIOp>(loc, total, value(c));
    unit = rewriter.createOrFold<arith::AddIOp>(
        loc,
        rewriter.createOrFold<arith::DivUIOp>(loc, total, constant(kMaxUnits)),
        constant(1));
    units = rewriter.createOrFold<arith::IndexCastOp>(
        loc, i64, rewriter.createOrFold<arith::CeilDivUIOp>(loc, total, unit));
  }

  Value shares = arith::MinSIOp::create(
      rewriter, loc,
      func::CallOp::create(rewriter, loc, fns.maxThreads, ValueRange{})
          .getResult(0),
      arith::ConstantIntOp::create(rewriter, loc, rewriter.getI32Type(),
                                   kMaxShares));
  func::CallOp::create(rewriter, loc, fns.init,
                       ValueRange{state, shares, units});

  auto region = omp::ParallelOp::create(rewriter, loc);
  rewriter.createBlock(&region.getRegion());
  Value thread =
      func::CallOp::create(rewriter, loc, fns.threadNum, ValueRange{})
          .getResult(0);
  if (!prologue.empty()) {
    // The master thread (it has the prologue's inputs in its caches) runs
    // it, then joins the others on the iterations; its share is stolen
    // meanwhile.
    Value first = arith::CmpIOp::create(
        rewriter, loc, arith::CmpIPredicate::eq, thread,
        arith::ConstantIntOp::create(rewriter, loc, rewriter.getI32Type(), 0));
    auto branch = scf::IfOp::create(rewriter, loc, first);
    for (Operation *op : prologue)
      rewriter.moveOpBefore(op, branch.thenBlock()->getTerminator());
  }
  auto claims = scf::WhileOp::create(rewriter, loc, TypeRange{i64},
                                     ValueRange{}, nullptr, nullptr);
  omp::TerminatorOp::create(rewriter, loc);

  // Before: claim the next chunk; -1 when the loop is done.
  rewriter.setInsertionPointToStart(claims.getBeforeBody());
  Value claim = func::CallOp::create(rewriter, loc, fns.next,
                                     ValueRange{state, shares, thread})
                    .getResult(0);
  Value more = arith::CmpIOp::create(
      rewriter, loc, arith::CmpIPredicate::sge, claim,
      arith::ConstantIntOp::create(rewriter, loc, i64, 0));
  scf::ConditionOp::create(rewriter, loc, more, ValueRange{claim});

  // After: run iterations [claim & 0xffffffff, claim >> 32).
  rewriter.setInsertionPointToStart(claims.getAfterBody());
  Value chunk = claims.getAfterArguments()[0];
  auto toIndex = [&](Value v) {
    return arith::IndexCastOp::create(rewriter, loc, rewriter.getIndexType(),
                                      v);
  };
  Value begin = toIndex(arith::AndIOp::create(
      rewriter, loc, chunk,
      arith::ConstantIntOp::create(rewriter, loc, i64, 0xffffffff)));
  Value end = toIndex(arith::ShRUIOp::create(
      rewriter, loc, chunk,
      arith::ConstantIntOp::create(rewriter, loc, i64, 32)));
  if (unit) { // units → iterations [begin·unit, min(end·unit, total))
    begin = arith::MulIOp::create(rewriter, loc, begin, unit);
    end = arith::MinUIOp::create(
        rewriter, loc, arith::MulIOp::create(rewriter, loc, end, unit), total);
  }
  auto iterations = scf::ForOp::create(rewriter, loc, begin, end, constant(1));
  scf::YieldOp::create(rewriter, loc);

  // The iteration's indices: the linear index split along the dimensions,
  // then scaled and offset like the forall's.
  rewriter.setInsertionPointToStart(iterations.getBody());
  SmallVector<Value> indices;
  if (counts.size() == 1) {
    indices.push_back(iterations.getInductionVar());
  } else {
    auto split = affine::AffineDelinearizeIndexOp::create(
        rewriter, loc, iterations.getInductionVar(), counts);
    indices.append(split.getResults().begin(), split.getResults().end());
  }
  for (unsigned d = 0; d < indices.size(); ++d) {
    OpFoldResult lb = loop.getMixedLowerBound()[d];
    OpFoldResult step = loop.getMixedStep()[d];
    if (!isConstantIntValue(step, 1))
      indices[d] =
          arith::MulIOp::create(rewriter, loc, indices[d], value(step));
    if (!isConstantIntValue(lb, 0))
      indices[d] = arith::AddIOp::create(rewriter, loc, indices[d], value(lb));
  }

  Block *body = loop.getBody();
  rewriter.eraseOp(body->getTerminator());
  rewriter.inlineBlockBefore(body, iterations.getBody()->getTerminator(),
                             indices);
  rewriter.eraseOp(loop);
}

struct ConvertForallToOpenMPPass
    : hyper::impl::ConvertForallToOpenMPPassBase<ConvertForallToOpenMPPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    // Outermost loops on buffers; nested ones are left to the upstream
    // lowering.
    SmallVector<scf::ForallOp> loops;
    module.walk([&](scf::ForallOp loop) {
      if (loop->getParentOfType<scf::ForallOp>() ||
          loop->getParentOfType<omp::ParallelOp>() || loop.getNumResults() ||
          !loop->getParentOfType<FunctionOpInterface>())
        return;
      // Stack allocations in the body would pile up over a chunk's
      // iterations (the upstream lowering scopes them).
      if (loop.getBody()
              ->walk([](memref::AllocaOp) { return WalkResult::interrupt(); })
              .wasInterrupted())
        return;
      loops.push_back(loop);
    });
    if (loops.empty())
      return;
    FailureOr<ScheduleFunctions> fns = ScheduleFunctions::declare(module);
    if (failed(fns))
      return signalPassFailure();
    IRRewriter rewriter(module.getContext());
    // One state per function, on its stack: its loops run one after the
    // other.
    DenseMap<Operation *, Value> states;
    for (scf::ForallOp loop : loops) {
      auto function = loop->getParentOfType<FunctionOpInterface>();
      Value &state = states[function];
      if (!state)
        state = scheduleState(rewriter, function);
      lowerForall(rewriter, loop, overlappingPrologue(loop), state, *fns);
    }
  }
};

} // namespace
