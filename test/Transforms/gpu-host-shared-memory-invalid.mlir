// RUN: hyper-opt %s -hyper-gpu-host-shared-memory -verify-diagnostics

func.func @symbols(%s: index) {
  // expected-error @below {{hyper-gpu-host-shared-memory: allocations with symbol operands are not supported}}
  %m = memref.alloc()[%s] : memref<4xf32, affine_map<(d0)[s0] -> (d0 + s0)>>
  return
}
