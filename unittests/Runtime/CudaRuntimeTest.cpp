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
                          reinterpret_cast<int64_t>(data),
                          1,
                          2,
                          3,
                          3,
                          1};
  testing::internal::CaptureStderr();
  mgpuMemHostRegisterMemRef(2, descriptor, sizeof(float));
  mgpuMemHostUnregisterMemRef(2, descriptor, sizeof(float));
  EXPECT_EQ(
      testing::internal::GetCapturedStderr(),
      "fake-cuda: cuMemHostRegister 24\nfake-cuda: cuMemHostUnregister\n");
}

TEST(CudaRuntimeRecorded, KernelLookupsAreCachedUntilTheModuleUnloads) {
  char module;
  static const char name[] = "kernel";
  testing::internal::CaptureStderr();
  void *first = mgpuModuleGetFunction(&module, name);
  void *second = mgpuModuleGetFunction(&module, name);
  mgpuModuleUnload(&module);
  void *third = mgpuModuleGetFunction(&module, name);
  std::string log = testing::internal::GetCapturedStderr();
  EXPECT_EQ(first, second);
  EXPECT_EQ(first, third);
  EXPECT_EQ(log, "fake-cuda: cuModuleGetFunction kernel\n"
                 "fake-cuda: cuModuleUnload\n"
                 "fake-cuda: cuModuleGetFunction kernel\n");
}

TEST(CudaRuntimeRecorded, FreedMemoryIsReusedBySizeClassAndKind) {
  testing::internal::CaptureStderr();
  void *managed = mgpuMemAlloc(1000, nullptr, /*isHostShared=*/true);
  mgpuMemFree(managed, nullptr);
  // 900 bytes are served from the same 1024-byte class: no driver call.
  void *again = mgpuMemAlloc(900, nullptr, /*isHostShared=*/true);
  // Device memory of that size is another kind: a new block.
  void *device = mgpuMemAlloc(1000, nullptr, /*isHostShared=*/false);
  // 3 MiB + 1 byte and 3 MiB + 200 000 bytes: both in the 3.25 MiB class
  // (eighths of 2 MiB above 2 MiB).
  void *large = mgpuMemAlloc((3u << 20) + 1, nullptr, /*isHostShared=*/true);
  mgpuMemFree(again, nullptr);
  mgpuMemFree(device, nullptr);
  mgpuMemFree(large, nullptr);
  void *largeAgain =
      mgpuMemAlloc((3u << 20) + 200000, nullptr, /*isHostShared=*/true);
  mgpuMemFree(largeAgain, nullptr);
  std::string log = testing::internal::GetCapturedStderr();
  EXPECT_EQ(again, managed);
  EXPECT_NE(device, managed);
  EXPECT_EQ(largeAgain, large);
  EXPECT_EQ(log, "fake-cuda: cuMemAllocManaged 1024 live 1\n"
                 "fake-cuda: cuMemAlloc 1024 live 2\n"
                 "fake-cuda: cuMemAllocManaged 3407872 live 3\n");
}

TEST(CudaRuntimeRecorded, CachedMemoryGoesBackToTheDriverOnRequest) {
  testing::internal::CaptureStderr();
  void *block = mgpuMemAlloc(5000, nullptr, /*isHostShared=*/true);
  mgpuMemFree(block, nullptr);
  EXPECT_GE(hyperCudaCachedBytes(), 5000u);
  hyperCudaReleaseCachedMemory();
  std::string log = testing::internal::GetCapturedStderr();
  EXPECT_EQ(hyperCudaCachedBytes(), 0u);
  EXPECT_NE(log.find("fake-cuda: cuMemFree live"), std::string::npos) << log;
  // The next request of that size goes to the driver again.
  testing::internal::CaptureStderr();
  void *again = mgpuMemAlloc(5000, nullptr, /*isHostShared=*/true);
  log = testing::internal::GetCapturedStderr();
  EXPECT_NE(log.find("fake-cuda: cuMemAllocManaged 5120"), std::string::npos)
      << log;
  testing::internal::CaptureStderr();
  mgpuMemFree(again, nullptr);
  hyperCudaReleaseCachedMemory();
  EXPECT_EQ(testing::internal::GetCapturedStderr(),
            "fake-cuda: cuMemFree live 0\n");
}

