//===- CpuTransposeWeights.cpp - hyper-cpu-transpose-weights
//----------------===//
//
// hyper-cpu-transpose-weights: GEMMs that read B as [N, K] get B as [K, N]
// (at compile time for constants), hoisted out of the loops it does not
// depend on.
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
#include "mlir/Transforms/LoopInvariantCodeMotionUtils.h"

#define DEBUG_TYPE "hyper-cpu-transpose-weights"

namespace mlir::hyper {
#define GEN_PASS_DEF_HYPERCPUTRANSPOSEWEIGHTSPASS
#include "hyper/Codegen/CPU/Passes.h.inc"
} // namespace mlir::hyper

using namespace mlir;
using namespace mlir::hyper;
using namespace mlir::hyper::markers;

namespace {

struct HyperCpuTransposeWeightsPass
    : hyper::impl::HyperCpuTransposeWeightsPassBase<
          HyperCpuTransposeWeightsPass> {
  using HyperCpuTransposeWeightsPassBase::HyperCpuTransposeWeightsPassBase;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    IRRewriter rewriter(&getContext());
    SmallVector<linalg::MatmulOp> transposedB;
    func.walk([&](linalg::MatmulOp op) {
      if (op.hasPureTensorSemantics() && matmulBLayout(op) == BLayout::NK)
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
  }
};

} // namespace
