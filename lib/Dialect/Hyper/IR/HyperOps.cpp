//===- HyperOps.cpp - hyper dialect ops: verifiers, type inference -*- C++
//-*-===//
//
// Every verifier checks the shape relations of the op's contract and says
// which operand broke which relation, with the symbolic shape it expected,
// the numbers that shape stands for here, and what it found. Type inference
// never fails: on malformed operands it infers dynamic sizes and leaves the
// diagnosis to the verifier, which runs on every op.
//
//===----------------------------------------------------------------------===//

#include "hyper/Dialect/Hyper/IR/HyperOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectImplementation.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <cstdint>
#include <limits>

using namespace mlir;
using namespace mlir::hyper;

#include "hyper/Dialect/Hyper/IR/HyperEnums.cpp.inc"

static constexpr int64_t kDynamic = ShapedType::kDynamic;

int64_t mlir::hyper::convOutputSize(int64_t size, int64_t kernel,
                                    int64_t stride, int64_t padBefore,
                                    int64_t padAfter, int64_t dilation) {
  if (ShapedType::isDynamic(size) || stride <= 0)
    return kDynamic;
  // span = size + padBefore + padAfter - dilation * (kernel - 1) - 1, with
  // every step checked: a window that overflows int64 has no output size.
  int64_t span, extent;
  if (__builtin_add_overflow(size, padBefore, &span) ||
      __builtin_add_overflow(span, padAfter, &span) ||
      __builtin_mul_overflow(dilation, kernel - 1, &extent) ||
      __builtin_sub_overflow(span, extent, &span) ||
      __builtin_sub_overflow(span, 1, &span))
    return kDynamic;
  // Floor division (span may be negative for kernels larger than the input).
  int64_t q = span >= 0 ? span / stride : -((-span + stride - 1) / stride);
  return q + 1;
}

LogicalResult mlir::hyper::verifyTensorSizes(Operation *op) {
  auto check = [&](Type type, StringRef kind, unsigned index) -> LogicalResult {
    auto tensor = dyn_cast<RankedTensorType>(type);
    if (!tensor || !tensor.hasStaticShape())
      return success();
    int64_t elements = 1, bytes;
    int64_t width = tensor.getElementType().isIntOrFloat()
                        ? (tensor.getElementTypeBitWidth() + 7) / 8
                        : 8;
    for (int64_t d : tensor.getShape())
      if (__builtin_mul_overflow(elements, d, &elements))
        elements = -1;
    if (elements >= 0 && !__builtin_mul_overflow(elements, width, &bytes))
      return success();
    return op->emitOpError("expected ")
           << kind << " #" << index << " of type " << type
           << " to have a byte size that fits int64";
  };
  for (auto [i, v] : llvm::enumerate(op->getOperands()))
    if (failed(check(v.getType(), "operand", i)))
      return failure();
  for (auto [i, v] : llvm::enumerate(op->getResults()))
    if (failed(check(v.getType(), "result", i)))
      return failure();
  return success();
}

//===----------------------------------------------------------------------===//
// Shape checking helpers
//===----------------------------------------------------------------------===//

namespace {

/// Prints a shape as `[2, ?, 8]`.
std::string formatShape(ArrayRef<int64_t> shape) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << '[';
  llvm::interleaveComma(shape, os, [&](int64_t d) {
    if (ShapedType::isDynamic(d))
      os << '?';
    else
      os << d;
  });
  os << ']';
  return s;
}

/// Checks operand shapes and element types on behalf of one op's verifier,
/// emitting one precise diagnostic for the first violation found.
class ShapeChecker {
public:
  explicit ShapeChecker(Operation *op) : op(op) {}

  /// `v` must be a tensor of `expected.size()` dimensions, each equal to the
  /// expected one where both are static. `dims` is the symbolic shape from
  /// the op's contract, e.g. "[4*N_h, N_x]".
  LogicalResult expect(Value v, StringRef name, StringRef dims,
                       ArrayRef<int64_t> expected) {
    if (failed(expectRank(v, name, dims, expected.size())))
      return failure();
    ArrayRef<int64_t> shape = cast<RankedTensorType>(v.getType()).getShape();
    for (auto [got, want] : llvm::zip_equal(shape, expected)) {
      if (ShapedType::isDynamic(got) || ShapedType::isDynamic(want) ||
          got == want)
        continue;
      return op->emitOpError("expected '")
             << name << "' of shape " << dims << " = " << formatShape(expected)
             << ", got " << formatShape(shape);
    }
    return success();
  }

  /// `v` must be a tensor of rank `rank`.
  LogicalResult expectRank(Value v, StringRef name, StringRef dims,
                           int64_t rank) {
    auto type = dyn_cast<RankedTensorType>(v.getType());
    if (type && type.getRank() == rank)
      return success();
    return op->emitOpError("expected '") << name << "' of rank " << rank << " "
                                         << dims << ", got " << v.getType();
  }

  /// `v` (a weight) must have a static shape.
  LogicalResult expectStatic(Value v, StringRef name) {
    auto type = cast<RankedTensorType>(v.getType());
    if (type.hasStaticShape())
      return success();
    return op->emitOpError("expected weight '")
           << name << "' to have a static shape, got " << type;
  }

