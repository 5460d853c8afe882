#!/usr/bin/env bash
# The main job: installs what is missing, builds, and runs hyper-opt over the
# bundled example models, showing what each one is and which ops it holds
# once parsed and verified (verification runs after every pass, too).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${HYPER_BUILD_DIR:-$root/build}

"$root/scripts/build.sh"

TIMEFORMAT='  parsed and verified in %3R s'
for model in "$root"/examples/*.mlir; do
  echo
  echo "== ${model#"$root"/}"
  # The model's leading comment block says what it is.
  sed -n '/^\/\//!q; s|^// \{0,1\}|  |p' "$model"
  time "$build/bin/hyper-opt" --verify-each --print-op-stats -o /dev/null \
    "$model" 2>&1 | grep -vE 'yield|builtin.module|^-+$' | sed 's/^/  /'
done
