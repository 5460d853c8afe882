//===- Allocator.cpp - Buffers of compiled models -------------------------===//

#include "hyper/Runtime/Allocator.h"

#include <cstdlib>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace {

/// Every block starts with a header that records its size class; the
/// payload follows at `kHeader` bytes, which keeps it 64-byte aligned.
constexpr size_t kHeader = 64;
constexpr size_t kAlignment = 64;
/// Bytes kept mapped past every payload: the masked lanes of a vector
/// access that starts inside a buffer (a row's partial last vector) address
/// up to one vector past its end, and a masked access reaching an unmapped
/// page is a microcode assist, slow on every execution.
constexpr size_t kTailSlack = 64;
// Blocks under `kCachedFrom` go straight to the C library, which recycles
// them well.
using hyperrt::kCachedFrom;

struct Pool {
  std::mutex mutex;
  std::unordered_map<size_t, std::vector<void *>> free;
  size_t cached = 0;
};

/// Never destroyed: compiled code may free during static destruction.
Pool &pool() {
  static Pool *p = new Pool;
  return *p;
}

void *allocate(size_t bytes, size_t alignment) {
  size_t cls = hyperrt::allocationSizeClass(bytes);
  if (cls >= kCachedFrom && alignment <= kAlignment) {
    Pool &p = pool();
    std::lock_guard<std::mutex> lock(p.mutex);
    auto it = p.free.find(cls);
    if (it != p.free.end() && !it->second.empty()) {
      void *block = it->second.back();
      it->second.pop_back();
      p.cached -= cls;
      return static_cast<char *>(block) + kHeader;
    }
  }
  // The payload sits `offset` bytes into the block, a multiple of the
  // alignment, with the header just before it.
  size_t align = alignment > kAlignment ? alignment : kAlignment;
  size_t offset = align > kHeader ? align : kHeader;
  size_t total = (cls + offset + kTailSlack + align - 1) / align * align;
  void *block = std::aligned_alloc(align, total);
  if (!block)
    return nullptr;
  char *payload = static_cast<char *>(block) + offset;
  // The header: the size class (0 for blocks that are never cached: small
  // or over-aligned) and the block itself.
  reinterpret_cast<size_t *>(payload)[-1] = alignment <= kAlignment ? cls : 0;
  reinterpret_cast<void **>(payload)[-2] = block;
  return payload;
}

} // namespace

extern "C" void *_mlir_memref_to_llvm_alloc(uint64_t bytes) {
  return allocate(bytes, kAlignment);
}

extern "C" void *_mlir_memref_to_llvm_aligned_alloc(uint64_t alignment,
                                                    uint64_t bytes) {
  return allocate(bytes, alignment);
}

extern "C" void _mlir_memref_to_llvm_free(void *pointer) {
  if (!pointer)
    return;
  size_t cls = static_cast<size_t *>(pointer)[-1];
  void *block = static_cast<void **>(pointer)[-2];
  if (cls >= kCachedFrom) {
    Pool &p = pool();
    std::lock_guard<std::mutex> lock(p.mutex);
    if (p.cached + cls <= hyperrt::kAllocatorCacheLimit) {
      p.free[cls].push_back(block);
      p.cached += cls;
      return;
    }
  }
  std::free(block);
}

size_t hyperrt::allocatorCachedBytes() {
  Pool &p = pool();
  std::lock_guard<std::mutex> lock(p.mutex);
  return p.cached;
}
