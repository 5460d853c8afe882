//===- CudaRuntime.cpp - GPU entry points over a dlopen'ed driver ---------===//
//
// See CudaRuntime.h. The few driver types and constants used are declared
// here (they are part of the driver's stable ABI), so building needs no
// CUDA headers; unittests/Runtime checks them against cuda.h where the
// toolkit is installed.
//
//===----------------------------------------------------------------------===//

#include "hyper/Runtime/CudaRuntime.h"

#include <cstdio>
#include <cstdlib>
#include <dlfcn.h>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace {

// The driver ABI: handles are opaque pointers, results an int.
using CUresult = int;
using CUdevice = int;
using CUdeviceptr = unsigned long long;
using CUcontext = struct CUctx_st *;
using CUmodule = struct CUmod_st *;
using CUfunction = struct CUfunc_st *;
using CUstream = struct CUstream_st *;
using CUevent = struct CUevent_st *;

constexpr CUresult kSuccess = 0;
constexpr int kJitOptimizationLevel = 7; // CU_JIT_OPTIMIZATION_LEVEL
constexpr unsigned kStreamNonBlocking = 1; // CU_STREAM_NON_BLOCKING
constexpr unsigned kEventDisableTiming = 2; // CU_EVENT_DISABLE_TIMING
constexpr unsigned kMemAttachGlobal = 1;    // CU_MEM_ATTACH_GLOBAL

/// The driver functions used, resolved by name (the versioned names that
/// cuda.h maps the plain ones to).
struct Driver {
#define HYPER_CU_FN(name, symbol, ...) CUresult (*name)(__VA_ARGS__) = nullptr;
#include "CudaDriverFunctions.def"
  CUcontext context = nullptr;
  /// Why GPU code cannot run; empty when it can.
  std::string error;
};

int defaultDevice = 0;

std::string describe(Driver &d, CUresult result) {
  const char *name = nullptr, *text = nullptr;
  if (d.cuGetErrorName)
    d.cuGetErrorName(result, &name);
  if (d.cuGetErrorString)
    d.cuGetErrorString(result, &text);
  std::string s = name ? name : "CUDA error " + std::to_string(result);
  if (text)
    s += std::string(" (") + text + ")";
  return s;
}

/// Loads the driver, resolves its functions and makes the default device's
/// primary context current, once per process.
Driver &driver() {
  static Driver d;
  static std::once_flag once;
  std::call_once(once, [] {
    const char *path = std::getenv("HYPER_CUDA_DRIVER");
    if (!path || !*path)
      path = "libcuda.so.1";
    void *lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
      const char *why = dlerror();
      d.error = std::string("cannot load the CUDA driver (") + path +
                "): " + (why ? why : "unknown reason");
      return;
    }
    // cuInit first: a driver without a device need not export the rest.
    d.cuInit = reinterpret_cast<decltype(d.cuInit)>(dlsym(lib, "cuInit"));
    d.cuGetErrorName = reinterpret_cast<decltype(d.cuGetErrorName)>(
        dlsym(lib, "cuGetErrorName"));
    d.cuGetErrorString = reinterpret_cast<decltype(d.cuGetErrorString)>(
        dlsym(lib, "cuGetErrorString"));
    if (!d.cuInit) {
      d.error = std::string(path) + " is not a CUDA driver (no cuInit)";
      return;
    }
    if (CUresult r = d.cuInit(0); r != kSuccess) {
      d.error = "no usable CUDA device: cuInit: " + describe(d, r);
      return;
    }
#define HYPER_CU_FN(name, symbol, ...)                                         \
  d.name = reinterpret_cast<decltype(d.name)>(dlsym(lib, #symbol));            \
  if (!d.name) {                                                               \
    d.error = std::string(path) + " lacks " #symbol " (driver too old?)";      \
    return;                                                                    \
  }
#define HYPER_CU_SKIP_INIT
#include "CudaDriverFunctions.def"
    CUdevice device;
    if (CUresult r = d.cuDeviceGet(&device, defaultDevice); r != kSuccess) {
      d.error = "no CUDA device " + std::to_string(defaultDevice) +
                ": cuDeviceGet: " + describe(d, r);
      return;
    }
    if (CUresult r = d.cuDevicePrimaryCtxRetain(&d.context, device);
        r != kSuccess) {
      d.error = "cuDevicePrimaryCtxRetain: " + describe(d, r);
      return;
    }
  });
  return d;
}

[[noreturn]] void fail(const std::string &what) {
  std::fprintf(stderr, "hyper-cuda-runtime: error: %s\n", what.c_str());
  std::fflush(stderr);
  std::exit(1);
}

/// The driver, ready for a call from this thread; ends the process with the
/// reason if GPU code cannot run.
Driver &ready() {
  Driver &d = driver();
  if (!d.error.empty())
    fail(d.error);
  if (CUresult r = d.cuCtxSetCurrent(d.context); r != kSuccess)
    fail("cuCtxSetCurrent: " + describe(d, r));
  return d;
}

void check(Driver &d, CUresult result, const char *call) {
  if (result != kSuccess)
    fail(std::string(call) + ": " + describe(d, result));
}

} // namespace

