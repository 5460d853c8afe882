//===- driver_util.h - Shared helpers of the example drivers ----*- C++ -*-===//
//
// Loading weights archives, deterministic inputs and timing for the programs
// that run ahead-of-time compiled example models. They use the project's
// runtime and the C headers hyper-compile writes; no LLVM or MLIR.
//
//===----------------------------------------------------------------------===//

#include "hyper/Runtime/Npy.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

namespace example {

/// The arrays of an .npz archive by name; exits with the reader's message on
/// failure.
inline std::map<std::string, hyperrt::Array> loadWeights(const char *path) {
  std::string error;
  auto arrays = hyperrt::readNpz(path, error);
  if (!arrays) {
    std::fprintf(stderr, "error: %s\n", error.c_str());
    std::exit(1);
  }
  std::map<std::string, hyperrt::Array> weights;
  for (auto &named : *arrays)
    weights.emplace(named.first, std::move(named.second));
  return weights;
}

/// The float data of weight `name`; exits if the archive lacks it.
inline const float *weight(std::map<std::string, hyperrt::Array> &weights,
                           const std::string &name) {
  auto it = weights.find(name);
  if (it == weights.end()) {
    std::fprintf(stderr, "error: the weights have no array '%s'\n",
                 name.c_str());
    std::exit(1);
  }
  return it->second.as<float>();
}

/// A small deterministic generator (xorshift64*), uniform in [0, 1).
class Random {
public:
  explicit Random(uint64_t seed) : state(seed ? seed : 1) {}
  double uniform() {
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return (state * 2685821657736338717ull >> 11) * (1.0 / 9007199254740992.0);
  }

private:
  uint64_t state;
};

/// Milliseconds since `start`.
inline double msSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(
             std::chrono::steady_clock::now() - start)
      .count();
}

inline double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

} // namespace example
