//===- AllocatorTest.cpp - The allocator of compiled models ---------------===//

#include "hyper/Runtime/Allocator.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <thread>
#include <vector>

namespace {

bool alignedTo(void *p, uintptr_t alignment) {
  return reinterpret_cast<uintptr_t>(p) % alignment == 0;
}

TEST(Allocator, SmallBlocksAreAlignedAndReusedByTheirThread) {
  size_t shared = hyperrt::allocatorCachedBytes();
  size_t before = hyperrt::allocatorThreadCachedBytes();
  void *p = _mlir_memref_to_llvm_alloc(100);
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(alignedTo(p, 64));
  std::memset(p, 1, 100);
  _mlir_memref_to_llvm_free(p);
  // Kept by this thread in the class of 128 bytes, not in the shared pool.
  EXPECT_EQ(hyperrt::allocatorThreadCachedBytes(), before + 128);
  EXPECT_EQ(hyperrt::allocatorCachedBytes(), shared);
  // Any size of the same class gets the block back, all of it usable.
  void *q = _mlir_memref_to_llvm_alloc(128);
  EXPECT_EQ(q, p);
  EXPECT_EQ(hyperrt::allocatorThreadCachedBytes(), before);
  std::memset(q, 2, 128);
  // Another class does not.
  void *r = _mlir_memref_to_llvm_alloc(129);
  EXPECT_NE(r, q);
  EXPECT_TRUE(alignedTo(r, 64));
  std::memset(r, 3, 129);
  _mlir_memref_to_llvm_free(q);
  _mlir_memref_to_llvm_free(r);
  EXPECT_EQ(hyperrt::allocatorThreadCachedBytes(), before + 128 + 192);
  _mlir_memref_to_llvm_free(nullptr);
}

TEST(Allocator, SmallBlocksCrossThreads) {
  // A block allocated here and freed by another thread goes to that
  // thread's cache (released when it exits); this thread's is untouched.
  size_t before = hyperrt::allocatorThreadCachedBytes();
  void *p = _mlir_memref_to_llvm_alloc(1000);
  ASSERT_NE(p, nullptr);
  std::memset(p, 4, 1000);
  size_t other = 0;
  std::thread([&] {
    _mlir_memref_to_llvm_free(p);
    other = hyperrt::allocatorThreadCachedBytes();
    void *q = _mlir_memref_to_llvm_alloc(1024);
    EXPECT_EQ(q, p);
    std::memset(q, 5, 1024);
    _mlir_memref_to_llvm_free(q);
  }).join();
  EXPECT_EQ(other, 1024u);
  EXPECT_EQ(hyperrt::allocatorThreadCachedBytes(), before);
}

TEST(Allocator, SmallCacheIsBounded) {
  // 8 MB a thread at most: frees beyond it go back to the C library.
  std::thread([] {
    std::vector<void *> blocks;
    for (int i = 0; i < 3000; ++i) { // 3000 × 4 KB = 12 MB
      blocks.push_back(_mlir_memref_to_llvm_alloc(4096));
      ASSERT_NE(blocks.back(), nullptr);
    }
    for (void *b : blocks)
      _mlir_memref_to_llvm_free(b);
    EXPECT_EQ(hyperrt::allocatorThreadCachedBytes(), size_t(8) << 20);
  }).join();
}

TEST(Allocator, LargeBlocksAreReusedForNearbySizes) {
  size_t before = hyperrt::allocatorCachedBytes();
  const size_t bytes = size_t(4) << 20;
  void *p = _mlir_memref_to_llvm_alloc(bytes);
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(alignedTo(p, 64));
  std::memset(p, 0xab, bytes);
  _mlir_memref_to_llvm_free(p);
  EXPECT_GE(hyperrt::allocatorCachedBytes(), before + bytes);
  // A slightly smaller request rounds to the same size class: same block,
  // all of it usable.
  void *q = _mlir_memref_to_llvm_alloc(bytes - 1000);
  EXPECT_EQ(q, p);
  EXPECT_EQ(hyperrt::allocatorCachedBytes(), before);
  std::memset(q, 0, bytes - 1000);
  // A different class gets a different block.
  void *r = _mlir_memref_to_llvm_alloc(bytes * 2);
  EXPECT_NE(r, q);
  std::memset(r, 0, bytes * 2);
  _mlir_memref_to_llvm_free(q);
  _mlir_memref_to_llvm_free(r);
}

TEST(Allocator, OverAlignedBlocks) {
  for (uint64_t alignment : {128u, 4096u}) {
    void *p = _mlir_memref_to_llvm_aligned_alloc(alignment, 1 << 20);
    ASSERT_NE(p, nullptr);
    EXPECT_TRUE(alignedTo(p, alignment));
    std::memset(p, 0, 1 << 20);
    _mlir_memref_to_llvm_free(p);
  }
}

} // namespace
