//===- CpuFoldTileShapes.cpp - hyper-cpu-fold-tile-shapes
//-------------------===//
//
// hyper-cpu-fold-tile-shapes: the peeled tiles' sizes folded into static
// slice types before their vectorization.
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

#define DEBUG_TYPE "hyper-cpu-fold-tile-shapes"

namespace mlir::hyper {
#define GEN_PASS_DEF_HYPERCPUFOLDTILESHAPESPASS
#include "hyper/Codegen/CPU/Passes.h.inc"
} // namespace mlir::hyper

using namespace mlir;
using namespace mlir::hyper;
using namespace mlir::hyper::markers;

namespace {

struct HyperCpuFoldTileShapesPass
    : hyper::impl::HyperCpuFoldTileShapesPassBase<HyperCpuFoldTileShapesPass> {
  using HyperCpuFoldTileShapesPassBase::HyperCpuFoldTileShapesPassBase;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    RewritePatternSet cleanup(&getContext());
    addCanonicalizationPatterns(cleanup);
    FrozenRewritePatternSet frozen(std::move(cleanup));
    if (failed(hyper::applyPatternsOrReport(func, frozen, getArgument())))
      return signalPassFailure();
  }
};

} // namespace