  /// `v` must have the element type shared by the op's float operands.
  LogicalResult expectElementType(Value v, StringRef name, Type expected) {
    Type got = cast<RankedTensorType>(v.getType()).getElementType();
    if (got == expected)
      return success();
    return op->emitOpError("expected every float operand to have element "
                           "type ")
           << expected << ", got " << got << " for '" << name << "'";
  }

private:
  Operation *op;
};

/// Dimension `idx` of `v` if it is a tensor of exactly `rank` dimensions,
/// else dynamic. Used by type inference, which must tolerate bad operands.
int64_t dimOr(Value v, int64_t rank, int64_t idx) {
  auto type = dyn_cast_if_present<RankedTensorType>(v ? v.getType() : Type());
  if (!type || type.getRank() != rank || idx < 0 || idx >= rank)
    return kDynamic;
  return type.getDimSize(idx);
}

/// The values of an array attribute, or `fallback` when it is absent (type
/// inference runs before default-valued attributes are populated).
ArrayRef<int64_t> arrayOr(DenseI64ArrayAttr attr, ArrayRef<int64_t> fallback) {
  return attr ? attr.asArrayRef() : fallback;
}

/// Element type of `v` if it is a float tensor, else f32.
Type floatElementTypeOr(Value v) {
  if (auto type = dyn_cast<RankedTensorType>(v.getType()))
    if (isa<FloatType>(type.getElementType()))
      return type.getElementType();
  return Float32Type::get(v.getContext());
}

/// `gates*N` spelled for diagnostics: "4*N_h" for the LSTM, "N_h" otherwise.
std::string gated(unsigned gates, StringRef sym) {
  return gates == 1 ? sym.str() : (std::to_string(gates) + "*" + sym).str();
}

} // namespace

//===----------------------------------------------------------------------===//
// Static hypernetwork: generator, kernel generation, conv2d
//===----------------------------------------------------------------------===//

namespace {
/// The basic block a static generator produces, read off the `block`
/// attribute and the generator weights.
struct BlockDims {
  int64_t outChannels, inChannels, kh, kw; // O_b, I_b, f_h, f_w
  int64_t hidden;                          // d
  int64_t tilesOut, tilesIn;               // m, k
};
} // namespace

/// Verifies `embeddings` ([m, k, N_z] or [N, m, k, N_z]), the generator
/// weights and `block` against each other.
static FailureOr<BlockDims> verifyGenerator(Operation *op, Value embeddings,
                                            Value wIn, Value bIn, Value wOut,
                                            Value bOut,
                                            ArrayRef<int64_t> block) {
  ShapeChecker check(op);
  if (block.size() != 4)
    return op->emitOpError("expected 'block' to have 4 entries "
                           "[O_b, I_b, f_h, f_w], got ")
           << block.size();
  if (llvm::any_of(block, [](int64_t b) { return b <= 0; }))
    return op->emitOpError("expected positive 'block' sizes, got ")
           << formatShape(block);

  auto zType = cast<RankedTensorType>(embeddings.getType());
  if (zType.getRank() != 3 && zType.getRank() != 4)
    return op->emitOpError("expected 'embeddings' of rank 3 [m, k, N_z] or "
                           "rank 4 [N, m, k, N_z], got ")
           << zType;
  ArrayRef<int64_t> grid = zType.getShape().take_back(3);
  if (ShapedType::isDynamicShape(grid))
    return op->emitOpError("expected a static embedding grid [m, k, N_z], "
                           "got ")
           << zType;
  if (llvm::is_contained(grid, 0))
    return op->emitOpError("expected a non-empty embedding grid [m, k, N_z], "
                           "got ")
           << zType;

  for (auto [v, name, rank, dims] :
       {std::tuple(wIn, "w_in", 2, "[O_b*d, N_z]"),
        std::tuple(bIn, "b_in", 1, "[O_b*d]"),
        std::tuple(wOut, "w_out", 2, "[I_b*f_h*f_w, d]"),
        std::tuple(bOut, "b_out", 1, "[I_b*f_h*f_w]")}) {
    if (failed(check.expectRank(v, name, dims, rank)) ||
        failed(check.expectStatic(v, name)))
      return failure();
  }

  BlockDims dims{block[0],
                 block[1],
                 block[2],
                 block[3],
                 cast<RankedTensorType>(wOut.getType()).getDimSize(1),
                 grid[0],
                 grid[1]};
  int64_t nz = grid[2];
  if (dims.hidden == 0)
    return op->emitOpError("expected a positive generator width d, got 0 "
                           "(read off 'w_out')");
  int64_t rowsIn, rowsOut;
  if (__builtin_mul_overflow(dims.outChannels, dims.hidden, &rowsIn) ||
      __builtin_mul_overflow(dims.inChannels, dims.kh, &rowsOut) ||
      __builtin_mul_overflow(rowsOut, dims.kw, &rowsOut))
    return op->emitOpError("expected 'block' sizes whose products fit int64, "
                           "got ")
           << formatShape(block);
  int64_t channels;
  if (__builtin_mul_overflow(dims.tilesOut, dims.outChannels, &channels) ||
      __builtin_mul_overflow(dims.tilesIn, dims.inChannels, &channels))
    return op->emitOpError("expected channel counts (embedding grid times "
                           "block) that fit int64, got grid ")
           << formatShape(grid) << " and block " << formatShape(block);
  if (failed(check.expect(wOut, "w_out", "[I_b*f_h*f_w, d]",
                          {rowsOut, dims.hidden})) ||
      failed(check.expect(bOut, "b_out", "[I_b*f_h*f_w]", {rowsOut})) ||
      failed(check.expect(wIn, "w_in", "[O_b*d, N_z]", {rowsIn, nz})) ||
      failed(check.expect(bIn, "b_in", "[O_b*d]", {rowsIn})))
    return failure();

  Type elementType = zType.getElementType();
  for (auto [v, name] : {std::pair(wIn, "w_in"), std::pair(bIn, "b_in"),
                         std::pair(wOut, "w_out"), std::pair(bOut, "b_out")})
    if (failed(check.expectElementType(v, name, elementType)))
      return failure();
  return dims;
}

