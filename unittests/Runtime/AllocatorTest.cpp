//===- AllocatorTest.cpp - The allocator of compiled models ---------------===//

#include "hyper/Runtime/Allocator.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>

namespace {

bool alignedTo(void *p, uintptr_t alignment) {
  return reinterpret_cast<uintptr_t>(p) % alignment == 0;
}

TEST(Allocator, SmallBlocksAreAlignedAndNotCached) {
  size_t before = hyperrt::allocatorCachedBytes();
  void *p = _mlir_memref_to_llvm_alloc(100);
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(alignedTo(p, 64));
  std::memset(p, 1, 100);
  _mlir_memref_to_llvm_free(p);
  EXPECT_EQ(hyperrt::allocatorCachedBytes(), before);
  _mlir_memref_to_llvm_free(nullptr);
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
