#!/usr/bin/env bash
# Installs what hyper-mlir needs to build and test, with apt-get, if missing.
# Idempotent: when everything is present it only runs dpkg-query.
set -euo pipefail

packages=(
  cmake ninja-build
  llvm-22-dev libmlir-22-dev mlir-22-tools llvm-22-tools
  clang-22 lld-22 libclang-rt-22-dev libomp-22-dev
  libgtest-dev libbenchmark-dev
  python3 python3-numpy python3-torch python3-pytest libopenblas0-pthread
  pkgconf
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "deps: installing ${missing[*]}"
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
