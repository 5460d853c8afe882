//===- GpuGemmMatch.h - A GEMM and the epilogue its kernel carries -*- C++
//-*-===//
//
// hyper-gpu-gemm-kernels in two halves: GpuGemmMatch.cpp decides what one
// kernel computes (the GEMM, what starts its accumulators, the element-wise
// consumers fused into its epilogue, whether C is stored);
// GpuGemmKernelBuilder.cpp emits the kernel for a match, with the tiling
// GpuSchedule chose. GpuGemmKernels.cpp is the pass that joins them.
//
//===----------------------------------------------------------------------===//

#ifndef HYPER_LIB_CODEGEN_GPU_GPUGEMMMATCH_H
#define HYPER_LIB_CODEGEN_GPU_GPUGEMMMATCH_H

#include "hyper/Codegen/GPU/GpuSchedule.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace mlir::hyper::gpu_kernels {

/// Where an epilogue op runs. `Columns`: once per element of C (iteration
/// space [M, N]). `Groups`: once per row and column group, when C is viewed
/// as [M, G, N/G] and the op reads several groups of one point (the LSTM
/// gates: i, g, f, o of one unit are columns n, N/4 + n, ...).
enum class Space { Columns, Groups };

/// A buffer the kernel computes: C itself or an epilogue op's result.
struct FusedBuffer {
  Space space;
  /// For views of a `Columns` buffer as [M, G, N/G]: the buffer viewed.
  Value viewOf;
};

struct GemmKernel {
  /// The GEMM: a linalg.matmul, or a convolution computed as an implicit
  /// GEMM per image (`conv`).
  Operation *root = nullptr;
  linalg::MatmulOp matmul;
  linalg::Conv2DNchwFchwOp conv;
  Value a, b, c;
  /// B is stored [N, K] (weights in [out, in] layout).
  bool transposedB = false;
  /// The linalg.fill that initializes C, folded into the accumulators.
  linalg::FillOp fill;
  /// Or a copy into C (a precomputed part the GEMM accumulates onto): the
  /// accumulators start from its source, and C need not hold it.
  memref::CopyOp initCopy;
  /// Epilogue ops in program order.
  SmallVector<linalg::GenericOp> epilogue;
  /// Column groups G (1 without a `Groups` op).
  int64_t groups = 1;
  /// Buffers the kernel computes, with the views of them the epilogue reads.
  llvm::DenseMap<Value, FusedBuffer> fused;
  /// Ops that become dead: the fill, C's views.
  SmallVector<Operation *> absorbed;
  /// Whether C must be stored (something other than the epilogue reads it).
  bool storeC = true;
  /// Allocations the kernel reads from memory and writes: a block's
  /// epilogue must not overwrite what another block still reads.
  llvm::SmallPtrSet<Value, 8> readRoots, writeRoots;
};

/// The group g of a gate-group view read at (d0, d1) → (d0, g, d1).
std::optional<int64_t> groupOf(AffineMap map);

/// The space epilogue op `op` of `k` runs in.
Space spaceOf(const GemmKernel &k, linalg::GenericOp op);

/// The kernel for `op`, a linalg.matmul or linalg.conv_2d_nchw_fchw on f32
/// buffers: for a matmul, the fill or copy before it that initialises C
/// and, with `epilogue`, the element-wise consumers that run on its
/// registers. Failure when the kernels do not handle `op`; the reason (and
/// why an epilogue stops where it does) is printed under
/// `--hyper-debug-only=hyper-gpu-gemm-kernels`.
FailureOr<GemmKernel> matchGemmKernel(Operation *op, bool epilogue);

/// Whether `k` takes the skinny schedule (see GpuSchedule): a matmul against
/// B stored [N, K] with few static `rows` and gate groups.
bool isSkinny(const GemmKernel &k, std::optional<int64_t> rows);

/// Emits `k` with the tiled schedule `t` (blocks of [BM, BN], register
/// micro-tiles), as a gpu.launch or, with `emulate`, as host loops over
/// blocks and threads that run the same code with the barriers as program
/// order. Inserted where the last op `k` replaces was.
void buildTiledGemmKernel(GemmKernel &k, GpuTiling t, bool emulate);

/// Emits `k` with the skinny schedule for `rows` static rows (`t` gives
/// the warp size and the warps per block).
void buildSkinnyGemmKernel(GemmKernel &k, GpuTiling t, int64_t rows,
                           bool emulate);

/// Erases what the kernel replaced: the GEMM, its epilogue and C's
/// initialisation.
void eraseReplaced(GemmKernel &k);

} // namespace mlir::hyper::gpu_kernels

#endif // HYPER_LIB_CODEGEN_GPU_GPUGEMMMATCH_H
