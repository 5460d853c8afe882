//===- HyperOpsTest.cpp - Building and verifying hyper ops from C++ -------===//
//
// Builds every hyper op through its ODS builders (result types inferred),
// checks the inferred types and the model sizes read off the weights, and
// checks that verification rejects bad shapes with the documented message.
//
//===----------------------------------------------------------------------===//

#include "hyper/Dialect/Hyper/IR/HyperOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"

#include <gtest/gtest.h>

using namespace mlir;
using namespace mlir::hyper;

namespace {

constexpr int64_t kDyn = ShapedType::kDynamic;

class HyperOpsTest : public ::testing::Test {
protected:
  HyperOpsTest() : builder(&context), loc(builder.getUnknownLoc()) {
    context.loadDialect<HyperDialect, func::FuncDialect>();
    module = ModuleOp::create(loc);
    builder.setInsertionPointToEnd(module->getBody());
  }

  RankedTensorType tensor(ArrayRef<int64_t> shape) {
    return RankedTensorType::get(shape, builder.getF32Type());
  }

  /// Values of the given types: the arguments of a fresh function, into
  /// whose body the builder then inserts.
  SmallVector<Value> args(ArrayRef<Type> types) {
    builder.setInsertionPointToEnd(module->getBody());
    auto fn = func::FuncOp::create(builder, loc, "f" + std::to_string(count++),
                                   builder.getFunctionType(types, {}));
    Block *body = fn.addEntryBlock();
    builder.setInsertionPointToStart(body);
    return SmallVector<Value>(body->getArguments());
  }

  /// Verifies `op`, returning the diagnostics it emitted ("" on success).
  std::string verifyMessages(Operation *op) {
    std::string messages;
    ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
      messages += diag.str();
      return success();
    });
    if (succeeded(verify(op)))
      EXPECT_TRUE(messages.empty());
    else
      EXPECT_FALSE(messages.empty());
    return messages;
  }

  /// The 14 weights of a recurrent op with `gates` gates.
  SmallVector<Type> recurrentWeightTypes(int64_t gates, int64_t nx, int64_t nh,
                                         int64_t nhh, int64_t nz) {
    SmallVector<int64_t> scale =
        gates == 1 ? SmallVector<int64_t>{nh, nz}
                   : SmallVector<int64_t>{gates, nh, nz};
    return {tensor({gates * nhh, nx + nh}), tensor({gates * nhh, nhh}),
            tensor({gates * nhh}),          tensor({gates * nz, nhh}),
            tensor({gates * nz, nhh}),      tensor({gates * nz, nhh}),
            tensor({gates * nz}),           tensor({gates * nz}),
            tensor(scale),                  tensor(scale),
            tensor(scale),                  tensor({gates * nh, nx}),
            tensor({gates * nh, nh}),       tensor({gates * nh})};
  }

  MLIRContext context;
  OpBuilder builder;
  Location loc;
  OwningOpRef<ModuleOp> module;
  int count = 0;
};

//===----------------------------------------------------------------------===//
// Shape arithmetic
//===----------------------------------------------------------------------===//

TEST(ConvOutputSizeTest, MatchesTheSpecFormula) {
  // SAME padding for a 7x7 kernel keeps 28.
  EXPECT_EQ(convOutputSize(28, 7, 1, 3, 3, 1), 28);
  // floor((15 + 1 + 2 - 2*2 - 1) / 2) + 1 = 7.
  EXPECT_EQ(convOutputSize(15, 3, 2, 1, 2, 2), 7);
  // floor((9 + 0 + 1 - 2*2 - 1) / 2) + 1 = 3.
  EXPECT_EQ(convOutputSize(9, 3, 2, 0, 1, 2), 3);
  // Valid 3x3 on 32: 30.
  EXPECT_EQ(convOutputSize(32, 3, 1, 0, 0, 1), 30);
}

TEST(ConvOutputSizeTest, DynamicAndDegenerateInputs) {
  EXPECT_EQ(convOutputSize(kDyn, 3, 1, 1, 1, 1), kDyn);
  // A non-positive stride has no output size; the verifier reports it.
  EXPECT_EQ(convOutputSize(8, 3, 0, 0, 0, 1), kDyn);
  // Kernels larger than the input floor towards minus infinity:
  // floor((2 - 6 - 1) / 2) + 1 = floor(-2.5) + 1 = -2.
  EXPECT_EQ(convOutputSize(2, 7, 2, 0, 0, 1), -2);
}

