//===- Passes.td - hyper dialect transformations ------------*- tablegen -*-===//

#ifndef HYPER_DIALECT_HYPER_TRANSFORMS_PASSES_TD
#define HYPER_DIALECT_HYPER_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def HyperDecomposePass : Pass<"hyper-decompose", "::mlir::func::FuncOp"> {
  let summary = "Decompose hyper model ops into weight-generation primitives";
  let description = [{
    Rewrites the model ops into the primitives and upstream ops:

    * `hyper.conv2d` becomes `hyper.generate_kernel` plus a convolution
      (`linalg.conv_2d_nchw_fchw` on the zero-padded input for a shared
      kernel, a `linalg.generic` for per-sample kernels), with the bias as
      the convolution's initial value.
    * `hyper.lstm` / `hyper.rnn` become the input-side GEMMs for all T steps
      at once (`x·main.w_xᵀ` and the `x` columns of `x̂·hyper.w_xᵀ`, one
      `linalg.matmul` each over `[T·B, N_x]`), then an `scf.for` over T whose
      body is one step; `lengths` masks the states and outputs.
    * `hyper.lstm_cell` / `hyper.rnn_cell` become one step.

    A step computes the hyper cell, the embeddings and the row scales, and
    the main gates, with `d_h ⊙ (h·main.w_hᵀ)` as a `hyper.row_scaled_linear`
    and `d_x ⊙ (x·main.w_xᵀ)` as an elementwise scaling of the hoisted GEMM.
    With layer norm, a cell's update normalises each gate where it reads it,
    from the gates' sums (Σ v, then Σ (v − mean)², `[B, 4]` reductions), and
    h' normalises the new cell the same way (`[B, 1]` sums): no normalised
    `[B, 4·N]` tensor is written and read back.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect", "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect"
  ];
}

def HyperFuseWeightGenPass : Pass<"hyper-fuse-weight-gen", "::mlir::func::FuncOp"> {
  let summary = "Evaluate static weight generation at compile time";
  let description = [{
    A `hyper.generate_kernel` whose embeddings and generator are all
    constants is evaluated at compile time (in double precision, rounded to
    the element type) and replaced by the constant kernel, so a deployed
    static hypernetwork costs exactly its convolutions. A `hyper.conv2d`
    with constant embeddings and generator is first decomposed so that its
    kernel folds the same way.

    Generation from run-time values is left to `convert-hyper-to-linalg`,
    which emits it once per call with the tile scatter fused into the
    second GEMM (it writes the kernel layout directly).
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect"
  ];
  let options = [
    Option<"precomputeStatic", "precompute-static", "bool", /*default=*/"true",
           "Evaluate generators with constant inputs at compile time">,
  ];
}

def HyperBindWeightsPass : Pass<"hyper-bind-weights", "::mlir::ModuleOp"> {
  let summary = "Turn named function arguments into constants from an .npz";
  let description = [{
    For every function argument named with `hyper.name` whose name is an
    array of `weights` (an `.npz` archive or a directory of `NAME.npy`
    files), checks the array's dtype and shape
    against the argument's type, replaces the argument's uses by an
    `arith.constant` holding the array and removes the argument. Arguments
    the archive does not name stay. This is how an ahead-of-time compiled
    model gets its weights baked in, and what lets static weight generation
    fold at compile time.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::tensor::TensorDialect"];
  let options = [
    Option<"weights", "weights", "std::string", /*default=*/"\"\"",
           "Path of the .npz archive or directory of .npy files">,
    Option<"function", "function", "std::string", /*default=*/"\"\"",
           "Bind only this function's arguments (default: every function)">,
  ];
}

def HyperDecomposeAggregatesPass
    : Pass<"hyper-decompose-aggregates", "::mlir::func::FuncOp"> {
  let summary = "Decompose aggregated linalg ops (softmax) into generics";
  let description = [{
    Ops such as `linalg.softmax` implement `AggregatedOpInterface` but are
    not structured ops: loop lowering and vectorization do not handle them.
    This pass replaces each by its decomposition (reductions and
    elementwise `linalg.generic` ops), so models may use them freely.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::tensor::TensorDialect"];
}

def HyperFuseElementwisePass
    : Pass<"hyper-fuse-elementwise", "::mlir::func::FuncOp"> {
  let summary = "Fuse elementwise linalg ops into their consumers";
  let description = [{
    Producer-consumer fusion of elementwise `linalg.generic` ops on tensors
    (a bias add into the gate epilogue, the gate nonlinearities into the
    cell update, ...), without upstream's reshape propagation: moving
    reshapes through a `linalg.matmul` turns it into a higher-rank generic
    contraction that the GEMM schedule no longer recognises.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

#endif // HYPER_DIALECT_HYPER_TRANSFORMS_PASSES_TD
