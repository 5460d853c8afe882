//===- CudaRuntime.cpp - GPU entry points over a dlopen'ed driver ---------===//
//
// See CudaRuntime.h. The few driver types and constants used are declared
// here (they are part of the driver's stable ABI), so building needs no
// CUDA headers; unittests/Runtime checks them against cuda.h where the
// toolkit is installed.
//
//===----------------------------------------------------------------------===//

#include "hyper/Runtime/CudaRuntime.h"
#include "hyper/Runtime/Allocator.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <map>
#include <mutex>
#include <string>
#include <unordered_map>
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
constexpr int kJitOptimizationLevel = 7;    // CU_JIT_OPTIMIZATION_LEVEL
constexpr unsigned kStreamNonBlocking = 1;  // CU_STREAM_NON_BLOCKING
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

// Errors. The lowering's ABI has no error results, so the first failure of
// a thread's call is recorded here (`fail`) and the rest of the call runs
// without the GPU: launches, copies and sets do nothing, allocations come
// from host memory (so the host side of the compiled code keeps working on
// valid, if meaningless, buffers), until the entry point reads the error
// with hyperCudaEndCall and returns it. Nothing ends the process.

/// The first GPU error of this thread's current call; empty while none.
thread_local std::string callError;
/// Host blocks handed out in place of device memory after an error, which
/// nothing else frees (constant copies): freed by hyperCudaEndCall.
thread_local std::vector<void *> callTemporaries;

/// Why a kernel module failed to load (from a global constructor, so on no
/// call's thread): the error of every call that looks up one of its kernels
/// (the first such reason; the usual one, a binary for another GPU, is the
/// same for every module).
std::mutex loadErrorMutex;
std::string loadError;

void fail(const std::string &what) {
  if (callError.empty())
    callError = what;
}

/// The driver with its context current on this thread, or null (the reason
/// recorded) when GPU code cannot run.
Driver *usable() {
  Driver &d = driver();
  if (!d.error.empty()) {
    fail(d.error);
    return nullptr;
  }
  if (CUresult r = d.cuCtxSetCurrent(d.context); r != kSuccess) {
    fail("cuCtxSetCurrent: " + describe(d, r));
    return nullptr;
  }
  return &d;
}

/// The driver, ready for this thread's next GPU operation; null once the
/// call has failed (the operation is then skipped).
Driver *ready() { return callError.empty() ? usable() : nullptr; }

/// Records a failed driver call (`call` is its source text: the function's
/// name is reported); true when it succeeded.
bool check(Driver &d, CUresult result, const char *call) {
  if (result == kSuccess)
    return true;
  fail(std::string(call, std::strcspn(call, "(")) + ": " + describe(d, result));
  return false;
}

} // namespace

#define CHECK_CU(d, call) check((d), (d).call, #call)

namespace {
/// The first byte and the size of a dense memref; null (the error
/// recorded) for a strided one (the driver registers one contiguous range).
std::pair<char *, uint64_t> denseRange(int64_t rank, void *descriptor,
                                       int64_t elementSizeBytes,
                                       const char *caller) {
  auto *words = static_cast<int64_t *>(descriptor);
  char *aligned = reinterpret_cast<char *>(words[1]);
  const int64_t *sizes = words + 3, *strides = words + 3 + rank;
  int64_t elements = 1;
  for (int64_t i = rank - 1; i >= 0; --i) {
    if (sizes[i] != 1 && strides[i] != elements) {
      fail(std::string(caller) + ": the memref is not dense (dimension " +
           std::to_string(i) + " has stride " + std::to_string(strides[i]) +
           ", expected " + std::to_string(elements) + ")");
      return {nullptr, 0};
    }
    elements *= sizes[i];
  }
  return {aligned + words[2] * elementSizeBytes,
          static_cast<uint64_t>(elements * elementSizeBytes)};
}
} // namespace

