//===- CpuTileConvGemms.cpp - hyper-cpu-tile-conv-gemms
//---------------------===//
//
// hyper-cpu-tile-conv-gemms: a convolution's GEMM on packed pixel blocks
// tiled so that its register tiles are linalg.matmuls the GEMM micro-kernel
// takes; the schedule is CpuSchedule::convGemm.
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

#define DEBUG_TYPE "hyper-cpu-tile-conv-gemms"

namespace mlir::hyper {
#define GEN_PASS_DEF_HYPERCPUTILECONVGEMMSPASS
#include "hyper/Codegen/CPU/Passes.h.inc"
} // namespace mlir::hyper

using namespace mlir;
using namespace mlir::hyper;
using namespace mlir::hyper::markers;

LogicalResult mlir::hyper::tileConvGemm(RewriterBase &rewriter,
                                        linalg::GenericOp op,
                                        const CpuSchedule &schedule) {
  op->removeAttr(kPackedGemm);
  SmallVector<int64_t> ranges = op.getStaticLoopRanges(); // f, nb, ni, k
  int64_t ni = ranges[2];
  ConvGemmSchedule conv = schedule.convGemm(ranges, op->hasAttr(kSerial));
  FailureOr<scf::SCFTilingResult> cacheTile =
      tile(rewriter, op, conv.cacheTile, conv.onThreads);
  if (failed(cacheTile))
    return skipped(DEBUG_TYPE, op, "cache tiling failed");
  FailureOr<scf::SCFTilingResult> panel =
      tile(rewriter, cacheTile->tiledOps.back(), conv.panel);
  if (failed(panel))
    return skipped(DEBUG_TYPE, op, "K panel tiling failed");
  FailureOr<scf::SCFTilingResult> registers =
      tile(rewriter, panel->tiledOps.back(), conv.registerTile);
  if (failed(registers))
    return skipped(DEBUG_TYPE, op, "register tiling failed");
  auto t = cast<linalg::GenericOp>(registers->tiledOps.back());
  rewriter.setInsertionPoint(t);
  Location l = t.getLoc();
  Value a = t.getDpsInputs()[0];  // [mt, 1]
  Value bt = t.getDpsInputs()[1]; // [1, 1, ni]
  Value ct = t.getDpsInits()[0];  // [mt, 1, ni]
  Type f32 = cast<RankedTensorType>(ct.getType()).getElementType();
  auto one = rewriter.getIndexAttr(1), zero = rewriter.getIndexAttr(0);
  OpFoldResult mt = tensor::getMixedSize(rewriter, l, ct, 0);
  auto mtType = cast<RankedTensorType>(ct.getType()).getDimSize(0);
  Value b2 = tensor::ExtractSliceOp::create(
      rewriter, l, RankedTensorType::get({1, ni}, f32), bt,
      ArrayRef<OpFoldResult>{zero, zero, zero},
      ArrayRef<OpFoldResult>{one, one, rewriter.getIndexAttr(ni)},
      ArrayRef<OpFoldResult>{one, one, one});
  auto c2Type = RankedTensorType::get({mtType, ni}, f32);
  Value c2 = tensor::ExtractSliceOp::create(
      rewriter, l, c2Type, ct, ArrayRef<OpFoldResult>{zero, zero, zero},
      ArrayRef<OpFoldResult>{mt, one, rewriter.getIndexAttr(ni)},
      ArrayRef<OpFoldResult>{one, one, one});
  auto mm = linalg::MatmulOp::create(rewriter, l, TypeRange{c2Type},
                                     ValueRange{a, b2}, ValueRange{c2});
  mm->setAttr(kRegisterTile,
              rewriter.getDenseI64ArrayAttr({schedule.mTile, ni, 1}));
  Value back = tensor::InsertSliceOp::create(
      rewriter, l, mm.getResult(0), ct,
      ArrayRef<OpFoldResult>{zero, zero, zero},
      ArrayRef<OpFoldResult>{mt, one, rewriter.getIndexAttr(ni)},
      ArrayRef<OpFoldResult>{one, one, one});
  rewriter.replaceOp(t, back);
  peelFullTiles(rewriter, ArrayRef(registers->loops).take_front(2));
  return success();
}

namespace {

struct HyperCpuTileConvGemmsPass
    : hyper::impl::HyperCpuTileConvGemmsPassBase<HyperCpuTileConvGemmsPass> {
  using HyperCpuTileConvGemmsPassBase::HyperCpuTileConvGemmsPassBase;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    IRRewriter rewriter(&getContext());
    CpuSchedule schedule = CpuSchedule::get(vectorWidth, mTile, kPanel, prefetchBytes, parallel);
    SmallVector<linalg::GenericOp> packedGemms;
    func.walk([&](linalg::GenericOp op) {
      if (op->hasAttr(kPackedGemm))
        packedGemms.push_back(op);
    });
    for (linalg::GenericOp op : packedGemms) {
      if (printSchedule) {
        std::string text;
        llvm::raw_string_ostream os(text);
        schedule.convGemm(op.getStaticLoopRanges(), op->hasAttr(kSerial))
            .print(os);
        op.emitRemark() << "convolution GEMM: " << text;
      }
      (void)tileConvGemm(rewriter, op, schedule);
    }
  }
};

} // namespace
