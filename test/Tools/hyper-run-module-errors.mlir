// Module-level problems hyper-run reports before compiling.
// RUN: rm -rf %t && mkdir -p %t && split-file %s %t

// RUN: not hyper-run %t/two.mlir 2>&1 | FileCheck %s --check-prefix=TWO
// TWO: hyper-run: error: the module has 2 public functions; pick one with --function=NAME (@a, @b)

// RUN: not hyper-run %t/f16.mlir --input=2xf16=1 2>&1 | FileCheck %s --check-prefix=F16
// F16: hyper-run: error: @half has a tensor<2xf16> argument; hyper-run supports ranked tensors of f32, f64, i32 and i64

// RUN: not hyper-run %t/malformed.mlir 2>&1 | FileCheck %s --check-prefix=PARSE
// PARSE: malformed.mlir:2:{{[0-9]+}}: error:

// RUN: not hyper-run %t/invalid.mlir --input=2x3xf32=0 --input=5x4xf32=0 --input=2x5xf32=0 2>&1 | FileCheck %s --check-prefix=VERIFY
// VERIFY: invalid.mlir:2:{{[0-9]+}}: error: 'hyper.row_scaled_linear' op expected 'weight' of shape [N_out, N_in] = [?, 3], got [5, 4]

// RUN: not hyper-run %t/two.mlir --function=a --weights=%t/none.npz 2>&1 | FileCheck %s --check-prefix=WEIGHTS
// WEIGHTS: hyper-run: error: --weights: {{.*}}none.npz: cannot open file

//--- two.mlir
func.func @a() { return }
func.func @b() { return }

//--- f16.mlir
func.func @half(%x: tensor<2xf16>) { return }

//--- malformed.mlir
func.func @m(%x: tensor<2xf32>) {
  %y = arith.addf %x, : tensor<2xf32>
  return
}

//--- invalid.mlir
func.func @v(%x: tensor<2x3xf32>, %w: tensor<5x4xf32>, %d: tensor<2x5xf32>) -> tensor<2x5xf32> {
  %y = hyper.row_scaled_linear %x, %w, %d : tensor<2x3xf32>, tensor<5x4xf32>, tensor<2x5xf32>
  return %y : tensor<2x5xf32>
}
