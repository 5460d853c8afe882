// Compiled models called from C (a C compiler, not C++): the object with
// the runtime, libm and libstdc++; the --shared library alone (it records
// libstdc++); and the shared library through Python's ctypes.
// RUN: rm -rf %t && mkdir -p %t
// RUN: hyper-compile %s -o %t/model.o --header %t/model.h
// RUN: %aot_cc -include %t/model.h %S/Inputs/c_driver.c %t/model.o %runtime_lib -lm -lstdc++ -o %t/object
// RUN: %t/object | FileCheck %s
// RUN: hyper-compile %s --shared -o %t/libmodel.so --header %t/shared.h
// RUN: %aot_cc -include %t/shared.h %S/Inputs/c_driver.c -L%t -lmodel -Wl,-rpath,%t -o %t/shared
// RUN: %t/shared | FileCheck %s
// CHECK: rc=0 y=[2, 4, 6] shape=3
// CHECK-NEXT: rc=1 @scale: v is NULL
//
// RUN: %python -c "import ctypes; lib = ctypes.CDLL('%t/libmodel.so'); lib.hyper_last_error.restype = ctypes.c_char_p; print('loaded', repr(lib.hyper_last_error()))" | FileCheck %s --check-prefix=CTYPES
// CTYPES: loaded b''

func.func @scale(%v: tensor<?xf32> {hyper.name = "v"}) -> tensor<?xf32> {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %v, %c0 : tensor<?xf32>
  %e = tensor.empty(%n) : tensor<?xf32>
  %y = linalg.add ins(%v, %v : tensor<?xf32>, tensor<?xf32>)
                  outs(%e : tensor<?xf32>) -> tensor<?xf32>
  return %y : tensor<?xf32>
}
