//===- MemRef.cpp - Memref support for compiled models ----------*- C++ -*-===//

#include "hyper/Runtime/MemRef.h"

#include <cstring>
#include <vector>

namespace {
/// A view of a strided descriptor of known rank.
struct Strided {
  char *aligned;
  int64_t offset;
  const int64_t *sizes;
  const int64_t *strides;

  Strided(const HyperUnrankedMemRef &m, int64_t elementSize) {
    auto *words = static_cast<int64_t *>(m.descriptor);
    aligned = reinterpret_cast<char *>(words[1]);
    offset = words[2] * elementSize;
    sizes = words + 3;
    strides = words + 3 + m.rank;
  }
};
} // namespace

extern "C" void memrefCopy(int64_t elementSize, HyperUnrankedMemRef *src,
                           HyperUnrankedMemRef *dst) {
  int64_t rank = src->rank;
  Strided s(*src, elementSize), d(*dst, elementSize);
  for (int64_t i = 0; i < rank; ++i)
    if (s.sizes[i] == 0)
      return;
  if (rank == 0) {
    std::memcpy(d.aligned + d.offset, s.aligned + s.offset, elementSize);
    return;
  }
  // Walk all indices but the innermost; copy the innermost run.
  std::vector<int64_t> index(rank, 0);
  int64_t inner = rank - 1;
  bool contiguous = s.strides[inner] == 1 && d.strides[inner] == 1;
  while (true) {
    int64_t so = s.offset, dO = d.offset;
    for (int64_t i = 0; i < inner; ++i) {
      so += index[i] * s.strides[i] * elementSize;
      dO += index[i] * d.strides[i] * elementSize;
    }
    if (contiguous) {
      std::memcpy(d.aligned + dO, s.aligned + so, s.sizes[inner] * elementSize);
    } else {
      for (int64_t j = 0; j < s.sizes[inner]; ++j)
        std::memcpy(d.aligned + dO + j * d.strides[inner] * elementSize,
                    s.aligned + so + j * s.strides[inner] * elementSize,
                    elementSize);
    }
    int64_t i = inner - 1;
    while (i >= 0 && ++index[i] == s.sizes[i])
      index[i--] = 0;
    if (i < 0)
      return;
  }
}

std::vector<int64_t> hyperrt::denseDescriptor(const Array &array,
                                              const void *data) {
  auto base = reinterpret_cast<int64_t>(data ? data : array.data());
  std::vector<int64_t> words = {base, base, 0};
  words.insert(words.end(), array.shape().begin(), array.shape().end());
  std::vector<int64_t> strides(array.rank());
  int64_t stride = 1;
  for (int64_t i = array.rank() - 1; i >= 0; --i) {
    strides[i] = stride;
    stride *= array.shape()[i];
  }
  words.insert(words.end(), strides.begin(), strides.end());
  return words;
}

hyperrt::Array hyperrt::arrayFromDescriptor(const int64_t *words, int64_t rank,
                                            DType dtype) {
  std::vector<int64_t> shape(words + 3, words + 3 + rank);
  const int64_t *strides = words + 3 + rank;
  Array array(dtype, shape);
  size_t size = dtypeSize(dtype);
  const char *base = reinterpret_cast<const char *>(words[1]) + words[2] * size;
  char *out = static_cast<char *>(array.data());
  int64_t n = array.numElements();
  if (n == 0)
    return array;
  // Rows along the innermost dimension are copied whole when contiguous
  // (always for the dense results compiled functions return).
  int64_t run = rank > 0 && strides[rank - 1] == 1 ? shape[rank - 1] : 1;
  int64_t outer = rank > 0 && run > 1 ? rank - 1 : rank;
  std::vector<int64_t> index(outer, 0);
  for (int64_t flat = 0; flat < n; flat += run) {
    int64_t offset = 0;
    for (int64_t i = 0; i < outer; ++i)
      offset += index[i] * strides[i];
    std::memcpy(out + flat * size, base + offset * size, run * size);
    for (int64_t i = outer - 1; i >= 0 && ++index[i] == shape[i]; --i)
      index[i] = 0;
  }
  return array;
}
