//===- CudaRuntimeTest.cpp - The GPU runtime with and without a device ----===//
//
// Built three times (see CMakeLists.txt), once per driver situation:
//  * HYPER_TEST_DRIVER names a library that does not exist: no driver;
//  * HYPER_TEST_DRIVER names FakeCudaDriver: a driver but no device;
//  * no HYPER_TEST_DRIVER: the machine's own driver. Without a device the
//    device tests skip; with one they round-trip memory through it.
//
//===----------------------------------------------------------------------===//

#include "hyper/Runtime/CudaRuntime.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

#ifdef HYPER_TEST_DRIVER

// A program whose GPU code cannot run: module loads (run from global
// constructors before main) return null quietly, and the first real GPU call
// ends the process with one line naming the reason.

TEST(CudaRuntimeUnavailable, StatusGivesTheReason) {
  const char *status = hyperCudaStatus();
  ASSERT_NE(status, nullptr);
  EXPECT_NE(std::string(status).find(HYPER_TEST_EXPECTED_ERROR),
            std::string::npos)
      << status;
}

TEST(CudaRuntimeUnavailable, ModuleLoadsReturnNullWithoutExiting) {
  char blob[16] = {};
  EXPECT_EQ(mgpuModuleLoad(blob, sizeof(blob)), nullptr);
  EXPECT_EQ(mgpuModuleLoadJIT(blob, 2), nullptr);
  // The matching global destructors: no-ops.
  mgpuModuleUnload(nullptr);
  mgpuMemFree(nullptr, nullptr);
}

TEST(CudaRuntimeUnavailableDeathTest, FirstGpuCallExitsWithOneLine) {
  const std::string line = std::string("^hyper-cuda-runtime: error: [^\n]*") +
                           HYPER_TEST_EXPECTED_ERROR + "[^\n]*\n$";
  EXPECT_EXIT(mgpuStreamCreate(), testing::ExitedWithCode(1), line);
  EXPECT_EXIT(mgpuModuleGetFunction(nullptr, "kernel"),
              testing::ExitedWithCode(1), line);
  EXPECT_EXIT(mgpuMemAlloc(64, nullptr, false), testing::ExitedWithCode(1),
              line);
}

#else

class CudaRuntimeDevice : public testing::Test {
protected:
  void SetUp() override {
    if (const char *status = hyperCudaStatus())
      GTEST_SKIP() << "no usable CUDA device: " << status;
  }
};

TEST_F(CudaRuntimeDevice, MemsetAndCopyRoundTrip) {
  constexpr size_t n = 1000;
  void *stream = mgpuStreamCreate();
  void *device = mgpuMemAlloc(n * sizeof(float), stream, false);
  ASSERT_NE(device, nullptr);
  const float one = 1.0f;
  unsigned bits;
  std::memcpy(&bits, &one, sizeof(bits));
  mgpuMemset32(device, bits, n, stream);
  std::vector<float> host(n, 0.0f);
  mgpuMemcpy(host.data(), device, n * sizeof(float), stream);
  mgpuStreamSynchronize(stream);
  for (size_t i = 0; i < n; ++i)
    ASSERT_EQ(host[i], 1.0f) << "element " << i;
  mgpuMemFree(device, stream);
  mgpuStreamDestroy(stream);
}

TEST_F(CudaRuntimeDevice, EventsOrderStreams) {
  void *producer = mgpuStreamCreate(), *consumer = mgpuStreamCreate();
  void *event = mgpuEventCreate();
  void *device = mgpuMemAlloc(4 * sizeof(unsigned), producer, false);
  mgpuMemset32(device, 7u, 4, producer);
  mgpuEventRecord(event, producer);
  mgpuStreamWaitEvent(consumer, event);
  unsigned host[4] = {};
  mgpuMemcpy(host, device, sizeof(host), consumer);
  mgpuStreamSynchronize(consumer);
  for (unsigned v : host)
    EXPECT_EQ(v, 7u);
  mgpuEventDestroy(event);
  mgpuMemFree(device, consumer);
  mgpuStreamDestroy(producer);
  mgpuStreamDestroy(consumer);
}

TEST_F(CudaRuntimeDevice, ModuleLoadRejectsGarbageWithOneLine) {
  char garbage[64] = "not a cubin";
  EXPECT_EXIT(mgpuModuleLoad(garbage, sizeof(garbage)),
              testing::ExitedWithCode(1),
              "^hyper-cuda-runtime: error: cuModuleLoadData[^\n]*\n$");
}

#endif

} // namespace

int main(int argc, char **argv) {
#ifdef HYPER_TEST_DRIVER
  setenv("HYPER_CUDA_DRIVER", HYPER_TEST_DRIVER, /*overwrite=*/1);
#endif
  testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
