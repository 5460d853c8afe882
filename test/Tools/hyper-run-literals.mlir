// Integer literals are parsed as integers (exact up to int64's limits) and
// range-checked against their element type; a value that does not fit is one
// error line, never wrapped or truncated.
// RUN: not hyper-run %s --input=2xi32=1e20,3 2>&1 | FileCheck %s --check-prefix=I32BIG --implicit-check-not={{.}}
// I32BIG: hyper-run: error: input #0: value '1e20' in literal does not fit i32
// RUN: not hyper-run %s --input=2xi32=1,3.7 2>&1 | FileCheck %s --check-prefix=I32FRAC --implicit-check-not={{.}}
// I32FRAC: hyper-run: error: input #0: value '3.7' in literal does not fit i32
// RUN: not hyper-run %s --input=2xi32=2147483648,0 2>&1 | FileCheck %s --check-prefix=I32MAX --implicit-check-not={{.}}
// I32MAX: hyper-run: error: input #0: value '2147483648' in literal does not fit i32
// RUN: hyper-run %s --input=2xi32=2147483647,-2147483648 | FileCheck %s --check-prefix=I32OK
// I32OK: [2147483647, -2147483648]

func.func @ints(%x: tensor<2xi32>) -> tensor<2xi32> {
  return %x : tensor<2xi32>
}
