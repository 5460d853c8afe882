//===- fuzz_npy.cpp - libFuzzer target: the .npy and .npz readers ---------===//
//
// Any bytes: the readers return an array whose storage holds what its shape
// says (every byte is read, so AddressSanitizer sees an undersized buffer),
// or fail with a short reason; they never crash, read outside the input,
// allocate more than the input can describe, or echo more than a prefix of
// it. The input is tried as a .npy file and as an .npz archive.
//
//===----------------------------------------------------------------------===//

#include "hyper/Runtime/Npy.h"

#include <cstdint>
#include <cstdlib>
#include <string>

namespace rt = hyperrt;

namespace {

/// Reads every byte of `a` and checks its size against its shape.
void touch(const rt::Array &a) {
  std::optional<uint64_t> bytes = rt::checkedByteSize(a.dtype(), a.shape());
  if (!bytes || *bytes != a.numBytes())
    std::abort();
  const auto *p = static_cast<const volatile uint8_t *>(a.data());
  uint8_t sum = 0;
  for (uint64_t i = 0; i < a.numBytes(); ++i)
    sum ^= p[i];
  (void)sum;
}

/// A failure says why, briefly.
void checkError(const std::string &error) {
  if (error.empty() || error.size() > 1024)
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string error;
  if (std::optional<rt::Array> a = rt::parseNpy(data, size, "fuzz.npy", error))
    touch(*a);
  else
    checkError(error);
  error.clear();
  if (auto arrays = rt::parseNpz(data, size, "fuzz.npz", error)) {
    for (const rt::NamedArray &named : *arrays)
      touch(named.second);
  } else {
    checkError(error);
  }
  return 0;
}
