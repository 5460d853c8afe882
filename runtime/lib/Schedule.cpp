//===- Schedule.cpp - Balanced schedule of parallel loops -----------------===//

#include "hyper/Runtime/Schedule.h"

#include <algorithm>
#include <atomic>

namespace {

/// A share's unclaimed iterations [begin, end), packed into one word.
struct Range {
  int64_t begin, end;
  int64_t size() const { return end - begin; }
};

Range unpack(uint64_t word) {
  return {int64_t(word & 0xffffffffu), int64_t(word >> 32)};
}

uint64_t pack(int64_t begin, int64_t end) {
  return uint64_t(begin) | uint64_t(end) << 32;
}

std::atomic<uint64_t> &share(int64_t *state, int32_t index) {
  // The words are only ever accessed atomically, and std::atomic<uint64_t>
  // is lock-free with the layout of a uint64_t on the targets we build for.
  static_assert(sizeof(std::atomic<uint64_t>) == sizeof(uint64_t));
  return *reinterpret_cast<std::atomic<uint64_t> *>(
      state + int64_t(index) * HYPER_SCHEDULE_WORDS_PER_SHARE);
}

/// An owner claims a quarter of what its share has left (at least one
/// iteration): few claims (about 20 for 250 iterations), and what it holds
/// unclaimed when another thread runs out is small enough to rebalance.
int64_t ownerChunk(int64_t left) { return std::max<int64_t>(1, left / 4); }

/// A thief takes half of what the fullest share has left.
int64_t thiefChunk(int64_t left) { return std::max<int64_t>(1, left / 2); }

} // namespace

extern "C" void hyper_schedule_init(int64_t *state, int32_t shares, int64_t n) {
  // OpenMP's static split: the first n % shares shares get one more.
  int64_t base = n / shares, extra = n % shares, begin = 0;
  for (int32_t i = 0; i < shares; ++i) {
    int64_t end = begin + base + (i < extra ? 1 : 0);
    share(state, i).store(pack(begin, end), std::memory_order_relaxed);
    begin = end;
  }
  // The threads that read the state start after the fork that follows.
  std::atomic_thread_fence(std::memory_order_release);
}

extern "C" int64_t hyper_schedule_next(int64_t *state, int32_t shares,
                                       int32_t thread) {
  if (thread >= 0 && thread < shares) {
    std::atomic<uint64_t> &own = share(state, thread);
    uint64_t word = own.load(std::memory_order_acquire);
    for (Range r = unpack(word); r.size() > 0; r = unpack(word)) {
      int64_t end = r.begin + ownerChunk(r.size());
      if (own.compare_exchange_weak(word, pack(end, r.end),
                                    std::memory_order_acq_rel))
        return int64_t(pack(r.begin, end));
    }
  }
  // Steal from the fullest share; retry while others change it under us.
  while (true) {
    int32_t victim = -1;
    uint64_t word = 0; // the victim's range as read (empty: none yet)
    for (int32_t i = 0; i < shares; ++i) {
      uint64_t w = share(state, i).load(std::memory_order_acquire);
      if (unpack(w).size() > unpack(word).size()) {
        victim = i;
        word = w;
      }
    }
    if (victim < 0)
      return -1;
    Range r = unpack(word);
    int64_t begin = r.end - thiefChunk(r.size());
    if (share(state, victim)
            .compare_exchange_strong(word, pack(r.begin, begin),
                                     std::memory_order_acq_rel))
      return int64_t(pack(begin, r.end));
  }
}
