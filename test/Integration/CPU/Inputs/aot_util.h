// Helpers for the ahead-of-time test drivers: load .npy inputs and save the
// results a compiled model returns. The model's header is force-included
// (-include model.h).
#include "hyper/Runtime/Npy.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

inline hyperrt::Array load(const char *path) {
  std::string error;
  std::optional<hyperrt::Array> array = hyperrt::readNpy(path, error);
  if (!array) {
    std::fprintf(stderr, "%s\n", error.c_str());
    std::exit(1);
  }
  return std::move(*array);
}

/// Writes a float32 result and releases it with the model's `release`.
inline void save(hyper_result &result, const char *path,
                 void (*release)(hyper_result *)) {
  std::vector<int64_t> shape(result.shape, result.shape + result.rank);
  hyperrt::Array array(hyperrt::DType::F32, shape);
  std::memcpy(array.data(), result.data, array.numBytes());
  release(&result);
  std::string error;
  if (!hyperrt::writeNpy(path, array, error)) {
    std::fprintf(stderr, "%s\n", error.c_str());
    std::exit(1);
  }
}
