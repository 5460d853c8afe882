//===- GpuSchedule.h - The GPU GEMM kernels' decisions ----------*- C++ -*-===//
//
// The numbers and decisions of hyper-gpu-gemm-kernels and
// hyper-gpu-row-kernels as data, pure functions on shapes, tested without
// IR in unittests/Codegen/GpuScheduleTest.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef HYPER_CODEGEN_GPU_GPUSCHEDULE_H
#define HYPER_CODEGEN_GPU_GPUSCHEDULE_H

#include <cstdint>
#include <optional>

namespace mlir::hyper {

/// Block and thread tiling. A block computes a [BM, BN] tile of C with
/// TY × TX threads; thread (ty, tx) owns rows ty + TY·i (i < TM) and local
/// columns tx + TX·j (j < TN), so that neighbouring threads read
/// neighbouring shared-memory words and store neighbouring columns.
struct GpuTiling {
  int64_t tx = 16, ty = 16, tm = 4, tn = 4, bk = 16;
  int64_t bm() const { return ty * tm; }
  int64_t bn() const { return tx * tn; }
  int64_t threads() const { return tx * ty; }
};

struct GpuSchedule {
  /// Skinny GEMMs: up to 32 static rows against B stored [N, K] (a
  /// recurrent step's GEMMs at batch 1–32). The tiled schedule gives them
  /// N / 64 blocks that each walk all of K in 16-deep steps behind barriers
  /// — latency-bound, with most of the GPU idle (on an H100 a [1, 1000] ·
  /// [4000, 1000]ᵀ step took 120 µs, [32, 1000] · [512, 1000]ᵀ 124 µs).
  /// Instead a warp computes one point (its G columns) for a block of R rows
  /// (R = min(M, 8, 32 / G); the grid's y covers the row blocks): the lanes
  /// stride through K with coalesced loads (4-wide where rows are 16-byte
  /// aligned), each keeping R · G partial sums in registers; the partial
  /// sums meet in workgroup memory, where lane s adds up slot s over the
  /// lanes, and lane i finishes row i of the block, epilogue included.
  static constexpr int64_t warpSize = 32;
  static constexpr int64_t skinnyWarps = 8;
  static constexpr int64_t skinnyMaxRows = 32;
  static constexpr int64_t skinnyMaxSlots = 32;
  /// Threads of a row kernel's block (hyper-gpu-row-kernels): one block per
  /// row (batch sample).
  static constexpr int64_t rowKernelThreads = 256;

  /// The tiled GEMM's tiling: rows per block follow M when it is small and
  /// static (LSTM steps at batch 1–32): fewer idle threads, more blocks
  /// across the columns.
  static GpuTiling gemmTiling(std::optional<int64_t> m);
  /// The skinny schedule's block: skinnyWarps warps of warpSize lanes.
  static GpuTiling skinnyTiling();
  /// Whether a GEMM of `rows` static rows and `groups` gate columns per
  /// point fits the skinny schedule (B stored [N, K] is the caller's test).
  static bool skinnyFits(std::optional<int64_t> rows, int64_t groups);
  /// Rows per warp in the skinny schedule: R · G partial sums per lane.
  static int64_t skinnyRowsPerWarp(int64_t rows, int64_t groups);
};

} // namespace mlir::hyper

#endif // HYPER_CODEGEN_GPU_GPUSCHEDULE_H
