#!/usr/bin/env bash
# The whole test suite in a sanitizer build (address, undefined) of its own,
# build-san/ beside build/ (HYPER_SANITIZE_BUILD_DIR picks another): every
# program the project builds is instrumented and shares clang's shared
# sanitizer runtime; LLVM's and MLIR's libraries are not instrumented. The
# last line is ctest's count. docs/Testing.md has the status.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${HYPER_SANITIZE_BUILD_DIR:-$root/build-san}

HYPER_BUILD_DIR=$build "$root/scripts/build.sh" -DHYPER_SANITIZE=address,undefined
# libMLIR.so's bump allocator poisons memory it hands out again (a false
# use-after-poison without instrumentation); LLVM's static state is never
# freed; a model library loaded before the runtime is fine.
export ASAN_OPTIONS=${ASAN_OPTIONS:-allow_user_poisoning=0:detect_leaks=0:verify_asan_link_order=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
cd "$build"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
ctest --output-on-failure -j "${HYPER_JOBS:-2}" | tee "$log" || status=$?
grep -E "tests passed, .* tests failed out of" "$log" | tail -1
exit "$status"
