//===- HyperOps.h - hyper dialect ops ---------------------------*- C++ -*-===//

#ifndef HYPER_DIALECT_HYPER_IR_HYPEROPS_H
#define HYPER_DIALECT_HYPER_IR_HYPEROPS_H

#include "hyper/Dialect/Hyper/IR/HyperDialect.h"
#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "hyper/Dialect/Hyper/IR/HyperEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "hyper/Dialect/Hyper/IR/HyperAttrs.h.inc"

namespace mlir::hyper {

/// Model sizes of a recurrent hypernetwork, read off its weights
/// (SPEC names: N_x, N_h, N̂, N_z).
struct RecurrentDims {
  int64_t inputSize;  ///< N_x
  int64_t hiddenSize; ///< N_h, the main cell
  int64_t hyperSize;  ///< N̂, the hyper cell
  int64_t embedSize;  ///< N_z, per gate
};

/// Output extent of one spatial dimension of a convolution, or
/// ShapedType::kDynamic when `size` is dynamic or the window's arithmetic
/// overflows int64. May be < 1 for invalid
/// configurations; verifiers reject those.
int64_t convOutputSize(int64_t size, int64_t kernel, int64_t stride,
                       int64_t padBefore, int64_t padAfter, int64_t dilation);

/// One relation of an op's contract between sizes of its operands:
/// dimension `dimA` of `a` equals dimension `dimB` of `b`, or equals `size`
/// when `b` is null (a size the weights fix). The verifiers check these
/// where both sides are static; where one is dynamic they must hold at run
/// time, and the tools check them on the inputs (collectSizeAgreements).
struct SizeAgreement {
  Value a;
  unsigned dimA;
  Value b;
  unsigned dimB;
  int64_t size;
  StringRef symbol; ///< the contract's name of the size: "B", "T", "N_x"
};

/// The size relations of `op`'s contract (SPEC), for every hyper op; none
/// for other ops.
void getSizeAgreements(Operation *op, SmallVectorImpl<SizeAgreement> &out);

/// Fails (with an op error naming the operand or result) when a static
/// tensor type of `op` has an element count or byte size that overflows
/// int64. Every hyper op's verifier calls it first.
LogicalResult verifyTensorSizes(Operation *op);

} // namespace mlir::hyper

#define GET_OP_CLASSES
#include "hyper/Dialect/Hyper/IR/HyperOps.h.inc"

#endif // HYPER_DIALECT_HYPER_IR_HYPEROPS_H
