//===- Transforms.h - The CPU stages' entry points --------------*- C++ -*-===//
//
// Each hyper-cpu-* stage is a pass over a function (Passes.td) around one of
// these rewrites, which tests and other drivers can call on a single op.
// They take their numbers from a CpuSchedule and fail, leaving the op as it
// is, when it does not qualify (saying why under --hyper-debug-only=STAGE).
//
//===----------------------------------------------------------------------===//

#ifndef HYPER_CODEGEN_CPU_TRANSFORMS_H
#define HYPER_CODEGEN_CPU_TRANSFORMS_H

#include "hyper/Codegen/CPU/CpuSchedule.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Pass/PassManager.h"

namespace mlir::hyper {

/// The CPU stages' options: each stage's pass options have these members.
/// 0 for m-tile, k-panel or prefetch-bytes: the generic target's for the
/// vector width (CpuTarget::generic).
struct CpuStageOptions {
  int64_t vectorWidth = 16;
  int64_t mTile = 0;
  int64_t kPanel = 0;
  int64_t prefetchBytes = 0;
  bool parallel = false;
  bool printSchedule = false;
};

/// Appends the CPU stages, in order, to `pm` (nested on func.func):
/// conv-to-gemm, gemv-row-dots, transpose-weights, fuse-epilogues,
/// tile-gemms, tile-conv-gemms, lane-sums, tile-elementwise,
/// fold-tile-shapes, pack-constants, vectorize-tiles, hoist-accumulators,
/// alloc-step-results. `hyper-cpu-vectorize` runs the same list.
void addCpuCodegenPasses(OpPassManager &pm, const CpuStageOptions &options);

/// hyper-cpu-conv-to-gemm: `conv` (on an already padded input) as, per
/// image, an im2col gather `cols[c·KH·KW + kh·KW + kw, oh·OW + ow]` and the
/// GEMM `filter[F, C·KH·KW] · cols → out[F, OH·OW]`, accumulated into the
/// convolution's init; the replacement. Needs static channel, spatial and
/// filter sizes; the batch may be dynamic.
FailureOr<Value> rewriteConvAsGemm(RewriterBase &rewriter,
                                   linalg::Conv2DNchwFchwOp conv,
                                   const CpuSchedule &schedule);

/// hyper-cpu-gemv-row-dots: the chain of one-row GEMVs `chain` (earliest
/// first, each the init of the next) as dot products along the weights'
/// rows; fails, leaving it, when a term's K divides into no vector width
/// and its weights are not a constant.
LogicalResult rewriteGemvChainAsRowDots(RewriterBase &rewriter,
                                        ArrayRef<linalg::MatmulOp> chain,
                                        const CpuSchedule &schedule);

/// The elementwise epilogue of `matmul`, if its only user is an
/// all-parallel 2-D linalg.generic that reads the result element for
/// element.
linalg::GenericOp epilogueOf(linalg::MatmulOp matmul);

/// hyper-cpu-fuse-epilogues: tiles the epilogue of each GEMM in `func` for
/// the caches and fuses the GEMM (and its other single-use linalg
/// producers) into the tile, marking the fused GEMMs `hyper.cache_tiled`.
void fuseEpilogues(RewriterBase &rewriter, func::FuncOp func,
                   const CpuSchedule &schedule);

/// hyper-cpu-tile-gemms: `op` tiled for the caches (unless marked
/// `hyper.cache_tiled`), K panels and registers (CpuSchedule::gemm), its
/// register tiles marked `hyper.register_tile`. `paddedConstants` keeps the
/// zero-padded copy of each constant B across calls.
LogicalResult tileGemm(RewriterBase &rewriter, linalg::MatmulOp op,
                       const CpuSchedule &schedule,
                       DenseMap<Value, Value> &paddedConstants);

/// hyper-cpu-tile-conv-gemms: a `hyper.packed_gemm` generic [F, NB, ni, K]
/// tiled into register tiles that are linalg.matmuls (CpuSchedule::convGemm).
LogicalResult tileConvGemm(RewriterBase &rewriter, linalg::GenericOp op,
                           const CpuSchedule &schedule);

/// hyper-cpu-lane-sums: a sum over `op`'s innermost loop as `lanes`-wide
/// partial sums along it and one lane reduction per point; its outermost
/// points on the threads when CpuSchedule::laneSumsOnThreads and its output
/// is indexed by that dimension first. Needs static sizes, `lanes` dividing
/// the sum's length (at least two vectors), the body's result `out + e` or
/// `fma(a, b, out)`, and inputs that vary along the sum reading it last.
LogicalResult vectorizeLaneSums(RewriterBase &rewriter, linalg::GenericOp op,
                                int64_t lanes, const CpuSchedule &schedule);

/// Inputs of `op` read at a constant index along some dimension (a gate's
/// slice `(d0, d1) -> (d0, 2, d1)` of a stacked [B, 4, N] tensor) become
/// rank-reducing slices read with the remaining, projected-permutation map,
/// which the vectorizer accepts.
void sliceConstantIndices(RewriterBase &rewriter, linalg::GenericOp op);

/// hyper-cpu-tile-elementwise: an element-wise `op` tiled to one vector
/// along its innermost dimension (CpuSchedule::elementwiseTile), on the
/// threads first when CpuSchedule::elementwiseOnThreads; the tile marked
/// `hyper.register_tile`.
LogicalResult tileElementwise(RewriterBase &rewriter, linalg::GenericOp op,
                              const CpuSchedule &schedule);

/// hyper-cpu-pack-constants: register-tile GEMMs `C[mt, nt] += A[mt, 1] ·
/// B[1, nt]` (`nt` from the tile's vector sizes) whose B is a slice,
/// through any chain of unit-stride slices, of a constant [K, N], read at a
/// column that is a multiple of `nt` by construction: B comes from the
/// constant packed in blocks of `nt` columns instead (packed once, at
/// compile time), prefetched CpuSchedule::prefetchBytes ahead. Unpacked,
/// the micro-kernel reads B's rows N elements apart: a new page every k for
/// recurrent weights, which the hardware prefetchers do not follow.
void readPackedConstants(RewriterBase &rewriter,
                         ArrayRef<linalg::MatmulOp> tiles,
                         const CpuSchedule &schedule);

/// hyper-cpu-vectorize-tiles: the register tile `t` (marked
/// `hyper.register_tile`) vectorized with its vector sizes, the marker
/// removed.
LogicalResult vectorizeTile(RewriterBase &rewriter, linalg::LinalgOp t);

/// The clean-up after vectorization (hyper-cpu-vectorize-tiles and
/// hyper-cpu-hoist-accumulators) applied greedily to `func`: reductions to
/// `vector.contract`, transfer permutation maps lowered, and every loaded
/// dialect's canonicalization; an error naming `pass` when it does not
/// converge.
LogicalResult applyCpuVectorCleanup(func::FuncOp func, StringRef pass);

/// hyper-cpu-alloc-step-results: the ops of a loop's body (a time step)
/// whose destination is a `tensor.empty` from outside the loop — CSE merges
/// the step's empty results with an identical one before the loop — get an
/// allocation of their own in the loop (`bufferization.alloc_tensor`, which
/// CSE leaves alone): bufferized, a shared empty is one buffer that every
/// step overwrites, and the step must copy its result out of it to carry it
/// to the next (the LSTM's c and ĉ, every step). Only ops directly in the
/// loop's body: tiles inside them keep their own handling.
void allocateStepResultsInLoops(RewriterBase &rewriter, func::FuncOp func);

} // namespace mlir::hyper

#endif // HYPER_CODEGEN_CPU_TRANSFORMS_H
