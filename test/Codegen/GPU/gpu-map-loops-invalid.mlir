// RUN: hyper-opt %s -hyper-gpu-map-loops=block-size=48 -verify-diagnostics

// expected-error @below {{hyper-gpu-map-loops: block-size must be a positive multiple of 32, got 48}}
func.func @f() {
  return
}
