//===- fuzz_verify.cpp - libFuzzer target: parse and verify ---------------===//
//
// Any text as a module of the hyper dialect and the upstream dialects its
// models are written in (func, arith, tensor): the parser and the
// verifiers either accept it or report a located error; they never crash,
// hang or run out of memory.
// Seeded with the lit tests and examples.
//
//===----------------------------------------------------------------------===//

#include "hyper/Dialect/Hyper/IR/HyperDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include <cstdlib>

using namespace mlir;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  // The project's parsers and verifiers, and the dialects whose types and
  // ops hyper models are written with; the other upstream dialects the
  // tools register are LLVM's to fuzz (linalg.reduce's parser, for one,
  // crashes on some malformed text).
  static MLIRContext *context = [] {
    DialectRegistry registry;
    registry.insert<hyper::HyperDialect, func::FuncDialect, arith::ArithDialect,
                    tensor::TensorDialect>();
    auto *c = new MLIRContext(registry);
    c->loadAllAvailableDialects();
    c->printOpOnDiagnostic(false);
    c->disableMultithreading();
    return c;
  }();
  bool reported = false;
  ScopedDiagnosticHandler quiet(context, [&](Diagnostic &d) {
    reported |= d.getSeverity() == DiagnosticSeverity::Error;
    return success();
  });
  // The lexer relies on the NUL that ends every buffer the tools read (a
  // file through SourceMgr); libFuzzer's input has none.
  std::string text(reinterpret_cast<const char *>(data), size);
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(text, context);
  // A rejected module says why.
  if (!module && !reported)
    std::abort();
  return 0;
}
