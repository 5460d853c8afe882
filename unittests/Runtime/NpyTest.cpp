//===- NpyTest.cpp - The .npy / .npz readers and writers ------------------===//
//
// Round trips through the writers, and the readers' checks on sizes that a
// file claims: each crafted input must give an error naming the problem,
// never an allocation of the claimed size or a read past the bytes given.
//
//===----------------------------------------------------------------------===//

#include "hyper/Runtime/Npy.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>
#include <vector>

using hyperrt::Array;
using hyperrt::DType;

namespace {

std::string tempPath(const char *name) {
  const char *dir = std::getenv("TMPDIR");
  return std::string(dir ? dir : "/tmp") + "/hyper-npy-test-" +
         std::to_string(getpid()) + "-" + name;
}

/// A version 1.0 header claiming `shape` of float32, without data.
std::vector<uint8_t> header(const std::string &shape) {
  std::string dict =
      "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }\n";
  std::vector<uint8_t> out = {0x93,
                              'N',
                              'U',
                              'M',
                              'P',
                              'Y',
                              1,
                              0,
                              uint8_t(dict.size() & 0xff),
                              uint8_t(dict.size() >> 8)};
  out.insert(out.end(), dict.begin(), dict.end());
  return out;
}

TEST(Npy, CheckedByteSizeRejectsNegativeAndOverflowingShapes) {
  EXPECT_EQ(hyperrt::checkedByteSize(DType::F32, {2, 3}), 24u);
  EXPECT_EQ(hyperrt::checkedByteSize(DType::F64, {}), 8u);
  EXPECT_EQ(hyperrt::checkedByteSize(DType::F32, {0, int64_t(1) << 62}), 0u);
  EXPECT_FALSE(hyperrt::checkedByteSize(DType::F32, {-1}));
  // 2^40 * 2^22 elements * 4 bytes = 2^64: wraps to 0 unchecked.
  EXPECT_FALSE(hyperrt::checkedByteSize(DType::F32,
                                        {int64_t(1) << 40, int64_t(1) << 22}));
  EXPECT_FALSE(hyperrt::checkedByteSize(DType::I64, {int64_t(1) << 61}));
}

TEST(Npy, AllocateReportsSizesItWillNotAllocate) {
  std::string error;
  EXPECT_FALSE(Array::allocate(DType::F32, {int64_t(1) << 62, 9}, error));
  EXPECT_NE(error.find("overflows int64"), std::string::npos) << error;
  EXPECT_FALSE(Array::allocate(DType::F32, {int64_t(1) << 40}, error));
  EXPECT_NE(error.find("more than the limit"), std::string::npos) << error;
  std::optional<Array> ok = Array::allocate(DType::F32, {3, 0}, error);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->numElements(), 0);
}

TEST(Npy, ClaimedSizesAreCheckedAgainstTheBytesThere) {
  std::string error;
  std::vector<uint8_t> huge = header("(1099511627776,)");
  EXPECT_FALSE(hyperrt::parseNpy(huge.data(), huge.size(), "huge", error));
  EXPECT_NE(error.find("truncated data"), std::string::npos) << error;
  std::vector<uint8_t> wrap = header("(1099511627776, 4194304)");
  EXPECT_FALSE(hyperrt::parseNpy(wrap.data(), wrap.size(), "wrap", error));
  EXPECT_NE(error.find("overflows int64"), std::string::npos) << error;
  // A header length beyond the buffer: only the bytes given are read.
  std::vector<uint8_t> cut = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 0xff, 0xff};
  EXPECT_FALSE(hyperrt::parseNpy(cut.data(), cut.size(), "cut", error));
  EXPECT_NE(error.find("it claims 65535 bytes, the file has 0"),
            std::string::npos)
      << error;
}

TEST(Npy, ErrorsQuoteAShortEscapedPrefix) {
  std::vector<uint8_t> bytes = {0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0};
  std::string junk(5000, '\x01');
  uint32_t n = junk.size();
  for (int i = 0; i < 4; ++i)
    bytes.push_back(uint8_t(n >> (8 * i)));
  bytes.insert(bytes.end(), junk.begin(), junk.end());
  std::string error;
  EXPECT_FALSE(hyperrt::parseNpy(bytes.data(), bytes.size(), "junk", error));
  EXPECT_LT(error.size(), 500u) << error;
  EXPECT_NE(error.find("\\x01\\x01"), std::string::npos) << error;
  EXPECT_EQ(error.find('\x01'), std::string::npos);
}

TEST(Npy, NpzRoundTripAndSingleMemberReads) {
  Array a(DType::F32, {2, 3}), b(DType::I64, {4});
  for (int i = 0; i < 6; ++i)
    a.as<float>()[i] = 0.5f * i;
  for (int i = 0; i < 4; ++i)
    b.as<int64_t>()[i] = (int64_t(1) << 40) + i;
  std::vector<hyperrt::NamedArray> arrays;
  arrays.emplace_back("a", std::move(a));
  arrays.emplace_back("b.c", std::move(b));
  std::string path = tempPath("round.npz"), error;
  ASSERT_TRUE(hyperrt::writeNpz(path, arrays, error)) << error;

  std::optional<std::vector<hyperrt::NamedArray>> back =
      hyperrt::readNpz(path, error);
  ASSERT_TRUE(back) << error;
  ASSERT_EQ(back->size(), 2u);
  EXPECT_EQ((*back)[0].first, "a");
  EXPECT_EQ((*back)[0].second.shape(), (std::vector<int64_t>{2, 3}));
  EXPECT_EQ((*back)[0].second.as<float>()[5], 2.5f);
  EXPECT_EQ((*back)[1].first, "b.c");
  EXPECT_EQ((*back)[1].second.as<int64_t>()[3], (int64_t(1) << 40) + 3);

  std::optional<Array> one = hyperrt::readNpzMember(path, "b.c", error);
  ASSERT_TRUE(one) << error;
  EXPECT_EQ(one->dtype(), DType::I64);
  EXPECT_FALSE(hyperrt::readNpzMember(path, "q", error));
  EXPECT_NE(error.find("no array named 'q' (it has 'a, b.c')"),
            std::string::npos)
      << error;
  std::remove(path.c_str());
}

TEST(Npy, OnlyRegularFilesAreRead) {
  std::string error;
  EXPECT_FALSE(hyperrt::readNpy("/dev/zero", error));
  EXPECT_NE(error.find("not a regular file"), std::string::npos) << error;
  EXPECT_FALSE(hyperrt::readNpz("/", error));
  EXPECT_NE(error.find("not a regular file"), std::string::npos) << error;
}

TEST(Npy, WritesAreCheckedThroughTheFinalFlush) {
  // A small file fits the stdio buffer: only the flush at close fails.
  std::string error;
  EXPECT_FALSE(hyperrt::writeNpy("/dev/full", Array(DType::F32, {1}), error));
  EXPECT_NE(error.find("No space left on device"), std::string::npos) << error;
}

} // namespace
