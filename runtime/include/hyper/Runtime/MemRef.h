//===- MemRef.h - Memref support for compiled models ------------*- C++ -*-===//
//
// The strided memref descriptors of MLIR's C interface and the support
// functions lowered code calls. Plain C++17, no LLVM or MLIR.
//
//===----------------------------------------------------------------------===//

#ifndef HYPER_RUNTIME_MEMREF_H
#define HYPER_RUNTIME_MEMREF_H

#include "hyper/Runtime/Npy.h"

#include <cstdint>
#include <vector>

extern "C" {

/// A memref of any rank as lowered code passes it: the rank and a pointer to
/// a descriptor `{allocated, aligned, offset, sizes[rank], strides[rank]}`.
struct HyperUnrankedMemRef {
  int64_t rank;
  void *descriptor;
};

/// Copies `src` into `dst` (same sizes, any strides); `memref.copy` of
/// non-contiguous views lowers to a call of this function.
void memrefCopy(int64_t elementSize, HyperUnrankedMemRef *src,
                HyperUnrankedMemRef *dst);

} // extern "C"

namespace hyperrt {

/// The descriptor of a dense C-order memref over `data` with `array`'s
/// shape, as 8-byte words {allocated, aligned, offset, sizes..., strides...};
/// `data` defaults to the array's own storage.
std::vector<int64_t> denseDescriptor(const Array &array,
                                     const void *data = nullptr);

/// A copy, as an array, of the memref (any strides) that `words` describes.
Array arrayFromDescriptor(const int64_t *words, int64_t rank, DType dtype);

} // namespace hyperrt

#endif // HYPER_RUNTIME_MEMREF_H
