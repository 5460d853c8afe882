//===- TensorMath.cpp - Tensor-level builders for hyper lowerings -*- C++ -*-===//

#include "hyper/Dialect/Hyper/Transforms/TensorMath.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/AffineMap.h"

using namespace mlir;
using namespace mlir::hyper;

SmallVector<OpFoldResult> TensorMath::sizes(Value t) {
  SmallVector<OpFoldResult> result;
  for (int64_t i = 0, e = cast<RankedTensorType>(t.getType()).getRank(); i < e;
       ++i)
    result.push_back(size(t, i));
  return result;
}

OpFoldResult TensorMath::size(Value t, int64_t dim) {
  int64_t d = cast<RankedTensorType>(t.getType()).getDimSize(dim);
  if (!ShapedType::isDynamic(d))
    return b.getIndexAttr(d);
  return tensor::DimOp::create(b, loc, t, dim).getResult();
}

Value TensorMath::empty(ArrayRef<OpFoldResult> sizes, Type elementType) {
  return tensor::EmptyOp::create(b, loc, sizes, elementType);
}

Value TensorMath::scalar(Type type, double value) {
  return arith::ConstantOp::create(b, loc, b.getFloatAttr(type, value));
}

Value TensorMath::filled(ArrayRef<OpFoldResult> sizes, Type elementType,
                         double value) {
  Value init = empty(sizes, elementType);
  return linalg::FillOp::create(b, loc, ValueRange{scalar(elementType, value)},
                                ValueRange{init})
      .getResult(0);
}

Value TensorMath::linear(Value x, Value w, Value acc) {
  auto xType = cast<RankedTensorType>(x.getType());
  assert(xType.getRank() == 2 && "linear expects a 2-D input");
  if (!acc)
    acc = filled({size(x, 0), size(w, 0)}, xType.getElementType(), 0.0);
  // A linalg.matmul whose B map reads the [out, in] weight as it is stored:
  // the target pipeline picks the layout (transposing or packing hoisted
  // weights, or dot products along the contiguous K for small batches).
  MLIRContext *ctx = b.getContext();
  AffineExpr m, n, k;
  bindDims(ctx, m, n, k);
  auto maps = b.getAffineMapArrayAttr(
      {AffineMap::get(3, 0, {m, k}, ctx), AffineMap::get(3, 0, {n, k}, ctx),
       AffineMap::get(3, 0, {m, n}, ctx)});
  NamedAttribute indexingMaps = b.getNamedAttr(
      linalg::MatmulOp::getIndexingMapsAttrName(
          OperationName(linalg::MatmulOp::getOperationName(), ctx)),
      maps);
  return linalg::MatmulOp::create(b, loc, TypeRange{acc.getType()},
                                  ValueRange{x, w}, ValueRange{acc},
                                  {indexingMaps})
      .getResult(0);
}

Value TensorMath::extractRows(Value t, Value offset, OpFoldResult count) {
  auto type = cast<RankedTensorType>(t.getType());
  SmallVector<OpFoldResult> offsets = {offset, b.getIndexAttr(0)};
  SmallVector<OpFoldResult> sliceSizes = {count, size(t, 1)};
  SmallVector<OpFoldResult> strides(2, b.getIndexAttr(1));
  auto resultType = RankedTensorType::get(
      {getConstantIntValue(count).value_or(ShapedType::kDynamic),
       type.getDimSize(1)},
      type.getElementType());
  return tensor::ExtractSliceOp::create(b, loc, resultType, t, offsets,
                                        sliceSizes, strides);
}

Value TensorMath::addRowVector(Value acc, Value bias) {
  return map({acc, bias}, [](OpBuilder &b, Location loc, ValueRange v) {
    return arith::AddFOp::create(b, loc, v[0], v[1]).getResult();
  });
}

/// Identity maps for `inputs` against an iteration space of `rank`, with
/// lower-rank inputs broadcast along the leading dimensions.
static SmallVector<AffineMap> broadcastMaps(MLIRContext *ctx, ValueRange inputs,
                                            int64_t rank) {
  SmallVector<AffineMap> maps;
  for (Value in : inputs) {
    int64_t r = cast<RankedTensorType>(in.getType()).getRank();
    SmallVector<AffineExpr> exprs;
    for (int64_t i = rank - r; i < rank; ++i)
      exprs.push_back(getAffineDimExpr(i, ctx));
    maps.push_back(AffineMap::get(rank, 0, exprs, ctx));
  }
  return maps;
}

