//===- Passes.h - hyper dialect transformations -----------------*- C++ -*-===//

#ifndef HYPER_DIALECT_HYPER_TRANSFORMS_PASSES_H
#define HYPER_DIALECT_HYPER_TRANSFORMS_PASSES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Pass/Pass.h"

namespace mlir::hyper {

#define GEN_PASS_DECL
#include "hyper/Dialect/Hyper/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "hyper/Dialect/Hyper/Transforms/Passes.h.inc"

} // namespace mlir::hyper

#endif // HYPER_DIALECT_HYPER_TRANSFORMS_PASSES_H
