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
using hyperrt::kCachedFrom;

/// Blocks under `kCachedFrom` are kept by the thread that frees them, in
/// size classes of 64 bytes, up to this many bytes a thread. A time step
/// allocates and frees the same dozen small buffers every step, and the C
/// library's 64-byte-aligned allocations split and merge chunks each time
/// (`_int_memalign`, `malloc_consolidate`: ≈ 2 % of a batch-1 HyperLSTM
/// step, on its serial path); a thread-local free list needs no lock.
constexpr size_t kSmallCacheLimit = size_t(8) << 20;

/// The size class a request is served with: hyperrt's classes from
/// kCachedFrom up, multiples of 64 bytes below.
size_t sizeClass(size_t bytes) {
  if (bytes >= kCachedFrom)
    return hyperrt::allocationSizeClass(bytes);
  return (bytes + kAlignment - 1) / kAlignment * kAlignment;
}

/// Freed blocks by size class, `cached` bytes in all.
struct FreeLists {
  std::unordered_map<size_t, std::vector<void *>> free;
  size_t cached = 0;

  /// A block of class `cls`, or null when none is kept.
  void *take(size_t cls) {
    auto it = free.find(cls);
    if (it == free.end() || it->second.empty())
      return nullptr;
    void *block = it->second.back();
    it->second.pop_back();
    cached -= cls;
    return block;
  }

  /// Keeps `block` (class `cls`) unless that would hold more than `limit`.
  bool keep(void *block, size_t cls, size_t limit) {
    if (cached + cls > limit)
      return false;
    free[cls].push_back(block);
    cached += cls;
    return true;
  }
};

/// Set when the calling thread's cache is gone (thread exit, static
/// destruction), after which its frees go to the C library. Trivially
/// destructible, so it outlives the cache.
thread_local bool smallCacheGone = false;

struct SmallCache : FreeLists {
  ~SmallCache() {
    smallCacheGone = true;
    for (auto &entry : free)
      for (void *block : entry.second)
        std::free(block);
  }
};

/// The calling thread's cache of small blocks, or null once it is gone.
SmallCache *smallCache() {
  if (smallCacheGone)
    return nullptr;
  thread_local SmallCache cache;
  return &cache;
}

/// Large blocks, for all threads.
struct Pool : FreeLists {
  std::mutex mutex;
};

/// Never destroyed: compiled code may free during static destruction.
Pool &pool() {
  static Pool *p = new Pool;
  return *p;
}

/// A kept block of class `cls` (a positive class, default alignment), or
/// null.
void *reuse(size_t cls) {
  if (cls < kCachedFrom) {
    SmallCache *cache = smallCache();
    return cache ? cache->take(cls) : nullptr;
  }
  Pool &p = pool();
  std::lock_guard<std::mutex> lock(p.mutex);
  return p.take(cls);
}

void *allocate(size_t bytes, size_t alignment) {
  size_t cls = sizeClass(bytes);
  if (cls > 0 && alignment <= kAlignment)
    if (void *block = reuse(cls))
      return static_cast<char *>(block) + kHeader;
  // The payload sits `offset` bytes into the block, a multiple of the
  // alignment, with the header just before it.
  size_t align = alignment > kAlignment ? alignment : kAlignment;
  size_t offset = align > kHeader ? align : kHeader;
  size_t total = (cls + offset + kTailSlack + align - 1) / align * align;
  void *block = std::aligned_alloc(align, total);
  if (!block)
    return nullptr;
  char *payload = static_cast<char *>(block) + offset;
  // The header: the size class (0 for blocks that are never cached:
  // over-aligned or empty) and the block itself.
  reinterpret_cast<size_t *>(payload)[-1] = alignment <= kAlignment ? cls : 0;
  reinterpret_cast<void **>(payload)[-2] = block;
  return payload;
}

/// Whether `block` (class `cls`, positive) is kept for reuse.
bool keep(void *block, size_t cls) {
  if (cls < kCachedFrom) {
    SmallCache *cache = smallCache();
    return cache && cache->keep(block, cls, kSmallCacheLimit);
  }
  Pool &p = pool();
  std::lock_guard<std::mutex> lock(p.mutex);
  return p.keep(block, cls, hyperrt::kAllocatorCacheLimit);
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
  if (cls == 0 || !keep(block, cls))
    std::free(block);
}

size_t hyperrt::allocatorThreadCachedBytes() {
  SmallCache *cache = smallCache();
  return cache ? cache->cached : 0;
}

size_t hyperrt::allocatorCachedBytes() {
  Pool &p = pool();
  std::lock_guard<std::mutex> lock(p.mutex);
  return p.cached;
}
