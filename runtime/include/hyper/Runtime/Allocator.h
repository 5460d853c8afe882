//===- Allocator.h - Buffers of compiled models -----------------*- C++ -*-===//
//
// The allocation functions lowered code calls for its buffers (the
// memref-to-LLVM lowering with `use-generic-functions`), and with which
// callers release the results compiled functions return.
//
// Large buffers are kept for reuse when freed instead of going back to the
// C library: a model allocates the same activation sizes call after call,
// and megabyte buffers returned to the system (glibc maps them) cost page
// faults and page zeroing on every call. Plain C++17, thread-safe.
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

/// Bytes currently held for reuse (for tests).
size_t allocatorCachedBytes();

} // namespace hyperrt

#endif // HYPER_RUNTIME_ALLOCATOR_H
