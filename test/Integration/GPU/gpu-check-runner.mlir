// The GPU check's runner (scripts/gpu-check/runner.cpp) calls a model's
// public entry point through its generic calling convention: pointer,
// element count and dynamic sizes per input, a result pointer per result.
// Checked here on the same golden case compiled for the CPU (the calling
// convention is the target's), with a dynamic batch, against the float64
// references; the fake driver only satisfies the runner's GPU check.
// RUN: rm -rf %t && mkdir -p %t
// RUN: sed -e 's/tensor<5x2x/tensor<5x?x/g' -e 's/tensor<2x/tensor<?x/g' \
// RUN:   %S/../CPU/lstm_small.mlir > %t/dynamic.mlir
// RUN: hyper-compile %t/dynamic.mlir --function=lstm --weights=%data/lstm_small \
// RUN:   --name=model --shared -o %t/model.so --metadata=%t/model.json
// RUN: %python -c "import json; print(json.load(open('%t/model.json'))['functions'][0]['inputs'][0]['shape'])" \
// RUN:   | FileCheck %s --check-prefix=META
// META: [5, None, 6]
// RUN: %aot_cxx %hyper_src_root/scripts/gpu-check/runner.cpp %runtime_lib \
// RUN:   %cuda_runtime_lib -ldl -o %t/runner
// RUN: env HYPER_CUDA_DRIVER=%recording_cuda_driver %t/runner %t/model.so lstm \
// RUN:   --name=lstm_small --in=%data/lstm_small/x.npy@1 \
// RUN:   --out=%data/lstm_small/y.npy --out=%data/lstm_small/h_T.npy \
// RUN:   --out=%data/lstm_small/c_T.npy --out=%data/lstm_small/hh_T.npy \
// RUN:   --out=%data/lstm_small/hc_T.npy --runs=3 2>/dev/null | FileCheck %s
// CHECK: PASS lstm_small {{.*}} median {{[0-9.]+}} ms over 3 runs
// A wrong expected output is a FAIL; a model's error is printed.
// RUN: env HYPER_CUDA_DRIVER=%recording_cuda_driver not %t/runner %t/model.so lstm \
// RUN:   --name=swapped --in=%data/lstm_small/x.npy@1 \
// RUN:   --out=%data/lstm_small/y.npy --out=%data/lstm_small/c_T.npy --runs=1 \
// RUN:   2>/dev/null | FileCheck %s --check-prefix=WRONG
// WRONG: FAIL swapped
// RUN: env HYPER_CUDA_DRIVER=%recording_cuda_driver not %t/runner %t/model.so lstm \
// RUN:   --name=static --in=%data/lstm_small/x.npy --out=%data/lstm_small/y.npy \
// RUN:   2>/dev/null | FileCheck %s --check-prefix=ERROR
// ERROR: FAIL static {{.*}}@lstm:
