//===- GpuGemmMatch.cpp - What one GEMM kernel computes -------------------===//
//
// hyper-gpu-gemm-kernels, matching: a linalg.matmul or convolution on f32
// buffers, the fill or copy that initialises its C, the element-wise ops
// after it that run on its registers, and whether C itself is stored.
//
//===----------------------------------------------------------------------===//

#include "GpuGemmMatch.h"
#include "GpuKernels.h"
#include "hyper/Codegen/Common/Debug.h"
#include "hyper/Codegen/Common/LinalgQueries.h"

#include "mlir/IR/AffineMap.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#define DEBUG_TYPE "hyper-gpu-gemm-kernels"

using namespace mlir;
using namespace mlir::hyper;
using namespace mlir::hyper::gpu_kernels;

namespace {

/// `file:line:col` of `loc`, to name the GEMM an epilogue belongs to.
std::string locationString(Location loc) {
  std::string text;
  llvm::raw_string_ostream os(text);
  loc.print(os);
  return text;
}

bool isF32Memref(Value v, int64_t rank) {
  auto type = dyn_cast<MemRefType>(v.getType());
  return type && type.getRank() == rank && type.getElementType().isF32();
}

/// A kernel for `op` whose A, B and C are the f32 buffers `a`, `b`, `c` of
/// rank `rank`.
FailureOr<GemmKernel> kernelFor(linalg::LinalgOp op, Value a, Value b, Value c,
                                int64_t rank) {
  if (!op.hasPureBufferSemantics())
    return skipped(DEBUG_TYPE, op, "not on buffers");
  if (!isF32Memref(a, rank) || !isF32Memref(b, rank) || !isF32Memref(c, rank))
    return skipped(DEBUG_TYPE, op,
                   "operands are not f32 memrefs of rank " + Twine(rank));
  GemmKernel k;
  k.root = op;
  k.a = a;
  k.b = b;
  k.c = c;
  return k;
}

/// linalg.matmul with maps (m, k) (k, n) (m, n) or (m, k) (n, k) (m, n) on
/// f32 buffers.
FailureOr<GemmKernel> matchMatmul(linalg::MatmulOp op) {
  if (op.getInputs().size() != 2)
    return skipped(DEBUG_TYPE, op, "not two inputs");
  FailureOr<GemmKernel> kernel = kernelFor(
      op, op.getInputs()[0], op.getInputs()[1], op.getOutputs()[0], 2);
  if (failed(kernel))
    return failure();
  GemmKernel &k = *kernel;
  k.matmul = op;
  std::optional<BLayout> layout = matmulBLayout(op);
  if (!layout)
    return skipped(DEBUG_TYPE, op,
                   "indexing maps are neither A[m, k]·B[k, n] nor "
                   "A[m, k]·B[n, k]");
  k.transposedB = *layout == BLayout::NK;
  return k;
}

/// linalg.conv_2d_nchw_fchw on f32 buffers with static channels, filter
/// and output image sizes (the batch may be dynamic), as the GEMM per image
/// out[F, OH·OW] += filter[F, C·KH·KW] · im2col(input)[C·KH·KW, OH·OW], the
/// im2col gather done by the B tile loads.
FailureOr<GemmKernel> matchConv(linalg::Conv2DNchwFchwOp op) {
  FailureOr<GemmKernel> kernel = kernelFor(
      op, op.getInputs()[1], op.getInputs()[0], op.getOutputs()[0], 4);
  if (failed(kernel))
    return failure();
  GemmKernel &k = *kernel;
  k.conv = op;
  auto filter = cast<MemRefType>(k.a.getType());
  auto input = cast<MemRefType>(k.b.getType());
  auto output = cast<MemRefType>(k.c.getType());
  if (!filter.hasStaticShape() ||
      ShapedType::isDynamicShape(input.getShape().drop_front()) ||
      ShapedType::isDynamicShape(output.getShape().drop_front()))
    return skipped(DEBUG_TYPE, op,
                   "filter, channels or image sizes are dynamic (only the "
                   "batch may be)");
  return k;
}

/// Maps whose results are loop dims or constants (read with memref.load).
bool isLoadable(AffineMap map) {
  return llvm::all_of(map.getResults(), [](AffineExpr e) {
    return isa<AffineDimExpr, AffineConstantExpr>(e);
  });
}

/// Whether the epilogue has reached the per-point (grouped) ops.
bool hasGroupsOp(const GemmKernel &k) {
  return llvm::any_of(k.epilogue, [&](linalg::GenericOp e) {
    return spaceOf(k, e) == Space::Groups;
  });
}

/// Whether `op` can run in the kernel's epilogue; sets its space. Says why
/// not under --hyper-debug-only: the epilogue ends there.
bool acceptEpilogueOp(GemmKernel &k, linalg::GenericOp op) {
  auto reject = [&](const Twine &why) {
    (void)skipped(DEBUG_TYPE, op,
                  "the epilogue of the GEMM at " +
                      locationString(k.root->getLoc()) + " ends here: " + why);
    return false;
  };
  if (!op.hasPureBufferSemantics() || op.getNumLoops() != 2 ||
      op.getNumReductionLoops() != 0 || !op->getRegions().front().hasOneBlock())
    return reject("not a 2-d element-wise op on buffers");
  std::optional<Space> space;
  auto join = [&](Space s) {
    if (space && *space != s)
      return false;
    space = s;
    return true;
  };
  for (OpOperand *input : op.getDpsInputOperands()) {
    AffineMap map = op.getMatchingIndexingMap(input);
    auto it = k.fused.find(input->get());
    if (it == k.fused.end()) {
      // Other operands are scalars or f32 buffers read at the point.
      auto type = dyn_cast<MemRefType>(input->get().getType());
      if (type ? !type.getElementType().isF32() || !isLoadable(map)
               : map.getNumResults() != 0)
        return reject("an operand the kernel does not compute is neither a "
                      "scalar nor an f32 buffer read at the point");
      continue;
    }
    if (it->second.viewOf) {
      if (!groupOf(map) || !join(Space::Groups))
        return reject("reads a gate-group view other than at (row, g, point)");
    } else {
      if (!map.isIdentity())
        return reject("reads what the kernel computes through a "
                      "non-identity map");
      if (!join(it->second.space))
        return reject("mixes per-column and per-point operands");
    }
  }
  // It must read something the kernel computes, in the space the kernel is
  // in: once the gates ran, the per-column space is gone.
  if (!space)
    return reject("reads nothing the kernel computes");
  if (hasGroupsOp(k) && *space == Space::Columns)
    return reject("a per-column op after the per-point (gate) ops");
  // Outputs: allocations that nothing the kernel reads from memory may
  // alias, or (in place) a buffer this op alone reads, at the same point.
  llvm::SmallPtrSet<Value, 8> reads = k.readRoots, writes = k.writeRoots;
  auto readInPlace = [&](Value out) {
    return llvm::any_of(op.getDpsInputOperands(), [&](OpOperand *input) {
      return input->get() == out &&
             op.getMatchingIndexingMap(input).isIdentity();
    });
  };
  for (OpOperand *input : op.getDpsInputOperands()) {
    Value v = input->get();
    if (isa<MemRefType>(v.getType()) && !k.fused.count(v) &&
        !llvm::is_contained(op.getOutputs(), v))
      reads.insert(rootOf(v));
  }
  bool writesC = false;
  for (OpOperand &out : op.getDpsInitsMutable()) {
    if (!op.getMatchingIndexingMap(&out).isIdentity() ||
        !isF32Memref(out.get(), 2))
      return reject("an output is not a 2-d f32 buffer written at the point");
    Value root = rootOf(out.get());
    bool inPlace = readInPlace(out.get());
    // C itself, updated where it was computed, is not C's memory read by
    // another point.
    if (inPlace && out.get() == k.c && *space == Space::Columns) {
      writesC = true;
      continue;
    }
    if (k.fused.count(out.get()) && !inPlace)
      return reject("overwrites a buffer the kernel computes");
    if (!root.getDefiningOp<memref::AllocOp>() ||
        (!writes.insert(root).second && !inPlace))
      return reject("an output is not a fresh allocation");
    // Nobody else may read the buffer: not the matmul, not another op.
    if (inPlace &&
        (root == rootOf(k.a) || root == rootOf(k.b) || reads.count(root)))
      return reject("updates in place a buffer the kernel reads");
  }
  for (Value w : writes)
    for (Value r : reads)
      if (mayAlias(w, r))
        return reject("writes memory the kernel may still read");
  if (writesC && llvm::any_of(reads, [&](Value r) {
        return r != rootOf(k.c) && mayAlias(rootOf(k.c), r);
      }))
    return reject("updates C while the kernel may read it elsewhere");
  k.readRoots = std::move(reads);
  k.writeRoots = std::move(writes);
  for (Value out : op.getOutputs())
    k.fused[out] = FusedBuffer{*space, Value()};
  k.epilogue.push_back(op);
  return true;
}

/// Collects the epilogue: the element-wise ops that follow the matmul in
/// its block and read what the kernel computes. Stops at the first op that
/// writes memory otherwise.
void matchEpilogue(GemmKernel &k) {
  k.fused[k.c] = FusedBuffer{Space::Columns, Value()};
  k.readRoots = {rootOf(k.a), rootOf(k.b), rootOf(k.c)};
  if (k.initCopy)
    k.readRoots.insert(rootOf(k.initCopy.getSource()));
  for (Operation *op = k.root->getNextNode(); op; op = op->getNextNode()) {
    if (auto generic = dyn_cast<linalg::GenericOp>(op)) {
      if (!acceptEpilogueOp(k, generic))
        break;
      continue;
    }
    if (auto expand = dyn_cast<memref::ExpandShapeOp>(op)) {
      auto it = k.fused.find(expand.getSrc());
      auto type = expand.getResultType();
      if (it != k.fused.end() && !it->second.viewOf &&
          it->second.space == Space::Columns && type.getRank() == 3 &&
          !ShapedType::isDynamic(type.getDimSize(1)) &&
          expand.getReassociationIndices() ==
              SmallVector<ReassociationIndices>{{0}, {1, 2}} &&
          (k.groups == 1 || k.groups == type.getDimSize(1)) &&
          !hasGroupsOp(k)) {
        k.groups = type.getDimSize(1);
        k.fused[expand.getResult()] =
            FusedBuffer{Space::Groups, expand.getSrc()};
      }
      continue;
    }
    if (isa<memref::AllocOp, memref::AllocaOp>(op) || isMemoryEffectFree(op))
      continue;
    (void)skipped(DEBUG_TYPE, op,
                  "the epilogue of the GEMM at " +
                      locationString(k.root->getLoc()) +
                      " ends here: writes memory");
    break;
  }
  // Views nobody in the epilogue read do not group the columns.
  if (!hasGroupsOp(k))
    k.groups = 1;
}

/// Whether C's values are needed after the kernel: true unless C is a
/// temporary that only the fill, the matmul, the epilogue (directly or
/// through views) and deallocation touch.
bool needsStore(GemmKernel &k) {
  if (!k.c.getDefiningOp<memref::AllocOp>())
    return true;
  llvm::SmallPtrSet<Operation *, 8> epilogue;
  for (linalg::GenericOp e : k.epilogue)
    epilogue.insert(e);
  std::function<bool(Value)> onlyKernel = [&](Value v) {
    for (Operation *user : v.getUsers()) {
      if (user == k.root || user == k.fill || user == k.initCopy ||
          epilogue.count(user) || isa<memref::DeallocOp>(user))
        continue;
      if (auto expand = dyn_cast<memref::ExpandShapeOp>(user))
        if (k.fused.count(expand.getResult()) && onlyKernel(expand.getResult()))
          continue;
      return false;
    }
    return true;
  };
  return !onlyKernel(k.c);
}

/// The op right before `op` that last wrote memory, skipping allocations
/// and side-effect-free ops: a fill or copy that may initialise C.
Operation *lastWriteBefore(Operation *op) {
  Operation *prev = op->getPrevNode();
  while (prev && !isa<linalg::FillOp, memref::CopyOp>(prev) &&
         (isa<memref::AllocOp>(prev) || isMemoryEffectFree(prev)))
    prev = prev->getPrevNode();
  return prev;
}

} // namespace