namespace {

// Device memory is reused the way host memory is (Allocator.h): lowered code
// allocates and frees its temporaries around every launch of every step,
// cuMemAllocManaged and cuMemFree each synchronise with the device, and the
// pages of a fresh managed block fault onto the GPU at their first touch,
// where a reused block's pages are resident already. A freed block is handed
// out again only after what was launched before the free has finished: the
// frees that `hyper-gpu-host-shared-memory` emits come after the host has
// waited for the kernels launched before them.
constexpr size_t kDeviceCacheLimit = size_t(2) << 30;

/// Requests are served in 256-byte multiples (the driver's alignment), and
/// from `kCachedFrom` up in the host allocator's size classes.
size_t deviceSizeClass(uint64_t bytes) {
  size_t rounded = (bytes + 255) / 256 * 256;
  return hyperrt::allocationSizeClass(rounded);
}

struct Block {
  size_t bytes;
  bool managed;
};

struct DevicePool {
  std::mutex mutex;
  std::unordered_map<void *, Block> live;
  /// Host blocks given out after a GPU error (see `fail`).
  std::unordered_map<void *, size_t> host;
  std::map<std::pair<size_t, bool>, std::vector<void *>> idle;
  size_t idleBytes = 0;
};

/// Never destroyed: compiled code may free during static destruction.
DevicePool &devicePool() {
  static DevicePool *p = new DevicePool;
  return *p;
}

/// Kernels by module and name pointer (see mgpuModuleGetFunction).
struct KernelCache {
  std::mutex mutex;
  std::map<std::pair<void *, const char *>, CUfunction> functions;
};

KernelCache &kernelCache() {
  static KernelCache *c = new KernelCache;
  return *c;
}

/// The managed copies of constant globals (bound weights, folded kernels),
/// keyed by the global's host address: made at a function's first call and
/// reused by every later call, so their pages stay on the GPU.
struct ConstantCopies {
  std::mutex mutex;
  std::unordered_map<const void *, std::pair<void *, size_t>> copies;
};

ConstantCopies &constantCopies() {
  static ConstantCopies *c = new ConstantCopies;
  return *c;
}

void dropConstantCopies() {
  ConstantCopies &c = constantCopies();
  std::vector<void *> copies;
  {
    std::lock_guard<std::mutex> lock(c.mutex);
    for (auto &entry : c.copies)
      copies.push_back(entry.second.first);
    c.copies.clear();
  }
  for (void *copy : copies)
    mgpuMemFree(copy, nullptr);
}

/// A one-dimensional memref descriptor (the C interface's layout).
struct MemRef1D {
  void *allocated;
  void *aligned;
  int64_t offset;
  int64_t size;
  int64_t stride;
};

void constantCopy(MemRef1D *result, const MemRef1D *global,
                  size_t elementBytes) {
  if (global->size != 0 && global->stride != 1) {
    fail("hyperCudaConstant: the global is not contiguous");
    *result = *global;
    return;
  }
  const char *host = static_cast<const char *>(global->aligned) +
                     global->offset * elementBytes;
  size_t bytes = static_cast<size_t>(global->size) * elementBytes;
  ConstantCopies &c = constantCopies();
  // Held throughout: a copy is made once, and the lock orders it before
  // every use.
  std::lock_guard<std::mutex> lock(c.mutex);
  auto [it, inserted] = c.copies.try_emplace(host, nullptr, bytes);
  if (!inserted && it->second.second != bytes) {
    // Another global at an address a freed one had (without an unload in
    // between, which drops them all).
    mgpuMemFree(it->second.first, nullptr);
    it->second = {nullptr, bytes};
  }
  if (!it->second.first) {
    void *copy = mgpuMemAlloc(bytes, nullptr, /*isHostShared=*/true);
    if (!callError.empty()) {
      // A host stand-in (or null): not for later calls to reuse.
      c.copies.erase(it);
      if (copy)
        callTemporaries.push_back(copy);
      if (copy && bytes)
        std::memcpy(copy, host, bytes);
      *result = {copy, copy, 0, copy ? global->size : 0, 1};
      return;
    }
    if (bytes)
      std::memcpy(copy, host, bytes);
    it->second.first = copy;
  }
  void *copy = it->second.first;
  *result = {copy, copy, 0, global->size, 1};
}

/// Module loads run from global constructors, before any call: without a
/// usable driver (hyperCudaStatus says why) they return null quietly, and
/// when the driver rejects a module the reason is kept for the calls that
/// need its kernels (the constructor's thread makes no call to report it
/// to; other models in the process are unaffected).
template <typename Load> void *loadModule(Load load) {
  Driver &d = driver();
  if (!d.error.empty())
    return nullptr;
  std::string outer = std::move(callError);
  callError.clear();
  CUmodule module = nullptr;
  if (Driver *ready = usable(); !ready || !load(*ready, module)) {
    std::lock_guard<std::mutex> lock(loadErrorMutex);
    if (loadError.empty())
      loadError = "loading the kernels: " + callError;
    module = nullptr;
  }
  callError = std::move(outer);
  return module;
}

} // namespace

