//===- TilingUtils.h - Tiling and index helpers of the back ends -*- C++
//-*-===//
//
// Small wrappers over upstream's tiling (scf::tileUsingSCF, tile-and-fuse,
// loop peeling), an scf.forall builder over slices of an output, and
// index arithmetic the constant layouts need ("is this offset a multiple of
// the tile?"). Shared by the CPU stages; nothing here decides a schedule.
//
//===----------------------------------------------------------------------===//

#ifndef HYPER_CODEGEN_COMMON_TILINGUTILS_H
#define HYPER_CODEGEN_COMMON_TILINGUTILS_H

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::hyper {

/// Tiles `op` with `sizes` (0: not tiled) using scf.for loops, or one
/// scf.forall when `forall`, and returns the tiling result, or failure
/// (leaving `op` as it is).
FailureOr<scf::SCFTilingResult> tile(RewriterBase &rewriter, Operation *op,
                                     ArrayRef<int64_t> sizes,
                                     bool forall = false);

/// Where an iteration of forallOverSlices works: offsets and sizes of its
/// slice of the output (unit strides).
struct SliceOf {
  SmallVector<OpFoldResult> offsets, sizes;
};

/// An scf.forall of `count` iterations whose shared output is `dest`:
/// iteration `iv` takes its slice of the output (`sliceOf`), computes the
/// slice's new value from it (`body`) and inserts that in parallel.
Value forallOverSlices(
    OpBuilder &builder, Location loc, OpFoldResult count, Value dest,
    function_ref<SliceOf(OpBuilder &, Location, Value iv, Value out)> sliceOf,
    function_ref<Value(OpBuilder &, Location, Value iv, Value slice)> body);

/// Splits `loop` into its full tiles (static, unmasked) and the partial
/// last one, which it returns (null when there is none).
scf::ForOp peelLastTile(RewriterBase &rewriter, scf::ForOp loop);

/// `peelLastTile` on each scf.for of `loops`.
void peelFullTiles(RewriterBase &rewriter, ArrayRef<LoopLikeOpInterface> loops);

/// Tiles `op` along loop `dim` by `size` (an scf.for) and peels the loop:
/// returns the tiled op of the full tiles and, when there is one, that of
/// the partial last tile; or `op` itself if it cannot be tiled.
SmallVector<Operation *> tilePeeled(RewriterBase &rewriter, Operation *op,
                                    unsigned dim, int64_t size);

/// Whether loop `dim` of `op` has a size known at compile time, possibly
/// only through the bounds of the loops around it (a peeled last tile).
bool hasStaticSize(Operation *op, unsigned dim);

/// Every loaded dialect's and registered op's canonicalization patterns,
/// as the canonicalizer collects them.
void addCanonicalizationPatterns(RewritePatternSet &patterns);

/// Tiles `consumer` with `tiling`, fuses into its tiles the producers
/// `fuse` accepts, and replaces it. Returns the tiled and fused ops.
FailureOr<SmallVector<Operation *>>
tileAndFuse(RewriterBase &rewriter, Operation *consumer,
            const scf::SCFTilingOptions &tiling,
            llvm::function_ref<bool(Operation *)> fuse);

/// Whether `v` is a multiple of `d` by construction: a constant, the
/// induction variable of a loop whose start and step are, or a sum or
/// product (arith or affine.apply) of such.
bool isMultipleOf(OpFoldResult v, int64_t d);

/// The sum of `terms`, divided (floor) by `divisor`, folded where constant.
OpFoldResult sumOf(RewriterBase &rewriter, Location loc,
                   ArrayRef<OpFoldResult> terms, int64_t divisor);

} // namespace mlir::hyper

#endif // HYPER_CODEGEN_COMMON_TILINGUTILS_H
