#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite (lit and
# GoogleTest) under ctest. The last line is ctest's count; tests that need a
# GPU report themselves as skipped (listed just above it) where there is none.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${HYPER_BUILD_DIR:-$root/build}

"$root/scripts/build.sh"
cd "$build"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
ctest --output-on-failure -j "${HYPER_JOBS:-2}" | tee "$log" || status=$?
grep -E "tests passed, .* tests failed out of" "$log" | tail -1
exit "$status"
