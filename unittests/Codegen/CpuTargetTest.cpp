//===- CpuTargetTest.cpp - Schedules derived from real CPU descriptions ---===//
//
// describeCpu's view of the CPUs the project runs on (from LLVM's
// sub-target and scheduling models and the cache table) and what
// CpuSchedule::forTarget derives from each: the register tile from the
// register count, K panels from the L2, the prefetch distance from the L1d.
// Expected values: the vendors' figures (registers, FMA pipes, caches) and
// the rules documented in CpuSchedule.h worked out by hand.
//
//===----------------------------------------------------------------------===//

#include "hyper/Codegen/CPU/CpuSchedule.h"
#include "hyper/Target/CpuDescription.h"

#include "llvm/Support/TargetSelect.h"

#include <gtest/gtest.h>

#include <vector>

using namespace mlir;
using namespace mlir::hyper;

namespace {

using Sizes = std::vector<int64_t>;

class CpuTargetTest : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
  }

  static CpuTarget named(llvm::StringRef cpu) {
    std::string error;
    std::optional<CpuSelection> s = selectCpu(cpu, "", error);
    EXPECT_TRUE(s) << error;
    return s ? s->target : CpuTarget();
  }

  /// The register tile of the batch-32 step's [32, 1000] · [1000, 4000].
  static Sizes mainGemmTile(const CpuSchedule &s) {
    SmallVector<int64_t, 3> tile = s.gemm({32, 4000, 1000}).registerTile;
    return Sizes(tile.begin(), tile.end());
  }
};

TEST_F(CpuTargetTest, Haswell) {
  CpuTarget t = named("haswell");
  EXPECT_EQ(t.isa, "AVX2");
  EXPECT_EQ(t.lanes(), 8);
  EXPECT_EQ(t.vectorRegisters, 16);
  EXPECT_EQ(t.fmaPerCycle, 2); // ports 0 and 1
  EXPECT_EQ(t.fmaLatency, 5);
  EXPECT_EQ(t.l2Bytes, 256 * 1024);
  CpuSchedule s = CpuSchedule::forTarget(t, /*parallel=*/true);
  EXPECT_EQ(s.vectorWidth, 8);
  EXPECT_EQ(s.mTile, 6); // BLIS's Haswell kernel: 6 × 16
  // (64 + 32) rows × 512 × 4 B = 192 KiB > 128 KiB: halved once.
  EXPECT_EQ(s.kPanel, 256);
  EXPECT_EQ(s.prefetchBytes, 16 * 1024);
  EXPECT_EQ(mainGemmTile(s), (Sizes{6, 16, 1}));
}

TEST_F(CpuTargetTest, Znver3) {
  CpuTarget t = named("znver3");
  EXPECT_EQ(t.isa, "AVX2");
  EXPECT_EQ(t.vectorRegisters, 16);
  EXPECT_EQ(t.fmaPerCycle, 2);
  EXPECT_EQ(t.fmaLatency, 4);
  EXPECT_EQ(t.flopsPerCycle(), 32);
  EXPECT_EQ(t.l1dBytes, 32 * 1024);
  EXPECT_EQ(t.l2Bytes, 512 * 1024);
  CpuSchedule s = CpuSchedule::forTarget(t, /*parallel=*/true);
  EXPECT_EQ(s.mTile, 6);
  EXPECT_EQ(s.kPanel, 512); // 192 KiB within 256 KiB
  EXPECT_EQ(mainGemmTile(s), (Sizes{6, 16, 1}));
  std::string text;
  llvm::raw_string_ostream os(text);
  s.printOptions(os);
  EXPECT_EQ(text, "vector-width=8 m-tile=6 k-panel=512 prefetch-bytes=16384");
}

