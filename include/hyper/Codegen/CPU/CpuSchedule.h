//===- CpuSchedule.h - Every decision of the CPU back end -------*- C++ -*-===//
//
// The CPU back end's numbers and decisions as data: vector width, register
// and cache tiles, K panels, prefetch distance and every threading
// threshold, and the pure functions on shapes that turn them into a
// schedule for one op. The hyper-cpu-* stages read nothing else; the unit
// tests (unittests/Codegen/CpuScheduleTest.cpp) check the decisions without
// IR. Each value carries the measurement that chose it (2-core AMD EPYC
// Zen 5, AVX-512, unless it says otherwise).
//
//===----------------------------------------------------------------------===//

#ifndef HYPER_CODEGEN_CPU_CPUSCHEDULE_H
#define HYPER_CODEGEN_CPU_CPUSCHEDULE_H

#include "hyper/Codegen/CPU/CpuTarget.h"

#include "mlir/IR/BuiltinTypeInterfaces.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <optional>

namespace mlir::hyper {

/// What a GEMM `C[M, N] += A[M, K] · B[K, N]` gets (static sizes; a dynamic
/// one is ShapedType::kDynamic and leaves its tile as chosen).
struct GemmSchedule {
  /// M×N cache tiles: the unit of threading and of a fused epilogue.
  llvm::SmallVector<int64_t, 2> cacheTile;
  /// Whether the cache tiles run on the threads (an scf.forall).
  bool onThreads = false;
  /// K panels of each cache tile (0: K whole).
  int64_t kPanel = 0;
  /// The register tile [m, n, k] that vectorizes into the micro-kernel.
  llvm::SmallVector<int64_t, 3> registerTile;

  void print(llvm::raw_ostream &os) const;
};

/// What a convolution's GEMM on packed pixel blocks gets (see
/// hyper-cpu-conv-to-gemm): loops (filters F, pixel blocks NB, pixels of a
/// block ni, K = C·KH·KW).
struct ConvGemmSchedule {
  /// [filters, pixel blocks, 0, 0] per cache tile.
  llvm::SmallVector<int64_t, 4> cacheTile;
  bool onThreads = false;
  /// [0, 0, 0, K panel].
  llvm::SmallVector<int64_t, 4> panel;
  /// [filters, 1, 0, 1] per register tile (a block of pixels wide).
  llvm::SmallVector<int64_t, 4> registerTile;

  void print(llvm::raw_ostream &os) const;
};

/// The CPU schedule. forTarget derives the target-dependent numbers (lanes,
/// register tile rows, K panel, prefetch distance) from a CpuTarget; the
/// stages rebuild it from those numbers, their pass options, with every
/// other number at its measured default.
struct CpuSchedule {
  /// f32 lanes of a vector register (16: AVX-512, 8: AVX2); 0 leaves GEMMs
  /// scalar.
  int64_t vectorWidth = 16;
  /// Rows of the GEMM register tile (its columns are two vectors): as many
  /// as the vector registers hold beside the two B vectors and the A
  /// broadcast, at most 8 — 6 with AVX2's 16 registers (BLIS's Haswell
  /// 6×16 kernel; 8 rows spilled accumulators on every K step), 8 with
  /// AVX-512's 32 (81 % of peak on Zen 4; the batch of 32 is 4 full tiles).
  int64_t mTile = 8;
  /// Whether parallel loops run on OpenMP threads.
  bool parallel = false;

  /// A GEMM's cache tiles: 64 rows by 32 columns, one column block of the
  /// packed weights. The epilogue reads its 8 KB of accumulators from L1,
  /// and the 125 column blocks of a 4000-wide GEMM split evenly between the
  /// threads (tiles of 256 columns had left one thread 5 % more work).
  int64_t cacheRows = 64, cacheColumns = 32;
  /// K panels of 512: with the whole batch in one cache tile (M = 32), each
  /// register tile's accumulators are loaded and stored once per panel; 512
  /// measured 9-11 % faster than 256 on the batch-32 HyperLSTM sequences.
  /// forTarget halves it until a cache tile's A and B panels fill at most
  /// half the L2 (256 on a 256 KiB L2).
  int64_t kPanel = 512;
  /// How far ahead of the k step it reads a register tile prefetches its
  /// packed B block, in bytes: the micro-kernel ran at 58-61 % of peak when
  /// the weights came from DRAM, 85-89 % with this prefetch (C copy).
  /// forTarget keeps it within half the L1d.
  int64_t prefetchBytes = 16 * 1024;
  /// Rows of a block of a batch-1 GEMV's packed weights (and so its
  /// accumulators): 8 vectors fit either register file.
  int64_t gemvRows = 8;
  /// The cache line: one prefetch per line of a k step's B row.
  int64_t cacheLineBytes = 64;

  /// A convolution GEMM's cache tiles: 64 filters by 256 pixels, K panels of
  /// 256; with threads, smaller pixel tiles until each thread has a few
  /// (one 16×16 image has a single 64×256 tile).
  int64_t convCacheFilters = 64, convCachePixels = 256, convPanel = 256;
  int64_t convMinTiles = 4;