LogicalResult GenerateKernelOp::verify() {
  if (failed(verifyTensorSizes(*this)))
    return failure();
  return verifyGenerator(*this, getEmbeddings(), getWIn(), getBIn(), getWOut(),
                         getBOut(), getBlock());
}

LogicalResult GenerateKernelOp::inferReturnTypes(
    MLIRContext *context, std::optional<Location> location, Adaptor adaptor,
    SmallVectorImpl<Type> &inferredReturnTypes) {
  Value z = adaptor.getEmbeddings();
  auto zType = dyn_cast<RankedTensorType>(z.getType());
  int64_t rank = zType ? zType.getRank() : 3;
  ArrayRef<int64_t> block = arrayOr(adaptor.getBlockAttr(), {});
  auto blockDim = [&](int64_t i) {
    return block.size() == 4 && block[i] > 0 ? block[i] : kDynamic;
  };
  bool overflow = false;
  auto scaled = [&](int64_t a, int64_t b) {
    int64_t product;
    if (ShapedType::isDynamic(a) || ShapedType::isDynamic(b))
      return kDynamic;
    overflow |= __builtin_mul_overflow(a, b, &product);
    return overflow ? kDynamic : product;
  };
  SmallVector<int64_t> shape;
  if (rank == 4)
    shape.push_back(dimOr(z, 4, 0));
  shape.append({scaled(dimOr(z, rank, rank - 3), blockDim(0)),
                scaled(dimOr(z, rank, rank - 2), blockDim(1)), blockDim(2),
                blockDim(3)});
  if (overflow)
    return emitOptionalError(location,
                             "the generated kernel's size (embedding grid "
                             "times block) overflows int64");
  inferredReturnTypes.push_back(
      RankedTensorType::get(shape, floatElementTypeOr(z)));
  return success();
}

/// Checks strides, padding and dilations, returning the spatial output sizes
/// for `input` ([N, C, H, W]) and a kernel of `kh` x `kw` taps.
static FailureOr<std::pair<int64_t, int64_t>>
verifyConvWindow(Operation *op, RankedTensorType input, int64_t kh, int64_t kw,
                 ArrayRef<int64_t> strides, ArrayRef<int64_t> padding,
                 ArrayRef<int64_t> dilations) {
  if (strides.size() != 2)
    return op->emitOpError("expected 'strides' to have 2 entries [s_h, s_w], "
                           "got ")
           << strides.size();
  if (dilations.size() != 2)
    return op->emitOpError("expected 'dilations' to have 2 entries "
                           "[r_h, r_w], got ")
           << dilations.size();
  if (padding.size() != 4)
    return op->emitOpError("expected 'padding' to have 4 entries "
                           "[top, left, bottom, right], got ")
           << padding.size();
  if (llvm::any_of(strides, [](int64_t s) { return s <= 0; }))
    return op->emitOpError("expected positive 'strides', got ")
           << formatShape(strides);
  if (llvm::any_of(dilations, [](int64_t r) { return r <= 0; }))
    return op->emitOpError("expected positive 'dilations', got ")
           << formatShape(dilations);
  if (llvm::any_of(padding, [](int64_t p) { return p < 0; }))
    return op->emitOpError("expected non-negative 'padding', got ")
           << formatShape(padding);

  // Convolution libraries take these as 32-bit ints; larger ones only
  // arise from corrupted input and would overflow the sizes derived from
  // them (with dynamic spatial sizes, at run time).
  constexpr int64_t kMaxWindow = std::numeric_limits<int32_t>::max();
  for (auto [name, values] :
       {std::pair("strides", strides), std::pair("dilations", dilations),
        std::pair("padding", padding)})
    if (llvm::any_of(values, [](int64_t v) { return v > kMaxWindow; }))
      return op->emitOpError("expected '")
             << name << "' entries of at most " << kMaxWindow << ", got "
             << formatShape(values);

  int64_t outH = convOutputSize(input.getDimSize(2), kh, strides[0], padding[0],
                                padding[2], dilations[0]);
  int64_t outW = convOutputSize(input.getDimSize(3), kw, strides[1], padding[1],
                                padding[3], dilations[1]);
  for (auto [out, axis, size, k, r, before, after] :
       {std::tuple(outH, "height", input.getDimSize(2), kh, dilations[0],
                   padding[0], padding[2]),
        std::tuple(outW, "width", input.getDimSize(3), kw, dilations[1],
                   padding[1], padding[3])}) {
    if (ShapedType::isDynamic(out) && !ShapedType::isDynamic(size))
      return op->emitOpError("expected a convolution window whose sizes fit "
                             "int64 along the ")
             << axis;
    if (!ShapedType::isDynamic(out) && out < 1)
      return op->emitOpError("expected a non-empty output, but the padded "
                             "input ")
             << axis << " " << size << " + " << before << " + " << after
             << " is smaller than the dilated kernel extent "
             << (r * (k - 1) + 1);
  }
  return std::pair(outH, outW);
}

