#!/usr/bin/env bash
# Configures (once) and builds hyper-mlir into ${HYPER_BUILD_DIR:-build}.
#   scripts/build.sh [-DOPTION=VALUE ...]   extra CMake options, at configure
# HYPER_BUILD_TARGETS (space-separated) builds only those targets.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${HYPER_BUILD_DIR:-$root/build}

"$root/scripts/deps.sh"

if [[ ! -f "$build/build.ninja" ]]; then
  cmake -G Ninja -S "$root" -B "$build" \
    -DCMAKE_BUILD_TYPE=Release \
    -DMLIR_DIR=/usr/lib/llvm-22/lib/cmake/mlir \
    -DLLVM_EXTERNAL_LIT=/usr/lib/llvm-22/bin/lit \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
    -DLLVM_USE_LINKER=lld "$@"
fi
# Two cores: two jobs keep the memory-hungry MLIR TUs from thrashing.
targets=()
[[ -n ${HYPER_BUILD_TARGETS:-} ]] && targets=(--target $HYPER_BUILD_TARGETS)
cmake --build "$build" -j "${HYPER_JOBS:-2}" "${targets[@]}"
