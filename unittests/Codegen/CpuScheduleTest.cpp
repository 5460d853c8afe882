//===- CpuScheduleTest.cpp - The CPU schedule's decisions, without IR -----===//
//
// What the CPU stages decide for a given shape, checked on CpuSchedule
// alone (as IREE's select_*_lowering_strategy tests check a lowering
// config). The expected values are worked out by hand from the documented
// defaults: 64×32 cache tiles, K panels of 512, [m-tile, 2 vectors, 1]
// register tiles, threads from 2^20 multiply-adds, 64 K-element GEMVs,
// 32 K-element sums and 4096-element element-wise ops.
//
//===----------------------------------------------------------------------===//

#include "hyper/Codegen/CPU/CpuSchedule.h"

#include "gtest/gtest.h"

#include <string>

using namespace mlir;
using namespace mlir::hyper;

namespace {

constexpr int64_t kDyn = ShapedType::kDynamic;

using Sizes = std::vector<int64_t>;

Sizes of(llvm::ArrayRef<int64_t> sizes) {
  return Sizes(sizes.begin(), sizes.end());
}

// The stages' schedules at 16 and 8 lanes with every other option at 0:
// the generic AVX-512 and AVX2 targets' numbers.
const CpuSchedule avx512 = CpuSchedule::get(16, 0, 0, 0, /*parallel=*/true);
const CpuSchedule avx2 = CpuSchedule::get(8, 0, 0, 0, /*parallel=*/true);
const CpuSchedule serial = CpuSchedule::get(16, 0, 0, 0, /*parallel=*/false);

TEST(CpuSchedule, BatchOf32MainGemmOnAvx512) {
  // The HyperLSTM's step at batch 32: [32, 1000] · [1000, 4000].
  GemmSchedule g = avx512.gemm({32, 4000, 1000});
  EXPECT_EQ(of(g.cacheTile), (Sizes{32, 32})); // 64 rows, all 32 of M
  EXPECT_TRUE(g.onThreads);                    // 128 M multiply-adds
  EXPECT_EQ(g.kPanel, 512);
  EXPECT_EQ(of(g.registerTile), (Sizes{8, 32, 1}));
  std::string text;
  llvm::raw_string_ostream os(text);
  g.print(os);
  EXPECT_EQ(text, "cache tiles 32x32 on the threads, K panels 512, register "
                  "tiles 8x32x1");
}

TEST(CpuSchedule, BatchOf32MainGemmOnAvx2) {
  GemmSchedule g = avx2.gemm({32, 4000, 1000});
  EXPECT_EQ(of(g.cacheTile), (Sizes{32, 32}));
  EXPECT_TRUE(g.onThreads);
  EXPECT_EQ(g.kPanel, 512);
  // 6 rows: 12 accumulators, 2 B vectors and the broadcast in 16 registers.
  EXPECT_EQ(of(g.registerTile), (Sizes{6, 16, 1}));
}

TEST(CpuSchedule, SmallGemmStaysOnOneThread) {
  // The hyper cell's embedding projection [32, 128] · [128, 48]: 196 608
  // multiply-adds, under 2^20.
  GemmSchedule g = avx512.gemm({32, 48, 128});
  EXPECT_FALSE(g.onThreads);
  EXPECT_EQ(g.kPanel, 128); // K whole: shorter than a panel
  EXPECT_EQ(of(g.cacheTile), (Sizes{32, 32}));
}

TEST(CpuSchedule, ThreadsNeedParallelAndAnOwnLoop) {
  EXPECT_FALSE(serial.gemm({32, 4000, 1000}).onThreads);
  // Inside an image loop already on the threads.
  EXPECT_FALSE(avx512.gemm({32, 4000, 1000}, /*serial=*/true).onThreads);
}

TEST(CpuSchedule, DynamicBatchKeepsFullTilesAndThreads) {
  GemmSchedule g = avx512.gemm({kDyn, 4000, 1000});
  EXPECT_EQ(of(g.cacheTile), (Sizes{64, 32}));
  EXPECT_TRUE(g.onThreads);
  EXPECT_EQ(of(g.registerTile), (Sizes{8, 32, 1}));
}

TEST(CpuSchedule, GemvLanesAreTheWidestDividingK) {
  EXPECT_EQ(avx512.gemvLanes(1024), 16);
  EXPECT_EQ(avx512.gemvLanes(1000), 8);
  EXPECT_EQ(avx512.gemvLanes(20), 4);
  EXPECT_EQ(avx512.gemvLanes(7), std::nullopt); // under a quarter register
  EXPECT_EQ(avx2.gemvLanes(6), 2);
  EXPECT_EQ(of(avx512.laneWidths()), (Sizes{16, 8, 4}));
  EXPECT_EQ(of(avx2.laneWidths()), (Sizes{8, 4, 2}));
}

TEST(CpuSchedule, GemvRowBlocksAndThreads) {
  EXPECT_EQ(avx512.rowBlock(4000), 8);
  EXPECT_EQ(avx2.rowBlock(4000), 8); // not the GEMM's 6 rows
  EXPECT_EQ(avx512.rowBlock(12), 4);
  EXPECT_EQ(avx512.rowBlock(7), 1);
  EXPECT_TRUE(avx512.gemvOnThreads(4000 * 1000)); // W_h at batch 1
  EXPECT_FALSE(avx512.gemvOnThreads(16 * 128));   // an embedding projection
  EXPECT_FALSE(serial.gemvOnThreads(4000 * 1000));
}

TEST(CpuSchedule, ConvolutionColumnBlocks) {
  EXPECT_EQ(avx512.convColumnBlock(32), 32);
  EXPECT_EQ(avx512.convColumnBlock(16), 16);
  EXPECT_EQ(avx512.convColumnBlock(14), 0);
  EXPECT_EQ(avx2.convColumnBlock(8), 8);
  EXPECT_EQ(CpuSchedule::get(0, 0, 0, 0, false).convColumnBlock(32), 0);
}

TEST(CpuSchedule, ConvolutionGemmTiles) {
  // 64 filters over a 32×32 image in blocks of 32 pixels: 256 / 32 = 8
  // blocks per tile already gives 1 × 4 tiles.
  ConvGemmSchedule big = avx512.convGemm({64, 32, 32, 576});
  EXPECT_EQ(of(big.cacheTile), (Sizes{64, 8, 0, 0}));
  EXPECT_TRUE(big.onThreads);
  EXPECT_EQ(of(big.panel), (Sizes{0, 0, 0, 256}));
  EXPECT_EQ(of(big.registerTile), (Sizes{8, 1, 0, 1}));
  EXPECT_EQ(of(avx2.convGemm({64, 32, 32, 576}).registerTile),
            (Sizes{6, 1, 0, 1}));
  // A 16×16 image in blocks of 16 pixels: 16 blocks are one tile, halved
  // until there are 4.
  EXPECT_EQ(of(avx512.convGemm({64, 16, 16, 576}).cacheTile),
            (Sizes{64, 4, 0, 0}));
  // On one thread the tile stays whole.
  ConvGemmSchedule one = avx512.convGemm({64, 16, 16, 576}, /*serial=*/true);
  EXPECT_FALSE(one.onThreads);
  EXPECT_EQ(of(one.cacheTile), (Sizes{64, 16, 0, 0}));
}

TEST(CpuSchedule, LaneSumsOnThreads) {
  EXPECT_TRUE(avx512.laneSumsOnThreads({32, 4, 1000})); // 128 000 elements
  EXPECT_FALSE(avx512.laneSumsOnThreads({1, 4, 1000}));
  EXPECT_TRUE(avx512.laneSumsOnThreads({kDyn, 4, 1000}));
  EXPECT_FALSE(serial.laneSumsOnThreads({32, 4, 1000}));
}

TEST(CpuSchedule, ElementwiseTilesAndThreads) {
  EXPECT_TRUE(avx512.elementwiseOnThreads({32, 4000}));
  EXPECT_FALSE(avx512.elementwiseOnThreads({1, 4000})); // under 4096
  EXPECT_FALSE(avx512.elementwiseOnThreads({100000}));  // one dimension
  EXPECT_FALSE(avx512.elementwiseOnThreads({32, 4000}, /*serial=*/true));
  EXPECT_EQ(of(avx512.elementwiseTile({32, 4000})), (Sizes{1, 16}));
  EXPECT_EQ(of(avx512.elementwiseTile({3, 5})), (Sizes{1, 5}));
  EXPECT_EQ(of(avx512.elementwiseTile({kDyn, kDyn})), (Sizes{1, 16}));
  EXPECT_EQ(of(avx512.elementwiseThreadTile({8, 16, 32, 32})),
            (Sizes{1, 1, 0, 0}));
  EXPECT_EQ(of(avx512.elementwiseThreadTile({32, 4000})), (Sizes{1, 0}));
}

} // namespace
