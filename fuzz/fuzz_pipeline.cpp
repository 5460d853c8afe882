//===- fuzz_pipeline.cpp - libFuzzer target: hyper ops through the pipelines //
//
// Structure-aware: the input does not spell IR but chooses it. It picks one
// of the dialect's eight ops, its sizes (small ones, zero, a few large and
// dynamic ones), now and then a size that disagrees with the others, its
// attributes (padding, strides, dilations, layer norm, epsilon) and element
// types, and the program writes the module as text, so that most inputs get
// past the parser. A module that verifies is lowered by the CPU pipeline or
// the GPU emulator's. Verifying or lowering it may fail with a diagnostic;
// it must never crash, assert, hang or exhaust memory.
//
//===----------------------------------------------------------------------===//

#include "hyper/Dialect/Hyper/IR/HyperDialect.h"
#include "hyper/Driver/Driver.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include "llvm/Support/TargetSelect.h"

#include <fuzzer/FuzzedDataProvider.h>

#include <cstdlib>
#include <string>
#include <vector>

using namespace mlir;

namespace {

constexpr int64_t kDynamic = -1;

/// Writes one function around one hyper op, choosing as it goes.
class Writer {
public:
  explicit Writer(FuzzedDataProvider &in) : in(in) {}

  /// a·b, or the largest size when that overflows (the verifier's case).
  static int64_t mul(int64_t a, int64_t b) {
    int64_t r;
    return __builtin_mul_overflow(a, b, &r) ? INT64_MAX : r;
  }
  static int64_t add(int64_t a, int64_t b) {
    int64_t r;
    return __builtin_add_overflow(a, b, &r) ? INT64_MAX : r;
  }

  /// A model size: small ones mostly, sometimes 0 or large.
  int64_t size() {
    static const int64_t common[] = {1, 2, 3, 4, 5, 8, 16, 17, 32, 0};
    static const int64_t large[] = {int64_t(1) << 31, int64_t(1) << 40,
                                    int64_t(1) << 62};
    if (in.ConsumeIntegralInRange(0, 63) == 0)
      return large[in.ConsumeIntegralInRange<size_t>(0, 2)];
    return common[in.ConsumeIntegralInRange<size_t>(0, 9)];
  }
  /// A data size (batch, sequence, image): sometimes dynamic.
  int64_t dataSize() {
    return in.ConsumeIntegralInRange(0, 3) == 0 ? kDynamic : size();
  }
  /// `d`, or now and then another size (a mismatch the verifier must see).
  int64_t like(int64_t d) {
    return in.ConsumeIntegralInRange(0, 31) == 0 ? size() : d;
  }
  std::string element() {
    static const char *others[] = {"f16", "f64", "bf16", "i32"};
    if (in.ConsumeIntegralInRange(0, 63) == 0)
      return others[in.ConsumeIntegralInRange<size_t>(0, 3)];
    return base;
  }
  std::string tensor(std::vector<int64_t> dims, std::string elt = "") {
    std::string s = "tensor<";
    for (int64_t d : dims)
      s += (d == kDynamic ? std::string("?") : std::to_string(d)) + "x";
    return s + (elt.empty() ? element() : elt) + ">";
  }
  /// A new function argument of `type`; returns "%aN".
  std::string arg(const std::string &type) {
    args.push_back(type);
    return "%a" + std::to_string(args.size() - 1);
  }
  /// "%a3, %a4 : t3, t4" for new arguments of these shapes (each dimension
  /// perhaps mutated).
  std::string operands(const std::vector<std::vector<int64_t>> &shapes) {
    std::string names, types;
    for (const auto &shape : shapes) {
      std::vector<int64_t> dims;
      for (int64_t d : shape)
        dims.push_back(like(d));
      std::string t = tensor(dims);
      names += (names.empty() ? "" : ", ") + arg(t);
      types += (types.empty() ? "" : ", ") + t;
    }
    return names + " : " + types;
  }

