//===- GpuScheduleTest.cpp - The GPU GEMM kernels' decisions, without IR --===//

#include "hyper/Codegen/GPU/GpuSchedule.h"

#include "gtest/gtest.h"

using namespace mlir::hyper;

namespace {

TEST(GpuSchedule, LargeOrDynamicMGetsTheFull64By64Block) {
  for (std::optional<int64_t> m :
       {std::optional<int64_t>(), std::optional<int64_t>(64),
        std::optional<int64_t>(3200)}) {
    GpuTiling t = GpuSchedule::gemmTiling(m);
    EXPECT_EQ(t.bm(), 64);
    EXPECT_EQ(t.bn(), 64);
    EXPECT_EQ(t.threads(), 256);
  }
}

TEST(GpuSchedule, SmallStaticMShrinksTheBlockRows) {
  GpuTiling b32 = GpuSchedule::gemmTiling(32); // 4 rows a thread, 8 threads
  EXPECT_EQ(b32.tm, 4);
  EXPECT_EQ(b32.ty, 8);
  GpuTiling b2 = GpuSchedule::gemmTiling(2); // 1 row a thread, at least 2
  EXPECT_EQ(b2.tm, 1);
  EXPECT_EQ(b2.ty, 2);
  EXPECT_EQ(GpuSchedule::gemmTiling(5).ty, 8); // 5 rows round up to 8
}

TEST(GpuSchedule, SkinnyGemms) {
  EXPECT_TRUE(GpuSchedule::skinnyFits(1, 4));
  EXPECT_TRUE(GpuSchedule::skinnyFits(32, 4));
  EXPECT_FALSE(GpuSchedule::skinnyFits(33, 4));
  EXPECT_FALSE(GpuSchedule::skinnyFits(std::nullopt, 1)); // dynamic rows
  EXPECT_EQ(GpuSchedule::skinnyRowsPerWarp(1, 4), 1);
  EXPECT_EQ(GpuSchedule::skinnyRowsPerWarp(32, 4), 8);  // min(32, 8, 32/4)
  EXPECT_EQ(GpuSchedule::skinnyRowsPerWarp(32, 16), 2); // 32 slots / 16
  GpuTiling warps = GpuSchedule::skinnyTiling();
  EXPECT_EQ(warps.tx, 32);
  EXPECT_EQ(warps.ty, 8);
}

} // namespace
