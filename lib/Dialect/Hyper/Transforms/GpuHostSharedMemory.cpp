//===- GpuHostSharedMemory.cpp - Host buffers the GPU can reach -----------===//
//
// Rewrites the host functions' allocations into CUDA managed memory (see
// the pass description in Passes.td).
//
//===----------------------------------------------------------------------===//

#include "hyper/Dialect/Hyper/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/IR/SymbolTable.h"

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

/// The suffix of the runtime's `hyperCudaConstant_<type>` for `type`, or
/// none where the runtime has no such function.
std::optional<std::string> constantSuffix(Type type) {
  auto integer = dyn_cast<IntegerType>(type);
  if (!(type.isF64() || type.isF32() || type.isF16() || type.isBF16()) &&
      !(integer && integer.isSignless() &&
        llvm::is_contained({8u, 16u, 32u, 64u}, integer.getWidth())))
    return std::nullopt;
  std::string suffix;
  llvm::raw_string_ostream(suffix) << type;
  return suffix;
}

/// The runtime's cached device copy of the global `original` reads (see
/// `hyperCudaConstant_<type>` in CudaRuntime.h), or null where the runtime
/// cannot make one (rank 0, other element types).
Value cachedConstant(OpBuilder &b, ModuleOp module,
                     memref::GetGlobalOp original) {
  MemRefType type = original.getType();
  std::optional<std::string> suffix = constantSuffix(type.getElementType());
  if (!suffix || type.getRank() == 0 || !type.getLayout().isIdentity() ||
      !type.hasStaticShape())
    return nullptr;
  Location loc = original.getLoc();
  auto flat = MemRefType::get({ShapedType::kDynamic}, type.getElementType());
  std::string name = "hyperCudaConstant_" + *suffix;
  if (!module.lookupSymbol<func::FuncOp>(name)) {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToEnd(module.getBody());
    auto decl = func::FuncOp::create(b, loc, name,
                                     b.getFunctionType({flat}, {flat}));
    decl.setPrivate();
    decl->setAttr(LLVM::LLVMDialect::getEmitCWrapperAttrName(),
                  b.getUnitAttr());
  }
  SmallVector<ReassociationIndices> all(1);
  for (int64_t d = 0; d < type.getRank(); ++d)
    all.front().push_back(d);
  Value collapsed = memref::CollapseShapeOp::create(b, loc, original, all);
  Value dynamic = memref::CastOp::create(b, loc, flat, collapsed);
  Value copy =
      func::CallOp::create(b, loc, name, TypeRange{flat}, ValueRange{dynamic})
          .getResult(0);
  Value sized = memref::CastOp::create(
      b, loc, cast<MemRefType>(collapsed.getType()), copy);
  return memref::ExpandShapeOp::create(b, loc, type.getShape(), sized, all);
}

struct HyperGpuHostSharedMemoryPass
    : hyper::impl::HyperGpuHostSharedMemoryPassBase<
          HyperGpuHostSharedMemoryPass> {
  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    // The loop may add runtime declarations to the module.
    SmallVector<FunctionOpInterface> funcs(
        getOperation().getOps<FunctionOpInterface>());
    for (FunctionOpInterface func : funcs) {
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
      // Each global's device copy is looked up once, at entry (constants
      // never change, so the lookup may move there from any loop): the
      // runtime's copy, made at the first call and reused by later ones; for
      // types the runtime has no copy function for, a managed copy per call,
      // freed before each return.
      Block &entry = func.getFunctionBody().front();
      llvm::MapVector<StringAttr, Value> copies;
      SmallVector<Value> perCall;
      for (memref::GetGlobalOp global : globals) {
        Value &copy = copies[global.getNameAttr().getAttr()];
        if (!copy) {
          rewriter.setInsertionPointToStart(&entry);
          auto original = memref::GetGlobalOp::create(
              rewriter, global.getLoc(), global.getType(), global.getName());
          copy = cachedConstant(rewriter, getOperation(), original);
          if (!copy) {
            copy = allocateShared(rewriter, global.getLoc(), global.getType(),
                                  ValueRange{});
            memref::CopyOp::create(rewriter, global.getLoc(), original, copy);
            perCall.push_back(copy);
          }
        }
        rewriter.replaceOp(global, copy);
      }
      func->walk([&](Operation *op) {
        if (!op->hasTrait<OpTrait::ReturnLike>() ||
            op->getParentOp() != func.getOperation())
          return;
        rewriter.setInsertionPoint(op);
        for (Value copy : perCall)
          deallocate(rewriter, op->getLoc(), copy);
      });
    }
  }
};

} // namespace