//===----------------------------------------------------------------------===//
// Static hypernetwork ops
//===----------------------------------------------------------------------===//

TEST_F(HyperOpsTest, Conv2DInfersTheMnistShape) {
  auto a = args({tensor({kDyn, 16, 28, 28}), tensor({1, 1, 4}),
                 tensor({64, 4}), tensor({64}), tensor({784, 4}),
                 tensor({784})});
  auto conv = Conv2DOp::create(
      builder, loc, a[0], a[1], a[2], a[3], a[4], a[5], /*bias=*/Value(),
      builder.getDenseI64ArrayAttr({16, 16, 7, 7}),
      builder.getDenseI64ArrayAttr({1, 1}),
      builder.getDenseI64ArrayAttr({3, 3, 3, 3}),
      builder.getDenseI64ArrayAttr({1, 1}));
  EXPECT_EQ(conv.getType(), tensor({kDyn, 16, 28, 28}));
  EXPECT_FALSE(conv.isPerSample());
  EXPECT_EQ(verifyMessages(conv), "");
}

TEST_F(HyperOpsTest, Conv2DPerSampleWithStridesAndBias) {
  auto a = args({tensor({4, 48, 15, 9}), tensor({4, 2, 3, 8}),
                 tensor({128, 8}), tensor({128}), tensor({144, 8}),
                 tensor({144}), tensor({32})});
  auto conv = Conv2DOp::create(
      builder, loc, a[0], a[1], a[2], a[3], a[4], a[5], a[6],
      builder.getDenseI64ArrayAttr({16, 16, 3, 3}),
      builder.getDenseI64ArrayAttr({2, 2}),
      builder.getDenseI64ArrayAttr({1, 0, 2, 1}),
      builder.getDenseI64ArrayAttr({2, 2}));
  EXPECT_EQ(conv.getType(), tensor({4, 32, 7, 3}));
  EXPECT_TRUE(conv.isPerSample());
  EXPECT_EQ(verifyMessages(conv), "");
}

TEST_F(HyperOpsTest, Conv2DRejectsChannelsOffTheGrid) {
  auto a = args({tensor({2, 32, 8, 8}), tensor({2, 3, 8}), tensor({128, 8}),
                 tensor({128}), tensor({144, 8}), tensor({144})});
  auto conv = Conv2DOp::create(
      builder, loc, a[0], a[1], a[2], a[3], a[4], a[5], Value(),
      builder.getDenseI64ArrayAttr({16, 16, 3, 3}),
      builder.getDenseI64ArrayAttr({1, 1}),
      builder.getDenseI64ArrayAttr({1, 1, 1, 1}),
      builder.getDenseI64ArrayAttr({1, 1}));
  EXPECT_NE(verifyMessages(conv).find(
                "expected input channels k*I_b = 3*16 = 48 to match the "
                "embedding grid, got 32"),
            std::string::npos);
}

TEST_F(HyperOpsTest, GenerateKernelInfersTiledAndPerSampleShapes) {
  auto a = args({tensor({2, 3, 8}), tensor({kDyn, 2, 3, 8}), tensor({128, 8}),
                 tensor({128}), tensor({144, 8}), tensor({144})});
  auto block = builder.getDenseI64ArrayAttr({16, 16, 3, 3});
  auto shared =
      GenerateKernelOp::create(builder, loc, a[0], a[2], a[3], a[4], a[5], block);
  auto perSample =
      GenerateKernelOp::create(builder, loc, a[1], a[2], a[3], a[4], a[5], block);
  EXPECT_EQ(shared.getType(), tensor({32, 48, 3, 3}));
  EXPECT_EQ(perSample.getType(), tensor({kDyn, 32, 48, 3, 3}));
  EXPECT_EQ(verifyMessages(shared), "");
  EXPECT_EQ(verifyMessages(perSample), "");
}

//===----------------------------------------------------------------------===//
// Recurrent ops
//===----------------------------------------------------------------------===//