SmallVector<Value> TensorMath::mapN(ValueRange inputs, unsigned numResults,
                                    MultiScalarFn body) {
  Value like = inputs.front();
  auto type = cast<RankedTensorType>(like.getType());
  int64_t rank = type.getRank();
  SmallVector<Value> outputs;
  for (unsigned i = 0; i < numResults; ++i)
    outputs.push_back(empty(sizes(like), type.getElementType()));
  SmallVector<AffineMap> maps =
      broadcastMaps(b.getContext(), inputs, rank);
  maps.append(numResults, b.getMultiDimIdentityMap(rank));
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange(SmallVector<Type>(numResults, type)), inputs, outputs,
      maps, iterators,
      [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
        SmallVector<Value> results =
            body(nested, nestedLoc, args.take_front(inputs.size()));
        linalg::YieldOp::create(nested, nestedLoc, results);
      });
  return SmallVector<Value>(generic.getResults());
}

Value TensorMath::map(ValueRange inputs, ScalarFn body, Value like) {
  SmallVector<Value> all;
  if (like)
    all.push_back(like);
  llvm::append_range(all, inputs);
  unsigned skip = like ? 1 : 0;
  return mapN(all, 1,
              [&](OpBuilder &nested, Location nestedLoc, ValueRange scalars) {
                return SmallVector<Value>{
                    body(nested, nestedLoc, scalars.drop_front(skip))};
              })
      .front();
}

Value TensorMath::expandDim(Value t, int64_t dim,
                            ArrayRef<OpFoldResult> parts) {
  auto type = cast<RankedTensorType>(t.getType());
  SmallVector<OpFoldResult> outSizes;
  SmallVector<int64_t> outShape;
  SmallVector<ReassociationIndices> reassociation;
  int64_t next = 0;
  for (int64_t i = 0; i < type.getRank(); ++i) {
    ReassociationIndices group;
    if (i == dim) {
      for (OpFoldResult p : parts) {
        group.push_back(next++);
        outSizes.push_back(p);
        outShape.push_back(getConstantIntValue(p).value_or(ShapedType::kDynamic));
      }
    } else {
      group.push_back(next++);
      outSizes.push_back(size(t, i));
      outShape.push_back(type.getDimSize(i));
    }
    reassociation.push_back(group);
  }
  auto resultType = RankedTensorType::get(outShape, type.getElementType());
  return tensor::ExpandShapeOp::create(b, loc, resultType, t, reassociation,
                                       outSizes);
}

Value TensorMath::splitDim(Value t, int64_t dim, int64_t inner) {
  int64_t total = cast<RankedTensorType>(t.getType()).getDimSize(dim);
  assert(!ShapedType::isDynamic(total) && total % inner == 0 &&
         "splitDim needs a static dimension that `inner` divides");
  return expandDim(t, dim, {b.getIndexAttr(total / inner), b.getIndexAttr(inner)});
}

Value TensorMath::mergeDims(Value t, int64_t dim) {
  int64_t rank = cast<RankedTensorType>(t.getType()).getRank();
  SmallVector<ReassociationIndices> reassociation;
  for (int64_t i = 0; i < rank; ++i) {
    if (i == dim + 1)
      continue;
    reassociation.push_back(i == dim ? ReassociationIndices{i, i + 1}
                                     : ReassociationIndices{i});
  }
  return tensor::CollapseShapeOp::create(b, loc, t, reassociation);
}

Value TensorMath::transpose(Value t, ArrayRef<int64_t> permutation) {
  SmallVector<OpFoldResult> from = sizes(t), to;
  for (int64_t d : permutation)
    to.push_back(from[d]);
  Value init =
      empty(to, cast<RankedTensorType>(t.getType()).getElementType());
  return linalg::TransposeOp::create(b, loc, t, init, permutation)
      .getResult()[0];
}

Value TensorMath::insertRow(Value row, Value dest, Value index) {
  auto type = cast<RankedTensorType>(dest.getType());
  SmallVector<OpFoldResult> offsets(type.getRank(), b.getIndexAttr(0));
  offsets[0] = index;
  SmallVector<OpFoldResult> sliceSizes = sizes(row);
  sliceSizes.insert(sliceSizes.begin(), b.getIndexAttr(1));
  SmallVector<OpFoldResult> strides(type.getRank(), b.getIndexAttr(1));
  return tensor::InsertSliceOp::create(b, loc, row, dest, offsets, sliceSizes,
                                       strides);
}

