// RUN: hyper-opt %s -hyper-lower-vectors -split-input-file -verify-diagnostics

// A vector far beyond what the schedules make would be unrolled without
// bound (it ran out of memory): one located error.
func.func @huge(%m: memref<?xf32>) -> vector<4611686018427387904xf32> {
  %c0 = arith.constant 0 : index
  %p = arith.constant 0.0 : f32
  // expected-error @below {{'vector.transfer_read' op has a 'vector<4611686018427387904xf32>' of 4611686018427387904 elements; hyper-lower-vectors unrolls vectors of at most 1048576 elements}}
  %v = vector.transfer_read %m[%c0], %p : memref<?xf32>, vector<4611686018427387904xf32>
  return %v : vector<4611686018427387904xf32>
}

// -----

// An element count that overflows int64 says so.
func.func @overflowing(%m: memref<?x?xf32>) -> vector<4294967296x4294967296xf32> {
  %c0 = arith.constant 0 : index
  %p = arith.constant 0.0 : f32
  // expected-error @below {{of more than 2^63 - 1 elements}}
  %v = vector.transfer_read %m[%c0, %c0], %p : memref<?x?xf32>, vector<4294967296x4294967296xf32>
  return %v : vector<4294967296x4294967296xf32>
}
