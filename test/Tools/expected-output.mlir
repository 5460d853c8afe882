// hyper-run --expected-output (IREE's --expected_output): each result, in
// order, against a file or literal within --expected-atol + --expected-rtol
// * |expected|; a mismatch names the result, how many elements differ and
// the worst one, and the run exits 1 after printing and writing the results.
// RUN: hyper-run %s --input=2x3xf32=1,2,3,4,5,6 \
// RUN:   --expected-output=2x3xf32=2,4,6,8,10,12 --expected-output=2x3xi32=1 \
// RUN:   | FileCheck %s --check-prefix=MATCH
// MATCH: result[0] 'y': matches the expected output (max |error| 0)
// MATCH: result[1] 'ones': matches the expected output (max |error| 0)
//
// A float64 reference checks the float32 result; within the tolerance.
// RUN: hyper-run %s --input=2x3xf32=1,2,3,4,5,6 \
// RUN:   --expected-output=2x3xf64=2.0001,4,6,8,10,12.001 \
// RUN:   | FileCheck %s --check-prefix=TOLERANT
// TOLERANT: result[0] 'y': matches the expected output (max |error| 0.001)
//
// RUN: not hyper-run %s --input=2x3xf32=1,2,3,4,5,6 --output=@%t.y.npy \
// RUN:   --expected-output=2x3xf32=2,4,6,8,10.5,13 2> %t.err | FileCheck %s --check-prefix=PRINTED
// RUN: FileCheck %s --check-prefix=DIFFER < %t.err
// RUN: %python -c "import numpy; print(numpy.load('%t.y.npy').tolist())" | FileCheck %s --check-prefix=WRITTEN
// PRINTED: result[0] 'y': tensor<2x3xf32> -> float32(2, 3)
// DIFFER: hyper-run: error: result[0] 'y' differs from --expected-output #0: 2 of 6 elements differ (within 0.0001 + 0.0001 * |expected|); the worst at [1, 2]: got 12, expected 13
// WRITTEN: {{\[\[}}2.0, 4.0, 6.0], [8.0, 10.0, 12.0]]
//
// Looser tolerances accept it; integers compare exactly whatever they are.
// RUN: hyper-run %s --input=2x3xf32=1,2,3,4,5,6 --expected-atol=1 \
// RUN:   --expected-output=2x3xf32=2,4,6,8,10.5,13 | FileCheck %s --check-prefix=LOOSE
// LOOSE: result[0] 'y': matches the expected output (max |error| 1)
// RUN: not hyper-run %s --input=2x3xf32=1 --expected-atol=10 \
// RUN:   --expected-output=2x3xf32=2 --expected-output=2x3xi32=1,1,1,1,2,1 2>&1 \
// RUN:   | FileCheck %s --check-prefix=EXACT
// EXACT: hyper-run: error: result[1] 'ones' differs from --expected-output #1: 1 of 6 elements differ (exactly); the worst at [1, 1]: got 1, expected 2
//
// NaN matches only NaN; shapes and kinds must agree.
// RUN: not hyper-run %s --input=2x3xf32=1,2,3,4,5,nan \
// RUN:   --expected-output=2x3xf32=2,4,6,8,10,12 2>&1 | FileCheck %s --check-prefix=NAN
// NAN: 1 of 6 elements differ {{.*}} the worst at [1, 2]: got nan, expected 12
// RUN: hyper-run %s --input=2x3xf32=nan --expected-output=2x3xf32=nan | FileCheck %s --check-prefix=BOTHNAN
// BOTHNAN: result[0] 'y': matches the expected output
// RUN: not hyper-run %s --input=2x3xf32=1 --expected-output=3x2xf32=2 2>&1 \
// RUN:   | FileCheck %s --check-prefix=SHAPE
// SHAPE: hyper-run: error: result[0] 'y' differs from --expected-output #0: the result has shape (2, 3), the expected output (3, 2)
// RUN: not hyper-run %s --input=2x3xf32=1 --expected-output=2x3xi32=2 2>&1 \
// RUN:   | FileCheck %s --check-prefix=KIND
// KIND: differs from --expected-output #0: the result is float32, the expected output int32
//
// Usage errors, before anything is compiled:
// RUN: not hyper-run %s --input=2x3xf32=1 --expected-output=2x3xf32=2 \
// RUN:   --expected-output=2x3xi32=1 --expected-output=1xf32=0 2>&1 \
// RUN:   | FileCheck %s --check-prefix=COUNT
// COUNT: hyper-run: error: @scale has 2 result(s), got 3 --expected-output value(s)
// RUN: not hyper-run %s --input=2x3xf32=1 --expected-output=@%t.missing.npy 2>&1 \
// RUN:   | FileCheck %s --check-prefix=MISSING
// MISSING: hyper-run: error: --expected-output #0: {{.*}}missing.npy
// RUN: not hyper-run %s --input=2x3xf32=1 --expected-output=2x3xf32=2 --expected-rtol=-1 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NEGATIVE
// NEGATIVE: hyper-run: error: --expected-atol and --expected-rtol must be non-negative

func.func @scale(%x: tensor<2x3xf32>) -> (tensor<2x3xf32> {hyper.name = "y"},
                                           tensor<2x3xi32> {hyper.name = "ones"}) {
  %y = arith.addf %x, %x : tensor<2x3xf32>
  %c = arith.constant dense<1> : tensor<2x3xi32>
  return %y, %c : tensor<2x3xf32>, tensor<2x3xi32>
}