  std::string write() {
    base = in.ConsumeIntegralInRange(0, 15) == 0 ? element() : "f32";
    std::string op;
    unsigned results = 1;
    switch (in.ConsumeIntegralInRange(0, 7)) {
    case 0: { // row_scaled_linear
      int64_t b = dataSize(), k = size(), n = size();
      op = "hyper.row_scaled_linear " + pieces({{b, k}, {n, k}, {b, n}});
      break;
    }
    case 1: { // dynamic_linear
      int64_t b = dataSize(), k = size(), n = size(), z = size();
      op = "hyper.dynamic_linear " + pieces({{b, k}, {b, z}, {z, n, k}});
      break;
    }
    case 2:
    case 3: { // generate_kernel, conv2d
      bool conv = in.ConsumeBool();
      int64_t ob = size(), ib = size(), f = in.ConsumeIntegralInRange(1, 7),
              fw = in.ConsumeBool() ? f : in.ConsumeIntegralInRange(1, 7),
              d = size(), nz = size(), m = size() % 5, k = size() % 5;
      std::string block = " block [" + std::to_string(like(ob)) + ", " +
                          std::to_string(like(ib)) + ", " +
                          std::to_string(like(f)) + ", " +
                          std::to_string(like(fw)) + "]";
      std::string generator = " generator(" +
                              operands({{mul(ob, d), nz},
                                        {mul(ob, d)},
                                        {mul(mul(ib, f), fw), d},
                                        {mul(mul(ib, f), fw)}}) +
                              ")";
      if (!conv) {
        op = "hyper.generate_kernel " + operands({{m, k, nz}}) + generator +
             block;
        break;
      }
      int64_t n = dataSize(), h = dataSize(), w = dataSize();
      std::vector<int64_t> z = {m, k, nz};
      if (in.ConsumeIntegralInRange(0, 3) == 0)
        z.insert(z.begin(), n); // per-sample kernels
      std::string x = tensor({n, like(mul(k, ib)), h, w}), zt = tensor(z);
      op = "hyper.conv2d " + arg(x) + ", " + arg(zt) + " : " + x + ", " + zt +
           generator;
      if (in.ConsumeBool())
        op += " bias(" + operands({{mul(m, ob)}}) + ")";
      op += block;
      auto small = [&] {
        return std::to_string(in.ConsumeIntegralInRange(0, 4));
      };
      auto positive = [&] {
        return std::to_string(in.ConsumeIntegralInRange(0, 15) == 0
                                  ? like(0)
                                  : in.ConsumeIntegralInRange(1, 3));
      };
      if (in.ConsumeBool())
        op += " strides [" + positive() + ", " + positive() + "]";
      if (in.ConsumeBool())
        op += " padding [" + small() + ", " + small() + ", " + small() + ", " +
              small() + "]";
      if (in.ConsumeBool())
        op += " dilations [" + positive() + ", " + positive() + "]";
      break;
    }
    default: { // rnn, rnn_cell, lstm, lstm_cell
      int kind = in.ConsumeIntegralInRange(0, 3);
      bool lstm = kind >= 2, cell = kind % 2 == 1;
      int64_t g = lstm ? 4 : 1, t = dataSize(), b = dataSize(), nx = size(),
              nh = size(), nhh = size(), nz = size();
      std::vector<int64_t> x =
          cell ? std::vector<int64_t>{b, nx} : std::vector<int64_t>{t, b, nx};
      std::vector<std::vector<int64_t>> states =
          lstm ? std::vector<std::vector<int64_t>>{{b, nh},
                                                   {b, nh},
                                                   {b, nhh},
                                                   {b, nhh}}
               : std::vector<std::vector<int64_t>>{{b, nh}, {b, nhh}};
      std::vector<int64_t> scale =
          lstm ? std::vector<int64_t>{4, nh, nz} : std::vector<int64_t>{nh, nz};
      std::string xt = tensor(x);
      op = std::string("hyper.") + (lstm ? "lstm" : "rnn") +
           (cell ? "_cell " : " ") + arg(xt) + " : " + xt;
      if (cell)
        op += " state(" + operands(states) + ")";
      op +=
          " hyper(" +
          operands(
              {{mul(g, nhh), add(nx, nh)}, {mul(g, nhh), nhh}, {mul(g, nhh)}}) +
          ")";
      op += " proj(" +
            operands({{mul(g, nz), nhh},
                      {mul(g, nz), nhh},
                      {mul(g, nz), nhh},
                      {mul(g, nz)},
                      {mul(g, nz)}}) +
            ")";
      op += " scale(" + operands({scale, scale, scale}) + ")";
      op += " main(" +
            operands({{mul(g, nh), nx}, {mul(g, nh), nh}, {mul(g, nh)}}) + ")";
      if (lstm && in.ConsumeBool())
        op += " layer_norm(" +
              operands({{mul(g, nhh)},
                        {mul(g, nhh)},
                        {nhh},
                        {nhh},
                        {mul(g, nh)},
                        {mul(g, nh)},
                        {nh},
                        {nh}}) +
              ")";
      if (!cell && in.ConsumeBool())
        op += " init(" + operands(states) + ")";
      if (!cell && in.ConsumeIntegralInRange(0, 3) == 0)
        op += " lengths(" + arg(tensor({like(b)}, "i32")) + " : " +
              args.back() + ")";
      if (lstm && in.ConsumeIntegralInRange(0, 3) == 0)
        op += " {epsilon = " +
              std::to_string(in.ConsumeIntegralInRange(-2, 2) * 0.25) +
              " : f32, forget_bias = 1.0 : f32}";
      results = lstm ? (cell ? 4 : 5) : (cell ? 2 : 3);
      break;
    }
    }
    std::string signature;
    for (size_t i = 0; i < args.size(); ++i)
      signature += (i ? ", %a" : "%a") + std::to_string(i) + ": " + args[i];
    return "func.func @f(" + signature +
           ") {\n  %r:" + std::to_string(results) + " = " + op +
           "\n  return\n}\n";
  }

private:
  std::string pieces(const std::vector<std::vector<int64_t>> &shapes) {
    std::string text = operands(shapes);
    // "%a0, %a1, %a2 : t0, t1, t2": the op's syntax wants the types after
    // its operands, which operands() already writes so.
    return text;
  }

