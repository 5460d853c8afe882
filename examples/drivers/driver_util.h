//===- driver_util.h - Shared helpers of the example drivers ----*- C++ -*-===//
//
// Deterministic inputs and timing for the programs that run ahead-of-time
// compiled example models. They use the C headers hyper-compile writes and
// the project's runtime; no LLVM or MLIR.
//
//===----------------------------------------------------------------------===//

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace example {

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

/// Ends the program with the model's reason when an entry point failed.
inline void check(int status, const char *(*lastError)(void)) {
  if (status != 0) {
    std::fprintf(stderr, "error: %s\n", lastError());
    std::exit(1);
  }
}

inline double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

} // namespace example
