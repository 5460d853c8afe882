//===- ConstantLayouts.cpp - Constants re-laid out at compile time --------===//

#include "hyper/Codegen/Common/ConstantLayouts.h"
#include "hyper/Codegen/Common/TilingUtils.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Affine/Utils.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/SCF/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Interfaces/ValueBoundsOpInterface.h"

#include <cstring>

using namespace mlir;

namespace mlir::hyper {

std::optional<DenseElementsAttr> constantValue(Value w) {
  DenseElementsAttr attr;
  if (matchPattern(w, m_Constant(&attr)))
    return attr;
  auto slice = w.getDefiningOp<tensor::ExtractSliceOp>();
  if (!slice || !slice.hasUnitStride() ||
      !matchPattern(slice.getSource(), m_Constant(&attr)) || attr.isSplat() ||
      slice.getSourceType().getRank() != 2 ||
      ShapedType::isDynamicShape(slice.getStaticOffsets()) ||
      ShapedType::isDynamicShape(slice.getStaticSizes()) ||
      !slice.getResultType().hasStaticShape() ||
      slice.getResultType().getRank() != 2)
    return std::nullopt;
  ArrayRef<char> raw = attr.getRawData();
  int64_t cols = slice.getSourceType().getDimSize(1);
  ArrayRef<int64_t> offsets = slice.getStaticOffsets(),
                    sizes = slice.getStaticSizes();
  size_t bytes = raw.size() / attr.getNumElements();
  std::vector<char> out(sizes[0] * sizes[1] * bytes);
  for (int64_t r = 0; r < sizes[0]; ++r)
    std::memcpy(&out[r * sizes[1] * bytes],
                &raw[((offsets[0] + r) * cols + offsets[1]) * bytes],
                sizes[1] * bytes);
  return DenseElementsAttr::getFromRawBuffer(slice.getResultType(),
                                             ArrayRef<char>(out));
}

Value transposed(RewriterBase &rewriter, Location loc, Value w) {
  auto type = cast<RankedTensorType>(w.getType());
  std::optional<DenseElementsAttr> constant;
  if (type.hasStaticShape())
    constant = constantValue(w);
  if (constant) {
    DenseElementsAttr attr = *constant;
    auto resultType = RankedTensorType::get(
        {type.getDimSize(1), type.getDimSize(0)}, type.getElementType());
    if (attr.isSplat())
      return arith::ConstantOp::create(rewriter, loc,
                                       attr.resizeSplat(resultType));
    ArrayRef<char> raw = attr.getRawData();
    int64_t rows = type.getDimSize(0), cols = type.getDimSize(1);
    size_t bytes = raw.size() / (rows * cols);
    std::vector<char> out(raw.size());
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t c = 0; c < cols; ++c)
        std::memcpy(&out[(c * rows + r) * bytes], &raw[(r * cols + c) * bytes],
                    bytes);
    return arith::ConstantOp::create(
        rewriter, loc,
        DenseElementsAttr::getFromRawBuffer(resultType, ArrayRef<char>(out)));
  }
  SmallVector<OpFoldResult> sizes = {tensor::getMixedSize(rewriter, loc, w, 1),
                                     tensor::getMixedSize(rewriter, loc, w, 0)};
  Value init =
      tensor::EmptyOp::create(rewriter, loc, sizes, type.getElementType());
  return linalg::TransposeOp::create(rewriter, loc, w, init,
                                     ArrayRef<int64_t>{1, 0})
      .getResult()[0];
}

DenseElementsAttr packRowBlocks(DenseElementsAttr w, int64_t rows,
                                int64_t lanes) {
  auto type = cast<RankedTensorType>(w.getType());
  int64_t n = type.getDimSize(0), k = type.getDimSize(1);
  int64_t chunks = llvm::divideCeil(k, lanes);
  auto packedType = RankedTensorType::get({n / rows, chunks * rows * lanes},
                                          type.getElementType());
  if (w.isSplat())
    return w.resizeSplat(packedType);
  ArrayRef<char> raw = w.getRawData();
  size_t bytes = raw.size() / (n * k);
  std::vector<char> out(n * chunks * lanes * bytes, 0);
  for (int64_t r = 0; r < n; ++r)
    for (int64_t c = 0; c < chunks; ++c)
      std::memcpy(
          &out[((((r / rows) * chunks + c) * rows + r % rows) * lanes) * bytes],
          &raw[(r * k + c * lanes) * bytes],
          std::min(lanes, k - c * lanes) * bytes);
  return DenseElementsAttr::getFromRawBuffer(packedType, ArrayRef<char>(out));
}

DenseElementsAttr packColumns(DenseElementsAttr b, int64_t nt) {
  auto type = cast<RankedTensorType>(b.getType());
  int64_t k = type.getDimSize(0), n = type.getDimSize(1);
  int64_t blocks = llvm::divideCeil(n, nt);
  auto packedType =
      RankedTensorType::get({blocks, k * nt}, type.getElementType());
  ArrayRef<char> raw = b.getRawData();
  size_t bytes = raw.size() / (k * n);
  std::vector<char> out(blocks * k * nt * bytes, 0);
  for (int64_t blk = 0; blk < blocks; ++blk) {
    int64_t width = std::min(nt, n - blk * nt);
    for (int64_t r = 0; r < k; ++r)
      std::memcpy(&out[((blk * k + r) * nt) * bytes],
                  &raw[(r * n + blk * nt) * bytes], width * bytes);
  }
  return DenseElementsAttr::getFromRawBuffer(packedType, ArrayRef<char>(out));
}

DenseElementsAttr padColumns(DenseElementsAttr b, int64_t nt) {
  auto type = cast<RankedTensorType>(b.getType());
  int64_t k = type.getDimSize(0), n = type.getDimSize(1);
  int64_t padded = llvm::alignTo(n, nt);
  ArrayRef<char> raw = b.getRawData();
  size_t bytes = raw.size() / (k * n);
  std::vector<char> out(k * padded * bytes, 0);
  for (int64_t r = 0; r < k; ++r)
    std::memcpy(&out[r * padded * bytes], &raw[r * n * bytes], n * bytes);
  return DenseElementsAttr::getFromRawBuffer(
      RankedTensorType::get({k, padded}, type.getElementType()),
      ArrayRef<char>(out));
}

std::optional<ConstantSlice> alignedConstantSlice(Value b, int64_t nt) {
  ConstantSlice source;
  source.root = b;
  while (auto slice = source.root.getDefiningOp<tensor::ExtractSliceOp>()) {
    if (!slice.hasUnitStride() || slice.getSourceType().getRank() != 2 ||
        slice.getResultType().getRank() != 2)
      return std::nullopt;
    source.rows.push_back(slice.getMixedOffsets()[0]);
    source.cols.push_back(slice.getMixedOffsets()[1]);
    source.root = slice.getSource();
  }
  auto rootType = dyn_cast<RankedTensorType>(source.root.getType());
  if (!rootType || rootType.getRank() != 2 || !rootType.hasStaticShape() ||
      !matchPattern(source.root, m_Constant(&source.attr)) ||
      source.attr.isSplat() || rootType.getElementTypeBitWidth() % 8 != 0 ||
      !llvm::all_of(source.cols,
                    [&](OpFoldResult c) { return isMultipleOf(c, nt); }))
    return std::nullopt;
  return source;
}

} // namespace mlir::hyper
