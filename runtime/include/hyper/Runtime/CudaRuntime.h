//===- CudaRuntime.h - GPU entry points of compiled models ------*- C++ -*-===//
//
// The `mgpu*` functions that MLIR's GPU-to-LLVM lowering calls from host
// code, implemented over the CUDA driver API. The driver is loaded with
// dlopen("libcuda.so.1") on first use: nothing links against CUDA, and a
// program whose GPU code cannot run still starts, so CPU-only runs and tests
// are unaffected by the presence of GPU code.
//
// Errors: the lowering's ABI has no error results, and nothing here ends
// the process. The first failed driver call of a thread's call is recorded,
// and the rest of the call runs without the GPU (launches and copies are
// skipped, allocations are zeroed host memory), so the host code finishes
// on meaningless data; the entry point brackets the call with
// hyperCudaBeginCall and hyperCudaEndCall and returns the error. Module
// loading runs from global constructors before `main`: without a driver or
// a device it returns null (hyperCudaStatus, which entry points check
// first, says why); when the driver rejects a module, it keeps the reason,
// and each call that looks up one of the module's kernels fails with it.
//
// `HYPER_CUDA_DRIVER` names another driver library (tests, shims).
//
//===----------------------------------------------------------------------===//

#ifndef HYPER_RUNTIME_CUDARUNTIME_H
#define HYPER_RUNTIME_CUDARUNTIME_H

#include <cstddef>
#include <cstdint>

extern "C" {

/// Loads the driver and opens the default device if not done yet. Returns
/// null when GPU code can run, else why not (a string that lives as long as
/// the runtime): no driver or no device.
const char *hyperCudaStatus(void);

/// Starts a model call on this thread: forgets the thread's last GPU error.
void hyperCudaBeginCall(void);

/// Ends the call hyperCudaBeginCall started: frees its host stand-ins and
/// returns its first GPU error (valid until the thread's next call), or
/// null when every GPU operation succeeded.
const char *hyperCudaEndCall(void);

/// Selects the device later calls use (default 0); before the first call.
void mgpuSetDefaultDevice(int32_t device);

// Modules and kernels. `mgpuModuleLoad` takes a cubin or fatbin,
// `mgpuModuleLoadJIT` PTX text (the driver compiles it).
void *mgpuModuleLoad(void *data, size_t size);
void *mgpuModuleLoadJIT(void *data, int optLevel);
void mgpuModuleUnload(void *module);
void *mgpuModuleGetFunction(void *module, const char *name);
void mgpuLaunchKernel(void *function, intptr_t gridX, intptr_t gridY,
                      intptr_t gridZ, intptr_t blockX, intptr_t blockY,
                      intptr_t blockZ, int32_t smem, void *stream,
                      void **params, void **extra, size_t paramsCount);

// Streams and events.
void *mgpuStreamCreate(void);
void mgpuStreamDestroy(void *stream);
void mgpuStreamSynchronize(void *stream);
void mgpuStreamWaitEvent(void *stream, void *event);
void *mgpuEventCreate(void);
void mgpuEventDestroy(void *event);
void mgpuEventSynchronize(void *event);
void mgpuEventRecord(void *event, void *stream);

// Memory. `isHostShared` allocates managed memory. Freed blocks are kept
// (up to 2 GiB) and handed out again for requests of their size class: a
// reused managed block's pages are on the GPU already.
void *mgpuMemAlloc(uint64_t sizeBytes, void *stream, bool isHostShared);
void mgpuMemFree(void *ptr, void *stream);
/// Bytes of freed device memory the runtime keeps for reuse.
size_t hyperCudaCachedBytes(void);
/// Gives the kept blocks back to the driver (as `torch.cuda.empty_cache()`
/// does for PyTorch's): for hosts that share the GPU and are done with a
/// model for a while. Blocks in use are not affected.
void hyperCudaReleaseCachedMemory(void);
/// `mgpuMemFree(pointer, null)` with the pointer as an integer: the frees
/// `hyper-gpu-host-shared-memory` emits (`func.call @hyperCudaFree(index)`),
/// after the host has waited for the kernels that used the buffer.
void hyperCudaFree(uintptr_t pointer);
void mgpuMemcpy(void *dst, void *src, size_t sizeBytes, void *stream);
void mgpuMemset32(void *dst, unsigned int value, size_t count, void *stream);
void mgpuMemset16(void *dst, unsigned short value, size_t count, void *stream);
void mgpuMemHostRegister(void *ptr, uint64_t sizeBytes);
void mgpuMemHostUnregister(void *ptr);
/// `gpu.host_register` / `gpu.host_unregister` of a memref: `descriptor`
/// points to `{allocated, aligned, offset, sizes[rank], strides[rank]}`;
/// the memref must be dense (identity strides).
void mgpuMemHostRegisterMemRef(int64_t rank, void *descriptor,
                               int64_t elementSizeBytes);
void mgpuMemHostUnregisterMemRef(int64_t rank, void *descriptor,
                                 int64_t elementSizeBytes);

/// The device copies of constant globals (bound weights, folded kernels)
/// that `hyper-gpu-host-shared-memory` reads through
/// `func.func private @hyperCudaConstant_<type>(memref<?x<type>>) ->
/// memref<?x<type>>` (the C interface below; `result` and `global` point to
/// one-dimensional memref descriptors `{allocated, aligned, offset, size,
/// stride}`). Returns a managed copy of the contiguous `global`, made at the
/// first call for its address and handed out by every later call; all copies
/// are dropped when a GPU module unloads (a later module may put other data
/// at the same address). Types: f64 f32 f16 bf16 i64 i32 i16 i8.
#define HYPER_CONSTANT(suffix)                                                 \
  void _mlir_ciface_hyperCudaConstant_##suffix(void *result, void *global);
HYPER_CONSTANT(f64)
HYPER_CONSTANT(f32)
HYPER_CONSTANT(f16)
HYPER_CONSTANT(bf16)
HYPER_CONSTANT(i64)
HYPER_CONSTANT(i32)
HYPER_CONSTANT(i16)
HYPER_CONSTANT(i8)
#undef HYPER_CONSTANT

} // extern "C"

#endif // HYPER_RUNTIME_CUDARUNTIME_H
