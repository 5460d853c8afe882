//===- GpuHostSharedMemory.cpp - Host buffers the GPU can reach -----------===//
//
// Rewrites the host functions' allocations into CUDA managed memory (see
// the pass description in Passes.td).
//
//===----------------------------------------------------------------------===//

#include "hyper/Dialect/Hyper/Transforms/Passes.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::hyper {
#define GEN_PASS_DEF_HYPERGPUHOSTSHAREDMEMORYPASS
#include "hyper/Dialect/Hyper/Transforms/Passes.h.inc"
} // namespace mlir::hyper

using namespace mlir;
using namespace mlir::hyper;

namespace {

/// Frees `memref` and waits for it: gpu.dealloc is asynchronous only.
void deallocate(OpBuilder &b, Location loc, Value memref) {
  Type token = b.getType<gpu::AsyncTokenType>();
  Value ready = gpu::WaitOp::create(b, loc, token, ValueRange{}).getAsyncToken();
  Value done = gpu::DeallocOp::create(b, loc, token, ValueRange{ready}, memref)
                   .getAsyncToken();
  gpu::WaitOp::create(b, loc, Type(), ValueRange{done});
}

Value allocateShared(OpBuilder &b, Location loc, MemRefType type,
                     ValueRange dynamicSizes) {
  return gpu::AllocOp::create(b, loc, type, /*asyncToken=*/Type(),
                              /*asyncDependencies=*/ValueRange{}, dynamicSizes,
                              /*symbolOperands=*/ValueRange{},
                              /*hostShared=*/true)
      .getMemref();
}

struct HyperGpuHostSharedMemoryPass
    : hyper::impl::HyperGpuHostSharedMemoryPassBase<
          HyperGpuHostSharedMemoryPass> {
  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    for (auto func : getOperation().getOps<FunctionOpInterface>()) {
      if (func.isExternal())
        continue;
      SmallVector<memref::AllocOp> allocs;
      SmallVector<memref::DeallocOp> deallocs;
      SmallVector<memref::GetGlobalOp> globals;
      func->walk([&](Operation *op) {
        if (auto alloc = dyn_cast<memref::AllocOp>(op))
          allocs.push_back(alloc);
        else if (auto dealloc = dyn_cast<memref::DeallocOp>(op))
          deallocs.push_back(dealloc);
        else if (auto global = dyn_cast<memref::GetGlobalOp>(op))
          globals.push_back(global);
      });
      for (memref::AllocOp alloc : allocs) {
        if (!alloc.getSymbolOperands().empty()) {
          alloc.emitError("hyper-gpu-host-shared-memory: allocations with "
                          "symbol operands are not supported");
          return signalPassFailure();
        }
        rewriter.setInsertionPoint(alloc);
        rewriter.replaceOp(alloc,
                           allocateShared(rewriter, alloc.getLoc(),
                                          alloc.getType(),
                                          alloc.getDynamicSizes()));
      }
      for (memref::DeallocOp dealloc : deallocs) {
        rewriter.setInsertionPoint(dealloc);
        deallocate(rewriter, dealloc.getLoc(), dealloc.getMemref());
        rewriter.eraseOp(dealloc);
      }
      if (globals.empty())
        continue;
      // One managed copy of each global per call, made at entry; constants
      // never change, so the copy may move there from any loop.
      Block &entry = func.getFunctionBody().front();
      llvm::MapVector<StringAttr, Value> copies;
      for (memref::GetGlobalOp global : globals) {
        Value &copy = copies[global.getNameAttr().getAttr()];
        if (!copy) {
          rewriter.setInsertionPointToStart(&entry);
          auto original = memref::GetGlobalOp::create(
              rewriter, global.getLoc(), global.getType(), global.getName());
          copy = allocateShared(rewriter, global.getLoc(), global.getType(),
                                ValueRange{});
          memref::CopyOp::create(rewriter, global.getLoc(), original, copy);
        }
        rewriter.replaceOp(global, copy);
      }
      func->walk([&](Operation *op) {
        if (!op->hasTrait<OpTrait::ReturnLike>() ||
            op->getParentOp() != func.getOperation())
          return;
        rewriter.setInsertionPoint(op);
        for (auto [name, copy] : copies)
          deallocate(rewriter, op->getLoc(), copy);
      });
    }
  }
};

} // namespace
