//===- RecordingCudaDriver.cpp - A CUDA driver that logs and fakes --------===//
//
// Stands in for libcuda.so.1 where there is no GPU, so that the host side of
// compiled GPU code can be tested: every driver call the runtime makes is
// printed to stderr (`fake-cuda: ...`), memory is host memory, and kernels
// are not run (their launch geometry is printed instead). Results of a
// model run against it are therefore meaningless; the call log is the test.
// `FAKE_CUDA_FAIL=<driver function>` makes that function fail (CUDA error
// 999, logged as `fake-cuda: <function> fails`), to test the error paths;
// with `FAKE_CUDA_FAIL_EVERY=N`, only every Nth call of it fails.
//
//===----------------------------------------------------------------------===//

#include <atomic>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

std::atomic<long> live{0}; // allocations not yet freed
char handles[64];

void log(const char *format, ...) __attribute__((format(printf, 1, 2)));
void log(const char *format, ...) {
  va_list args;
  va_start(args, format);
  std::fputs("fake-cuda: ", stderr);
  std::vfprintf(stderr, format, args);
  std::fputc('\n', stderr);
  va_end(args);
}

/// Whether this call of `call` fails (FAKE_CUDA_FAIL, FAKE_CUDA_FAIL_EVERY).
bool failing(const char *call) {
  const char *which = std::getenv("FAKE_CUDA_FAIL");
  if (!which || std::strcmp(which, call) != 0)
    return false;
  static std::atomic<long> calls{0};
  const char *every = std::getenv("FAKE_CUDA_FAIL_EVERY");
  long n = every ? std::atol(every) : 1;
  if (n > 1 && ++calls % n != 0)
    return false;
  log("%s fails", call);
  return true;
}

constexpr int kFakeError = 999;

} // namespace

extern "C" {

using Ptr = unsigned long long;

int cuInit(unsigned) { return 0; }
int cuGetErrorName(int, const char **name) {
  *name = "CUDA_ERROR_FAKE";
  return 0;
}
int cuGetErrorString(int, const char **text) {
  *text = "fake driver";
  return 0;
}
int cuDeviceGet(int *device, int ordinal) {
  *device = ordinal;
  return 0;
}
int cuDevicePrimaryCtxRetain(void **context, int) {
  *context = &handles[0];
  return 0;
}
int cuCtxSetCurrent(void *) { return 0; }

int cuModuleLoadData(void **module, const void *image) {
  if (failing("cuModuleLoadData"))
    return kFakeError;
  log("cuModuleLoadData %s", std::memcmp(image,
                                         "\x7f"
                                         "ELF",
                                         4) == 0
                                 ? "cubin"
                                 : "fatbin-or-other");
  *module = &handles[1];
  return 0;
}
int cuModuleLoadDataEx(void **module, const void *image, unsigned, int *,
                       void **) {
  if (failing("cuModuleLoadDataEx"))
    return kFakeError;
  const char *ptx = static_cast<const char *>(image);
  log("cuModuleLoadDataEx %s", std::strstr(ptx, ".entry") ? "ptx" : "other");
  *module = &handles[1];
  return 0;
}
int cuModuleUnload(void *) {
  log("cuModuleUnload");
  return 0;
}
int cuModuleGetFunction(void **function, void *, const char *name) {
  log("cuModuleGetFunction %s", name);
  *function = &handles[2];
  return 0;
}
int cuLaunchKernel(void *, unsigned gx, unsigned gy, unsigned gz, unsigned bx,
                   unsigned by, unsigned bz, unsigned smem, void *,
                   void **params, void **) {
  if (failing("cuLaunchKernel"))
    return kFakeError;
  log("cuLaunchKernel grid (%u, %u, %u) block (%u, %u, %u) smem %u params %s",
      gx, gy, gz, bx, by, bz, smem, params ? "yes" : "none");
  return 0;
}
int cuStreamCreate(void **stream, unsigned) {
  log("cuStreamCreate");
  *stream = &handles[3];
  return 0;
}
int cuStreamDestroy_v2(void *) {
  log("cuStreamDestroy");
  return 0;
}
int cuStreamSynchronize(void *) {
  return failing("cuStreamSynchronize") ? kFakeError : 0;
}
int cuStreamWaitEvent(void *, void *, unsigned) { return 0; }
int cuEventCreate(void **event, unsigned) {
  *event = &handles[4];
  return 0;
}
int cuEventDestroy_v2(void *) { return 0; }
int cuEventSynchronize(void *) { return 0; }
int cuEventRecord(void *, void *) { return 0; }

int cuMemAlloc_v2(Ptr *ptr, size_t bytes) {
  if (failing("cuMemAlloc"))
    return kFakeError;
  *ptr = reinterpret_cast<Ptr>(std::malloc(bytes));
  log("cuMemAlloc %zu live %ld", bytes, ++live);
  return 0;
}
int cuMemAllocManaged(Ptr *ptr, size_t bytes, unsigned) {
  if (failing("cuMemAllocManaged"))
    return kFakeError;
  *ptr = reinterpret_cast<Ptr>(std::calloc(bytes, 1));
  log("cuMemAllocManaged %zu live %ld", bytes, ++live);
  return 0;
}
int cuMemFree_v2(Ptr ptr) {
  std::free(reinterpret_cast<void *>(ptr));
  log("cuMemFree live %ld", --live);
  return 0;
}
int cuMemcpyAsync(Ptr dst, Ptr src, size_t bytes, void *) {
  std::memcpy(reinterpret_cast<void *>(dst), reinterpret_cast<void *>(src),
              bytes);
  return 0;
}
int cuMemsetD32Async(Ptr dst, unsigned value, size_t count, void *) {
  auto *p = reinterpret_cast<unsigned *>(dst);
  for (size_t i = 0; i < count; ++i)
    p[i] = value;
  return 0;
}
int cuMemsetD16Async(Ptr dst, unsigned short value, size_t count, void *) {
  auto *p = reinterpret_cast<unsigned short *>(dst);
  for (size_t i = 0; i < count; ++i)
    p[i] = value;
  return 0;
}
int cuMemHostRegister_v2(void *, size_t bytes, unsigned) {
  log("cuMemHostRegister %zu", bytes);
  return 0;
}
int cuMemHostUnregister(void *) {
  log("cuMemHostUnregister");
  return 0;
}

} // extern "C"
