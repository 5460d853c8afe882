//===- LLVMHints.cpp - What LLVM should know about the lowered host code --===//
//
// hyper-llvm-hints, on the LLVM dialect just before translation (see the
// pass description in Passes.td): noalias results for the runtime's
// allocation functions, and loop annotations moved onto latch branches.
//
//===----------------------------------------------------------------------===//

#include "hyper/Codegen/Common/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"

namespace mlir::hyper {
#define GEN_PASS_DEF_HYPERLLVMHINTSPASS
#include "hyper/Codegen/Common/Passes.h.inc"
} // namespace mlir::hyper

using namespace mlir;

namespace {

constexpr StringLiteral kLoopAnnotation = "llvm.loop_annotation";

struct HyperLLVMHintsPass
    : hyper::impl::HyperLLVMHintsPassBase<HyperLLVMHintsPass> {
  void runOnOperation() override {
    // What LLVM assumes for malloc.
    for (StringRef name :
         {"_mlir_memref_to_llvm_alloc", "_mlir_memref_to_llvm_aligned_alloc"}) {
      auto func = getOperation().lookupSymbol<LLVM::LLVMFuncOp>(name);
      if (!func || func.getNumResults() != 1)
        continue;
      func.setResultAttr(0, LLVM::LLVMDialect::getNoAliasAttrName(),
                         UnitAttr::get(&getContext()));
    }
    // scf.for's hint, carried to the latch as a discardable attribute,
    // becomes the branch's own annotation, which translation reads.
    getOperation().walk([](Operation *op) {
      auto annotation =
          op->getAttrOfType<LLVM::LoopAnnotationAttr>(kLoopAnnotation);
      if (!annotation)
        return;
      op->removeAttr(kLoopAnnotation);
      if (auto br = dyn_cast<LLVM::BrOp>(op))
        br.setLoopAnnotationAttr(annotation);
      else if (auto condBr = dyn_cast<LLVM::CondBrOp>(op))
        condBr.setLoopAnnotationAttr(annotation);
    });
  }
};

} // namespace
