// Static sizes near int64's limit go through the CPU pipeline without
// overflowing its cost arithmetic (found by fuzz/fuzz_pipeline.cpp, where
// the sanitizer build reported the overflow): the GEMM's multiply-adds
// exceed int64, and it is simply worth threads.
// RUN: hyper-opt %s --hyper-cpu-pipeline | FileCheck %s
// CHECK: llvm.func @f

func.func @f(%x: tensor<?x2147483648xf32>, %w: tensor<8x2147483648xf32>,
             %d: tensor<1099511627776x8xf32>) -> tensor<?x8xf32> {
  %r = hyper.row_scaled_linear %x, %w, %d
      : tensor<?x2147483648xf32>, tensor<8x2147483648xf32>, tensor<1099511627776x8xf32>
  return %r : tensor<?x8xf32>
}
