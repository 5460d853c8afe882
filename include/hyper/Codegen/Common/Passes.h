//===- Passes.h - hyper code generation (Common) ----------------------*- C++
//-*-===//

#ifndef HYPER_CODEGEN_COMMON_PASSES_H
#define HYPER_CODEGEN_COMMON_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir::hyper {

#define GEN_PASS_DECL
#include "hyper/Codegen/Common/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "hyper/Codegen/Common/Passes.h.inc"

} // namespace mlir::hyper

#endif // HYPER_CODEGEN_COMMON_PASSES_H
