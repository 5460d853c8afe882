//===- RewriteTest.cpp - Pattern application that reports -----------------===//
//
// applyPatternsOrReport: a rewrite that does not converge fails with an
// error naming the pass on the op it ran on (the passes' only way to tell
// a user why a lowering failed); one that converges says nothing.
//
//===----------------------------------------------------------------------===//

#include "hyper/Dialect/Hyper/Transforms/Transforms.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace mlir;

namespace {

/// Flips a unit attribute on every func.return, forever.
struct Flip : RewritePattern {
  explicit Flip(MLIRContext *ctx)
      : RewritePattern(func::ReturnOp::getOperationName(), 1, ctx) {}
  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    rewriter.modifyOpInPlace(op, [&] {
      if (op->hasAttr("flip"))
        op->removeAttr("flip");
      else
        op->setAttr("flip", rewriter.getUnitAttr());
    });
    return success();
  }
};

class RewriteTest : public ::testing::Test {
protected:
  RewriteTest() {
    context.loadDialect<func::FuncDialect>();
    module = parseSourceString<ModuleOp>("func.func @f() { return }", &context);
  }

  /// The errors reported while running `fn`.
  template <typename Fn> std::vector<std::string> errors(Fn fn) {
    std::vector<std::string> messages;
    ScopedDiagnosticHandler handler(&context, [&](Diagnostic &d) {
      if (d.getSeverity() == DiagnosticSeverity::Error)
        messages.push_back(d.str());
      return success();
    });
    fn();
    return messages;
  }

  MLIRContext context;
  OwningOpRef<ModuleOp> module;
};

TEST_F(RewriteTest, NonConvergenceIsReportedWithThePass) {
  ASSERT_TRUE(module);
  RewritePatternSet patterns(&context);
  patterns.add<Flip>(&context);
  FrozenRewritePatternSet frozen(std::move(patterns));
  GreedyRewriteConfig config;
  config.setMaxNumRewrites(100);
  LogicalResult result = success();
  std::vector<std::string> messages = errors([&] {
    result = hyper::applyPatternsOrReport(module->getOperation(), frozen,
                                          "some-pass", config);
  });
  EXPECT_TRUE(failed(result));
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_NE(messages[0].find("some-pass"), std::string::npos) << messages[0];
  EXPECT_NE(messages[0].find("did not converge"), std::string::npos)
      << messages[0];
}

TEST_F(RewriteTest, ConvergenceIsSilent) {
  ASSERT_TRUE(module);
  FrozenRewritePatternSet none{RewritePatternSet(&context)};
  LogicalResult result = failure();
  std::vector<std::string> messages = errors([&] {
    result =
        hyper::applyPatternsOrReport(module->getOperation(), none, "some-pass");
  });
  EXPECT_TRUE(succeeded(result));
  EXPECT_TRUE(messages.empty());
}

} // namespace