LogicalResult Conv2DOp::verify() {
  if (failed(verifyTensorSizes(*this)))
    return failure();
  ShapeChecker check(*this);
  if (failed(check.expectRank(getInput(), "input", "[N, C, H, W]", 4)))
    return failure();
  FailureOr<BlockDims> block =
      verifyGenerator(*this, getEmbeddings(), getWIn(), getBIn(), getWOut(),
                      getBOut(), getBlock());
  if (failed(block))
    return failure();

  auto input = getInput().getType();
  Type elementType = input.getElementType();
  if (failed(
          check.expectElementType(getEmbeddings(), "embeddings", elementType)))
    return failure();

  int64_t channels = input.getDimSize(1);
  if (!ShapedType::isDynamic(channels)) {
    if (channels % block->inChannels != 0)
      return emitOpError("expected input channels to be a multiple of the "
                         "block's I_b = ")
             << block->inChannels << ", got " << channels;
    if (channels != block->tilesIn * block->inChannels)
      return emitOpError("expected input channels k*I_b = ")
             << block->tilesIn << "*" << block->inChannels << " = "
             << block->tilesIn * block->inChannels
             << " to match the embedding grid, got " << channels;
  }
  if (isPerSample()) {
    int64_t n = input.getDimSize(0),
            zn = getEmbeddings().getType().getDimSize(0);
    if (!ShapedType::isDynamic(n) && !ShapedType::isDynamic(zn) && n != zn)
      return emitOpError("expected per-sample 'embeddings' for each of the ")
             << n << " input samples, got " << zn;
  }
  if (Value bias = getBias()) {
    if (failed(check.expect(bias, "bias", "[m*O_b]",
                            {block->tilesOut * block->outChannels})) ||
        failed(check.expectElementType(bias, "bias", elementType)))
      return failure();
  }
  return verifyConvWindow(*this, input, block->kh, block->kw, getStrides(),
                          getPadding(), getDilations());
}

LogicalResult
Conv2DOp::inferReturnTypes(MLIRContext *context,
                           std::optional<Location> location, Adaptor adaptor,
                           SmallVectorImpl<Type> &inferredReturnTypes) {
  Value x = adaptor.getInput(), z = adaptor.getEmbeddings();
  static constexpr int64_t kUnit[] = {1, 1}, kNoPadding[] = {0, 0, 0, 0};
  ArrayRef<int64_t> block = arrayOr(adaptor.getBlockAttr(), {});
  ArrayRef<int64_t> strides = arrayOr(adaptor.getStridesAttr(), kUnit);
  ArrayRef<int64_t> padding = arrayOr(adaptor.getPaddingAttr(), kNoPadding);
  ArrayRef<int64_t> dilations = arrayOr(adaptor.getDilationsAttr(), kUnit);
  auto zType = dyn_cast<RankedTensorType>(z.getType());
  int64_t zRank = zType ? zType.getRank() : 3;

  int64_t outChannels = kDynamic, outH = kDynamic, outW = kDynamic;
  bool blockOk =
      block.size() == 4 && llvm::all_of(block, [](int64_t b) { return b > 0; });
  int64_t m = zRank >= 3 ? dimOr(z, zRank, zRank - 3) : kDynamic;
  if (blockOk && !ShapedType::isDynamic(m) &&
      __builtin_mul_overflow(m, block[0], &outChannels))
    return emitOptionalError(location,
                             "the output channel count (embedding grid times "
                             "block) overflows int64");
  if (blockOk && strides.size() == 2 && padding.size() == 4 &&
      dilations.size() == 2) {
    outH = convOutputSize(dimOr(x, 4, 2), block[2], strides[0], padding[0],
                          padding[2], dilations[0]);
    outW = convOutputSize(dimOr(x, 4, 3), block[3], strides[1], padding[1],
                          padding[3], dilations[1]);
    // Empty outputs are diagnosed by the verifier; keep the type valid.
    if (!ShapedType::isDynamic(outH) && outH < 1)
      outH = kDynamic;
    if (!ShapedType::isDynamic(outW) && outW < 1)
      outW = kDynamic;
  }
  inferredReturnTypes.push_back(RankedTensorType::get(
      {dimOr(x, 4, 0), outChannels, outH, outW}, floatElementTypeOr(x)));
  return success();
}

//===----------------------------------------------------------------------===//
// Dynamic hypernetworks: HyperLSTM and HyperRNN
//===----------------------------------------------------------------------===//

/// Reads the model sizes off already verified weights.
template <typename OpT> static RecurrentDims readRecurrentDims(OpT op) {
  auto dim = [](Value v, int64_t i) {
    return cast<RankedTensorType>(v.getType()).getDimSize(i);
  };
  int64_t scaleRank = OpT::kNumGates == 1 ? 2 : 3;
  return {dim(op.getMainWX(), 1), dim(op.getMainWH(), 1),
          dim(op.getHyperWH(), 1), dim(op.getScaleWDx(), scaleRank - 1)};
}

