#!/usr/bin/env bash
# The GPU check, in two halves.
#
#   scripts/gpu-check.sh prepare [DIR]   here (LLVM 22, CUDA toolkit): builds,
#                                        compiles the GPU cases ahead of time
#                                        and puts everything under DIR
#                                        (default build/gpu-check)
#   DIR/run.sh                           on a machine with an NVIDIA GPU and
#                                        its driver (no LLVM, no network):
#                                        runs every case, prints PASS/FAIL and
#                                        timings beside PyTorch CUDA
#
# Environment: GPU_CHIP (default sm_90), GPU_FEATURES (default +ptx80),
# GPU_CHECK_CASES (default "golden lstm"; any of golden: the golden
# HyperLSTMs and hyper-conv, lstm: the benchmark HyperLSTMs, wrn: WRN-40-2
# at batch 32 beside PyTorch's cuDNN convolutions). All three together
# exceed what the device tool carries (64 MiB): prepare wrn in a folder of
# its own.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cmd=${1:-}
[[ $cmd == prepare ]] || { echo "usage: $0 prepare [DIR]" >&2; exit 2; }
out=$(realpath -m "${2:-$root/build/gpu-check}")
chip=${GPU_CHIP:-sm_90}
features=${GPU_FEATURES:-+ptx80}
cases=" ${GPU_CHECK_CASES:-golden lstm} "
for c in $cases; do
  [[ $c == golden || $c == lstm || $c == wrn ]] || {
    echo "gpu-check: error: unknown case group '$c' in GPU_CHECK_CASES (golden, lstm, wrn)" >&2
    exit 2
  }
done

"$root/scripts/build.sh"
build=${HYPER_BUILD_DIR:-$root/build}
if ! command -v ptxas >/dev/null && [[ ! -x ${CUDA_HOME:-/usr/local/cuda}/bin/ptxas ]]; then
  echo "gpu-check: error: the CUDA toolkit's ptxas is needed to build cubins" >&2
  exit 1
fi
export CUDA_HOME=${CUDA_HOME:-/usr/local/cuda}

rm -rf "$out"
mkdir -p "$out/lib" "$out/models" "$out/cases"
cp "$build/lib/libHyperCudaRuntime.so" "$out/lib/"
cp "$build/unittests/Runtime/HyperCudaRuntimeDeviceTests" "$out/"
cp "$root/bench/peers.py" "$root/bench/models.py" "$root/scripts/gpu-check/torch_peers.py" "$out/"
clang++-22 -std=c++17 -O2 -I"$root/runtime/include" \
  "$root/scripts/gpu-check/runner.cpp" "$build/lib/libHyperRuntime.a" \
  "$out/lib/libHyperCudaRuntime.so" -ldl -Wl,-rpath,'$ORIGIN/lib' -o "$out/runner"

