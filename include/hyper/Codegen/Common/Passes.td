//===- Passes.td - passes both targets use --------------------*- tablegen -*-===//

#ifndef HYPER_CODEGEN_COMMON_PASSES_TD
#define HYPER_CODEGEN_COMMON_PASSES_TD

include "mlir/Pass/PassBase.td"

def HyperLLVMHintsPass : Pass<"hyper-llvm-hints", "::mlir::ModuleOp"> {
  let summary = "Tell LLVM what the lowered host code knows: noalias "
                "allocations, loop hints";
  let description = [{
    On the LLVM dialect, just before translation:

    * The host pipeline lowers `memref.alloc` to calls of the runtime's
      `_mlir_memref_to_llvm_alloc` (`use-generic-functions`, see
      `libHyperRuntime`'s allocator). LLVM knows nothing about that
      function: every buffer it returns might alias every other, which costs
      alias checks in loops and sent LLVM's LoopLoadElimination into seconds
      of analysis on large models. The declarations' results are marked
      `llvm.noalias`, what LLVM assumes for `malloc`.
    * Loop hints the schedule puts on `scf.for` (`llvm.loop_annotation`,
      e.g. "do not unroll" on the im2col gather's loops) reach the latch
      branches as a discardable attribute, which translation ignores; they
      become the branches' `loop_annotation`.
  }];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

def HyperExpandShapesToCastsPass
    : Pass<"hyper-expand-shapes-to-casts", "::mlir::func::FuncOp"> {
  let summary = "Contiguous memref.expand_shapes that split a dimension into "
                "several dynamic ones as memref.reinterpret_casts";
  let description = [{
    Upstream's `expand-strided-metadata` (LLVM 22) crashes on a
    `memref.expand_shape` that splits one dimension into two or more
    dynamic ones, such as `[T*B, 50]` back into `[T, B, 50]` after a
    softmax over all positions of a sequence whose length and batch are
    both dynamic. When source and result have the identity layout, the
    expanded view is the same buffer with offset 0, the output shape as
    sizes and suffix products as strides: this pass writes it as that
    `memref.reinterpret_cast`, which the upstream pass lowers. Runs just
    before `expand-strided-metadata` in the host and GPU pipelines.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::memref::MemRefDialect"];
}

#endif // HYPER_CODEGEN_COMMON_PASSES_TD
