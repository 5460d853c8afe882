//===- GpuMapLoops.cpp - Parallel loops to GPU blocks and threads ---------===//
//
// Tiles each outermost scf.parallel into thread blocks and sets the mapping
// attributes that convert-parallel-loops-to-gpu reads.
//
//===----------------------------------------------------------------------===//

#include "hyper/Codegen/GPU/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/GPU/Transforms/ParallelLoopMapper.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/Transforms.h"
#include "mlir/IR/Matchers.h"

namespace mlir::hyper {
#define GEN_PASS_DEF_HYPERGPUMAPLOOPSPASS
#include "hyper/Codegen/GPU/Passes.h.inc"
} // namespace mlir::hyper

using namespace mlir;
using namespace mlir::hyper;

namespace {

/// The trip count of dimension `i`, if static.
std::optional<int64_t> staticTripCount(scf::ParallelOp op, unsigned i) {
  APInt lb, ub, step;
  if (!matchPattern(op.getLowerBound()[i], m_ConstantInt(&lb)) ||
      !matchPattern(op.getUpperBound()[i], m_ConstantInt(&ub)) ||
      !matchPattern(op.getStep()[i], m_ConstantInt(&step)) ||
      step.getSExtValue() <= 0)
    return std::nullopt;
  return llvm::divideCeil(std::max<int64_t>(0, (ub - lb).getSExtValue()),
                          step.getSExtValue());
}

/// Block sizes: the innermost dimension gets up to `blockSize` threads (a
/// multiple of the warp size when the extent is known to be smaller), the
/// next one what is left, the others 1.
SmallVector<int64_t> tileSizes(scf::ParallelOp op, int64_t blockSize) {
  unsigned rank = op.getNumLoops();
  SmallVector<int64_t> sizes(rank, 1);
  int64_t left = blockSize;
  for (unsigned k = 0; k < std::min(rank, 2u) && left > 1; ++k) {
    unsigned i = rank - 1 - k;
    int64_t size = left;
    if (std::optional<int64_t> n = staticTripCount(op, i))
      size = std::min<int64_t>(size, k == 0 ? llvm::alignTo(*n, 32) : *n);
    sizes[i] = std::max<int64_t>(size, 1);
    left /= sizes[i];
  }
  return sizes;
}

/// Maps dimension i of an n-dimensional loop: the last to x, then y, z;
/// the rest stay sequential.
SmallVector<gpu::ParallelLoopDimMappingAttr>
mapping(MLIRContext *ctx, unsigned rank, bool threads) {
  using gpu::Processor;
  Processor block[] = {Processor::BlockX, Processor::BlockY, Processor::BlockZ};
  Processor thread[] = {Processor::ThreadX, Processor::ThreadY,
                        Processor::ThreadZ};
  AffineMap id = AffineMap::getMultiDimIdentityMap(1, ctx);
  SmallVector<gpu::ParallelLoopDimMappingAttr> result;
  for (unsigned i = 0; i < rank; ++i) {
    unsigned fromLast = rank - 1 - i;
    Processor p = fromLast < 3 ? (threads ? thread : block)[fromLast]
                               : Processor::Sequential;
    result.push_back(gpu::ParallelLoopDimMappingAttr::get(ctx, p, id, id));
  }
  return result;
}

struct HyperGpuMapLoopsPass
    : hyper::impl::HyperGpuMapLoopsPassBase<HyperGpuMapLoopsPass> {
  using HyperGpuMapLoopsPassBase::HyperGpuMapLoopsPassBase;

  void runOnOperation() override {
    if (blockSize <= 0 || blockSize % 32 != 0) {
      getOperation().emitError("hyper-gpu-map-loops: block-size must be a "
                               "positive multiple of 32, got ")
          << static_cast<int64_t>(blockSize);
      return signalPassFailure();
    }
    SmallVector<scf::ParallelOp> roots;
    getOperation().walk([&](scf::ParallelOp op) {
      if (!op->getParentOfType<scf::ParallelOp>() &&
          !op->hasAttr(gpu::getMappingAttrName()))
        roots.push_back(op);
    });
    MLIRContext *ctx = &getContext();
    for (scf::ParallelOp root : roots) {
      auto [tiles, points] = scf::tileParallelLoop(
          root, tileSizes(root, blockSize), /*noMinMaxBounds=*/true);
      unsigned rank = tiles.getNumLoops();
      if (failed(gpu::setMappingAttr(tiles, mapping(ctx, rank, false))) ||
          failed(gpu::setMappingAttr(points, mapping(ctx, rank, true))))
        return signalPassFailure();
      // Loops nested in a thread (reductions of a linalg op) run in it.
      points.getBody()->walk([&](scf::ParallelOp inner) {
        (void)gpu::setMappingAttr(
            inner, SmallVector<gpu::ParallelLoopDimMappingAttr>(
                       inner.getNumLoops(),
                       gpu::ParallelLoopDimMappingAttr::get(
                           ctx, gpu::Processor::Sequential,
                           AffineMap::getMultiDimIdentityMap(1, ctx),
                           AffineMap::getMultiDimIdentityMap(1, ctx))));
      });
    }
  }
};

} // namespace