compile() { # NAME MODEL.mlir FUNCTION WEIGHTS
  "$build/bin/hyper-compile" "$2" --target=cuda --gpu-chip="$chip" \
    --gpu-features="$features" --shared --function="$3" --weights="$4" \
    --name=model --metadata="$out/models/$1.json" --quiet \
    --cuda-runtime-library="$out/lib/libHyperCudaRuntime.so" -o "$out/models/$1.so"
}
# The runner's --in for input 0 of NAME's FUNCTION: the file and, after @,
# the dimensions the model leaves dynamic (from its metadata).
input() { # NAME FUNCTION INPUT.npy
  local dyn
  dyn=$(/usr/bin/python3 -c "import json, sys
m = json.load(open(sys.argv[1]))
f = next(f for f in m['functions'] if f['name'] == sys.argv[2])
print(','.join(str(i) for i, d in enumerate(f['inputs'][0]['shape']) if d is None))" \
    "$out/models/$1.json" "$2")
  echo "--in=$3${dyn:+@$dyn}"
}
# The first result of the same model compiled for this CPU, to compare the
# GPU's with: cases/NAME/cpu.npy.
cpu_result() { # NAME MODEL.mlir FUNCTION WEIGHTS INPUT.npy
  "$build/bin/hyper-run" "$2" --function="$3" --weights="$4" --input=@"$5" \
    --output=@"$out/cases/$1/cpu.npy" >/dev/null
}

# The golden cases (float64 reference outputs in test/data).
runs=()
if [[ $cases == *" golden "* ]]; then
  for cf in lstm_small:lstm lstm_small_ln:lstm_ln; do
    c=${cf%%:*} f=${cf##*:}
    cp -r "$root/test/data/$c" "$out/cases/"
    compile "$c" "$root/test/Integration/CPU/$c.mlir" "$f" "$root/test/data/$c"
    cpu_result "$c" "$root/test/Integration/CPU/$c.mlir" "$f" "$root/test/data/$c" \
      "$root/test/data/$c/x.npy"
    runs+=("./runner models/$c.so $f --name=$c $(input "$c" "$f" "cases/$c/x.npy") \
--out=cases/$c/y.npy --out=cases/$c/h_T.npy --out=cases/$c/c_T.npy \
--out=cases/$c/hh_T.npy --out=cases/$c/hc_T.npy --cpu=0:cases/$c/cpu.npy")
  done
  cp -r "$root/test/data/conv_mnist" "$out/cases/"
  compile conv_mnist "$root/test/Integration/CPU/conv_mnist.mlir" conv "$root/test/data/conv_mnist"
  cpu_result conv_mnist "$root/test/Integration/CPU/conv_mnist.mlir" conv \
    "$root/test/data/conv_mnist" "$root/test/data/conv_mnist/x.npy"
  runs+=("./runner models/conv_mnist.so conv --name=conv_mnist \
$(input conv_mnist conv cases/conv_mnist/x.npy) --out=cases/conv_mnist/y.npy \
--cpu=0:cases/conv_mnist/cpu.npy")
fi

# The benchmark cases (PyTorch CPU float64 references written here).
groups=()
[[ $cases == *" lstm "* ]] && groups+=(lstm)
[[ $cases == *" wrn "* ]] && groups+=(wrn)
if ((${#groups[@]})); then
  /usr/bin/python3 "$root/scripts/gpu-check/make_cases.py" "$out" "${groups[@]}"
fi
for d in "$out"/cases/hyperlstm_* "$out"/cases/wrn40_2_*; do
  [[ -d $d ]] || continue
  c=$(basename "$d")
  f=lstm
  [[ $c == wrn40_2_* ]] && f=wrn40_2
  compile "$c" "$d/model.mlir" "$f" "$d/w"
  cpu_result "$c" "$d/model.mlir" "$f" "$d/w" "$d/x.npy"
  rm -r "$d/w"
  cpu="--cpu=0:cases/$c/cpu.npy"
  # The folder must stay under the device tool's 64 MiB: large outputs are
  # checked against the reference only.
  if (( $(stat -c %s "$d/cpu.npy") > 4000000 )); then rm "$d/cpu.npy"; cpu=""; fi
  runs+=("./runner models/$c.so $f --name=$c $(input "$c" "$f" "cases/$c/x.npy") --out=cases/$c/y.npy $cpu")
done

{
  echo '#!/usr/bin/env bash'
  echo '# Runs the prepared GPU check; see scripts/gpu-check.sh.'
  echo 'cd "$(dirname "${BASH_SOURCE[0]}")"'
  echo 'export LD_LIBRARY_PATH=$PWD/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}'
  echo 'status=0'
  echo 'nvidia-smi --query-gpu=name,driver_version --format=csv,noheader || true'
  echo './HyperCudaRuntimeDeviceTests --gtest_brief=1 || status=1'
  for r in "${runs[@]}"; do echo "$r || status=1"; done
  echo 'python3 torch_peers.py . || true'
  echo 'echo "gpu-check: $([[ $status == 0 ]] && echo PASS || echo FAIL)"'
  echo 'exit $status'
} > "$out/run.sh"
chmod +x "$out/run.sh"
du -sh "$out"
echo "prepared $out; on the GPU machine run: $out/run.sh"
