#!/usr/bin/env bash
# The main job: installs what is missing, builds, then compiles each bundled
# example model ahead of time with hyper-compile, links it with a small
# driver and the project's runtime, and runs it, printing results and timings.
# The example weights are random (seeded): the outputs show the pipeline
# working and how fast it is, not learned behaviour.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${HYPER_BUILD_DIR:-$root/build}
out=$build/examples

"$root/scripts/build.sh"
mkdir -p "$out"
if [[ ! -f "$out/weights/ptb_hyperlstm.npz" ]]; then
  /usr/bin/python3 "$root/scripts/make_example_weights.py" "$out/weights"
fi

TIMEFORMAT='  hyper-compile: %3R s'
# compile MODEL DRIVER [hyper-compile flags...]: AOT-compile, then link.
compile() {
  local model=$1 driver=$2
  shift 2
  time "$build/bin/hyper-compile" "$root/examples/$model.mlir" \
    -o "$out/$model.o" --header "$out/$model.h" "$@"
  clang++-22 -std=c++17 -O2 -I"$out" -I"$root/runtime/include" \
    "$root/examples/drivers/$driver.cpp" "$out/$model.o" \
    "$build/lib/libHyperRuntime.a" -lm -o "$out/$driver"
}

echo
echo "== examples/mnist_hyperconv.mlir: the MNIST hyper-conv layer, generator bound"
compile mnist_hyperconv mnist_conv --weights="$out/weights/mnist_hyperconv.npz"
"$out/mnist_conv" 64 5

echo
echo "== examples/wrn40_2_hypercnn.mlir: WRN-40-2 hyper-CNN, 966 tiles folded at compile time"
compile wrn40_2_hypercnn wrn_classify --weights="$out/weights/wrn40_2_hypercnn.npz"
"$out/wrn_classify" 8 3

echo
echo "== examples/ptb_hyperlstm.mlir: Penn Treebank HyperLSTM, sampled step by step"
compile ptb_hyperlstm ptb_generate --function=step \
  --weights="$out/weights/ptb_hyperlstm.npz"
"$out/ptb_generate" 200

echo
echo "== examples/pytorch_char_model.py: a HyperLSTM from PyTorch, exported, compiled, called from Python"
HYPER_MLIR_TOOLS="$build/bin" /usr/bin/python3 "$root/examples/pytorch_char_model.py"

echo
echo "== examples/pytorch_wrn40_2.py: the hyper WRN-40-2 in PyTorch, exported, kernels folded, called from Python"
HYPER_MLIR_TOOLS="$build/bin" /usr/bin/python3 "$root/examples/pytorch_wrn40_2.py"

echo
echo "== examples/ops: one model per op, run with hyper-run against the golden references"
data=$root/test/data
"$build/bin/hyper-run" "$root/examples/ops/rnn.mlir" --weights="$data/rnn_small" \
  --input=@"$data/rnn_small/x.npy" --expected-output=@"$data/rnn_small/y.npy" \
  --expected-output=@"$data/rnn_small/h_T.npy" --expected-output=@"$data/rnn_small/hh_T.npy" \
  | grep "matches"
"$build/bin/hyper-run" "$root/examples/ops/dynamic_linear.mlir" --weights="$data/dynlin_small" \
  --input=@"$data/dynlin_small/x.npy" --input=@"$data/dynlin_small/z.npy" \
  --expected-output=@"$data/dynlin_small/y.npy" | grep "matches"
"$build/bin/hyper-run" "$root/examples/ops/generate_kernel.mlir" --weights="$data/conv_mnist" \
  --expected-output=@"$data/conv_mnist/kernel.npy" | grep "matches"
