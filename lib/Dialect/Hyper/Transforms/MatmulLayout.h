//===- MatmulLayout.h - How a linalg.matmul reads its operands --*- C++ -*-===//
//
// The two layouts of B the CPU and GPU schedules handle, shared by
// hyper-cpu-vectorize and hyper-gpu-gemm-kernels.
//
//===----------------------------------------------------------------------===//

#ifndef HYPER_LIB_DIALECT_HYPER_TRANSFORMS_MATMULLAYOUT_H
#define HYPER_LIB_DIALECT_HYPER_TRANSFORMS_MATMULLAYOUT_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"

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

} // namespace mlir::hyper

#endif // HYPER_LIB_DIALECT_HYPER_TRANSFORMS_MATMULLAYOUT_H