  /// GEMMs of fewer multiply-adds than this (static sizes only) stay on one
  /// thread: a few microseconds of work, less than a fork and join with an
  /// uneven split (the hyper cell's [32, 128]·[128, 48] embedding
  /// projection had two cache tiles, 32 and 16 columns wide, on the threads
  /// every step).
  int64_t parallelGemmMacs = 1 << 20;
  /// GEMVs against weights of at least this many elements run on the
  /// threads (a hyper cell's [16, 128] embedding projection is not worth
  /// it: the fork and join cost more than its 2 K FMAs).
  int64_t parallelGemvElements = 64 * 1024;
  /// Sums over an innermost loop (layer-norm statistics) that read at least
  /// this many elements run their outermost points on the threads: the
  /// batch-32 gates' mean and variance ([32, 4] sums over 1000) had been
  /// 19 µs of serial work a step.
  int64_t parallelSumElements = 32 * 1024;
  /// Element-wise ops with at least this many elements (static dimensions
  /// only) run on the threads; on more (2048) the step's 4000-element ops
  /// measured 5-8 % slower at batch 1.
  int64_t parallelElements = 4096;

  /// The schedule for `vectorWidth` lanes, `mTile` rows, K panels of
  /// `kPanel`, prefetches `prefetchBytes` ahead and `parallel` (the stages'
  /// options), every other number at its default.
  static CpuSchedule get(int64_t vectorWidth, int64_t mTile, int64_t kPanel,
                         int64_t prefetchBytes, bool parallel);
  /// The schedule for `target`: lanes from its vector width, register tile
  /// rows from its register count, K panels from its L2, prefetch distance
  /// from its L1d.
  static CpuSchedule forTarget(const CpuTarget &target, bool parallel);

  /// The target-derived numbers as the stages' options: "vector-width=8
  /// m-tile=6 k-panel=512 prefetch-bytes=16384".
  void printOptions(llvm::raw_ostream &os) const;

  /// The narrowest vector a stage uses: a quarter register (at least 1).
  int64_t minLanes() const;
  /// The vector widths a stage tries, widest first: vectorWidth down to
  /// minLanes() by halves.
  llvm::SmallVector<int64_t, 3> laneWidths() const;
  /// The widest of laneWidths() that divides `k`; none when none does.
  std::optional<int64_t> gemvLanes(int64_t k) const;
  /// Rows per block of a row-dots GEMV with N = `n` output rows: gemvRows,
  /// halved until it divides `n`.
  int64_t rowBlock(int64_t n) const;
  /// Whether a row-dots GEMV reading `elements` weights runs its row
  /// blocks on the threads.
  bool gemvOnThreads(int64_t elements) const;

  /// Whether a GEMM with loop ranges (m, n, k) is worth the threads
  /// (parallelGemmMacs; dynamic sizes are), regardless of `parallel`.
  bool gemmWorthThreads(llvm::ArrayRef<int64_t> ranges) const;
  /// The register tile [mTile, 2 × vectorWidth, 1].
  llvm::SmallVector<int64_t, 3> gemmRegisterTile() const;
  /// The schedule of a GEMM with loop ranges (m, n, k), every tile taken
  /// whole along a static dimension smaller than it; `serial`: the GEMM is
  /// inside a loop already on the threads (one image of a convolution).
  GemmSchedule gemm(llvm::ArrayRef<int64_t> ranges, bool serial = false) const;

  /// Pixels per block of a convolution's packed columns for output width
  /// `ow`: two vectors when they divide it, else one, else 0 (unpacked).
  int64_t convColumnBlock(int64_t ow) const;
  /// The schedule of a convolution's GEMM on packed columns with loop
  /// ranges (f, nb, ni, k).
  ConvGemmSchedule convGemm(llvm::ArrayRef<int64_t> ranges,
                            bool serial = false) const;

  /// Whether a lane sum (see hyper-cpu-lane-sums) with loop ranges `ranges`
  /// runs its outermost points on the threads, when its output allows it.
  bool laneSumsOnThreads(llvm::ArrayRef<int64_t> ranges) const;
  /// Whether an element-wise op with loop ranges `ranges` shares its outer
  /// points out over the threads.
  bool elementwiseOnThreads(llvm::ArrayRef<int64_t> ranges,
                            bool serial = false) const;
  /// The tile of an element-wise op: one vector along the innermost
  /// dimension (all of it when shorter), 1 elsewhere.
  llvm::SmallVector<int64_t>
  elementwiseTile(llvm::ArrayRef<int64_t> ranges) const;
  /// Which loops an element-wise op on the threads splits (1 at the
  /// outermost one or two; 0 elsewhere).
  llvm::SmallVector<int64_t>
  elementwiseThreadTile(llvm::ArrayRef<int64_t> ranges) const;
};

/// `sizes` with each static dimension smaller than its tile taken whole, so
/// that its slices stay static (no mask along it).
llvm::SmallVector<int64_t> clampToRanges(llvm::SmallVector<int64_t> sizes,
                                         llvm::ArrayRef<int64_t> ranges);

} // namespace mlir::hyper

#endif // HYPER_CODEGEN_CPU_CPUSCHEDULE_H
