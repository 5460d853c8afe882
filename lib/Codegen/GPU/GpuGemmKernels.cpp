//===- GpuGemmKernels.cpp - GEMMs with fused epilogues as GPU kernels -----===//
//
// hyper-gpu-gemm-kernels: every f32 linalg.matmul on buffers, together with
// the element-wise linalg.generic ops that consume its result right after
// it (bias, row scaling, activations, LSTM/RNN gate arithmetic), becomes one
// gpu.launch: shared-memory tiles of A and B, a register micro-tile of C per
// thread, and the epilogue applied to the registers before anything is
// stored. What a kernel computes is matched in GpuGemmMatch.cpp, the kernel
// is emitted in GpuGemmKernelBuilder.cpp, its tiling comes from
// GpuSchedule. See the pass description in Passes.td for the schedules.
//
//===----------------------------------------------------------------------===//

#include "GpuGemmMatch.h"
#include "hyper/Codegen/Common/Debug.h"
#include "hyper/Codegen/GPU/GpuSchedule.h"
#include "hyper/Codegen/GPU/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

namespace mlir::hyper {
#define GEN_PASS_DEF_HYPERGPUGEMMKERNELSPASS
#include "hyper/Codegen/GPU/Passes.h.inc"
} // namespace mlir::hyper

using namespace mlir;
using namespace mlir::hyper;
using namespace mlir::hyper::gpu_kernels;

namespace {

/// The `--print-schedule` remark: the GEMM's shape, the schedule it takes
/// and what its kernel absorbs.
void remarkSchedule(const GemmKernel &k, bool skinny, GpuTiling t,
                    int64_t rows) {
  InFlightDiagnostic remark = k.root->emitRemark();
  auto dim = [&](Value v, unsigned d) {
    int64_t size = cast<MemRefType>(v.getType()).getDimSize(d);
    if (ShapedType::isDynamic(size))
      remark << "?";
    else
      remark << size;
  };
  if (k.conv) {
    remark << "convolution as an implicit GEMM per image (m, k) = (";
    dim(k.a, 0);
    remark << ", "
           << cast<MemRefType>(k.a.getType()).getNumElements() /
                  cast<MemRefType>(k.a.getType()).getDimSize(0)
           << "): ";
  } else {
    remark << "GEMM (m, n, k) = (";
    dim(k.a, 0);
    remark << ", ";
    dim(k.c, 1);
    remark << ", ";
    dim(k.a, 1);
    remark << "): ";
  }
  if (skinny)
    remark << "skinny, a warp per point, " << t.ty
           << " warps per block, rows per warp "
           << GpuSchedule::skinnyRowsPerWarp(rows, k.groups);
  else
    remark << "tiled, block " << t.bm() << "x" << t.bn() << " of " << t.ty
           << "x" << t.tx << " threads, " << t.tm << "x" << t.tn
           << " per thread, K step " << t.bk;
  remark << "; " << k.epilogue.size() << " epilogue ops fused";
  if (k.groups > 1)
    remark << " over " << k.groups << " gate groups";
  if (k.fill)
    remark << ", fill folded";
  if (k.initCopy)
    remark << ", copy into C absorbed";
  if (!k.storeC)
    remark << ", C not stored";
}

struct HyperGpuGemmKernelsPass
    : hyper::impl::HyperGpuGemmKernelsPassBase<HyperGpuGemmKernelsPass> {
  using HyperGpuGemmKernelsPassBase::HyperGpuGemmKernelsPassBase;

  void runOnOperation() override {
    SmallVector<Operation *> gemms;
    getOperation().walk([&](Operation *op) {
      if (isa<linalg::MatmulOp, linalg::Conv2DNchwFchwOp>(op) &&
          !op->getParentOfType<gpu::LaunchOp>())
        gemms.push_back(op);
    });
    for (Operation *op : gemms) {
      FailureOr<GemmKernel> k = matchGemmKernel(op, epilogue);
      if (failed(k))
        continue;
      // Rows: the GEMM's M (a convolution's filters).
      int64_t rows = cast<MemRefType>(k->a.getType()).getDimSize(0);
      std::optional<int64_t> staticRows;
      if (!ShapedType::isDynamic(rows))
        staticRows = rows;
      if (isSkinny(*k, staticRows)) {
        GpuTiling tiling = GpuSchedule::skinnyTiling();
        if (printSchedule)
          remarkSchedule(*k, /*skinny=*/true, tiling, rows);
        buildSkinnyGemmKernel(*k, tiling, rows, emulate);
        eraseReplaced(*k);
        continue;
      }
      GpuTiling tiling = GpuSchedule::gemmTiling(staticRows);
      if (k->groups > tiling.tn || tiling.tn % k->groups != 0) {
        // The gate grouping needs G columns per thread.
        (void)skipped("hyper-gpu-gemm-kernels", op,
                      "epilogue not fused: " + Twine(k->groups) +
                          " gate groups do not divide the " + Twine(tiling.tn) +
                          " columns of a thread's micro-tile");
        k->epilogue.clear();
        k->groups = 1;
        k->storeC = true;
      }
      if (printSchedule)
        remarkSchedule(*k, /*skinny=*/false, tiling, rows);
      buildTiledGemmKernel(*k, tiling, emulate);
      eraseReplaced(*k);
    }
  }
};

} // namespace