  FuzzedDataProvider &in;
  std::string base = "f32";
  std::vector<std::string> args;
};

MLIRContext &context() {
  static MLIRContext *c = [] {
    DialectRegistry registry;
    hyper::registerDriverDialects(registry);
    auto *ctx = new MLIRContext(registry);
    ctx->loadAllAvailableDialects();
    ctx->printOpOnDiagnostic(false);
    ctx->disableMultithreading();
    return ctx;
  }();
  return *c;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  FuzzedDataProvider in(data, size);
  bool emulate = in.ConsumeBool();
  std::string text = Writer(in).write();
  if (std::getenv("HYPER_FUZZ_PRINT"))
    llvm::errs() << text;
  MLIRContext &ctx = context();
  ScopedDiagnosticHandler quiet(&ctx, [](Diagnostic &) { return success(); });
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(text, &ctx);
  if (!module)
    return 0;
  // Return the op's results, so that the pipeline lowers it.
  auto func = *module->getOps<func::FuncOp>().begin();
  Operation *op = &func.getBody().front().front();
  auto ret = cast<func::ReturnOp>(func.getBody().front().getTerminator());
  OpBuilder b(ret);
  b.create<func::ReturnOp>(ret.getLoc(), op->getResults());
  ret.erase();
  func.setFunctionType(
      b.getFunctionType(func.getArgumentTypes(), op->getResultTypes()));
  static hyper::TargetInfo cpu = [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
    hyper::TargetInfo t;
    std::string error;
    if (!hyper::resolveCpu(t, /*runsHere=*/true, error))
      std::abort();
    return t;
  }();
  static hyper::TargetInfo emulator = hyper::TargetInfo::gpuEmulator();
  (void)hyper::lowerFor(*module, emulate ? emulator : cpu);
  return 0;
}