extern "C" {

#define HYPER_CONSTANT(suffix, type)                                           \
  void _mlir_ciface_hyperCudaConstant_##suffix(void *result, void *global) {   \
    constantCopy(static_cast<MemRef1D *>(result),                              \
                 static_cast<const MemRef1D *>(global), sizeof(type));         \
  }
HYPER_CONSTANT(f64, double)
HYPER_CONSTANT(f32, float)
HYPER_CONSTANT(f16, uint16_t)
HYPER_CONSTANT(bf16, uint16_t)
HYPER_CONSTANT(i64, int64_t)
HYPER_CONSTANT(i32, int32_t)
HYPER_CONSTANT(i16, int16_t)
HYPER_CONSTANT(i8, int8_t)
#undef HYPER_CONSTANT

const char *hyperCudaStatus(void) {
  Driver &d = driver();
  return d.error.empty() ? nullptr : d.error.c_str();
}

void hyperCudaBeginCall(void) { callError.clear(); }

const char *hyperCudaEndCall(void) {
  for (void *block : callTemporaries)
    mgpuMemFree(block, nullptr);
  callTemporaries.clear();
  return callError.empty() ? nullptr : callError.c_str();
}

void mgpuSetDefaultDevice(int32_t device) { defaultDevice = device; }

void *mgpuModuleLoad(void *data, size_t /*size*/) {
  return loadModule([&](Driver &d, CUmodule &module) {
    return CHECK_CU(d, cuModuleLoadData(&module, data));
  });
}

void *mgpuModuleLoadJIT(void *data, int optLevel) {
  return loadModule([&](Driver &d, CUmodule &module) {
    int options[] = {kJitOptimizationLevel};
    void *values[] = {
        reinterpret_cast<void *>(static_cast<intptr_t>(optLevel))};
    return CHECK_CU(d, cuModuleLoadDataEx(&module, data, 1, options, values));
  });
}

void mgpuModuleUnload(void *module) {
  // Runs from a global destructor: after a failed load (null), and at exit,
  // possibly after the driver has shut down (then there is nothing left to
  // release). Errors here have no call to go to and are dropped.
  if (!module)
    return;
  Driver &d = driver();
  if (!d.error.empty() || d.cuCtxSetCurrent(d.context) != kSuccess)
    return;
  // The constants' copies are keyed by host address and the kernels by
  // module handle, which a later module may reuse.
  dropConstantCopies();
  {
    KernelCache &cache = kernelCache();
    std::lock_guard<std::mutex> lock(cache.mutex);
    for (auto it = cache.functions.begin(); it != cache.functions.end();)
      it =
          it->first.first == module ? cache.functions.erase(it) : std::next(it);
  }
  d.cuModuleUnload(static_cast<CUmodule>(module));
}

void *mgpuModuleGetFunction(void *module, const char *name) {
  Driver *d = ready();
  if (!d)
    return nullptr;
  if (!module) {
    std::lock_guard<std::mutex> lock(loadErrorMutex);
    fail(loadError.empty()
             ? std::string("no GPU module holds kernel '") + name + "'"
             : loadError);
    return nullptr;
  }
  // Lowered code looks the kernel up before every launch, with the name
  // from a constant string of its own: the lookup is cached by module and
  // name pointer (dropped when the module unloads).
  KernelCache &cache = kernelCache();
  std::lock_guard<std::mutex> lock(cache.mutex);
  CUfunction &function = cache.functions[{module, name}];
  if (!function &&
      !CHECK_CU(*d, cuModuleGetFunction(&function,
                                        static_cast<CUmodule>(module), name)))
    function = nullptr;
  return function;
}

