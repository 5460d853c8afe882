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

/// Copies dimension `dim` and the ones inside it, from `from` to `to`: an
/// innermost run contiguous on both sides as one memcpy, else element by
/// element.
void copyDims(const Strided &s, const Strided &d, int64_t rank, int64_t dim,
              int64_t elementSize, const char *from, char *to) {
  int64_t n = s.sizes[dim];
  int64_t sStride = s.strides[dim] * elementSize;
  int64_t dStride = d.strides[dim] * elementSize;
  if (dim == rank - 1) {
    if (sStride == elementSize && dStride == elementSize) {
      std::memcpy(to, from, n * elementSize);
      return;
    }
    for (int64_t i = 0; i < n; ++i, from += sStride, to += dStride)
      std::memcpy(to, from, elementSize);
    return;
  }
  for (int64_t i = 0; i < n; ++i, from += sStride, to += dStride)
    copyDims(s, d, rank, dim + 1, elementSize, from, to);
}
} // namespace

extern "C" void memrefCopy(int64_t elementSize, HyperUnrankedMemRef *src,
                           HyperUnrankedMemRef *dst) {
  // Called for every non-contiguous memref.copy (a convolution's image into
  // its padded buffer: 1024 rows of 128 bytes, once per image and layer):
  // no allocation, offsets advanced rather than recomputed per row.
  int64_t rank = src->rank;
  Strided s(*src, elementSize), d(*dst, elementSize);
  for (int64_t i = 0; i < rank; ++i)
    if (s.sizes[i] == 0)
      return;
  const char *from = s.aligned + s.offset;
  char *to = d.aligned + d.offset;
  if (rank == 0) {
    std::memcpy(to, from, elementSize);
    return;
  }
  copyDims(s, d, rank, 0, elementSize, from, to);
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