#define CHECK_CU(d, call) check(d, d.call, #call)

namespace {
/// The first byte and the size of a dense memref; ends the process on a
/// strided one (the driver registers one contiguous range).
std::pair<char *, uint64_t> denseRange(int64_t rank, void *descriptor,
                                       int64_t elementSizeBytes,
                                       const char *caller) {
  auto *words = static_cast<int64_t *>(descriptor);
  char *aligned = reinterpret_cast<char *>(words[1]);
  const int64_t *sizes = words + 3, *strides = words + 3 + rank;
  int64_t elements = 1;
  for (int64_t i = rank - 1; i >= 0; --i) {
    if (sizes[i] != 1 && strides[i] != elements)
      fail(std::string(caller) + ": the memref is not dense (dimension " +
           std::to_string(i) + " has stride " + std::to_string(strides[i]) +
           ", expected " + std::to_string(elements) + ")");
    elements *= sizes[i];
  }
  return {aligned + words[2] * elementSizeBytes,
          static_cast<uint64_t>(elements * elementSizeBytes)};
}
} // namespace

extern "C" {

const char *hyperCudaStatus(void) {
  Driver &d = driver();
  return d.error.empty() ? nullptr : d.error.c_str();
}

void mgpuSetDefaultDevice(int32_t device) { defaultDevice = device; }

void *mgpuModuleLoad(void *data, size_t /*size*/) {
  // Runs from a global constructor: without a usable driver, leave the
  // report to the program's first GPU call.
  Driver &d = driver();
  if (!d.error.empty())
    return nullptr;
  ready();
  CUmodule module = nullptr;
  CHECK_CU(d, cuModuleLoadData(&module, data));
  return module;
}

void *mgpuModuleLoadJIT(void *data, int optLevel) {
  Driver &d = driver();
  if (!d.error.empty())
    return nullptr;
  ready();
  CUmodule module = nullptr;
  int options[] = {kJitOptimizationLevel};
  void *values[] = {reinterpret_cast<void *>(static_cast<intptr_t>(optLevel))};
  CHECK_CU(d, cuModuleLoadDataEx(&module, data, 1, options, values));
  return module;
}

void mgpuModuleUnload(void *module) {
  // Also runs from a global destructor, after a failed load.
  if (!module)
    return;
  Driver &d = ready();
  CHECK_CU(d, cuModuleUnload(static_cast<CUmodule>(module)));
}

void *mgpuModuleGetFunction(void *module, const char *name) {
  Driver &d = ready();
  if (!module)
    fail(std::string("no GPU module holds kernel '") + name + "'");
  CUfunction function = nullptr;
  CHECK_CU(d, cuModuleGetFunction(&function, static_cast<CUmodule>(module),
                                  name));
  return function;
}

void mgpuLaunchKernel(void *function, intptr_t gridX, intptr_t gridY,
                      intptr_t gridZ, intptr_t blockX, intptr_t blockY,
                      intptr_t blockZ, int32_t smem, void *stream,
                      void **params, void **extra, size_t /*paramsCount*/) {
  Driver &d = ready();
  CHECK_CU(d, cuLaunchKernel(static_cast<CUfunction>(function), gridX, gridY,
                             gridZ, blockX, blockY, blockZ, smem,
                             static_cast<CUstream>(stream), params, extra));
}

// Lowered code creates, synchronises and destroys a stream around every
// synchronous launch, allocation and free; streams are therefore pooled:
// "destroyed" streams (idle: the lowering synchronises before destroying)
// are handed out again instead of being recreated. The driver frees them at
// exit.
namespace {
std::mutex streamPoolMutex;
std::vector<CUstream> streamPool;
} // namespace

void *mgpuStreamCreate(void) {
  Driver &d = ready();
  {
    std::lock_guard<std::mutex> lock(streamPoolMutex);
    if (!streamPool.empty()) {
      CUstream stream = streamPool.back();
      streamPool.pop_back();
      return stream;
    }
  }
  CUstream stream = nullptr;
  CHECK_CU(d, cuStreamCreate(&stream, kStreamNonBlocking));
  return stream;
}

void mgpuStreamDestroy(void *stream) {
  ready();
  std::lock_guard<std::mutex> lock(streamPoolMutex);
  streamPool.push_back(static_cast<CUstream>(stream));
}

void mgpuStreamSynchronize(void *stream) {
  Driver &d = ready();
  CHECK_CU(d, cuStreamSynchronize(static_cast<CUstream>(stream)));
}

void mgpuStreamWaitEvent(void *stream, void *event) {
  Driver &d = ready();
  CHECK_CU(d, cuStreamWaitEvent(static_cast<CUstream>(stream),
                                static_cast<CUevent>(event), 0));
}

void *mgpuEventCreate(void) {
  Driver &d = ready();
  CUevent event = nullptr;
  CHECK_CU(d, cuEventCreate(&event, kEventDisableTiming));
  return event;
}

void mgpuEventDestroy(void *event) {
  Driver &d = ready();
  CHECK_CU(d, cuEventDestroy(static_cast<CUevent>(event)));
}

void mgpuEventSynchronize(void *event) {
  Driver &d = ready();
  CHECK_CU(d, cuEventSynchronize(static_cast<CUevent>(event)));
}

void mgpuEventRecord(void *event, void *stream) {
  Driver &d = ready();
  CHECK_CU(d, cuEventRecord(static_cast<CUevent>(event),
                            static_cast<CUstream>(stream)));
}

void *mgpuMemAlloc(uint64_t sizeBytes, void * /*stream*/, bool isHostShared) {
  Driver &d = ready();
  CUdeviceptr ptr = 0;
  if (sizeBytes == 0)
    return nullptr;
  if (isHostShared)
    CHECK_CU(d, cuMemAllocManaged(&ptr, sizeBytes, kMemAttachGlobal));
  else
    CHECK_CU(d, cuMemAlloc(&ptr, sizeBytes));
  return reinterpret_cast<void *>(ptr);
}

void mgpuMemFree(void *ptr, void * /*stream*/) {
  if (!ptr)
    return;
  Driver &d = ready();
  CHECK_CU(d, cuMemFree(reinterpret_cast<CUdeviceptr>(ptr)));
}

void mgpuMemcpy(void *dst, void *src, size_t sizeBytes, void *stream) {
  Driver &d = ready();
  CHECK_CU(d, cuMemcpyAsync(reinterpret_cast<CUdeviceptr>(dst),
                            reinterpret_cast<CUdeviceptr>(src), sizeBytes,
                            static_cast<CUstream>(stream)));
}

void mgpuMemset32(void *dst, unsigned int value, size_t count, void *stream) {
  Driver &d = ready();
  CHECK_CU(d, cuMemsetD32Async(reinterpret_cast<CUdeviceptr>(dst), value,
                               count, static_cast<CUstream>(stream)));
}

void mgpuMemset16(void *dst, unsigned short value, size_t count,
                  void *stream) {
  Driver &d = ready();
  CHECK_CU(d, cuMemsetD16Async(reinterpret_cast<CUdeviceptr>(dst), value,
                               count, static_cast<CUstream>(stream)));
}

void mgpuMemHostRegister(void *ptr, uint64_t sizeBytes) {
  Driver &d = ready();
  CHECK_CU(d, cuMemHostRegister(ptr, sizeBytes, 0));
}

void mgpuMemHostUnregister(void *ptr) {
  Driver &d = ready();
  CHECK_CU(d, cuMemHostUnregister(ptr));
}


void mgpuMemHostRegisterMemRef(int64_t rank, void *descriptor,
                               int64_t elementSizeBytes) {
  auto [ptr, bytes] = denseRange(rank, descriptor, elementSizeBytes,
                                 "gpu.host_register");
  mgpuMemHostRegister(ptr, bytes);
}

void mgpuMemHostUnregisterMemRef(int64_t rank, void *descriptor,
                                 int64_t elementSizeBytes) {
  auto [ptr, bytes] = denseRange(rank, descriptor, elementSizeBytes,
                                 "gpu.host_unregister");
  (void)bytes;
  mgpuMemHostUnregister(ptr);
}

} // extern "C"
