// Compiled models called from C (a C compiler, not C++): the object with
// the runtime, libm and libstdc++; the --shared library alone (it records
// libstdc++), from eight threads at once; and the shared library through
// Python's ctypes, with its metadata record. Both export the model's API
// and nothing else.
// RUN: rm -rf %t && mkdir -p %t
// RUN: hyper-compile %s --name=model -o %t/model.o --header %t/model.h
// RUN: %aot_cc -include %t/model.h %S/Inputs/c_driver.c %t/model.o %runtime_lib -lm -lstdc++ -o %t/object
// RUN: %t/object | FileCheck %s
// RUN: hyper-compile %s --name=model --shared -o %t/libmodel.so --header %t/shared.h
// RUN: %aot_cc -include %t/shared.h %S/Inputs/c_driver.c -L%t -lmodel -Wl,-rpath,%t -o %t/shared
// RUN: %t/shared | FileCheck %s
// CHECK: rc=0 y=[2, 4, 6] shape=3
// CHECK-NEXT: null: rc=1 @scale: v is NULL owner none
// CHECK-NEXT: count: rc=1 @scale: v holds 2 elements but its shape [3] has 3 owner none
// CHECK-NEXT: negative: rc=1 @scale: v_d0 = -3 is negative owner none
// CHECK-NEXT: no result: rc=1 @scale: result0 is NULL owner none
// CHECK-NEXT: empty: rc=0 shape=0
//
// RUN: %python -c "import ctypes; lib = ctypes.CDLL('%t/libmodel.so'); lib.hyper_model_last_error.restype = ctypes.c_char_p; print('loaded', repr(lib.hyper_model_last_error()))" | FileCheck %s --check-prefix=CTYPES
// CTYPES: loaded b''
//
// RUN: llvm-nm --extern-only --defined-only --format=just-symbols %t/model.o | FileCheck %s --check-prefix=EXPORTS --implicit-check-not={{.}}
// RUN: llvm-nm --dynamic --defined-only --format=just-symbols %t/libmodel.so | FileCheck %s --check-prefix=EXPORTS --implicit-check-not={{.}}
// EXPORTS: hyper_model_last_error
// EXPORTS-NEXT: hyper_model_metadata
// EXPORTS-NEXT: hyper_model_release
// EXPORTS-NEXT: hyper_model_scale
//
// RUN: %aot_cc -pthread -include %t/shared.h %S/Inputs/c_threads.c -L%t -lmodel -Wl,-rpath,%t -o %t/threads
// RUN: %t/threads | FileCheck %s --check-prefix=THREADS
// THREADS: 8 threads x 2000 calls: ok
//
// The metadata record, from the library and beside it.
// RUN: hyper-compile %s --name=model -o %t/meta.o --metadata=%t/model.json
// RUN: %python -c "import ctypes, json; lib = ctypes.CDLL('%t/libmodel.so'); lib.hyper_model_metadata.restype = ctypes.c_char_p; m = json.loads(lib.hyper_model_metadata()); assert m == json.load(open('%t/model.json')); f = m['functions'][0]; print(m['format'], m['name'], m['target'], f['symbol'], f['inputs'], f['results'])" | FileCheck %s --check-prefix=META
// META: hyper-mlir-model model cpu hyper_model_scale [{'dtype': 'float32', 'hyper_name': 'v', 'name': 'v', 'shape': [None]}] [{'dtype': 'float32', 'name': 'result0', 'shape': [None]}]

func.func @scale(%v: tensor<?xf32> {hyper.name = "v"}) -> tensor<?xf32> {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %v, %c0 : tensor<?xf32>
  %e = tensor.empty(%n) : tensor<?xf32>
  %y = linalg.add ins(%v, %v : tensor<?xf32>, tensor<?xf32>)
                  outs(%e : tensor<?xf32>) -> tensor<?xf32>
  return %y : tensor<?xf32>
}
