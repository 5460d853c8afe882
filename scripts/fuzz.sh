#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/: the .npy/.npz readers, hyper-run's
# input binding, parse + verify, and hyper ops through the pipelines) in a
# sanitizer build (address, undefined) and runs each on its corpus.
#
#   scripts/fuzz.sh [SECONDS]      each target for SECONDS (default 60)
#   scripts/fuzz.sh --runs=N       each target for N inputs with a fixed seed
#                                  (reproducible: what CI runs)
#
# The corpus of TARGET is fuzz/corpus/TARGET (committed: seeds, and every
# input that once crashed, so that each run replays them) plus, for verify,
# the repository's .mlir files; new coverage goes to BUILD/corpus/TARGET.
# A finding stops the run with the sanitizer's report and leaves the input
# in BUILD/artifacts/; the script then exits 1. Add the minimized input to
# fuzz/corpus/TARGET with the fix. HYPER_FUZZ_BUILD_DIR picks the build
# (default build-fuzz beside build/).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${HYPER_FUZZ_BUILD_DIR:-$root/build-fuzz}
limit=(-max_total_time=60)
case "${1:-}" in
  --runs=*) limit=(-runs="${1#--runs=}" -seed=1) ;;
  "") ;;
  *) limit=(-max_total_time="$1") ;;
esac

targets=(npy inputs verify pipeline)
HYPER_BUILD_DIR=$build HYPER_BUILD_TARGETS="${targets[*]/#/hyper-fuzz-}" \
  "$root/scripts/build.sh" -DHYPER_ENABLE_FUZZERS=ON -DHYPER_ENABLE_UNITTESTS=OFF

# MLIR's bump allocator poisons memory it hands out again; libMLIR.so is not
# instrumented, so AddressSanitizer would report that reuse.
export ASAN_OPTIONS=${ASAN_OPTIONS:-allow_user_poisoning=0:detect_leaks=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
seeds=$build/seeds
rm -rf "$seeds" && mkdir -p "$seeds/verify" "$build/artifacts"
find "$root/test" "$root/examples" -name '*.mlir' -size -64k -print0 |
  while IFS= read -r -d '' f; do
    cp "$f" "$seeds/verify/$(echo "$f" | sha1sum | cut -c1-12).mlir"
  done
# MLIR's parser recurses once per nesting level, and frames are larger
# under AddressSanitizer: room for inputs up to -max_len deep.
ulimit -s 262144 2>/dev/null || true
status=0
for t in "${targets[@]}"; do
  mkdir -p "$build/corpus/$t" "$seeds/$t"
  echo "== hyper-fuzz-$t (${limit[*]})"
  log=$build/artifacts/$t.log
  if "$build/bin/hyper-fuzz-$t" "$build/corpus/$t" "$root/fuzz/corpus/$t" "$seeds/$t" \
      "${limit[@]}" -timeout=60 -rss_limit_mb=6144 -max_len=8192 \
      -artifact_prefix="$build/artifacts/$t-" -print_final_stats=1 > "$log" 2>&1; then
    grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|Done [0-9]+ runs" "$log" || true
  else
    status=1
    echo "hyper-fuzz-$t: FINDING (log: $log)"
    grep -E "ERROR|SUMMARY|runtime error|Test unit written" "$log" | head -5 || true
  fi
done
exit $status
