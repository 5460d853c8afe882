//===- Inputs.cpp - Values of the tools' --input flags --------------------===//

#include "hyper/Driver/Inputs.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

#include <cmath>
#include <limits>

using namespace llvm;
namespace rt = hyperrt;

std::optional<rt::Array> mlir::hyper::parseLiteral(StringRef text,
                                                   std::string &error) {
  auto [spec, values] = text.split('=');
  SmallVector<StringRef> parts;
  spec.split(parts, 'x');
  StringRef typeName = parts.pop_back_val();
  std::vector<int64_t> shape;
  for (StringRef p : parts) {
    int64_t d;
    if (p.getAsInteger(10, d) || d < 0) {
      error = "malformed shape in literal '" + text.str() + "'";
      return std::nullopt;
    }
    shape.push_back(d);
  }
  rt::DType dtype;
  if (typeName == "f32")
    dtype = rt::DType::F32;
  else if (typeName == "f64")
    dtype = rt::DType::F64;
  else if (typeName == "i32")
    dtype = rt::DType::I32;
  else if (typeName == "i64")
    dtype = rt::DType::I64;
  else {
    error = "unsupported element type '" + typeName.str() + "' in literal '" +
            text.str() + "' (expected f32, f64, i32 or i64)";
    return std::nullopt;
  }
  SmallVector<StringRef> items;
  SplitString(values, items, ", ");
  // A literal is typed on a command line: larger arrays come from files.
  constexpr uint64_t kMaxLiteralBytes = uint64_t(64) << 20;
  std::optional<uint64_t> bytes = rt::checkedByteSize(dtype, shape);
  if (bytes && *bytes > kMaxLiteralBytes) {
    error = "literal '" + text.str() + "' needs " + std::to_string(*bytes) +
            " bytes, more than a literal's limit of 64 MiB (pass a .npy file)";
    return std::nullopt;
  }
  std::optional<rt::Array> allocated = rt::Array::allocate(dtype, shape, error);
  if (!allocated) {
    error = "literal '" + text.str() + "': " + error;
    return std::nullopt;
  }
  rt::Array &array = *allocated;
  int64_t n = array.numElements();
  if (items.size() != 1 && static_cast<int64_t>(items.size()) != n) {
    error = "literal '" + text.str() + "' has " + std::to_string(items.size()) +
            " values for " + std::to_string(n) + " elements";
    return std::nullopt;
  }
  // Values the element type cannot hold are errors, not wrapped, truncated
  // or rounded to infinity silently.
  auto misfit = [&](StringRef item) {
    error =
        "value '" + item.str() + "' in literal does not fit " + typeName.str();
    return std::nullopt;
  };
  for (int64_t i = 0; i < n; ++i) {
    StringRef item = items[items.size() == 1 ? 0 : i];
    if (dtype == rt::DType::I32 || dtype == rt::DType::I64) {
      int64_t v;
      if (item.getAsInteger(10, v)) {
        double d;
        if (item.getAsDouble(d)) {
          error = "malformed value '" + item.str() + "' in literal";
          return std::nullopt;
        }
        return misfit(item);
      }
      if (dtype == rt::DType::I64)
        array.as<int64_t>()[i] = v;
      else if (v < std::numeric_limits<int32_t>::min() ||
               v > std::numeric_limits<int32_t>::max())
        return misfit(item);
      else
        array.as<int32_t>()[i] = static_cast<int32_t>(v);
      continue;
    }
    double v;
    if (item.getAsDouble(v)) {
      error = "malformed value '" + item.str() + "' in literal";
      return std::nullopt;
    }
    if (dtype == rt::DType::F64) {
      array.as<double>()[i] = v;
      continue;
    }
    if (std::isfinite(v) && std::fabs(v) > std::numeric_limits<float>::max())
      return misfit(item);
    array.as<float>()[i] = static_cast<float>(v);
  }
  return std::move(array);
}

std::optional<rt::Array> mlir::hyper::loadInput(StringRef spec,
                                                std::string &error) {
  if (!spec.consume_front("@"))
    return parseLiteral(spec, error);
  auto [path, member] = spec.rsplit(':');
  if (!member.empty() && path.ends_with(".npz")) {
    return rt::readNpzMember(path.str(), member.str(), error);
  }
  return rt::readNpy(spec.str(), error);
}
