//===- GpuKernels.cpp - Shared pieces of the GPU kernel builders ----------===//

#include "GpuKernels.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

using namespace mlir;
using namespace mlir::hyper::gpu_kernels;

Value mlir::hyper::gpu_kernels::rootOf(Value v) {
  while (auto view = v.getDefiningOp<ViewLikeOpInterface>())
    v = view.getViewSource();
  return v;
}

static bool mayAliasImpl(Value x, Value y, unsigned depth) {
  if (x == y)
    return true;
  if (depth > 8)
    return true;
  // What can flow into a block argument; nullopt when unknown.
  auto sources = [](Value v) -> std::optional<SmallVector<Value, 2>> {
    auto arg = dyn_cast<BlockArgument>(v);
    if (!arg)
      return SmallVector<Value, 2>{};
    Operation *parent = arg.getOwner()->getParentOp();
    if (isa<FunctionOpInterface>(parent))
      return SmallVector<Value, 2>{};
    auto loop = dyn_cast<scf::ForOp>(parent);
    if (!loop || arg.getArgNumber() == 0)
      return std::nullopt;
    unsigned i = arg.getArgNumber() - 1;
    return SmallVector<Value, 2>{rootOf(loop.getInitArgs()[i]),
                                 rootOf(loop.getYieldedValues()[i])};
  };
  for (auto [v, other] : {std::pair(x, y), std::pair(y, x)}) {
    // A buffer allocated during an iteration is fresh: not what entered it.
    if (auto arg = dyn_cast<BlockArgument>(v))
      if (auto alloc = other.getDefiningOp<memref::AllocOp>())
        if (arg.getOwner()->getParentOp()->isProperAncestor(alloc))
          return false;
    std::optional<SmallVector<Value, 2>> from = sources(v);
    if (!from)
      return true;
    for (Value s : *from)
      if (mayAliasImpl(s, other, depth + 1))
        return true;
  }
  return false;
}

bool mlir::hyper::gpu_kernels::mayAlias(Value x, Value y) {
  return mayAliasImpl(x, y, 0);
}

Value KernelEmitter::index(int64_t v) {
  return arith::ConstantIndexOp::create(b, loc, v);
}

Value KernelEmitter::privateBuffer(MemRefType type) {
  if (!emulate)
    return memref::AllocaOp::create(b, loc, type);
  assert(functionEntry && "privateBuffer is called within emit");
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(functionEntry);
  return memref::AllocaOp::create(b, loc, type);
}

void KernelEmitter::emit(
    Value gridX, Value gridY, Value gridZ, ArrayRef<MemRefType> workgroupTypes,
    function_ref<void(Value, Value, Value, ValueRange)> block) {
  if (!gridZ)
    gridZ = index(1);
  if (emulate) {
    // Found here: the loops' bodies below are not yet attached to the IR
    // while they are built.
    Operation *scope = b.getInsertionBlock()->getParentOp();
    while (!scope->hasTrait<OpTrait::IsIsolatedFromAbove>())
      scope = scope->getParentOp();
    functionEntry = &scope->getRegion(0).front();
    auto loop = [&](Value n, function_ref<void(Value)> body) {
      scf::ForOp::create(b, loc, index(0), n, index(1), ValueRange{},
                         [&](OpBuilder &, Location, Value i, ValueRange) {
                           body(i);
                           scf::YieldOp::create(b, loc);
                         });
    };
    loop(gridZ, [&](Value bz) {
      loop(gridY, [&](Value by) {
        loop(gridX, [&](Value bx) {
          SmallVector<Value> shared;
          for (MemRefType type : workgroupTypes)
            shared.push_back(privateBuffer(type));
          block(bx, by, bz, shared);
        });
      });
    });
    return;
  }
  Attribute workgroup =
      gpu::AddressSpaceAttr::get(b.getContext(), gpu::AddressSpace::Workgroup);
  SmallVector<Type> attributions;
  for (MemRefType type : workgroupTypes)
    attributions.push_back(
        MemRefType::get(type.getShape(), type.getElementType(),
                        MemRefLayoutAttrInterface(), workgroup));
  Value one = index(1);
  auto launch = gpu::LaunchOp::create(
      b, loc, gridX, gridY, gridZ, index(threadsX), index(threadsY), one,
      /*dynamicSharedMemorySize=*/nullptr, /*asyncTokenType=*/nullptr,
      /*asyncDependencies=*/ValueRange{}, attributions);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(&launch.getBody().front());
  block(launch.getBlockIds().x, launch.getBlockIds().y, launch.getBlockIds().z,
        launch.getWorkgroupAttributions());
  gpu::TerminatorOp::create(b, loc);
}

void KernelEmitter::forEachThread(function_ref<void(Value, Value)> body,
                                  bool sync) {
  if (!emulate) {
    Value tx = gpu::ThreadIdOp::create(b, loc, gpu::Dimension::x);
    Value ty = gpu::ThreadIdOp::create(b, loc, gpu::Dimension::y);
    body(tx, ty);
    if (sync)
      gpu::BarrierOp::create(b, loc);
    return;
  }
  auto loop = [&](int64_t n, function_ref<void(Value)> inner) {
    scf::ForOp::create(b, loc, index(0), index(n), index(1), ValueRange{},
                       [&](OpBuilder &, Location, Value i, ValueRange) {
                         inner(i);
                         scf::YieldOp::create(b, loc);
                       });
  };
  loop(threadsY,
       [&](Value ty) { loop(threadsX, [&](Value tx) { body(tx, ty); }); });
}
