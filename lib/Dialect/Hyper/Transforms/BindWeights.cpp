//===- BindWeights.cpp - Named function arguments → constants --*- C++ -*-===//

#include "hyper/Dialect/Hyper/IR/HyperDialect.h"
#include "hyper/Dialect/Hyper/Transforms/Passes.h"
#include "hyper/Dialect/Hyper/Transforms/Weights.h"
#include "hyper/Runtime/Npy.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace mlir::hyper {
#define GEN_PASS_DEF_HYPERBINDWEIGHTSPASS
#include "hyper/Dialect/Hyper/Transforms/Passes.h.inc"
} // namespace mlir::hyper

using namespace mlir;
using namespace mlir::hyper;
namespace rt = ::hyperrt;

RankedTensorType mlir::hyper::tensorTypeOf(const rt::Array &array,
                                           MLIRContext *context) {
  Builder b(context);
  Type elementType;
  switch (array.dtype()) {
  case rt::DType::F32:
    elementType = b.getF32Type();
    break;
  case rt::DType::F64:
    elementType = b.getF64Type();
    break;
  case rt::DType::I32:
    elementType = b.getI32Type();
    break;
  case rt::DType::I64:
    elementType = b.getI64Type();
    break;
  }
  return RankedTensorType::get(array.shape(), elementType);
}

DenseElementsAttr mlir::hyper::toAttribute(const rt::Array &array,
                                           MLIRContext *context) {
  return DenseElementsAttr::getFromRawBuffer(
      tensorTypeOf(array, context),
      ArrayRef<char>(static_cast<const char *>(array.data()),
                     array.numBytes()));
}

std::optional<llvm::StringMap<DenseElementsAttr>>
mlir::hyper::loadWeights(const std::string &path, MLIRContext *context,
                         std::string &error) {
  llvm::StringMap<DenseElementsAttr> weights;
  if (!llvm::sys::fs::is_directory(path)) {
    std::optional<std::vector<rt::NamedArray>> arrays =
        rt::readNpz(path, error);
    if (!arrays)
      return std::nullopt;
    for (const rt::NamedArray &named : *arrays)
      weights[named.first] = toAttribute(named.second, context);
    return weights;
  }
  // A directory of NAME.npy files.
  std::error_code ec;
  for (llvm::sys::fs::directory_iterator it(path, ec), end; it != end && !ec;
       it.increment(ec)) {
    StringRef file = it->path();
    if (!file.ends_with(".npy"))
      continue;
    std::optional<rt::Array> array = rt::readNpy(file.str(), error);
    if (!array)
      return std::nullopt;
    weights[llvm::sys::path::stem(file)] = toAttribute(*array, context);
  }
  if (ec) {
    error = path + ": " + ec.message();
    return std::nullopt;
  }
  return weights;
}

FailureOr<unsigned>
mlir::hyper::bindNamedArguments(func::FuncOp func,
                                const llvm::StringMap<DenseElementsAttr> &weights) {
  if (func.isExternal())
    return 0u;
  OpBuilder b = OpBuilder::atBlockBegin(&func.front());
  llvm::BitVector bound(func.getNumArguments());
  for (BlockArgument arg : func.getArguments()) {
    auto name = func.getArgAttrOfType<StringAttr>(
        arg.getArgNumber(), HyperDialect::getNameAttrName());
    if (!name)
      continue;
    auto it = weights.find(name.getValue());
    if (it == weights.end())
      continue;
    DenseElementsAttr value = it->second;
    auto argType = dyn_cast<RankedTensorType>(arg.getType());
    auto valueType = cast<RankedTensorType>(value.getType());
    if (!argType || argType.getElementType() != valueType.getElementType() ||
        failed(verifyCompatibleShape(argType, valueType)))
      return func.emitError("weight '")
             << name.getValue() << "' has type " << valueType
             << ", which does not fit argument #" << arg.getArgNumber()
             << " of type " << arg.getType();
    Value constant = arith::ConstantOp::create(b, func.getLoc(), value);
    if (valueType != argType)
      constant = tensor::CastOp::create(b, func.getLoc(), argType, constant);
    arg.replaceAllUsesWith(constant);
    bound.set(arg.getArgNumber());
  }
  if (failed(func.eraseArguments(bound)))
    return failure();
  return static_cast<unsigned>(bound.count());
}

namespace {
struct HyperBindWeightsPass
    : hyper::impl::HyperBindWeightsPassBase<HyperBindWeightsPass> {
  using HyperBindWeightsPassBase::HyperBindWeightsPassBase;

  void runOnOperation() override {
    std::string error;
    std::optional<llvm::StringMap<DenseElementsAttr>> loaded =
        loadWeights(weights, &getContext(), error);
    if (!loaded) {
      getOperation().emitError(error);
      return signalPassFailure();
    }
    for (auto func : getOperation().getOps<func::FuncOp>()) {
      if (!function.empty() && func.getSymName() != function)
        continue;
      if (failed(bindNamedArguments(func, *loaded)))
        return signalPassFailure();
    }
  }
};
} // namespace
