// The target CPU sets the vector width of the GEMM register tiles: two
// vectors of 16 lanes with AVX-512, of 8 lanes with AVX2.
// RUN: hyper-compile %s --emit=mlir --target-cpu=znver4 -o - | FileCheck %s --check-prefix=AVX512
// RUN: hyper-compile %s --emit=mlir --target-cpu=x86-64-v3 -o - | FileCheck %s --check-prefix=AVX2

// AVX512: llvm.func @gemm
// AVX512: llvm.intr.fmuladd{{.*}}vector<32xf32>
// AVX2: llvm.func @gemm
// AVX2-NOT: vector<32xf32>
// AVX2: llvm.intr.fmuladd{{.*}}vector<16xf32>

func.func @gemm(%x: tensor<8x64xf32>, %w: tensor<64x64xf32>, %d: tensor<8x64xf32>)
    -> tensor<8x64xf32> {
  %y = hyper.row_scaled_linear %x, %w, %d
      : tensor<8x64xf32>, tensor<64x64xf32>, tensor<8x64xf32>
  return %y : tensor<8x64xf32>
}