/// Verifies the weights every recurrent op shares and returns the model
/// sizes they imply. `numGates` is 4 for the HyperLSTM and 1 for the HyperRNN
/// (whose scaling matrices drop the gate dimension).
template <typename OpT>
static FailureOr<RecurrentDims> verifyRecurrentWeights(OpT op) {
  constexpr int64_t g = OpT::kNumGates;
  ShapeChecker check(op);
  const std::string gh = gated(g, "N_h"), ghh = gated(g, "N̂"),
                    gz = gated(g, "N_z");
  const std::string scaleDims = g == 1 ? "[N_h, N_z]" : "[4, N_h, N_z]";

  struct Weight {
    Value value;
    const char *name;
    std::string dims; // symbolic shape; its rank is the entry count
    int64_t rank;
  };
  const Weight weights[] = {
      {op.getMainWH(), "main.w_h", "[" + gh + ", N_h]", 2},
      {op.getMainWX(), "main.w_x", "[" + gh + ", N_x]", 2},
      {op.getMainB(), "main.b", "[" + gh + "]", 1},
      {op.getHyperWH(), "hyper.w_h", "[" + ghh + ", N̂]", 2},
      {op.getHyperWX(), "hyper.w_x", "[" + ghh + ", N_x+N_h]", 2},
      {op.getHyperB(), "hyper.b", "[" + ghh + "]", 1},
      {op.getProjWZx(), "proj.w_zx", "[" + gz + ", N̂]", 2},
      {op.getProjWZh(), "proj.w_zh", "[" + gz + ", N̂]", 2},
      {op.getProjWZb(), "proj.w_zb", "[" + gz + ", N̂]", 2},
      {op.getProjBZx(), "proj.b_zx", "[" + gz + "]", 1},
      {op.getProjBZh(), "proj.b_zh", "[" + gz + "]", 1},
      {op.getScaleWDx(), "scale.w_dx", scaleDims, g == 1 ? 2 : 3},
      {op.getScaleWDh(), "scale.w_dh", scaleDims, g == 1 ? 2 : 3},
      {op.getScaleWDb(), "scale.w_db", scaleDims, g == 1 ? 2 : 3}};
  for (const Weight &w : weights)
    if (failed(check.expectRank(w.value, w.name, w.dims, w.rank)) ||
        failed(check.expectStatic(w.value, w.name)))
      return failure();

  // The sizes are read off one weight each; every weight is then checked
  // against them, in the table's order.
  RecurrentDims d = readRecurrentDims(op);
  const int64_t nh = d.hiddenSize, nx = d.inputSize, nhh = d.hyperSize,
                nz = d.embedSize;
  for (auto [size, sym, from] :
       {std::tuple(nx, "N_x", "main.w_x"), std::tuple(nh, "N_h", "main.w_h"),
        std::tuple(nhh, "N̂", "hyper.w_h"), std::tuple(nz, "N_z", "scale.w_dx")})
    if (size == 0)
      return op.emitOpError("expected a positive model size ")
             << sym << ", got 0 (read off '" << from << "')";
  // The products below fit int64: every operand's byte size does (checked
  // first), and each product is the size of one of them.
  const SmallVector<int64_t> scaleShape =
      g == 1 ? SmallVector<int64_t>{nh, nz} : SmallVector<int64_t>{g, nh, nz};
  const SmallVector<int64_t> shapes[] = {
      {g * nh, nh},       {g * nh, nx}, {g * nh},      {g * nhh, nhh},
      {g * nhh, nx + nh}, {g * nhh},    {g * nz, nhh}, {g * nz, nhh},
      {g * nz, nhh},      {g * nz},     {g * nz},      scaleShape,
      scaleShape,         scaleShape};
  Type elementType = op.getInput().getType().getElementType();
  for (auto [w, shape] : llvm::zip_equal(weights, shapes))
    if (failed(check.expect(w.value, w.name, w.dims, shape)))
      return failure();
  for (const Weight &w : weights)
    if (failed(check.expectElementType(w.value, w.name, elementType)))
      return failure();
  return d;
}

/// Verifies the optional layer-norm group of a HyperLSTM op: all eight
/// operands or none, each of its contract shape.
template <typename OpT>
static LogicalResult verifyLayerNorm(OpT op, const RecurrentDims &d) {
  Value params[] = {op.getHyperLnG(),  op.getHyperLnB(), op.getHyperLnCG(),
                    op.getHyperLnCB(), op.getMainLnG(),  op.getMainLnB(),
                    op.getMainLnCG(),  op.getMainLnCB()};
  unsigned present = llvm::count_if(params, [](Value v) { return bool(v); });
  if (present == 0)
    return success();
  if (present != std::size(params))
    return op.emitOpError("expected all 8 layer-norm operands or none, got ")
           << present;

  ShapeChecker check(op);
  const int64_t nh = d.hiddenSize, nhh = d.hyperSize;
  Type elementType = op.getInput().getType().getElementType();
  struct Param {
    Value value;
    const char *name, *dims;
    int64_t size;
  };
  Param expected[] = {{params[0], "hyper.ln_g", "[4*N̂]", 4 * nhh},
                      {params[1], "hyper.ln_b", "[4*N̂]", 4 * nhh},
                      {params[2], "hyper.ln_c_g", "[N̂]", nhh},
                      {params[3], "hyper.ln_c_b", "[N̂]", nhh},
                      {params[4], "main.ln_g", "[4*N_h]", 4 * nh},
                      {params[5], "main.ln_b", "[4*N_h]", 4 * nh},
                      {params[6], "main.ln_c_g", "[N_h]", nh},
                      {params[7], "main.ln_c_b", "[N_h]", nh}};
  for (const Param &p : expected)
    if (failed(check.expect(p.value, p.name, p.dims, {p.size})) ||
        failed(check.expectElementType(p.value, p.name, elementType)))
      return failure();

  float eps = op.getEpsilon().convertToFloat();
  if (!(eps > 0.0f) || !std::isfinite(eps))
    return op.emitOpError("expected a positive finite 'epsilon', got ") << eps;
  return success();
}

