//===- Schedule.h - Balanced schedule of parallel loops ---------*- C++ -*-===//
//
// The schedule compiled code runs its parallel loops with (the lowering of
// scf.forall in `hyper-forall-to-openmp`): each thread of the team starts
// with the contiguous share of the iterations OpenMP's static schedule
// would give it and claims it from the front in shrinking chunks; a thread
// whose share is done takes half of what is left of the fullest share, from
// its back. While the threads run at the same speed this is the static
// schedule (each thread streams the same rows of the weights every call,
// which stay in its caches); when one runs slower (on a shared machine a
// vCPU often does, by 10-40 % for seconds at a time) the other finishes its
// work instead of waiting at the join.
//
// The state is one 64-byte line per share (no false sharing between the
// owners' claims), in memory the caller provides; each line's first word
// holds the share's unclaimed range as `begin | end << 32`, so iteration
// counts must be below 2^31. Plain C++17, lock-free.
//
//===----------------------------------------------------------------------===//

#ifndef HYPER_RUNTIME_SCHEDULE_H
#define HYPER_RUNTIME_SCHEDULE_H

#include <cstdint>

extern "C" {

/// 64-bit words of state per share (one cache line).
#define HYPER_SCHEDULE_WORDS_PER_SHARE 8

/// Iteration counts the schedule takes are below this (ranges are packed
/// in 32-bit halves of one word).
#define HYPER_SCHEDULE_MAX_ITERATIONS (INT64_C(1) << 31)

/// Splits iterations [0, n) into `shares` contiguous shares, as OpenMP's
/// static schedule does: `state` holds `shares` ×
/// HYPER_SCHEDULE_WORDS_PER_SHARE words, 64-byte aligned. Needs
/// 0 <= n < HYPER_SCHEDULE_MAX_ITERATIONS and shares >= 1.
void hyper_schedule_init(int64_t *state, int32_t shares, int64_t n);

/// The next iterations thread `thread` runs: from the front of its own
/// share while it has any, else stolen from the back of the fullest share.
/// Returns `begin | end << 32` (begin < end), or -1 when no iteration is
/// left. Every iteration is returned exactly once over all threads; a
/// thread number without a share (team larger than `shares`) only steals.
int64_t hyper_schedule_next(int64_t *state, int32_t shares, int32_t thread);

} // extern "C"

#endif // HYPER_RUNTIME_SCHEDULE_H
