// RUN: hyper-opt %s -hyper-forall-to-openmp -split-input-file -verify-diagnostics

// The lowered loops call the runtime's schedule by these names; a module
// that defines one of them otherwise is refused, not miscompiled.
// expected-error @+1 {{'hyper_schedule_next' is reserved for the parallel loops' schedule: expected a func.func of type '(!llvm.ptr, i32, i32) -> i64'}}
func.func private @hyper_schedule_next(i64) -> i64

func.func @scale(%a: memref<8xf32>, %s: f32) {
  scf.forall (%i) in (8) {
    memref.store %s, %a[%i] : memref<8xf32>
  }
  return
}

// -----

// expected-error @+1 {{'omp_get_thread_num' is reserved for the parallel loops' schedule: expected a func.func of type '() -> i32'}}
llvm.func @omp_get_thread_num() -> i64

func.func @scale(%a: memref<8xf32>, %s: f32) {
  scf.forall (%i) in (8) {
    memref.store %s, %a[%i] : memref<8xf32>
  }
  return
}