TEST_F(HyperOpsTest, LSTMInfersStatesAndReadsDims) {
  // The Penn Treebank shapes: N_x = 50, N_h = 1000, N̂ = 128, N_z = 4.
  SmallVector<Type> types = {tensor({100, kDyn, 50})};
  llvm::append_range(types, recurrentWeightTypes(4, 50, 1000, 128, 4));
  auto a = args(types);
  auto lstm = LSTMOp::create(
      builder, loc, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9],
      a[10], a[11], a[12], a[13], a[14],
      /*layer norm*/ Value(), Value(), Value(), Value(), Value(), Value(),
      Value(), Value(),
      /*init*/ Value(), Value(), Value(), Value(), /*lengths=*/Value(),
      /*forget_bias=*/llvm::APFloat(1.0f), /*epsilon=*/llvm::APFloat(1e-3f),
      ZSource::Current);
  EXPECT_EQ(lstm.getOutput().getType(), tensor({100, kDyn, 1000}));
  EXPECT_EQ(lstm.getHFinal().getType(), tensor({kDyn, 1000}));
  EXPECT_EQ(lstm.getCFinal().getType(), tensor({kDyn, 1000}));
  EXPECT_EQ(lstm.getHhFinal().getType(), tensor({kDyn, 128}));
  EXPECT_EQ(lstm.getHcFinal().getType(), tensor({kDyn, 128}));
  EXPECT_EQ(verifyMessages(lstm), "");

  RecurrentDims dims = lstm.getDims();
  EXPECT_EQ(dims.inputSize, 50);
  EXPECT_EQ(dims.hiddenSize, 1000);
  EXPECT_EQ(dims.hyperSize, 128);
  EXPECT_EQ(dims.embedSize, 4);
}

TEST_F(HyperOpsTest, LSTMCellWithLayerNorm) {
  SmallVector<Type> types = {tensor({1, 6}), tensor({1, 8}), tensor({1, 8}),
                             tensor({1, 4}), tensor({1, 4})};
  llvm::append_range(types, recurrentWeightTypes(4, 6, 8, 4, 3));
  for (int64_t size : {16, 16, 4, 4, 32, 32, 8, 8})
    types.push_back(tensor({size}));
  auto a = args(types);
  auto cell = LSTMCellOp::create(
      builder, loc, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9],
      a[10], a[11], a[12], a[13], a[14], a[15], a[16], a[17], a[18], a[19],
      a[20], a[21], a[22], a[23], a[24], a[25], a[26], /*forget_bias=*/llvm::APFloat(0.5f),
      /*epsilon=*/llvm::APFloat(1e-5f), ZSource::Previous);
  EXPECT_EQ(cell.getHNext().getType(), tensor({1, 8}));
  EXPECT_EQ(cell.getCNext().getType(), tensor({1, 8}));
  EXPECT_EQ(cell.getHhNext().getType(), tensor({1, 4}));
  EXPECT_EQ(cell.getHcNext().getType(), tensor({1, 4}));
  EXPECT_EQ(cell.getZSource(), ZSource::Previous);
  EXPECT_TRUE(cell.getMainLnCB());
  EXPECT_EQ(verifyMessages(cell), "");
}

TEST_F(HyperOpsTest, LSTMRejectsAMisshapedBias) {
  SmallVector<Type> types = {tensor({5, 2, 6})};
  llvm::append_range(types, recurrentWeightTypes(4, 6, 8, 4, 3));
  types.back() = tensor({30}); // main.b
  auto a = args(types);
  auto lstm = LSTMOp::create(
      builder, loc, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9],
      a[10], a[11], a[12], a[13], a[14], Value(), Value(), Value(), Value(),
      Value(), Value(), Value(), Value(), Value(), Value(), Value(), Value(),
      Value(), llvm::APFloat(1.0f), llvm::APFloat(1e-3f), ZSource::Current);
  EXPECT_NE(verifyMessages(lstm).find(
                "expected 'main.b' of shape [4*N_h] = [32], got [30]"),
            std::string::npos);
}