Value TensorMath::sliceColumns(Value t, int64_t offset, int64_t count) {
  auto type = cast<RankedTensorType>(t.getType());
  SmallVector<OpFoldResult> offsets = {b.getIndexAttr(0),
                                       b.getIndexAttr(offset)};
  SmallVector<OpFoldResult> sliceSizes = {size(t, 0), b.getIndexAttr(count)};
  SmallVector<OpFoldResult> strides(2, b.getIndexAttr(1));
  auto resultType = RankedTensorType::get({type.getDimSize(0), count},
                                          type.getElementType());
  return tensor::ExtractSliceOp::create(b, loc, resultType, t, offsets,
                                        sliceSizes, strides);
}

Value TensorMath::castTo(Value t, Type type) {
  if (t.getType() == type)
    return t;
  return tensor::CastOp::create(b, loc, type, t);
}

std::pair<Value, Value> TensorMath::layerNormSums(Value v, int64_t groups,
                                                  int64_t groupSize) {
  MLIRContext *ctx = b.getContext();
  Type elementType = cast<RankedTensorType>(v.getType()).getElementType();
  Value v3 = splitDim(v, 1, groupSize); // [B, G, N]
  AffineExpr bd, g, n;
  bindDims(ctx, bd, g, n);
  AffineMap full = AffineMap::get(3, 0, {bd, g, n}, ctx);
  AffineMap perGroup = AffineMap::get(3, 0, {bd, g}, ctx);
  SmallVector<utils::IteratorType> reduce = {utils::IteratorType::parallel,
                                             utils::IteratorType::parallel,
                                             utils::IteratorType::reduction};
  SmallVector<OpFoldResult> groupSizes = {size(v, 0), b.getIndexAttr(groups)};
  double invN = 1.0 / static_cast<double>(groupSize);
  auto sumsType = RankedTensorType::get(
      {cast<RankedTensorType>(v.getType()).getDimSize(0), groups}, elementType);

  // Σ v over each group.
  Value sum =
      linalg::GenericOp::create(
          b, loc, TypeRange{sumsType}, ValueRange{v3},
          ValueRange{filled(groupSizes, elementType, 0.0)},
          ArrayRef<AffineMap>{full, perGroup}, reduce,
          [&](OpBuilder &nb, Location nl, ValueRange args) {
            linalg::YieldOp::create(
                nb, nl,
                arith::AddFOp::create(nb, nl, args[0], args[1]).getResult());
          })
          .getResult(0);
  // Σ (v − mean)² over each group.
  Value sq = linalg::GenericOp::create(
                 b, loc, TypeRange{sumsType}, ValueRange{v3, sum},
                 ValueRange{filled(groupSizes, elementType, 0.0)},
                 ArrayRef<AffineMap>{full, perGroup, perGroup}, reduce,
                 [&](OpBuilder &nb, Location nl, ValueRange args) {
                   Value mean = arith::MulFOp::create(
                       nb, nl, args[1],
                       arith::ConstantOp::create(
                           nb, nl, nb.getFloatAttr(elementType, invN)));
                   Value dev = arith::SubFOp::create(nb, nl, args[0], mean);
                   Value acc = math::FmaOp::create(nb, nl, dev, dev, args[2]);
                   linalg::YieldOp::create(nb, nl, acc);
                 })
                 .getResult(0);
  return {sum, sq};
}

Value TensorMath::normalize(OpBuilder &b, Location loc, Value x, Value sum,
                            Value squares, Value gamma, Value beta,
                            int64_t groupSize, double epsilon) {
  Type elementType = x.getType();
  auto cst = [&](double value) {
    return arith::ConstantOp::create(b, loc,
                                     b.getFloatAttr(elementType, value));
  };
  double invN = 1.0 / static_cast<double>(groupSize);
  Value mean = arith::MulFOp::create(b, loc, sum, cst(invN));
  Value var = arith::MulFOp::create(b, loc, squares, cst(invN));
  Value denom = math::SqrtOp::create(
      b, loc, arith::AddFOp::create(b, loc, var, cst(epsilon)));
  Value normed = arith::DivFOp::create(
      b, loc, arith::SubFOp::create(b, loc, x, mean), denom);
  return math::FmaOp::create(b, loc, normed, gamma, beta);
}

Value TensorMath::sigmoid(OpBuilder &b, Location loc, Value x) {
  Type type = x.getType();
  Value one = arith::ConstantOp::create(b, loc, b.getFloatAttr(type, 1.0));
  Value negX = arith::NegFOp::create(b, loc, x);
  Value e = math::ExpOp::create(b, loc, negX);
  return arith::DivFOp::create(b, loc, one,
                               arith::AddFOp::create(b, loc, one, e));
}
