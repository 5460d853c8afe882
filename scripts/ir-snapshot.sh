#!/usr/bin/env bash
# Dumps the lowered IR of the example models and the benchmark models into
# OUTDIR, one file per model and configuration, so that a change meant to
# move code without changing what it emits can be checked with `diff -r`:
#
#   scripts/ir-snapshot.sh /tmp/before          # on the old commit
#   scripts/ir-snapshot.sh /tmp/after           # on the new one
#   diff -r /tmp/before /tmp/after && echo identical
#
# Configurations: the CPU pipeline at 16 lanes (znver4) and 8 lanes (znver3),
# threads off and on, with the weights bound (hyper-compile --emit=mlir) and
# with the weights as arguments (hyper-opt -hyper-cpu-pipeline); the GPU
# pipeline's host emulation (-hyper-gpu-pipeline=emulate=true) and the CUDA
# path (hyper-compile --target=cuda --gpu-format=isa --emit=mlir: PTX text,
# no ptxas). Two things vary between runs of the same compiler on the same
# input, so each dump is normalized (scripts/ir-snapshot/normalize.py): the
# order in which constant globals are created, which decides their names
# (`__constant_4x1000x4xf32` vs `..._0`), and the PTX compile time that
# gpu.binary records. The tools run with --mlir-disable-threading. Uses the build in ${HYPER_BUILD_DIR:-build}; builds nothing.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${HYPER_BUILD_DIR:-$root/build}
out=${1:?usage: scripts/ir-snapshot.sh OUTDIR}
mkdir -p "$out"
out=$(cd "$out" && pwd)
models=$out/.models
if [[ ! -f "$models/bench_conv_b1.npz" ]]; then
  /usr/bin/python3 "$root/scripts/ir-snapshot/make_models.py" "$models" >/dev/null
fi

jobs=()
for model in "$models"/*.mlir; do
  name=$(basename "$model" .mlir)
  weights=$models/$name.npz
  for cpu in znver4:16 znver3:8; do
    for threads in 0 1; do
      flag=""
      ((threads)) && flag=--parallel
      jobs+=("hyper-compile $model --weights=$weights --target-cpu=${cpu%:*} $flag --emit=mlir -o $out/$name.bound.cpu${cpu#*:}.t$threads.mlir")
      jobs+=("hyper-opt $model -hyper-cpu-pipeline=vector-width=${cpu#*:}@threads=$threads -o $out/$name.args.cpu${cpu#*:}.t$threads.mlir")
    done
  done
  jobs+=("hyper-opt $model -hyper-gpu-pipeline=emulate=true -o $out/$name.args.gpu-emulator.mlir")
  jobs+=("hyper-compile $model --weights=$weights --target=cuda --gpu-format=isa --emit=mlir -o $out/$name.bound.cuda.mlir")
done

run() {
  local tool=$1
  shift
  local args=("$@")
  # Pipeline options are written with '@' in the job list (spaces split
  # jobs); restore them.
  args=("${args[@]//@/ }")
  if ! "$build/bin/$tool" --mlir-disable-threading "${args[@]}" 2>"${args[-1]}.err"; then
    echo "ir-snapshot: $tool ${args[*]} failed:" >&2
    cat "${args[-1]}.err" >&2
    return 1
  fi
  rm -f "${args[-1]}.err"
  /usr/bin/python3 "$root/scripts/ir-snapshot/normalize.py" "${args[-1]}"
}
export -f run
export build root
printf '%s\n' "${jobs[@]}" | xargs -P "${HYPER_JOBS:-2}" -I{} bash -c 'run {}'
echo "ir-snapshot: ${#jobs[@]} dumps in $out"
