//===- CudaRuntimeTest.cpp - The GPU runtime with and without a device ----===//
//
// Built four times (see CMakeLists.txt), once per driver situation:
//  * HYPER_TEST_DRIVER names a library that does not exist: no driver;
//  * HYPER_TEST_DRIVER names FakeCudaDriver: a driver but no device;
//  * HYPER_TEST_DRIVER names the recording driver (HYPER_TEST_RECORDING):
//    the calls the runtime makes, without a GPU;
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

#if defined(HYPER_TEST_DRIVER) && defined(HYPER_TEST_RECORDING)

// Against test/lib/RecordingCudaDriver.cpp, which logs the driver calls to
// stderr and keeps memory on the host: what the runtime asks of the driver.

TEST(CudaRuntimeRecorded, StreamsArePooled) {
  testing::internal::CaptureStderr();
  void *first = mgpuStreamCreate();
  mgpuStreamDestroy(first);
  void *second = mgpuStreamCreate();
  mgpuStreamDestroy(second);
  std::string log = testing::internal::GetCapturedStderr();
  EXPECT_EQ(first, second);
  EXPECT_EQ(log, "fake-cuda: cuStreamCreate\n");
}

TEST(CudaRuntimeRecorded, HostRegisterMemRefRegistersTheDenseRange) {
  float data[7] = {};
  // A [2, 3] f32 view at offset 1: {allocated, aligned, offset, sizes,
  // strides}.
  int64_t descriptor[] = {reinterpret_cast<int64_t>(data),
                          reinterpret_cast<int64_t>(data), 1, 2, 3, 3, 1};
  testing::internal::CaptureStderr();
  mgpuMemHostRegisterMemRef(2, descriptor, sizeof(float));
  mgpuMemHostUnregisterMemRef(2, descriptor, sizeof(float));
  EXPECT_EQ(testing::internal::GetCapturedStderr(),
            "fake-cuda: cuMemHostRegister 24\nfake-cuda: cuMemHostUnregister\n");
}

TEST(CudaRuntimeRecordedDeathTest, HostRegisterRejectsAStridedMemRef) {
  float data[12] = {};
  int64_t descriptor[] = {reinterpret_cast<int64_t>(data),
                          reinterpret_cast<int64_t>(data), 0, 2, 3, 6, 2};
  EXPECT_EXIT(mgpuMemHostRegisterMemRef(2, descriptor, sizeof(float)),
              testing::ExitedWithCode(1),
              "^hyper-cuda-runtime: error: gpu.host_register: the memref is "
              "not dense \\(dimension 1 has stride 2, expected 1\\)\n$");
}

#elif defined(HYPER_TEST_DRIVER)

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
