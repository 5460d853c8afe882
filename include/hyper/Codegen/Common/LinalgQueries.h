//===- LinalgQueries.h - Shapes of linalg ops the schedules handle -*- C++
//-*-===//
//
// What hyper-cpu-vectorize and the GPU kernel passes both ask of a linalg
// op: how a matmul reads B, and whether a reduction is a sum whose parts
// may be added in any grouping.
//
//===----------------------------------------------------------------------===//

#ifndef HYPER_CODEGEN_COMMON_LINALGQUERIES_H
#define HYPER_CODEGEN_COMMON_LINALGQUERIES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"

#include <optional>

namespace mlir::hyper {

/// B as [K, N] (the default maps) or as [N, K] (weights in [out, in]
/// layout, `x · Wᵀ`).
enum class BLayout { KN, NK };

/// The layout of B when `op` reads A as [M, K] and writes C as [M, N];
/// none for any other indexing maps.
inline std::optional<BLayout> matmulBLayout(linalg::MatmulOp op) {
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  MLIRContext *ctx = op.getContext();
  AffineExpr m, n, k;
  bindDims(ctx, m, n, k);
  if (maps.size() != 3 || maps[0] != AffineMap::get(3, 0, {m, k}, ctx) ||
      maps[2] != AffineMap::get(3, 0, {m, n}, ctx))
    return std::nullopt;
  if (maps[1] == AffineMap::get(3, 0, {k, n}, ctx))
    return BLayout::KN;
  if (maps[1] == AffineMap::get(3, 0, {n, k}, ctx))
    return BLayout::NK;
  return std::nullopt;
}

/// Whether `op`'s body updates the output of `init` as `out + e` or
/// `fma(a, b, out)` (a sum, a sum of squares) and reads `out` nowhere else:
/// partial sums over parts of the reduction, each started from zero, add up
/// to the same result (up to rounding).
inline bool isSumUpdate(linalg::LinalgOp op, OpOperand &init) {
  Value out = op.getMatchingBlockArgument(&init);
  Operation *update = op.getMatchingYieldValue(&init)->get().getDefiningOp();
  if (!update || !out.hasOneUse())
    return false;
  if (auto add = dyn_cast<arith::AddFOp>(update))
    return add.getLhs() == out || add.getRhs() == out;
  if (auto fma = dyn_cast<math::FmaOp>(update))
    return fma.getC() == out;
  return false;
}

} // namespace mlir::hyper

#endif // HYPER_CODEGEN_COMMON_LINALGQUERIES_H
