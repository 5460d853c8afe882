//===- CpuAllocStepResults.cpp - hyper-cpu-alloc-step-results
//---------------===//
//
// hyper-cpu-alloc-step-results: a time step's results get allocations of
// their own in the loop; the last CPU stage, it checks that no marker
// survives.
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

#define DEBUG_TYPE "hyper-cpu-alloc-step-results"

namespace mlir::hyper {
#define GEN_PASS_DEF_HYPERCPUALLOCSTEPRESULTSPASS
#include "hyper/Codegen/CPU/Passes.h.inc"
} // namespace mlir::hyper

using namespace mlir;
using namespace mlir::hyper;
using namespace mlir::hyper::markers;

void mlir::hyper::allocateStepResultsInLoops(RewriterBase &rewriter,
                                             func::FuncOp func) {
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

namespace {

struct HyperCpuAllocStepResultsPass
    : hyper::impl::HyperCpuAllocStepResultsPassBase<
          HyperCpuAllocStepResultsPass> {
  using HyperCpuAllocStepResultsPassBase::HyperCpuAllocStepResultsPassBase;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    IRRewriter rewriter(&getContext());
    allocateStepResultsInLoops(rewriter, func);
    // The last stage: every marker has been consumed by now.
    WalkResult left = func.walk([&](Operation *op) {
      StringRef marker = markerOn(op);
      if (marker.empty())
        return WalkResult::advance();
      op->emitError() << "the CPU stages left the marker '" << marker
                      << "' on this op: a stage that consumes it did not run "
                         "or did not apply (see include/hyper/Codegen/CPU/"
                         "Markers.h)";
      return WalkResult::interrupt();
    });
    if (left.wasInterrupted())
      signalPassFailure();
  }
};

} // namespace
