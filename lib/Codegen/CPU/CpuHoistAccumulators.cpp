//===- CpuHoistAccumulators.cpp - hyper-cpu-hoist-accumulators
//--------------===//
//
// hyper-cpu-hoist-accumulators: the register tiles' accumulators out of
// their K loops, so they stay in registers.
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
#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/Dialect/Vector/Transforms/VectorTransforms.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Interfaces/ValueBoundsOpInterface.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "mlir/Transforms/LoopInvariantCodeMotionUtils.h"

#define DEBUG_TYPE "hyper-cpu-hoist-accumulators"

namespace mlir::hyper {
#define GEN_PASS_DEF_HYPERCPUHOISTACCUMULATORSPASS
#include "hyper/Codegen/CPU/Passes.h.inc"
} // namespace mlir::hyper

using namespace mlir;
using namespace mlir::hyper;
using namespace mlir::hyper::markers;

namespace {

struct HyperCpuHoistAccumulatorsPass
    : hyper::impl::HyperCpuHoistAccumulatorsPassBase<
          HyperCpuHoistAccumulatorsPass> {
  using HyperCpuHoistAccumulatorsPassBase::HyperCpuHoistAccumulatorsPassBase;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    IRRewriter rewriter(&getContext());
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
    if (failed(applyCpuVectorCleanup(func, getArgument())))
      return signalPassFailure();
  }
};

} // namespace