TEST_F(HyperOpsTest, RNNAndRNNCell) {
  SmallVector<Type> types = {tensor({kDyn, 3, 5}), tensor({3, 5}),
                             tensor({3, 7}), tensor({3, 4})};
  llvm::append_range(types, recurrentWeightTypes(1, 5, 7, 4, 2));
  auto a = args(types);
  ValueRange w = ValueRange(a).drop_front(4);
  auto rnn = RNNOp::create(builder, loc, a[0], w[0], w[1], w[2], w[3], w[4],
                           w[5], w[6], w[7], w[8], w[9], w[10], w[11], w[12],
                           w[13], Value(), Value(), Value());
  EXPECT_EQ(rnn.getOutput().getType(), tensor({kDyn, 3, 7}));
  EXPECT_EQ(rnn.getHFinal().getType(), tensor({3, 7}));
  EXPECT_EQ(rnn.getHhFinal().getType(), tensor({3, 4}));
  EXPECT_EQ(verifyMessages(rnn), "");
  EXPECT_EQ(rnn.getDims().embedSize, 2);

  auto cell = RNNCellOp::create(builder, loc, a[1], a[2], a[3], w[0], w[1],
                                w[2], w[3], w[4], w[5], w[6], w[7], w[8], w[9],
                                w[10], w[11], w[12], w[13]);
  EXPECT_EQ(cell.getHNext().getType(), tensor({3, 7}));
  EXPECT_EQ(cell.getHhNext().getType(), tensor({3, 4}));
  EXPECT_EQ(verifyMessages(cell), "");
}

//===----------------------------------------------------------------------===//
// Dynamic primitives
//===----------------------------------------------------------------------===//

TEST_F(HyperOpsTest, RowScaledAndDynamicLinearInferShapes) {
  auto a = args({tensor({kDyn, 128}), tensor({512, 128}), tensor({kDyn, 512}),
                 tensor({4, 9}), tensor({4, 3}), tensor({3, 7, 9})});
  auto rowScaled = RowScaledLinearOp::create(builder, loc, a[0], a[1], a[2]);
  auto dynamic = DynamicLinearOp::create(builder, loc, a[3], a[4], a[5]);
  EXPECT_EQ(rowScaled.getType(), tensor({kDyn, 512}));
  EXPECT_EQ(dynamic.getType(), tensor({4, 7}));
  EXPECT_EQ(verifyMessages(rowScaled), "");
  EXPECT_EQ(verifyMessages(dynamic), "");
}

TEST_F(HyperOpsTest, DynamicLinearRejectsABasisOfAnotherSize) {
  auto a = args({tensor({4, 9}), tensor({4, 3}), tensor({2, 7, 9})});
  auto dynamic = DynamicLinearOp::create(builder, loc, a[0], a[1], a[2]);
  EXPECT_NE(verifyMessages(dynamic).find(
                "expected 'basis' of shape [N_z, N_out, N_in] = [3, ?, 9], "
                "got [2, 7, 9]"),
            std::string::npos);
}

//===----------------------------------------------------------------------===//
// Parsing
//===----------------------------------------------------------------------===//

TEST_F(HyperOpsTest, ParsesNamedArgumentsAndVerifies) {
  const char *source = R"mlir(
    func.func @f(%x: tensor<2x3xf32> {hyper.name = "x"},
                 %w: tensor<5x3xf32> {hyper.name = "main.w_x"},
                 %d: tensor<2x5xf32>) -> tensor<2x5xf32> {
      %y = hyper.row_scaled_linear %x, %w, %d
          : tensor<2x3xf32>, tensor<5x3xf32>, tensor<2x5xf32>
      return %y : tensor<2x5xf32>
    }
  )mlir";
  OwningOpRef<ModuleOp> parsed = parseSourceString<ModuleOp>(source, &context);
  ASSERT_TRUE(parsed);
  auto fn = cast<func::FuncOp>(parsed->getBody()->front());
  auto name =
      fn.getArgAttrOfType<StringAttr>(1, HyperDialect::getNameAttrName());
  ASSERT_TRUE(name);
  EXPECT_EQ(name.getValue(), "main.w_x");
}

TEST_F(HyperOpsTest, RejectsANonStringName) {
  const char *source = R"mlir(
    func.func @f(%x: tensor<2x3xf32> {hyper.name = 3 : i32}) { return }
  )mlir";
  std::string messages;
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
    messages += diag.str();
    return success();
  });
  EXPECT_FALSE(parseSourceString<ModuleOp>(source, &context));
  EXPECT_NE(messages.find("expected 'hyper.name' on argument #0 to be a "
                          "non-empty string"),
            std::string::npos);
}

} // namespace