void mgpuLaunchKernel(void *function, intptr_t gridX, intptr_t gridY,
                      intptr_t gridZ, intptr_t blockX, intptr_t blockY,
                      intptr_t blockZ, int32_t smem, void *stream,
                      void **params, void **extra, size_t /*paramsCount*/) {
  if (Driver *d = ready(); d && function)
    CHECK_CU(*d, cuLaunchKernel(static_cast<CUfunction>(function), gridX, gridY,
                                gridZ, blockX, blockY, blockZ, smem,
                                static_cast<CUstream>(stream), params, extra));
}

// Lowered code creates, synchronises and destroys a stream around every
// synchronous launch, allocation and free; streams are therefore pooled:
// "destroyed" streams (idle: the lowering synchronises before destroying)
// are handed out again instead of being recreated. The driver frees them at
// exit. After an error, a call gets null streams and events, which every
// later operation of the call skips.
namespace {
std::mutex streamPoolMutex;
std::vector<CUstream> streamPool;
} // namespace

void *mgpuStreamCreate(void) {
  Driver *d = ready();
  if (!d)
    return nullptr;
  {
    std::lock_guard<std::mutex> lock(streamPoolMutex);
    if (!streamPool.empty()) {
      CUstream stream = streamPool.back();
      streamPool.pop_back();
      return stream;
    }
  }
  CUstream stream = nullptr;
  if (!CHECK_CU(*d, cuStreamCreate(&stream, kStreamNonBlocking)))
    return nullptr;
  return stream;
}

void mgpuStreamDestroy(void *stream) {
  if (!stream)
    return;
  std::lock_guard<std::mutex> lock(streamPoolMutex);
  streamPool.push_back(static_cast<CUstream>(stream));
}

void mgpuStreamSynchronize(void *stream) {
  if (Driver *d = ready(); d && stream)
    CHECK_CU(*d, cuStreamSynchronize(static_cast<CUstream>(stream)));
}

void mgpuStreamWaitEvent(void *stream, void *event) {
  if (Driver *d = ready(); d && stream && event)
    CHECK_CU(*d, cuStreamWaitEvent(static_cast<CUstream>(stream),
                                   static_cast<CUevent>(event), 0));
}

void *mgpuEventCreate(void) {
  Driver *d = ready();
  CUevent event = nullptr;
  if (!d || !CHECK_CU(*d, cuEventCreate(&event, kEventDisableTiming)))
    return nullptr;
  return event;
}

void mgpuEventDestroy(void *event) {
  if (!event)
    return;
  if (Driver *d = usable())
    CHECK_CU(*d, cuEventDestroy(static_cast<CUevent>(event)));
}

void mgpuEventSynchronize(void *event) {
  if (Driver *d = ready(); d && event)
    CHECK_CU(*d, cuEventSynchronize(static_cast<CUevent>(event)));
}

void mgpuEventRecord(void *event, void *stream) {
  if (Driver *d = ready(); d && event && stream)
    CHECK_CU(*d, cuEventRecord(static_cast<CUevent>(event),
                               static_cast<CUstream>(stream)));
}

namespace {
/// Zeroed host memory in place of device memory for the rest of a failed
/// call; null if even that cannot be had.
void *hostStandIn(uint64_t sizeBytes) {
  size_t bytes = (sizeBytes + 255) / 256 * 256;
  void *block = bytes >= sizeBytes ? std::aligned_alloc(256, bytes) : nullptr;
  if (!block)
    return nullptr;
  std::memset(block, 0, bytes);
  DevicePool &p = devicePool();
  std::lock_guard<std::mutex> lock(p.mutex);
  p.host[block] = bytes;
  return block;
}
} // namespace

void *mgpuMemAlloc(uint64_t sizeBytes, void * /*stream*/, bool isHostShared) {
  if (sizeBytes == 0)
    return nullptr;
  Driver *d = ready();
  if (!d)
    return hostStandIn(sizeBytes);
  DevicePool &p = devicePool();
  size_t cls = deviceSizeClass(sizeBytes);
  {
    std::lock_guard<std::mutex> lock(p.mutex);
    auto it = p.idle.find({cls, isHostShared});
    if (it != p.idle.end() && !it->second.empty()) {
      void *block = it->second.back();
      it->second.pop_back();
      p.idleBytes -= cls;
      p.live[block] = {cls, isHostShared};
      return block;
    }
  }
  CUdeviceptr ptr = 0;
  if (!(isHostShared
            ? CHECK_CU(*d, cuMemAllocManaged(&ptr, cls, kMemAttachGlobal))
            : CHECK_CU(*d, cuMemAlloc(&ptr, cls))))
    return hostStandIn(sizeBytes);
  void *block = reinterpret_cast<void *>(ptr);
  std::lock_guard<std::mutex> lock(p.mutex);
  p.live[block] = {cls, isHostShared};
  return block;
}