TEST(CudaRuntimeRecorded, ConstantCopiesLastUntilAModuleUnloads) {
  float weights[6] = {1, 2, 3, 4, 5, 6};
  // 1-D descriptors {allocated, aligned, offset, size, stride}: elements 1..5.
  struct {
    void *allocated, *aligned;
    int64_t offset, size, stride;
  } global = {weights, weights, 1, 5, 1}, first = {}, second = {}, third = {};
  testing::internal::CaptureStderr();
  _mlir_ciface_hyperCudaConstant_f32(&first, &global);
  ASSERT_NE(first.aligned, nullptr);
  EXPECT_NE(first.aligned, static_cast<void *>(weights + 1));
  EXPECT_EQ(std::memcmp(first.aligned, weights + 1, 5 * sizeof(float)), 0);
  EXPECT_EQ(first.offset, 0);
  EXPECT_EQ(first.size, 5);
  EXPECT_EQ(first.stride, 1);
  // The second call returns the first copy: made once per process.
  weights[1] = 20;
  _mlir_ciface_hyperCudaConstant_f32(&second, &global);
  EXPECT_EQ(second.aligned, first.aligned);
  EXPECT_EQ(static_cast<float *>(second.aligned)[0], 2.0f);
  // An unload drops every copy: the next call copies the data now there.
  // (The dropped copy's block serves the new copy: no driver allocation.)
  char module;
  mgpuModuleUnload(&module);
  _mlir_ciface_hyperCudaConstant_f32(&third, &global);
  std::string log = testing::internal::GetCapturedStderr();
  EXPECT_EQ(static_cast<float *>(third.aligned)[0], 20.0f);
  EXPECT_EQ(log.find("cuMemAllocManaged 256 "), log.rfind("cuMemAllocManaged"))
      << log;
  EXPECT_NE(log.find("cuMemAllocManaged 256 "), std::string::npos) << log;
  EXPECT_EQ(log.substr(log.find('\n') + 1), "fake-cuda: cuModuleUnload\n");
}

// Errors are the call's, not the process's: recorded, reported by
// hyperCudaEndCall, forgotten by the next hyperCudaBeginCall.

TEST(CudaRuntimeRecorded, FreeingAForeignPointerIsTheCallsError) {
  float host[4];
  hyperCudaBeginCall();
  mgpuMemFree(host, nullptr);
  const char *error = hyperCudaEndCall();
  ASSERT_NE(error, nullptr);
  EXPECT_STREQ(error, "gpu.dealloc: the pointer was not allocated by this "
                      "runtime or was freed twice");
  hyperCudaBeginCall();
  EXPECT_EQ(hyperCudaEndCall(), nullptr);
}

TEST(CudaRuntimeRecorded, HostRegisterRejectsAStridedMemRef) {
  float data[12] = {};
  int64_t descriptor[] = {reinterpret_cast<int64_t>(data),
                          reinterpret_cast<int64_t>(data),
                          0,
                          2,
                          3,
                          6,
                          2};
  hyperCudaBeginCall();
  mgpuMemHostRegisterMemRef(2, descriptor, sizeof(float));
  const char *error = hyperCudaEndCall();
  ASSERT_NE(error, nullptr);
  EXPECT_STREQ(error, "gpu.host_register: the memref is not dense (dimension "
                      "1 has stride 2, expected 1)");
}