/// The HyperLSTM attributes must be usable numbers.
template <typename OpT> static LogicalResult verifyLSTMAttrs(OpT op) {
  float forgetBias = op.getForgetBias().convertToFloat();
  if (!std::isfinite(forgetBias))
    return op.emitOpError("expected a finite 'forget_bias', got ")
           << forgetBias;
  return success();
}

/// A state operand or result: `[B, N]` with the batch of `input`.
namespace {
struct StateSpec {
  Value value;
  const char *name, *dims;
  int64_t size;
};
} // namespace

/// Verifies a sequence op's `input` ([T, B, N_x]), initial states (all or
/// none) and lengths ([B], i32).
template <typename OpT>
static LogicalResult verifySequenceActivations(OpT op, const RecurrentDims &d,
                                               ArrayRef<StateSpec> init) {
  ShapeChecker check(op);
  if (failed(check.expect(op.getInput(), "input", "[T, B, N_x]",
                          {kDynamic, kDynamic, d.inputSize})))
    return failure();
  auto input = op.getInput().getType();
  int64_t batch = input.getDimSize(1);
  unsigned present =
      llvm::count_if(init, [](const StateSpec &s) { return bool(s.value); });
  if (present != 0 && present != init.size())
    return op.emitOpError("expected all ")
           << init.size() << " initial states or none, got " << present;
  for (const StateSpec &s : init) {
    if (!s.value)
      continue;
    if (failed(check.expect(s.value, s.name, s.dims, {batch, s.size})) ||
        failed(
            check.expectElementType(s.value, s.name, input.getElementType())))
      return failure();
  }
  if (Value lengths = op.getLengths())
    if (failed(check.expect(lengths, "lengths", "[B]", {batch})))
      return failure();
  return success();
}

/// Verifies a cell op's `input` ([B, N_x]) and states, all of one batch.
template <typename OpT>
static LogicalResult verifyCellActivations(OpT op, const RecurrentDims &d,
                                           ArrayRef<StateSpec> states) {
  ShapeChecker check(op);
  if (failed(check.expect(op.getInput(), "input", "[B, N_x]",
                          {kDynamic, d.inputSize})))
    return failure();
  auto input = op.getInput().getType();
  int64_t batch = input.getDimSize(0);
  for (const StateSpec &s : states)
    if (failed(check.expect(s.value, s.name, s.dims, {batch, s.size})) ||
        failed(
            check.expectElementType(s.value, s.name, input.getElementType())))
      return failure();
  return success();
}

RecurrentDims LSTMOp::getDims() { return readRecurrentDims(*this); }
RecurrentDims LSTMCellOp::getDims() { return readRecurrentDims(*this); }
RecurrentDims RNNOp::getDims() { return readRecurrentDims(*this); }
RecurrentDims RNNCellOp::getDims() { return readRecurrentDims(*this); }

LogicalResult LSTMOp::verify() {
  if (failed(verifyTensorSizes(*this)))
    return failure();
  FailureOr<RecurrentDims> d = verifyRecurrentWeights(*this);
  if (failed(d) || failed(verifyLayerNorm(*this, *d)) ||
      failed(verifyLSTMAttrs(*this)))
    return failure();
  return verifySequenceActivations(*this, *d,
                                   {{getH0(), "h0", "[B, N_h]", d->hiddenSize},
                                    {getC0(), "c0", "[B, N_h]", d->hiddenSize},
                                    {getHh0(), "hh0", "[B, N̂]", d->hyperSize},
                                    {getHc0(), "hc0", "[B, N̂]", d->hyperSize}});
}

LogicalResult LSTMCellOp::verify() {
  if (failed(verifyTensorSizes(*this)))
    return failure();
  FailureOr<RecurrentDims> d = verifyRecurrentWeights(*this);
  if (failed(d) || failed(verifyLayerNorm(*this, *d)) ||
      failed(verifyLSTMAttrs(*this)))
    return failure();
  return verifyCellActivations(*this, *d,
                               {{getH(), "h", "[B, N_h]", d->hiddenSize},
                                {getC(), "c", "[B, N_h]", d->hiddenSize},
                                {getHh(), "hh", "[B, N̂]", d->hyperSize},
                                {getHc(), "hc", "[B, N̂]", d->hyperSize}});
}

LogicalResult RNNOp::verify() {
  if (failed(verifyTensorSizes(*this)))
    return failure();
  FailureOr<RecurrentDims> d = verifyRecurrentWeights(*this);
  if (failed(d))
    return failure();
  return verifySequenceActivations(*this, *d,
                                   {{getH0(), "h0", "[B, N_h]", d->hiddenSize},
                                    {getHh0(), "hh0", "[B, N̂]", d->hyperSize}});
}