void mgpuMemFree(void *ptr, void * /*stream*/) {
  if (!ptr)
    return;
  DevicePool &p = devicePool();
  {
    std::lock_guard<std::mutex> lock(p.mutex);
    if (p.host.erase(ptr)) {
      std::free(ptr);
      return;
    }
    auto it = p.live.find(ptr);
    if (it == p.live.end()) {
      fail("gpu.dealloc: the pointer was not allocated by this runtime or "
           "was freed twice");
      return;
    }
    Block block = it->second;
    p.live.erase(it);
    if (p.idleBytes + block.bytes <= kDeviceCacheLimit) {
      p.idle[{block.bytes, block.managed}].push_back(ptr);
      p.idleBytes += block.bytes;
      return;
    }
  }
  if (Driver *d = usable())
    CHECK_CU(*d, cuMemFree(reinterpret_cast<CUdeviceptr>(ptr)));
}

size_t hyperCudaCachedBytes(void) {
  DevicePool &p = devicePool();
  std::lock_guard<std::mutex> lock(p.mutex);
  return p.idleBytes;
}

void hyperCudaReleaseCachedMemory(void) {
  Driver &d = driver();
  if (!d.error.empty())
    return;
  DevicePool &p = devicePool();
  std::vector<void *> blocks;
  {
    std::lock_guard<std::mutex> lock(p.mutex);
    for (auto &entry : p.idle)
      blocks.insert(blocks.end(), entry.second.begin(), entry.second.end());
    p.idle.clear();
    p.idleBytes = 0;
  }
  if (blocks.empty() || d.cuCtxSetCurrent(d.context) != kSuccess)
    return;
  for (void *block : blocks)
    d.cuMemFree(reinterpret_cast<CUdeviceptr>(block));
}

void hyperCudaFree(uintptr_t pointer) {
  mgpuMemFree(reinterpret_cast<void *>(pointer), nullptr);
}

void mgpuMemcpy(void *dst, void *src, size_t sizeBytes, void *stream) {
  if (Driver *d = ready(); d && stream)
    CHECK_CU(*d, cuMemcpyAsync(reinterpret_cast<CUdeviceptr>(dst),
                               reinterpret_cast<CUdeviceptr>(src), sizeBytes,
                               static_cast<CUstream>(stream)));
}

void mgpuMemset32(void *dst, unsigned int value, size_t count, void *stream) {
  if (Driver *d = ready(); d && stream)
    CHECK_CU(*d, cuMemsetD32Async(reinterpret_cast<CUdeviceptr>(dst), value,
                                  count, static_cast<CUstream>(stream)));
}

void mgpuMemset16(void *dst, unsigned short value, size_t count, void *stream) {
  if (Driver *d = ready(); d && stream)
    CHECK_CU(*d, cuMemsetD16Async(reinterpret_cast<CUdeviceptr>(dst), value,
                                  count, static_cast<CUstream>(stream)));
}

void mgpuMemHostRegister(void *ptr, uint64_t sizeBytes) {
  if (Driver *d = ready(); d && ptr)
    CHECK_CU(*d, cuMemHostRegister(ptr, sizeBytes, 0));
}

void mgpuMemHostUnregister(void *ptr) {
  if (Driver *d = ready(); d && ptr)
    CHECK_CU(*d, cuMemHostUnregister(ptr));
}

void mgpuMemHostRegisterMemRef(int64_t rank, void *descriptor,
                               int64_t elementSizeBytes) {
  auto [ptr, bytes] =
      denseRange(rank, descriptor, elementSizeBytes, "gpu.host_register");
  mgpuMemHostRegister(ptr, bytes);
}

void mgpuMemHostUnregisterMemRef(int64_t rank, void *descriptor,
                                 int64_t elementSizeBytes) {
  auto [ptr, bytes] =
      denseRange(rank, descriptor, elementSizeBytes, "gpu.host_unregister");
  (void)bytes;
  mgpuMemHostUnregister(ptr);
}

} // extern "C"
