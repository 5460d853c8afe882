//===- fuzz_inputs.cpp - libFuzzer target: hyper-run's input binding ------===//
//
// The input is two --input literals, one per line, bound to a signature
// (tensor<?x3xf32>, tensor<?x?xi32>) whose first dimensions must agree, as
// hyper-run binds them: parseLiteral, then fitsTensorType, then the size
// agreement. Each step accepts or says why; a literal that parses holds
// exactly what its shape says.
//
//===----------------------------------------------------------------------===//

#include "hyper/Driver/Driver.h"
#include "hyper/Driver/Inputs.h"
#include "hyper/Driver/Jit.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/MLIRContext.h"

#include <cstdlib>
#include <string>

using namespace mlir;
namespace rt = hyperrt;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static MLIRContext context;
  static const RankedTensorType types[] = {
      RankedTensorType::get({ShapedType::kDynamic, 3},
                            Float32Type::get(&context)),
      RankedTensorType::get({ShapedType::kDynamic, ShapedType::kDynamic},
                            IntegerType::get(&context, 32))};
  llvm::StringRef text(reinterpret_cast<const char *>(data), size);
  auto [first, second] = text.split('\n');
  std::vector<rt::Array> args;
  const llvm::StringRef literals[] = {first, second};
  for (auto [i, literal] : llvm::enumerate(literals)) {
    std::string error;
    std::optional<rt::Array> a = hyper::parseLiteral(literal, error);
    if (!a) {
      if (error.empty())
        std::abort();
      return 0;
    }
    std::optional<uint64_t> bytes = rt::checkedByteSize(a->dtype(), a->shape());
    if (!bytes || *bytes != a->numBytes())
      std::abort();
    if (!hyper::fitsTensorType(*a, types[i], error)) {
      if (error.empty())
        std::abort();
      return 0;
    }
    args.push_back(std::move(*a));
  }
  hyper::ArgumentSizeCheck sameBatch{0, 0, 1u, 0, 0, "B", "the fuzz signature"};
  std::optional<std::string> problem = hyper::violatedSizeCheck(
      {sameBatch}, [&](unsigned a, unsigned d) { return args[a].shape()[d]; },
      [](unsigned a) { return "input #" + std::to_string(a); });
  if (problem.has_value() != (args[0].shape()[0] != args[1].shape()[0]))
    std::abort();
  return 0;
}
