//===- RuntimeFunctions.cpp - Declaring runtime entry points --------------===//

#include "hyper/Codegen/Common/RuntimeFunctions.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"

using namespace mlir;

FailureOr<func::FuncOp>
mlir::hyper::declareRuntimeFunction(OpBuilder &b, ModuleOp module,
                                    StringRef name, FunctionType type,
                                    StringRef purpose, bool cInterface) {
  if (Operation *existing = module.lookupSymbol(name)) {
    auto f = dyn_cast<func::FuncOp>(existing);
    if (f && f.getFunctionType() == type)
      return f;
    existing->emitError() << "'" << name << "' is reserved for " << purpose
                          << ": expected a func.func of type " << type;
    return failure();
  }
  auto decl = func::FuncOp::create(b, module.getLoc(), name, type);
  decl.setPrivate();
  if (cInterface)
    decl->setAttr(LLVM::LLVMDialect::getEmitCWrapperAttrName(),
                  b.getUnitAttr());
  return decl;
}
