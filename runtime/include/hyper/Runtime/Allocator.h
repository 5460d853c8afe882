//===- Allocator.h - Buffers of compiled models -----------------*- C++ -*-===//
//
// The allocation functions lowered code calls for its buffers (the
// memref-to-LLVM lowering with `use-generic-functions`), and with which
// callers release the results compiled functions return.
//
// Buffers are kept for reuse when freed instead of going back to the C
// library: a model allocates the same activation sizes call after call, and
// megabyte buffers returned to the system (glibc maps them) cost page
// faults and page zeroing on every call; a time step's small buffers, in
// and out of glibc's aligned allocator every step, cost its bookkeeping.
// Large blocks are shared by all threads, small ones kept by the thread
// that frees them. Plain C++17, thread-safe.
//
//===----------------------------------------------------------------------===//

#ifndef HYPER_RUNTIME_ALLOCATOR_H
#define HYPER_RUNTIME_ALLOCATOR_H

#include <cstddef>
#include <cstdint>

extern "C" {

/// `bytes` bytes aligned to 64 (never null for a satisfiable request).
void *_mlir_memref_to_llvm_alloc(uint64_t bytes);

/// As `_mlir_memref_to_llvm_alloc`, aligned to `alignment` (a power of two).
void *_mlir_memref_to_llvm_aligned_alloc(uint64_t alignment, uint64_t bytes);

/// Frees what the functions above returned (null is ignored).
void _mlir_memref_to_llvm_free(void *pointer);

} // extern "C"

namespace hyperrt {

/// Bytes held for reuse at most; freed buffers beyond it go back to the C
/// library.
constexpr size_t kAllocatorCacheLimit = size_t(1) << 30;

/// Bytes of large blocks currently held for reuse (for tests).
size_t allocatorCachedBytes();

/// Bytes of small blocks (under kCachedFrom) the calling thread holds for
/// reuse (for tests).
size_t allocatorThreadCachedBytes();

/// Requests from this size up are kept for all threads when freed (in the
/// classes below); smaller ones by the freeing thread, in classes of 64
/// bytes.
constexpr size_t kCachedFrom = size_t(64) << 10;

/// The size a request of `bytes` is served with: from `kCachedFrom` up,
/// rounded up to an eighth of its power of two (at most 12.5 % slack), so
/// that nearby sizes share blocks; smaller sizes as they are. The GPU
/// runtime's cache of device memory uses the same classes.
inline size_t allocationSizeClass(size_t bytes) {
  if (bytes < kCachedFrom)
    return bytes;
  size_t power = 1;
  while (power <= bytes / 2)
    power *= 2;
  size_t step = power / 8;
  return (bytes + step - 1) / step * step;
}

} // namespace hyperrt

#endif // HYPER_RUNTIME_ALLOCATOR_H
