//===- TensorMath.h - Tensor-level builders for hyper lowerings -*- C++ -*-===//
//
// The linalg/tensor computations that decomposition and lowering emit: GEMMs
// against `[out, in]` weights, broadcasts, elementwise maps, per-group layer
// norm. Everything works on ranked tensors with static or dynamic sizes and
// keeps the element type of its inputs.
//
//===----------------------------------------------------------------------===//

#ifndef HYPER_DIALECT_HYPER_TRANSFORMS_TENSORMATH_H
#define HYPER_DIALECT_HYPER_TRANSFORMS_TENSORMATH_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/Value.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace mlir::hyper {

/// Builds tensor computations at one location. Values are ranked tensors of
/// a float type unless a method says otherwise.
class TensorMath {
public:
  TensorMath(OpBuilder &builder, Location loc) : b(builder), loc(loc) {}

  OpBuilder &builder() { return b; }
  Location location() { return loc; }

  /// The sizes of `t` (constants where static, tensor.dim where dynamic).
  SmallVector<OpFoldResult> sizes(Value t);
  /// Size `dim` of `t`.
  OpFoldResult size(Value t, int64_t dim);

  /// An uninitialised tensor of the given sizes.
  Value empty(ArrayRef<OpFoldResult> sizes, Type elementType);
  /// A tensor of the given sizes filled with `value`.
  Value filled(ArrayRef<OpFoldResult> sizes, Type elementType, double value);
  /// A float constant of `type`.
  Value scalar(Type type, double value);

  /// `x·wᵀ` for `x: [M, K]` and `[out, in]` weights `w: [N, K]`,
  /// accumulated into `acc: [M, N]` when given, else into zeros: a
  /// `linalg.matmul` with a transposed B map.
  Value linear(Value x, Value w, Value acc = {});

  /// Rows `[offset, offset + count)` of a 2-D tensor.
  Value extractRows(Value t, Value offset, OpFoldResult count);

  /// `acc[m, n] + bias[n]`.
  Value addRowVector(Value acc, Value bias);

  /// An elementwise `linalg.generic` over the shape of `inputs[0]` (or of
  /// `like` when given); every input has that shape or broadcasts from a
  /// trailing-aligned lower rank (e.g. `[N]` against `[M, N]`). The body
  /// maps the input scalars to one output scalar.
  using ScalarFn =
      function_ref<Value(OpBuilder &, Location, ValueRange /*scalars*/)>;
  Value map(ValueRange inputs, ScalarFn body, Value like = {});

  /// Like `map` but with several outputs of the common shape.
  using MultiScalarFn = function_ref<SmallVector<Value>(OpBuilder &, Location,
                                                        ValueRange)>;
  SmallVector<Value> mapN(ValueRange inputs, unsigned numResults,
                          MultiScalarFn body);

  /// Layer norm over groups of `groupSize` consecutive features of
  /// `v: [B, G·N]`, per (b, g) with biased variance, in two parts: the
  /// sums, here — Σ v and Σ (v − mean)² (two passes: exact for large
  /// means), each `[B, G]` — and `normalize` where an element is read.
  std::pair<Value, Value> layerNormSums(Value v, int64_t groups,
                                        int64_t groupSize);

  /// One element of a layer norm from its group's sums (`layerNormSums`)
  /// and its γ and β: γ·(x − mean)/sqrt(var + ε) + β.
  static Value normalize(OpBuilder &b, Location loc, Value x, Value sum,
                         Value squares, Value gamma, Value beta,
                         int64_t groupSize, double epsilon);

  /// Splits dimension `dim` of `t` into dimensions of sizes `parts`.
  Value expandDim(Value t, int64_t dim, ArrayRef<OpFoldResult> parts);
  /// Splits the static dimension `dim` into `[size / inner, inner]`.
  Value splitDim(Value t, int64_t dim, int64_t inner);
  /// Merges dimensions `dim` and `dim + 1`.
  Value mergeDims(Value t, int64_t dim);
  /// `t` with its dimensions permuted: result dimension i is `t`'s
  /// dimension `permutation[i]` (a linalg.transpose).
  Value transpose(Value t, ArrayRef<int64_t> permutation);
  /// `t` as `type` (a tensor.cast between compatible shapes) if it differs.
  Value castTo(Value t, Type type);

  /// `dest[index] = row` along dimension 0.
  Value insertRow(Value row, Value dest, Value index);
  /// Columns `[offset, offset + count)` of a 2-D tensor.
  Value sliceColumns(Value t, int64_t offset, int64_t count);

  /// Scalar helpers for map bodies.
  static Value sigmoid(OpBuilder &b, Location loc, Value x);

private:
  OpBuilder &b;
  Location loc;
};

} // namespace mlir::hyper

#endif // HYPER_DIALECT_HYPER_TRANSFORMS_TENSORMATH_H