std::optional<int64_t> gpu_kernels::groupOf(AffineMap map) {
  if (map.getNumDims() != 2 || map.getNumResults() != 3 ||
      map.getResult(0) != getAffineDimExpr(0, map.getContext()) ||
      map.getResult(2) != getAffineDimExpr(1, map.getContext()))
    return std::nullopt;
  auto g = dyn_cast<AffineConstantExpr>(map.getResult(1));
  return g ? std::optional<int64_t>(g.getValue()) : std::nullopt;
}

Space gpu_kernels::spaceOf(const GemmKernel &k, linalg::GenericOp op) {
  return k.fused.lookup(op.getOutputs()[0]).space;
}

FailureOr<GemmKernel> gpu_kernels::matchGemmKernel(Operation *op,
                                                   bool epilogue) {
  if (auto conv = dyn_cast<linalg::Conv2DNchwFchwOp>(op))
    return matchConv(conv);
  auto matmul = dyn_cast<linalg::MatmulOp>(op);
  if (!matmul)
    return skipped(DEBUG_TYPE, op, "neither a matmul nor an NCHW convolution");
  FailureOr<GemmKernel> kernel = matchMatmul(matmul);
  if (failed(kernel))
    return failure();
  GemmKernel &k = *kernel;
  // A fill of C, the last write before the matmul, becomes the
  // accumulators' initial value; a copy into C, their source (a step copies
  // its precomputed input part into a fresh buffer and accumulates the
  // recurrent GEMM onto it: one launch fewer).
  Operation *prev = lastWriteBefore(op);
  if (auto fill = dyn_cast_or_null<linalg::FillOp>(prev))
    if (fill.hasPureBufferSemantics() && fill.getOutputs()[0] == k.c &&
        fill.getInputs()[0].getType().isF32())
      k.fill = fill;
  if (auto copy = dyn_cast_or_null<memref::CopyOp>(prev)) {
    auto source = dyn_cast<MemRefType>(copy.getSource().getType());
    if (copy.getTarget() == k.c && source &&
        source.getShape() == cast<MemRefType>(k.c.getType()).getShape() &&
        source.getElementType().isF32() &&
        !mayAlias(rootOf(copy.getSource()), rootOf(k.c)))
      k.initCopy = copy;
  }
  if (epilogue)
    matchEpilogue(k);
  k.storeC = needsStore(k);
  return kernel;
}

bool gpu_kernels::isSkinny(const GemmKernel &k, std::optional<int64_t> rows) {
  return k.matmul && k.transposedB && GpuSchedule::skinnyFits(rows, k.groups);
}

void gpu_kernels::eraseReplaced(GemmKernel &k) {
  for (linalg::GenericOp e : llvm::reverse(k.epilogue))
    e->erase();
  k.root->erase();
  if (k.fill)
    k.fill->erase();
  if (k.initCopy)
    k.initCopy->erase();
}