LogicalResult RNNCellOp::verify() {
  if (failed(verifyTensorSizes(*this)))
    return failure();
  FailureOr<RecurrentDims> d = verifyRecurrentWeights(*this);
  if (failed(d))
    return failure();
  return verifyCellActivations(*this, *d,
                               {{getH(), "h", "[B, N_h]", d->hiddenSize},
                                {getHh(), "hh", "[B, N̂]", d->hyperSize}});
}

/// Result types of a recurrent op: optionally `[T, B, N_h]` (the sequence
/// output), then `[B, N]` for each state size in `stateSizes`. T and B come
/// from `input`, the sizes from the weights; anything unreadable is dynamic.
static void inferRecurrentTypes(Value input, bool sequence, Value mainWH,
                                Value hyperWH, ArrayRef<bool> stateIsMain,
                                SmallVectorImpl<Type> &types) {
  Type elementType = floatElementTypeOr(input);
  int64_t nh = dimOr(mainWH, 2, 1), nhh = dimOr(hyperWH, 2, 1);
  int64_t batch = sequence ? dimOr(input, 3, 1) : dimOr(input, 2, 0);
  if (sequence)
    types.push_back(
        RankedTensorType::get({dimOr(input, 3, 0), batch, nh}, elementType));
  for (bool isMain : stateIsMain)
    types.push_back(
        RankedTensorType::get({batch, isMain ? nh : nhh}, elementType));
}

LogicalResult
LSTMOp::inferReturnTypes(MLIRContext *context, std::optional<Location> location,
                         Adaptor adaptor,
                         SmallVectorImpl<Type> &inferredReturnTypes) {
  inferRecurrentTypes(adaptor.getInput(), /*sequence=*/true,
                      adaptor.getMainWH(), adaptor.getHyperWH(),
                      {true, true, false, false}, inferredReturnTypes);
  return success();
}

LogicalResult
LSTMCellOp::inferReturnTypes(MLIRContext *context,
                             std::optional<Location> location, Adaptor adaptor,
                             SmallVectorImpl<Type> &inferredReturnTypes) {
  inferRecurrentTypes(adaptor.getInput(), /*sequence=*/false,
                      adaptor.getMainWH(), adaptor.getHyperWH(),
                      {true, true, false, false}, inferredReturnTypes);
  return success();
}

LogicalResult
RNNOp::inferReturnTypes(MLIRContext *context, std::optional<Location> location,
                        Adaptor adaptor,
                        SmallVectorImpl<Type> &inferredReturnTypes) {
  inferRecurrentTypes(adaptor.getInput(), /*sequence=*/true,
                      adaptor.getMainWH(), adaptor.getHyperWH(), {true, false},
                      inferredReturnTypes);
  return success();
}

LogicalResult
RNNCellOp::inferReturnTypes(MLIRContext *context,
                            std::optional<Location> location, Adaptor adaptor,
                            SmallVectorImpl<Type> &inferredReturnTypes) {
  inferRecurrentTypes(adaptor.getInput(), /*sequence=*/false,
                      adaptor.getMainWH(), adaptor.getHyperWH(), {true, false},
                      inferredReturnTypes);
  return success();
}

//===----------------------------------------------------------------------===//
// Dynamic weight-generation primitives
//===----------------------------------------------------------------------===//

LogicalResult RowScaledLinearOp::verify() {
  if (failed(verifyTensorSizes(*this)))
    return failure();
  ShapeChecker check(*this);
  if (failed(check.expectRank(getInput(), "input", "[B, N_in]", 2)) ||
      failed(check.expectRank(getWeight(), "weight", "[N_out, N_in]", 2)))
    return failure();
  ArrayRef<int64_t> x = getInput().getType().getShape();
  ArrayRef<int64_t> w = getWeight().getType().getShape();
  Type elementType = getInput().getType().getElementType();
  if (failed(check.expect(getWeight(), "weight", "[N_out, N_in]",
                          {kDynamic, x[1]})) ||
      failed(check.expect(getScale(), "scale", "[B, N_out]", {x[0], w[0]})) ||
      failed(check.expectElementType(getWeight(), "weight", elementType)) ||
      failed(check.expectElementType(getScale(), "scale", elementType)))
    return failure();
  for (auto [size, sym, from] : {std::tuple(w[0], "N_out", "weight"),
                                 std::tuple(w[1], "N_in", "weight")})
    if (size == 0)
      return emitOpError("expected a positive model size ")
             << sym << ", got 0 (read off '" << from << "')";
  return success();
}

LogicalResult RowScaledLinearOp::inferReturnTypes(
    MLIRContext *context, std::optional<Location> location, Adaptor adaptor,
    SmallVectorImpl<Type> &inferredReturnTypes) {
  Value x = adaptor.getInput();
  inferredReturnTypes.push_back(
      RankedTensorType::get({dimOr(x, 2, 0), dimOr(adaptor.getWeight(), 2, 0)},
                            floatElementTypeOr(x)));
  return success();
}

