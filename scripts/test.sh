#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite (lit and
# GoogleTest) under ctest.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${HYPER_BUILD_DIR:-$root/build}

"$root/scripts/build.sh"
cd "$build"
ctest --output-on-failure -j "${HYPER_JOBS:-2}"
