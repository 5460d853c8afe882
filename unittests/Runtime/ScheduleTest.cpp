//===- ScheduleTest.cpp - The balanced schedule of parallel loops ---------===//

#include "hyper/Runtime/Schedule.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <thread>
#include <utility>
#include <vector>

namespace {

using Range = std::pair<int64_t, int64_t>;

/// Schedule state for `shares` shares, aligned as compiled code aligns it.
struct State {
  explicit State(int32_t shares)
      : words(size_t(shares) * HYPER_SCHEDULE_WORDS_PER_SHARE + 8) {}
  int64_t *data() {
    auto address = reinterpret_cast<uintptr_t>(words.data());
    return reinterpret_cast<int64_t *>((address + 63) / 64 * 64);
  }
  std::vector<int64_t> words;
};

/// Every range `thread` claims until none is left.
std::vector<Range> drain(int64_t *state, int32_t shares, int32_t thread) {
  std::vector<Range> ranges;
  for (int64_t r; (r = hyper_schedule_next(state, shares, thread)) >= 0;)
    ranges.emplace_back(r & 0xffffffff, r >> 32);
  return ranges;
}

TEST(Schedule, OneThreadRunsItsShareInOrderThenStealsTheRest) {
  State s(2);
  hyper_schedule_init(s.data(), 2, 10);
  // Share 0 is [0, 5): claimed from the front in chunks of a quarter of
  // what is left (at least one).
  std::vector<Range> own = {{0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 5}};
  std::vector<Range> ranges = drain(s.data(), 2, 0);
  ASSERT_GE(ranges.size(), own.size());
  EXPECT_EQ(std::vector<Range>(ranges.begin(), ranges.begin() + 5), own);
  // Then share 1, [5, 10), from its back, half of what is left each time
  // (rounded down, at least one).
  std::vector<Range> stolen(ranges.begin() + 5, ranges.end());
  EXPECT_EQ(stolen, (std::vector<Range>{{8, 10}, {7, 8}, {6, 7}, {5, 6}}));
  EXPECT_EQ(hyper_schedule_next(s.data(), 2, 1), -1);
}

TEST(Schedule, SharesFollowTheStaticSplit) {
  // 10 iterations over 4 shares: 3, 3, 2, 2, as OpenMP's static schedule.
  State s(4);
  hyper_schedule_init(s.data(), 4, 10);
  std::vector<int64_t> firsts;
  for (int32_t t = 0; t < 4; ++t) {
    int64_t r = hyper_schedule_next(s.data(), 4, t);
    ASSERT_GE(r, 0);
    firsts.push_back(r & 0xffffffff);
  }
  EXPECT_EQ(firsts, (std::vector<int64_t>{0, 3, 6, 8}));
}

TEST(Schedule, LargeSharesAreClaimedInShrinkingChunks) {
  State s(1);
  hyper_schedule_init(s.data(), 1, 250);
  std::vector<Range> ranges = drain(s.data(), 1, 0);
  EXPECT_EQ(ranges.front(), Range(0, 62));
  EXPECT_EQ(ranges.back(), Range(249, 250));
  for (size_t i = 1; i < ranges.size(); ++i) {
    EXPECT_EQ(ranges[i].first, ranges[i - 1].second);
    EXPECT_LE(ranges[i].second - ranges[i].first,
              ranges[i - 1].second - ranges[i - 1].first);
  }
  EXPECT_LT(ranges.size(), 30u);
}

TEST(Schedule, EmptyLoopsAndThreadsWithoutAShare) {
  State s(3);
  hyper_schedule_init(s.data(), 3, 0);
  EXPECT_EQ(hyper_schedule_next(s.data(), 3, 0), -1);
  EXPECT_EQ(hyper_schedule_next(s.data(), 3, 2), -1);
  // More shares than iterations: some shares are empty from the start; a
  // thread numbered past the shares (a larger team) only steals.
  hyper_schedule_init(s.data(), 3, 2);
  std::vector<Range> stolen = drain(s.data(), 3, 7);
  EXPECT_EQ(stolen, (std::vector<Range>{{0, 1}, {1, 2}}));
}

/// `threads` threads (possibly more or fewer than the shares) drain a loop
/// of `n` iterations while thread 0 stalls after its first chunk until the
/// others are done: every iteration must run exactly once, and the others
/// must have taken over the rest of thread 0's share.
void runConcurrently(int32_t shares, int32_t threads, int64_t n) {
  State s(shares);
  hyper_schedule_init(s.data(), shares, n);
  std::vector<std::atomic<int>> runs(n);
  std::atomic<int32_t> finished{0};
  int64_t laterByThread0 = 0;
  auto run = [&](int64_t r) {
    for (int64_t i = r & 0xffffffff; i < (r >> 32); ++i)
      runs[i].fetch_add(1);
    return (r >> 32) - (r & 0xffffffff);
  };
  std::vector<std::thread> team;
  team.emplace_back([&] {
    // (It may find its share already taken when it starts late.)
    int64_t r = hyper_schedule_next(s.data(), shares, 0);
    if (r >= 0)
      run(r);
    while (finished.load() < threads - 1)
      std::this_thread::yield();
    for (; (r = hyper_schedule_next(s.data(), shares, 0)) >= 0;)
      laterByThread0 += run(r);
  });
  for (int32_t t = 1; t < threads; ++t)
    team.emplace_back([&, t] {
      for (int64_t r; (r = hyper_schedule_next(s.data(), shares, t)) >= 0;)
        run(r);
      finished.fetch_add(1);
    });
  for (std::thread &t : team)
    t.join();
  for (int64_t i = 0; i < n; ++i)
    ASSERT_EQ(runs[i].load(), 1) << "iteration " << i;
  EXPECT_EQ(laterByThread0, 0) << "the other threads left work behind";
}

TEST(Schedule, ConcurrentThreadsRunEveryIterationOnce) {
  runConcurrently(2, 2, 500);
  runConcurrently(4, 4, 1000);
  runConcurrently(3, 3, 7);
  runConcurrently(2, 4, 300); // team larger than the shares
  runConcurrently(4, 2, 300); // team smaller: unowned shares are stolen
}

} // namespace
