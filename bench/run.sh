#!/usr/bin/env bash
# One command for the whole benchmark: installs what is missing (PyTorch and
# matplotlib from Debian included), builds, runs bench/run.py, and rewrites
# docs/benchmarks.md (its machine kind's section) and docs/benchmarks-<kind>.png. Takes a few minutes.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/build.sh"
missing=()
# OpenBLAS: without it Debian's python3-torch and NumPy run the reference
# BLAS (libblas3, ~2 GFLOP/s SGEMM) and every GEMM peer is 10x too slow;
# threadpoolctl lets run.py check which BLAS they actually load.
for p in python3-torch python3-matplotlib python3-numpy libopenblas0-pthread python3-threadpoolctl; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi
exec /usr/bin/python3 "$root/bench/run.py" --build "${HYPER_BUILD_DIR:-$root/build}" "$@"