TEST_F(CpuTargetTest, Znver4) {
  CpuTarget t = named("znver4");
  EXPECT_EQ(t.isa, "AVX-512");
  EXPECT_EQ(t.lanes(), 16);
  EXPECT_EQ(t.vectorRegisters, 32);
  EXPECT_EQ(t.fmaPerCycle, 1); // 512-bit FMAs on two 256-bit pipes
  EXPECT_EQ(t.flopsPerCycle(), 32);
  EXPECT_EQ(t.l2Bytes, 1024 * 1024);
  CpuSchedule s = CpuSchedule::forTarget(t, /*parallel=*/true);
  EXPECT_EQ(s.mTile, 8); // 14 would fit; capped at 8
  EXPECT_EQ(s.kPanel, 512);
  EXPECT_EQ(mainGemmTile(s), (Sizes{8, 32, 1}));
}

TEST_F(CpuTargetTest, Znver5) {
  CpuTarget t = named("znver5");
  EXPECT_EQ(t.isa, "AVX-512");
  EXPECT_EQ(t.vectorRegisters, 32);
  EXPECT_EQ(t.l1dBytes, 48 * 1024);
  CpuSchedule s = CpuSchedule::forTarget(t, /*parallel=*/true);
  EXPECT_EQ(s.mTile, 8);
  EXPECT_EQ(s.kPanel, 512);
  EXPECT_EQ(s.prefetchBytes, 16 * 1024); // under half of 48 KiB
  EXPECT_EQ(mainGemmTile(s), (Sizes{8, 32, 1}));
}

TEST_F(CpuTargetTest, SkylakeAvx512) {
  CpuTarget t = named("skylake-avx512");
  EXPECT_EQ(t.isa, "AVX-512");
  EXPECT_EQ(t.lanes(), 16); // LLVM prefers 256-bit vectors; the GEMMs do not
  EXPECT_EQ(t.vectorRegisters, 32);
  EXPECT_EQ(t.fmaPerCycle, 2); // ports 0 and 5
  EXPECT_EQ(t.flopsPerCycle(), 64);
  CpuSchedule s = CpuSchedule::forTarget(t, /*parallel=*/true);
  EXPECT_EQ(s.mTile, 8);
  EXPECT_EQ(mainGemmTile(s), (Sizes{8, 32, 1}));
}

TEST_F(CpuTargetTest, FeaturesChangeTheIsa) {
  std::string error;
  std::optional<CpuSelection> s = selectCpu("znver4", "-avx512f", error);
  ASSERT_TRUE(s) << error;
  EXPECT_EQ(s->target.isa, "AVX2");
  EXPECT_EQ(s->target.vectorRegisters, 16);
  EXPECT_EQ(CpuSchedule::forTarget(s->target, false).mTile, 6);
}

TEST_F(CpuTargetTest, UnknownNamesAreErrors) {
  std::string error;
  EXPECT_FALSE(selectCpu("znver99", "", error));
  EXPECT_NE(error.find("unknown --target-cpu 'znver99'"), std::string::npos)
      << error;
  error.clear();
  EXPECT_FALSE(selectCpu("znver3", "+avx9000", error));
  EXPECT_NE(error.find("unknown --target-features entry '+avx9000'"),
            std::string::npos)
      << error;
  error.clear();
  EXPECT_FALSE(selectCpu("znver3", "avx2", error)); // no sign
  EXPECT_FALSE(error.empty());
}

TEST_F(CpuTargetTest, TheHostIsDescribed) {
  std::string error;
  std::optional<CpuSelection> s = selectCpu("host", "", error);
  ASSERT_TRUE(s) << error;
  EXPECT_TRUE(s->host);
  EXPECT_GT(s->target.threads, 0);
  EXPECT_GE(s->target.lanes(), 4);
  EXPECT_GT(s->target.l1dBytes, 0);
  EXPECT_EQ(missingHostFeatures(*s), "");
}

TEST_F(CpuTargetTest, GenericTargetsMatchTheNamedOnes) {
  // What the stages assume at 16 and 8 lanes with no CPU named.
  EXPECT_EQ(CpuSchedule::forTarget(CpuTarget::generic(16), false).mTile,
            CpuSchedule::forTarget(named("znver4"), false).mTile);
  EXPECT_EQ(CpuSchedule::forTarget(CpuTarget::generic(8), false).mTile,
            CpuSchedule::forTarget(named("znver3"), false).mTile);
}

} // namespace
