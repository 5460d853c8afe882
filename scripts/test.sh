#!/usr/bin/env bash
# Installs what is missing, builds, runs the fuzzers briefly, and runs the
# whole test suite (lit, GoogleTest, Python) under ctest. The last line is ctest's count; tests that need a
# GPU report themselves as skipped (listed just above it) where there is none.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${HYPER_BUILD_DIR:-$root/build}

"$root/scripts/build.sh"
# The fuzzers (a sanitizer build of fuzz/ in build-fuzz/): each replays its
# corpus, which keeps every input that once crashed, and tries
# HYPER_FUZZ_RUNS more with a fixed seed (default 2000; 0 replays only).
# HYPER_FUZZ=0 skips them. A finding fails the run.
if [[ ${HYPER_FUZZ:-1} != 0 ]]; then
  "$root/scripts/fuzz.sh" --runs="${HYPER_FUZZ_RUNS:-2000}"
fi
cd "$build"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
ctest --output-on-failure -j "${HYPER_JOBS:-2}" | tee "$log" || status=$?
grep -E "tests passed, .* tests failed out of" "$log" | tail -1
exit "$status"
