//===- GpuHostSharedMemory.cpp - Host buffers the GPU can reach -----------===//
//
// Rewrites the host functions' allocations into CUDA managed memory (see
// the pass description in Passes.td).
//
//===----------------------------------------------------------------------===//

#include "hyper/Codegen/GPU/Passes.h"
#include "hyper/Codegen/Common/RuntimeFunctions.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace mlir::hyper {
#define GEN_PASS_DEF_HYPERGPUHOSTSHAREDMEMORYPASS
#include "hyper/Codegen/GPU/Passes.h.inc"
} // namespace mlir::hyper

using namespace mlir;
using namespace mlir::hyper;

namespace {

/// The runtime's `hyperCudaFree(pointer)` (CudaRuntime.h), declared once.
constexpr StringLiteral kFree = "hyperCudaFree";

/// Frees `memref` through the runtime: a plain host call (gpu.dealloc lowers
/// only in its asynchronous form, a stream and a synchronisation per free).
/// The stream ordering below puts a synchronisation before the first of
/// them, so the device is done with the buffer.
void deallocate(OpBuilder &b, Location loc, Value memref) {
  Value pointer =
      memref::ExtractAlignedPointerAsIndexOp::create(b, loc, memref);
  func::CallOp::create(b, loc, kFree, TypeRange{}, ValueRange{pointer});
}

/// The GPU runtime's function `name` (see declareRuntimeFunction),
/// declared at the end of `module` if missing.
LogicalResult declareGpuRuntimeFunction(OpBuilder &b, ModuleOp module,
                                        StringRef name, FunctionType type,
                                        bool cInterface = false) {
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToEnd(module.getBody());
  return declareRuntimeFunction(b, module, name, type, "the GPU runtime",
                                cInterface);
}

LogicalResult declareFree(OpBuilder &b, ModuleOp module) {
  return declareGpuRuntimeFunction(b, module, kFree,
                                   b.getFunctionType({b.getIndexType()}, {}));
}

/// Whether `op` may run on the host while kernels launched before it are
/// still running: arithmetic and views (no memory effects, no regions, no
/// GPU op), and allocations (the runtime hands out a freed block only after
/// the synchronisation that preceded its free).
bool overlapsKernels(Operation *op) {
  if (isa<gpu::AllocOp>(op))
    return true;
  if (op->getNumRegions() != 0 || op->hasTrait<OpTrait::IsTerminator>() ||
      isa<gpu::GPUDialect>(op->getDialect()))
    return false;
  return isMemoryEffectFree(op);
}

/// Puts the synchronous kernel launches of `block` (and, separately, of its
/// nested blocks) on one stream, in order: a launch no longer waits for its
/// kernel; the host waits once, before the first op that may touch memory
/// or leave the block (a free, a copy, a loop, the terminator). Without
/// this every launch of a time step synchronised with the host.
void orderOnOneStream(OpBuilder &b, Block &block) {
  Type tokenType = b.getType<gpu::AsyncTokenType>();
  Value token;
  for (Operation &op : llvm::make_early_inc_range(block)) {
    for (Region &region : op.getRegions())
      for (Block &inner : region)
        orderOnOneStream(b, inner);
    auto launch = dyn_cast<gpu::LaunchFuncOp>(op);
    if (launch && !launch.getAsyncToken() &&
        launch.getAsyncDependencies().empty()) {
      b.setInsertionPoint(launch);
      if (!token)
        token = gpu::WaitOp::create(b, launch.getLoc(), tokenType,
                                    ValueRange{})
                    .getAsyncToken();
      std::optional<gpu::KernelDim3> cluster;
      if (launch.hasClusterSize())
        cluster = launch.getClusterSizeOperandValues();
      auto async = gpu::LaunchFuncOp::create(
          b, launch.getLoc(), launch.getKernel(),
          launch.getGridSizeOperandValues(), launch.getBlockSizeOperandValues(),
          launch.getDynamicSharedMemorySize(), launch.getKernelOperands(),
          tokenType, ValueRange{token}, cluster);
      token = async.getAsyncToken();
      launch->erase();
      continue;
    }
    if (!token || overlapsKernels(&op))
      continue;
    b.setInsertionPoint(&op);
    gpu::WaitOp::create(b, op.getLoc(), Type(), ValueRange{token});
    token = Value();
  }
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
/// cannot make one (rank 0, other element types); failure when the module
/// has the function's name as something else.
FailureOr<Value> cachedConstant(OpBuilder &b, ModuleOp module,
                                memref::GetGlobalOp original) {
  MemRefType type = original.getType();
  std::optional<std::string> suffix = constantSuffix(type.getElementType());
  if (!suffix || type.getRank() == 0 || !type.getLayout().isIdentity() ||
      !type.hasStaticShape())
    return Value();
  Location loc = original.getLoc();
  auto flat = MemRefType::get({ShapedType::kDynamic}, type.getElementType());
  std::string name = "hyperCudaConstant_" + *suffix;
  if (failed(declareGpuRuntimeFunction(b, module, name,
                                       b.getFunctionType({flat}, {flat}),
                                       /*cInterface=*/true)))
    return failure();
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
  return memref::ExpandShapeOp::create(b, loc, type.getShape(), sized, all)
      .getResult();
}

struct HyperGpuHostSharedMemoryPass
    : hyper::impl::HyperGpuHostSharedMemoryPassBase<
          HyperGpuHostSharedMemoryPass> {
  /// Each global's device copy is looked up once, at entry (constants never
  /// change, so the lookup may move there from any loop): the runtime's
  /// copy, made at the first call and reused by later ones; for types the
  /// runtime has no copy function for, a managed copy per call, freed before
  /// each return.
  LogicalResult copyGlobals(IRRewriter &rewriter, FunctionOpInterface func,
                            ArrayRef<memref::GetGlobalOp> globals) {
    if (globals.empty())
      return success();
    Block &entry = func.getFunctionBody().front();
    llvm::MapVector<StringAttr, Value> copies;
    SmallVector<Value> perCall;
    for (memref::GetGlobalOp global : globals) {
      Value &copy = copies[global.getNameAttr().getAttr()];
      if (!copy) {
        rewriter.setInsertionPointToStart(&entry);
        auto original = memref::GetGlobalOp::create(
            rewriter, global.getLoc(), global.getType(), global.getName());
        FailureOr<Value> cached =
            cachedConstant(rewriter, getOperation(), original);
        if (failed(cached))
          return failure();
        copy = *cached;
        if (!copy) {
          if (failed(declareFree(rewriter, getOperation())))
            return failure();
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
    return success();
  }

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
      if (!deallocs.empty() && failed(declareFree(rewriter, getOperation())))
        return signalPassFailure();
      for (memref::DeallocOp dealloc : deallocs) {
        rewriter.setInsertionPoint(dealloc);
        deallocate(rewriter, dealloc.getLoc(), dealloc.getMemref());
        rewriter.eraseOp(dealloc);
      }
      if (failed(copyGlobals(rewriter, func, globals)))
        return signalPassFailure();
      for (Block &block : func.getFunctionBody())
        orderOnOneStream(rewriter, block);
    }
  }
};

} // namespace
