// A function that returns one value twice returns one allocation twice; the
// JIT and the ahead-of-time header release it once.
//
// RUN: hyper-run %s --input=4xf32=1,2,3,4 --output=@%t.npz | FileCheck %s --check-prefix=JIT
// JIT: result[0]: tensor<4xf32> -> float32(4,)
// JIT-NEXT: [2, 4, 6, 8]
// JIT: result[1]: tensor<4xf32> -> float32(4,)
// JIT-NEXT: [2, 4, 6, 8]
// RUN: %python -c "import numpy as np; d = np.load('%t.npz'); print(sorted(d.files), d['result0'].tolist(), d['result1'].tolist())" | FileCheck %s --check-prefix=NPZ
// NPZ: ['result0', 'result1'] [2.0, 4.0, 6.0, 8.0] [2.0, 4.0, 6.0, 8.0]
// RUN: not hyper-run %s --input=4xf32=1,2,3,4 --output=@%t.npz --output=@%t.npy 2>&1 | FileCheck %s --check-prefix=NPZONLY
// NPZONLY: hyper-run: error: --output=@{{.*}}.npz writes every result; give it as the only --output
//
// Calls in a loop would hand the block out twice after a double release.
// RUN: hyper-run %s --input=4xf32=1,2,3,4 --benchmark=20 | FileCheck %s --check-prefix=BENCH
// BENCH: result[1]: tensor<4xf32> -> float32(4,)
// BENCH-NEXT: [2, 4, 6, 8]
//
// RUN: hyper-compile %s --name=aliased -o %t.o --header %t.h
// RUN: %aot_cxx -I%hyper_src_root/runtime/include -include %t.h %S/Inputs/aot_twice.cpp %t.o %runtime_lib -lm -o %t.aot
// RUN: %t.aot | FileCheck %s --check-prefix=AOT
// AOT: a = [2, 4, 6, 8]
// AOT-NEXT: b = [2, 4, 6, 8]
// AOT-NEXT: b owner: none
// AOT-NEXT: fresh blocks differ

func.func @twice(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %e = tensor.empty() : tensor<4xf32>
  %y = linalg.add ins(%x, %x : tensor<4xf32>, tensor<4xf32>)
                  outs(%e : tensor<4xf32>) -> tensor<4xf32>
  return %y, %y : tensor<4xf32>, tensor<4xf32>
}
