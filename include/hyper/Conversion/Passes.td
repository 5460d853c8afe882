//===- Passes.td - hyper conversions ------------------------*- tablegen -*-===//

#ifndef HYPER_CONVERSION_PASSES_TD
#define HYPER_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertHyperToLinalgPass
    : Pass<"convert-hyper-to-linalg", "::mlir::func::FuncOp"> {
  let summary = "Lower every hyper op to linalg, tensor, arith, math and scf";
  let description = [{
    Decomposes the model ops (as `hyper-decompose` does) and lowers the
    primitives, so that no hyper op remains:

    * `hyper.generate_kernel`: the first generator layer is one GEMM over all
      tiles (`[E, N_z]·[N_z, O_b·d]`); the second is a `linalg.generic`
      contraction that writes the OIHW kernel layout directly (the tile
      scatter fused into the GEMM), initialised with `b_out`.
    * `hyper.row_scaled_linear`: the plain GEMM `x·Wᵀ` and an elementwise
      `d ⊙` epilogue; `diag(d)·W` is never formed.
    * `hyper.dynamic_linear`: one GEMM against the stacked basis
      `[B, N_in]·[N_in, N_z·N_out]`, then a contraction with `z`; no
      per-sample `[N_out, N_in]` weight exists.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect", "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect"
  ];
}

#endif // HYPER_CONVERSION_PASSES_TD
