// hyper-compile: bad targets and unsupported signatures get one clear error
// line and exit code 1; other CPUs compile.
// RUN: rm -rf %t && mkdir -p %t && split-file %s %t

// RUN: not hyper-compile %t/ok.mlir -o %t/ok.o --target-cpu=not-a-cpu 2>&1 | FileCheck %s --check-prefix=CPU --implicit-check-not={{.}}
// CPU: hyper-compile: error: unknown --target-cpu 'not-a-cpu' for x86_64{{.*}} (an LLVM CPU name such as znver4, skylake-avx512, x86-64-v3, or host)

// RUN: not hyper-compile %t/ok.mlir -o %t/ok.o --target-cpu=znver3 --target-features=+avx9000 2>&1 | FileCheck %s --check-prefix=FEATURE --implicit-check-not={{.}}
// FEATURE: hyper-compile: error: unknown --target-features entry '+avx9000' (expected +NAME or -NAME with an LLVM feature name such as avx512f, avx2, fma)

// RUN: not hyper-compile %t/ok.mlir -o %t/ok.o --target-features=avx2 2>&1 | FileCheck %s --check-prefix=SIGN
// SIGN: hyper-compile: error: unknown --target-features entry 'avx2'

// RUN: hyper-compile %t/ok.mlir -o %t/avx2.o --target-cpu=x86-64-v3 --header %t/avx2.h
// RUN: FileCheck %s --check-prefix=HEADER < %t/avx2.h
// HEADER: int hyper_ok_scale(const float *v,
// HEADER-NEXT: int64_t v_count,
// HEADER-NEXT: int64_t v_d0,
// HEADER-NEXT: hyper_result *twice);

// RUN: not hyper-compile %t/f16.mlir -o %t/f16.o 2>&1 | FileCheck %s --check-prefix=F16
// F16: hyper-compile: error: @half has a tensor<2xf16> argument or result; hyper-compile exports ranked tensors (rank <= 8) of f32, f64, i32 and i64

// RUN: not hyper-compile %t/private.mlir -o %t/private.o 2>&1 | FileCheck %s --check-prefix=NONE
// NONE: hyper-compile: error: the module has no public function to compile

// A located error with the source line, not a dump of the module or function.
// RUN: not hyper-compile %t/ok.mlir -o %t/ok.o --function=missing 2>&1 | FileCheck %s --check-prefix=MISSING --implicit-check-not=operation
// MISSING: hyper-compile: error: no function @missing in the module

// RUN: not hyper-compile %t/ok.mlir -o %t/ok.o --weights=%t/none.npz 2>&1 | FileCheck %s --check-prefix=NOWEIGHTS --implicit-check-not=operation
// NOWEIGHTS: hyper-compile: error: --weights: {{.*}}none.npz: cannot open file

// A weight that does not fit its argument: the error at the function, with
// its source line and no dump of it; --mlir-print-op-on-diagnostic asks for
// the dump.
// RUN: %python -c "import numpy; numpy.save('%t/v.npy', numpy.zeros((2, 2), 'float32'))"
// RUN: not hyper-compile %t/ok.mlir -o %t/ok.o --weights=%t 2>&1 | FileCheck %s --check-prefix=MISFIT --implicit-check-not=operation
// MISFIT: ok.mlir:1:1: error: weight 'v' has type 'tensor<2x2xf32>', which does not fit argument #0 of type 'tensor<?xf32>'
// MISFIT-NEXT: func.func @scale
// RUN: not hyper-compile %t/ok.mlir -o %t/ok.o --weights=%t --mlir-print-op-on-diagnostic 2>&1 | FileCheck %s --check-prefix=DUMP
// DUMP: note: see current operation:

// RUN: not hyper-compile %t/ok.mlir -o %t/no-such-dir/ok.o 2>&1 | FileCheck %s --check-prefix=OUT
// OUT: hyper-compile: error: {{.*}}no-such-dir/ok.o: No such file or directory

//--- ok.mlir
func.func @scale(%v: tensor<?xf32> {hyper.name = "v"})
    -> (tensor<?xf32> {hyper.name = "twice"}) {
  %y = arith.addf %v, %v : tensor<?xf32>
  return %y : tensor<?xf32>
}

//--- f16.mlir
func.func @half(%x: tensor<2xf16>) { return }

//--- private.mlir
func.func private @hidden(%x: tensor<2xf32>) { return }