LogicalResult DynamicLinearOp::verify() {
  if (failed(verifyTensorSizes(*this)))
    return failure();
  ShapeChecker check(*this);
  if (failed(check.expectRank(getInput(), "input", "[B, N_in]", 2)) ||
      failed(check.expectRank(getEmbedding(), "embedding", "[B, N_z]", 2)))
    return failure();
  ArrayRef<int64_t> x = getInput().getType().getShape();
  ArrayRef<int64_t> z = getEmbedding().getType().getShape();
  Type elementType = getInput().getType().getElementType();
  if (failed(check.expect(getEmbedding(), "embedding", "[B, N_z]",
                          {x[0], kDynamic})) ||
      failed(check.expect(getBasis(), "basis", "[N_z, N_out, N_in]",
                          {z[1], kDynamic, x[1]})) ||
      failed(
          check.expectElementType(getEmbedding(), "embedding", elementType)) ||
      failed(check.expectElementType(getBasis(), "basis", elementType)))
    return failure();
  ArrayRef<int64_t> basis = getBasis().getType().getShape();
  for (auto [size, sym] :
       {std::pair(basis[0], "N_z"), std::pair(basis[1], "N_out"),
        std::pair(basis[2], "N_in")})
    if (size == 0)
      return emitOpError("expected a positive model size ")
             << sym << ", got 0 (read off 'basis')";
  return success();
}

LogicalResult DynamicLinearOp::inferReturnTypes(
    MLIRContext *context, std::optional<Location> location, Adaptor adaptor,
    SmallVectorImpl<Type> &inferredReturnTypes) {
  Value x = adaptor.getInput();
  inferredReturnTypes.push_back(
      RankedTensorType::get({dimOr(x, 2, 0), dimOr(adaptor.getBasis(), 3, 1)},
                            floatElementTypeOr(x)));
  return success();
}

//===----------------------------------------------------------------------===//
// Size relations that must hold at run time
//===----------------------------------------------------------------------===//

namespace {
/// Collects the size relations of one op, skipping absent operands.
struct Agreements {
  SmallVectorImpl<SizeAgreement> &out;
  void equal(Value a, unsigned dimA, Value b, unsigned dimB, StringRef sym) {
    if (a && b)
      out.push_back({a, dimA, b, dimB, 0, sym});
  }
  void fixed(Value a, unsigned dimA, int64_t size, StringRef sym) {
    if (a && !ShapedType::isDynamic(size))
      out.push_back({a, dimA, Value(), 0, size, sym});
  }
};

/// Recurrent ops: x is [T, B, N_x] (sequence) or [B, N_x] (cell); every
/// state is [B, N]; lengths are [B].
template <typename OpT>
void recurrentAgreements(OpT op, bool sequence, ArrayRef<Value> mainStates,
                         ArrayRef<Value> hyperStates, Agreements &add) {
  RecurrentDims d = op.getDims();
  unsigned batchDim = sequence ? 1 : 0;
  Value x = op.getInput();
  add.fixed(x, batchDim + 1, d.inputSize, "N_x");
  for (Value state : mainStates) {
    add.equal(x, batchDim, state, 0, "B");
    add.fixed(state, 1, d.hiddenSize, "N_h");
  }
  for (Value state : hyperStates) {
    add.equal(x, batchDim, state, 0, "B");
    add.fixed(state, 1, d.hyperSize, "N̂");
  }
}
} // namespace

void mlir::hyper::getSizeAgreements(Operation *op,
                                    SmallVectorImpl<SizeAgreement> &out) {
  Agreements add{out};
  llvm::TypeSwitch<Operation *>(op)
      .Case([&](LSTMOp o) {
        recurrentAgreements(o, true, {o.getH0(), o.getC0()},
                            {o.getHh0(), o.getHc0()}, add);
        add.equal(o.getInput(), 1, o.getLengths(), 0, "B");
      })
      .Case([&](RNNOp o) {
        recurrentAgreements(o, true, {o.getH0()}, {o.getHh0()}, add);
        add.equal(o.getInput(), 1, o.getLengths(), 0, "B");
      })
      .Case([&](LSTMCellOp o) {
        recurrentAgreements(o, false, {o.getH(), o.getC()},
                            {o.getHh(), o.getHc()}, add);
      })
      .Case([&](RNNCellOp o) {
        recurrentAgreements(o, false, {o.getH()}, {o.getHh()}, add);
      })
      .Case([&](RowScaledLinearOp o) {
        add.equal(o.getInput(), 0, o.getScale(), 0, "B");
        add.equal(o.getInput(), 1, o.getWeight(), 1, "N_in");
        add.equal(o.getWeight(), 0, o.getScale(), 1, "N_out");
      })
      .Case([&](DynamicLinearOp o) {
        add.equal(o.getInput(), 0, o.getEmbedding(), 0, "B");
        add.equal(o.getEmbedding(), 1, o.getBasis(), 0, "N_z");
        add.equal(o.getInput(), 1, o.getBasis(), 2, "N_in");
      })
      .Case([&](Conv2DOp o) {
        if (o.isPerSample())
          add.equal(o.getInput(), 0, o.getEmbeddings(), 0, "N");
        ArrayRef<int64_t> grid =
            o.getEmbeddings().getType().getShape().take_back(3);
        add.fixed(o.getInput(), 1, grid[1] * o.getBlock()[1], "k*I_b");
      });
}

#define GET_OP_CLASSES
#include "hyper/Dialect/Hyper/IR/HyperOps.cpp.inc"
