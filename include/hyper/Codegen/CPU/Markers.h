//===- Markers.h - Attributes the CPU stages pass to each other -*- C++ -*-===//
//
// The hyper-cpu-* stages are separate passes; a few decisions one stage
// makes must reach a later one on the op they concern. They travel as
// discardable unit or array attributes in the `hyper.` namespace, and this
// header is their only definition: who sets each, who reads it, and who
// removes it. hyper-cpu-alloc-step-results, the last stage, fails with an
// error naming the op when one survives there (a stage that should have
// consumed it did not run or did not fire), so none reaches bufferization.
//
//===----------------------------------------------------------------------===//

#ifndef HYPER_CODEGEN_CPU_MARKERS_H
#define HYPER_CODEGEN_CPU_MARKERS_H

#include "mlir/IR/Operation.h"
#include "llvm/ADT/StringRef.h"

namespace mlir::hyper::markers {

/// Unit. Set by hyper-cpu-conv-to-gemm on the im2col gather and the GEMM of
/// one image when the images run on the threads: their own loops stay
/// sequential. Read by hyper-cpu-tile-gemms, hyper-cpu-tile-conv-gemms and
/// hyper-cpu-tile-elementwise. Copied onto the tiles by tiling; gone with
/// the tiles once hyper-cpu-vectorize-tiles replaces them by vector code.
inline constexpr llvm::StringLiteral kSerial = "hyper.serial";

/// Unit. Set by hyper-cpu-conv-to-gemm on a convolution's GEMM on packed
/// pixel blocks (a linalg.generic [F, NB, ni, K]). Read and removed by
/// hyper-cpu-tile-conv-gemms.
inline constexpr llvm::StringLiteral kPackedGemm = "hyper.packed_gemm";

/// Unit. Set by hyper-cpu-conv-to-gemm on the im2col gather. Read by
/// hyper-cpu-lane-sums (not a sum) and hyper-cpu-tile-elementwise (the
/// gather's outer loops must not unroll); gone with the gather's tiles
/// once vectorized.
inline constexpr llvm::StringLiteral kIm2col = "hyper.im2col";

/// Unit. Set by hyper-cpu-fuse-epilogues on a GEMM fused into its
/// epilogue's cache tile. Read and removed by hyper-cpu-tile-gemms (which
/// then tiles it for K panels and registers only).
inline constexpr llvm::StringLiteral kCacheTiled = "hyper.cache_tiled";

/// DenseI64ArrayAttr: the vector sizes of a register tile. Set by
/// hyper-cpu-tile-gemms, hyper-cpu-tile-conv-gemms and
/// hyper-cpu-tile-elementwise; read by hyper-cpu-lane-sums and
/// hyper-cpu-tile-elementwise (not theirs to take), hyper-cpu-pack-constants
/// (the tiles whose B it packs) and hyper-cpu-vectorize-tiles, which removes
/// it and vectorizes the tile.
inline constexpr llvm::StringLiteral kRegisterTile = "hyper.register_tile";

/// Every marker above.
inline constexpr llvm::StringLiteral kAll[] = {kSerial, kPackedGemm, kIm2col,
                                               kCacheTiled, kRegisterTile};

/// The first marker `op` carries, or an empty name.
inline llvm::StringRef markerOn(Operation *op) {
  for (llvm::StringLiteral name : kAll)
    if (op->hasAttr(name))
      return name;
  return {};
}

} // namespace mlir::hyper::markers

#endif // HYPER_CODEGEN_CPU_MARKERS_H
