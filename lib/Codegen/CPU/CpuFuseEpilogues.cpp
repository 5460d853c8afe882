//===- CpuFuseEpilogues.cpp - hyper-cpu-fuse-epilogues
//----------------------===//
//
// hyper-cpu-fuse-epilogues: a GEMM and its element-wise epilogue share
// cache tiles, so the epilogue reads the accumulators while they are in L1.
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

#define DEBUG_TYPE "hyper-cpu-fuse-epilogues"

namespace mlir::hyper {
#define GEN_PASS_DEF_HYPERCPUFUSEEPILOGUESPASS
#include "hyper/Codegen/CPU/Passes.h.inc"
} // namespace mlir::hyper

using namespace mlir;
using namespace mlir::hyper;
using namespace mlir::hyper::markers;

linalg::GenericOp mlir::hyper::epilogueOf(linalg::MatmulOp matmul) {
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

void mlir::hyper::fuseEpilogues(RewriterBase &rewriter, func::FuncOp func,
                                const CpuSchedule &schedule) {
  // An epilogue may consume several GEMMs (x- and h-side gates): once, on
  // the threads when one of them is worth it.
  llvm::SetVector<linalg::GenericOp> epilogues;
  llvm::SmallPtrSet<Operation *, 8> threaded;
  func.walk([&](linalg::MatmulOp op) {
    if (!op.hasPureTensorSemantics())
      return;
    linalg::GenericOp e = epilogueOf(op);
    if (!e) {
      (void)skipped(DEBUG_TYPE, op,
                    op->getResult(0).hasOneUse()
                        ? "its user is not a 2-d element-wise linalg.generic "
                          "reading it element for element"
                        : "its result has several users");
      return;
    }
    epilogues.insert(e);
    if (schedule.gemmWorthThreads(op.getStaticLoopRanges()))
      threaded.insert(e);
  });
  for (linalg::GenericOp epilogue : epilogues) {
    SmallVector<int64_t> sizes =
        clampToRanges({schedule.cacheRows, schedule.cacheColumns},
                      epilogue.getStaticLoopRanges());
    scf::SCFTilingOptions tiling;
    tiling.setTileSizes(getAsIndexOpFoldResult(func.getContext(), sizes));
    if (schedule.parallel && threaded.contains(epilogue))
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
    if (failed(fused)) {
      (void)skipped(DEBUG_TYPE, epilogue, "tile-and-fuse failed");
      continue;
    }
    for (Operation *op : *fused)
      if (isa<linalg::MatmulOp>(op))
        op->setAttr(kCacheTiled, rewriter.getUnitAttr());
  }
}

namespace {

struct HyperCpuFuseEpiloguesPass
    : hyper::impl::HyperCpuFuseEpiloguesPassBase<HyperCpuFuseEpiloguesPass> {
  using HyperCpuFuseEpiloguesPassBase::HyperCpuFuseEpiloguesPassBase;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    IRRewriter rewriter(&getContext());
    CpuSchedule schedule = CpuSchedule::get(vectorWidth, mTile, kPanel, prefetchBytes, parallel);
    fuseEpilogues(rewriter, func, schedule);
  }
};

} // namespace
