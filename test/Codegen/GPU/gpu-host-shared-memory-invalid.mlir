// RUN: hyper-opt %s -hyper-gpu-host-shared-memory -split-input-file -verify-diagnostics

func.func @symbols(%s: index) {
  // expected-error @below {{hyper-gpu-host-shared-memory: allocations with symbol operands are not supported}}
  %m = memref.alloc()[%s] : memref<4xf32, affine_map<(d0)[s0] -> (d0 + s0)>>
  return
}

// -----

// The host code calls the GPU runtime by these names; a module that defines
// one of them otherwise is refused, not miscompiled.
// expected-error @+1 {{'hyperCudaFree' is reserved for the GPU runtime: expected a func.func of type '(index) -> ()'}}
func.func private @hyperCudaFree(memref<?xf32>)

func.func @frees() {
  %m = memref.alloc() : memref<4xf32>
  memref.dealloc %m : memref<4xf32>
  return
}

// -----

memref.global "private" constant @weights : memref<4xf32> = dense<1.0>

// expected-error @+1 {{'hyperCudaConstant_f32' is reserved for the GPU runtime: expected a func.func of type '(memref<?xf32>) -> memref<?xf32>'}}
func.func private @hyperCudaConstant_f32(index) -> index

func.func @constants() -> f32 {
  %g = memref.get_global @weights : memref<4xf32>
  %c0 = arith.constant 0 : index
  %v = memref.load %g[%c0] : memref<4xf32>
  return %v : f32
}