TEST(CudaRuntimeRecorded, AfterAnErrorTheCallRunsOnHostStandIns) {
  float host[4];
  hyperCudaBeginCall();
  mgpuMemFree(host, nullptr); // the call's first error
  testing::internal::CaptureStderr();
  // No driver call from here on: no stream, no launch, and allocations are
  // zeroed host memory the host code can use.
  EXPECT_EQ(mgpuStreamCreate(), nullptr);
  mgpuLaunchKernel(nullptr, 1, 1, 1, 1, 1, 1, 0, nullptr, nullptr, nullptr, 0);
  auto *block = static_cast<unsigned char *>(mgpuMemAlloc(1000, nullptr, true));
  ASSERT_NE(block, nullptr);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(block) % 256, 0u);
  for (int i = 0; i < 1000; ++i)
    ASSERT_EQ(block[i], 0) << i;
  block[999] = 1;
  float value = 3;
  struct {
    void *allocated, *aligned;
    int64_t offset, size, stride;
  } global = {&value, &value, 0, 1, 1}, copy = {};
  _mlir_ciface_hyperCudaConstant_f32(&copy, &global);
  ASSERT_NE(copy.aligned, nullptr);
  EXPECT_EQ(static_cast<float *>(copy.aligned)[0], 3.0f);
  mgpuMemFree(block, nullptr);
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
  EXPECT_NE(hyperCudaEndCall(), nullptr);
  // The stand-in constant was not cached: the next call copies it anew
  // through the driver.
  testing::internal::CaptureStderr();
  hyperCudaBeginCall();
  _mlir_ciface_hyperCudaConstant_f32(&copy, &global);
  EXPECT_EQ(hyperCudaEndCall(), nullptr);
  EXPECT_NE(testing::internal::GetCapturedStderr().find("cuMemAllocManaged"),
            std::string::npos);
}

#elif defined(HYPER_TEST_DRIVER)

// A program whose GPU code cannot run: module loads (run from global
// constructors before main) return null quietly, and a call's GPU
// operations fail with the reason, without ending the process.

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

TEST(CudaRuntimeUnavailable, GpuOperationsFailTheCallWithTheReason) {
  hyperCudaBeginCall();
  EXPECT_EQ(mgpuStreamCreate(), nullptr);
  EXPECT_EQ(mgpuModuleGetFunction(nullptr, "kernel"), nullptr);
  void *block = mgpuMemAlloc(64, nullptr, false);
  ASSERT_NE(block, nullptr); // a host stand-in
  mgpuMemFree(block, nullptr);
  const char *error = hyperCudaEndCall();
  ASSERT_NE(error, nullptr);
  EXPECT_NE(std::string(error).find(HYPER_TEST_EXPECTED_ERROR),
            std::string::npos)
      << error;
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

TEST_F(CudaRuntimeDevice, ConstantCopiesAreReadableAndReused) {
  std::vector<int32_t> data(3000);
  for (size_t i = 0; i < data.size(); ++i)
    data[i] = static_cast<int32_t>(i * 7);
  struct {
    void *allocated, *aligned;
    int64_t offset, size, stride;
  } global = {data.data(), data.data(), 0, 3000, 1}, first = {}, second = {};
  _mlir_ciface_hyperCudaConstant_i32(&first, &global);
  _mlir_ciface_hyperCudaConstant_i32(&second, &global);
  EXPECT_EQ(first.aligned, second.aligned);
  // Managed memory: the device copies it back for the host to compare.
  std::vector<int32_t> back(data.size());
  void *stream = mgpuStreamCreate();
  mgpuMemcpy(back.data(), first.aligned, back.size() * sizeof(int32_t), stream);
  mgpuStreamSynchronize(stream);
  mgpuStreamDestroy(stream);
  EXPECT_EQ(back, data);
}

TEST_F(CudaRuntimeDevice, ModuleLoadRejectsGarbageForItsCalls) {
  char garbage[64] = "not a cubin";
  EXPECT_EQ(mgpuModuleLoad(garbage, sizeof(garbage)), nullptr);
  // The GPU stays usable; a call that needs the module's kernels fails.
  EXPECT_EQ(hyperCudaStatus(), nullptr);
  hyperCudaBeginCall();
  EXPECT_EQ(mgpuModuleGetFunction(nullptr, "kernel"), nullptr);
  const char *error = hyperCudaEndCall();
  ASSERT_NE(error, nullptr);
  EXPECT_NE(std::string(error).find("cuModuleLoadData"), std::string::npos)
      << error;
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
