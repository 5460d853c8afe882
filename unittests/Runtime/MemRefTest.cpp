//===- MemRefTest.cpp - Descriptor copies of the runtime ------------------===//

#include "hyper/Runtime/MemRef.h"

#include <gtest/gtest.h>

#include <numeric>
#include <vector>

namespace rt = hyperrt;

namespace {

/// A descriptor {allocated, aligned, offset, sizes..., strides...}.
std::vector<int64_t> descriptor(const float *data, int64_t offset,
                                std::vector<int64_t> sizes,
                                std::vector<int64_t> strides) {
  std::vector<int64_t> words = {reinterpret_cast<int64_t>(data),
                                reinterpret_cast<int64_t>(data), offset};
  words.insert(words.end(), sizes.begin(), sizes.end());
  words.insert(words.end(), strides.begin(), strides.end());
  return words;
}

TEST(ArrayFromDescriptor, DenseRowsCopiedWhole) {
  std::vector<float> data(2 * 3 * 4);
  std::iota(data.begin(), data.end(), 0.0f);
  auto words = descriptor(data.data(), 0, {2, 3, 4}, {12, 4, 1});
  rt::Array a = rt::arrayFromDescriptor(words.data(), 3, rt::DType::F32);
  ASSERT_EQ(a.shape(), (std::vector<int64_t>{2, 3, 4}));
  for (size_t i = 0; i < data.size(); ++i)
    EXPECT_EQ(a.as<float>()[i], data[i]);
}

TEST(ArrayFromDescriptor, StridedViewWithOffset) {
  // Columns 1..2 of rows 1..3 of a 4x5 matrix: rows contiguous, 5 apart.
  std::vector<float> data(4 * 5);
  std::iota(data.begin(), data.end(), 0.0f);
  auto words = descriptor(data.data(), 1 * 5 + 1, {3, 2}, {5, 1});
  rt::Array a = rt::arrayFromDescriptor(words.data(), 2, rt::DType::F32);
  std::vector<float> want = {6, 7, 11, 12, 16, 17};
  for (size_t i = 0; i < want.size(); ++i)
    EXPECT_EQ(a.as<float>()[i], want[i]);
}

TEST(ArrayFromDescriptor, TransposedView) {
  // A 2x3 matrix read as its 3x2 transpose: nothing contiguous.
  std::vector<float> data = {0, 1, 2, 3, 4, 5};
  auto words = descriptor(data.data(), 0, {3, 2}, {1, 3});
  rt::Array a = rt::arrayFromDescriptor(words.data(), 2, rt::DType::F32);
  std::vector<float> want = {0, 3, 1, 4, 2, 5};
  for (size_t i = 0; i < want.size(); ++i)
    EXPECT_EQ(a.as<float>()[i], want[i]);
}

TEST(ArrayFromDescriptor, RankZeroAndEmpty) {
  float v = 7;
  auto scalar = descriptor(&v, 0, {}, {});
  rt::Array s = rt::arrayFromDescriptor(scalar.data(), 0, rt::DType::F32);
  EXPECT_EQ(s.numElements(), 1u);
  EXPECT_EQ(s.as<float>()[0], 7.0f);
  auto empty = descriptor(&v, 0, {0, 4}, {4, 1});
  rt::Array e = rt::arrayFromDescriptor(empty.data(), 2, rt::DType::F32);
  EXPECT_EQ(e.numElements(), 0u);
}

/// memrefCopy from `src` to `dst` (descriptors as above).
void copyMemRef(std::vector<int64_t> &src, std::vector<int64_t> &dst,
                int64_t rank) {
  HyperUnrankedMemRef s{rank, src.data()}, d{rank, dst.data()};
  memrefCopy(sizeof(float), &s, &d);
}

TEST(MemRefCopy, IntoThePaddedInteriorOfAnImage) {
  // A [2, 3, 4] image into the interior of a [2, 5, 6] buffer (padding 1):
  // rows contiguous on both sides, 6 floats apart in the destination.
  std::vector<float> image(2 * 3 * 4), padded(2 * 5 * 6, -1.0f);
  std::iota(image.begin(), image.end(), 0.0f);
  auto src = descriptor(image.data(), 0, {2, 3, 4}, {12, 4, 1});
  auto dst = descriptor(padded.data(), 1 * 6 + 1, {2, 3, 4}, {30, 6, 1});
  copyMemRef(src, dst, 3);
  for (int c = 0; c < 2; ++c)
    for (int y = 0; y < 5; ++y)
      for (int x = 0; x < 6; ++x) {
        bool inside = y >= 1 && y <= 3 && x >= 1 && x <= 4;
        float want = inside ? image[c * 12 + (y - 1) * 4 + (x - 1)] : -1.0f;
        EXPECT_EQ(padded[c * 30 + y * 6 + x], want)
            << c << " " << y << " " << x;
      }
}

TEST(MemRefCopy, TransposedSourceElementByElement) {
  std::vector<float> data = {0, 1, 2, 3, 4, 5}, out(6, -1.0f);
  auto src = descriptor(data.data(), 0, {3, 2}, {1, 3});
  auto dst = descriptor(out.data(), 0, {3, 2}, {2, 1});
  copyMemRef(src, dst, 2);
  EXPECT_EQ(out, (std::vector<float>{0, 3, 1, 4, 2, 5}));
}

TEST(MemRefCopy, RankZeroAndEmpty) {
  float v = 7, w = 0;
  auto s0 = descriptor(&v, 0, {}, {}), d0 = descriptor(&w, 0, {}, {});
  copyMemRef(s0, d0, 0);
  EXPECT_EQ(w, 7);
  std::vector<float> a(4, 1.0f), b(4, 2.0f);
  auto se = descriptor(a.data(), 0, {0, 4}, {4, 1});
  auto de = descriptor(b.data(), 0, {0, 4}, {4, 1});
  copyMemRef(se, de, 2);
  EXPECT_EQ(b, std::vector<float>(4, 2.0f));
}

} // namespace
