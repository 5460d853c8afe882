//===- HyperDialect.h - The hyper dialect -----------------------*- C++ -*-===//

#ifndef HYPER_DIALECT_HYPER_IR_HYPERDIALECT_H
#define HYPER_DIALECT_HYPER_IR_HYPERDIALECT_H

#include "mlir/IR/Dialect.h"

#include "hyper/Dialect/Hyper/IR/HyperOpsDialect.h.inc"

#endif // HYPER_DIALECT_HYPER_IR_HYPERDIALECT_H
