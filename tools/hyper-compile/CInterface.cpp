//===- CInterface.cpp - The C interface of a compiled model -----*- C++ -*-===//

#include "CInterface.h"

#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/JSON.h"

#include <cstdio>
#include <set>

using namespace mlir;
using namespace hyper_compile;
using llvm::raw_ostream;
using llvm::StringRef;

namespace {

constexpr StringRef kReserved[] = {"release", "last_error", "metadata"};

/// numpy's name of an element type.
StringRef dtypeName(Type t) {
  if (t.isF32())
    return "float32";
  if (t.isF64())
    return "float64";
  if (t.isInteger(32))
    return "int32";
  return "int64";
}

/// `text` as the body of a C string literal: quotes and backslashes
/// escaped, other bytes outside printable ASCII as octal, and '%' doubled
/// when the literal is a printf format.
std::string cLiteral(StringRef text, bool format) {
  std::string out;
  for (unsigned char c : text) {
    if (c == '"' || c == '\\')
      out += {'\\', static_cast<char>(c)};
    else if (c == '%' && format)
      out += "%%";
    else if (c < 0x20 || c >= 0x7f || c == '?') {
      // '?' too: "??" followed by some characters is a trigraph.
      char octal[8];
      std::snprintf(octal, sizeof(octal), "\\%03o", c);
      out += octal;
    } else
      out.push_back(static_cast<char>(c));
  }
  return out;
}

/// The C expression of dimension `d` of `t`: its size parameter or the
/// static size.
std::string dimExpr(const Tensor &t, unsigned d) {
  return t.type.isDynamicDim(d) ? t.name + "_d" + std::to_string(d)
                                : std::to_string(t.type.getDimSize(d));
}

/// "float32[x_d0][16][14][14]": dynamic sizes named by their parameter.
std::string shapeComment(const Tensor &t) {
  std::string s = dtypeName(t.type.getElementType()).str();
  for (unsigned d = 0; d < t.type.getRank(); ++d)
    s += "[" + dimExpr(t, d) + "]";
  return s;
}

/// The entry point's parameters, in order: per input its pointer, the
/// number of elements its buffer holds and its dynamic sizes; then one
/// hyper_result per result.
std::vector<std::string> parameters(const Signature &s) {
  std::vector<std::string> params;
  for (const Tensor &t : s.args) {
    params.push_back("const " + cType(t.type.getElementType())->str() + " *" +
                     t.name);
    params.push_back("int64_t " + t.name + "_count");
    for (unsigned d = 0; d < t.type.getRank(); ++d)
      if (t.type.isDynamicDim(d))
        params.push_back("int64_t " + t.name + "_d" + std::to_string(d));
  }
  for (const Tensor &t : s.results)
    params.push_back("hyper_result *" + t.name);
  return params;
}

std::string prototype(const ModelInterface &model, const Signature &s) {
  std::vector<std::string> params = parameters(s);
  return "int " + model.symbol(s.name) + "(" +
         (params.empty() ? "void" : llvm::join(params, ",\n    ")) + ")";
}

void writeResultType(raw_ostream &os) {
  os << "#ifndef HYPER_RESULT_DEFINED\n#define HYPER_RESULT_DEFINED\n"
     << "/* A result tensor: `data` holds the product of `shape` elements in "
        "C\n"
     << " * order; `owner` is what the model's release function frees. */\n"
     << "typedef struct hyper_result {\n  void *owner;\n  void *data;\n"
     << "  int64_t rank;\n  int64_t shape[8];\n} hyper_result;\n#endif\n\n";
}

/// Checks of an entry point's parameters before anything runs: result
/// pointers; per input its sizes (non-negative, element and byte counts
/// within int64), its element count against the caller's and its pointer;
/// then the sizes the model's ops tie together (collectArgumentSizeChecks).
/// Leaves the element count of input i in `n<i>`.
void writeInputChecks(raw_ostream &os, const Signature &s) {
  std::string at = "@" + s.name + ": ";
  for (const Tensor &t : s.results)
    os << "  if (!" << t.name << ") return hyper_fail(\"" << at << t.name
       << " is NULL\");\n"
       << "  " << t.name << "->owner = 0;\n  " << t.name << "->data = 0;\n"
       << "  " << t.name << "->rank = 0;\n";
  for (auto [i, t] : llvm::enumerate(s.args)) {
    std::string n = "hyper_n" + std::to_string(i);
    SmallVector<std::string> dims, formats;
    os << "  int64_t " << n << " = 1;\n";
    for (unsigned d = 0; d < t.type.getRank(); ++d) {
      dims.push_back(dimExpr(t, d));
      formats.push_back(t.type.isDynamicDim(d) ? "%lld" : dims.back());
      if (!t.type.isDynamicDim(d)) {
        os << "  " << n << " *= " << dims.back() << ";\n";
        continue;
      }
      os << "  if (" << dims.back() << " < 0) return hyper_fail(\"" << at
         << dims.back() << " = %lld is negative\", (long long)" << dims.back()
         << ");\n"
         << "  if (__builtin_mul_overflow(" << n << ", " << dims.back() << ", &"
         << n << ")) return hyper_fail(\"" << at << t.name
         << ": the element count overflows int64\");\n";
    }
    os << "  { int64_t hyper_bytes; if (__builtin_mul_overflow(" << n
       << ", (int64_t)sizeof(*" << t.name
       << "), &hyper_bytes)) return hyper_fail(\"" << at << t.name
       << ": the byte size overflows int64\"); }\n";
    std::string shapeArgs;
    for (unsigned d = 0; d < t.type.getRank(); ++d)
      if (t.type.isDynamicDim(d))
        shapeArgs += ", (long long)" + dims[d];
    os << "  if (" << t.name << "_count != " << n << ") return hyper_fail(\""
       << at << t.name << " holds %lld elements but its shape ["
       << llvm::join(formats, ", ") << "] has %lld\", (long long)" << t.name
       << "_count" << shapeArgs << ", (long long)" << n << ");\n"
       << "  if (" << n << " > 0 && !" << t.name << ") return hyper_fail(\""
       << at << t.name << " is NULL\");\n";
  }
  for (const hyper::ArgumentSizeCheck &c : s.checks) {
    const Tensor &a = s.args[c.argA];
    std::string lhs = dimExpr(a, c.dimA);
    std::string rhs =
        c.argB ? dimExpr(s.args[*c.argB], c.dimB) : std::to_string(c.size);
    std::string what =
        c.argB ? s.args[*c.argB].name + " has " + c.symbol + " = %lld"
               : "the weights fix " + c.symbol + " = %lld";
    os << "  if (" << lhs << " != " << rhs << ") return hyper_fail(\"" << at
       << a.name << " has " << c.symbol << " = %lld but " << what << ": "
       << cLiteral(c.where, /*format=*/true)
       << " needs them equal\", (long long)" << lhs << ", (long long)" << rhs
       << ");\n";
  }
}

/// The body of an entry point after its checks: descriptors of the inputs
/// (for CUDA, of managed copies), the call, and the results.
void writeCall(raw_ostream &os, const Signature &s, bool cuda) {
  if (cuda) {
    // Without a usable GPU nothing runs; a GPU error during the call is
    // recorded by the runtime and returned below.
    os << "  const char *hyper_gpu = hyperCudaStatus();\n"
       << "  if (hyper_gpu) return hyper_fail(\"@" << s.name
       << ": %s\", hyper_gpu) + 1;\n"
       << "  hyperCudaBeginCall();\n";
  }
  for (auto [i, t] : llvm::enumerate(s.args)) {
    int64_t r = t.type.getRank();
    SmallVector<std::string> sizes;
    for (int64_t d = 0; d < r; ++d)
      sizes.push_back(dimExpr(t, d));
    std::string data = "(void *)" + t.name;
    if (cuda) {
      // Kernels read the inputs: a managed copy of each.
      std::string bytes = "hyper_bytes" + std::to_string(i);
      std::string copy = "hyper_m" + std::to_string(i);
      os << "  uint64_t " << bytes << " = (uint64_t)hyper_n" << i
         << " * sizeof(*" << t.name << ");\n"
         << "  void *" << copy << " = mgpuMemAlloc(" << bytes << ", 0, true);\n"
         << "  if (" << bytes << ") memcpy(" << copy << ", " << t.name << ", "
         << bytes << ");\n";
      data = copy;
    }
    os << "  hyper_memref_" << r << " hyper_a" << i << " = {" << data << ", "
       << data << ", 0";
    if (r > 0) {
      os << ", {" << llvm::join(sizes, ", ") << "}, {";
      for (int64_t d = 0; d < r; ++d) {
        SmallVector<std::string> inner(sizes.begin() + d + 1, sizes.end());
        os << (d ? ", " : "")
           << (inner.empty() ? "1" : llvm::join(inner, " * "));
      }
      os << "}";
    }
    os << "};\n";
  }
  SmallVector<std::string> params;
  if (!s.results.empty()) {
    os << "  " << s.name << "_results hyper_r;\n";
    params.push_back("&hyper_r");
  }
  for (size_t i = 0; i < s.args.size(); ++i)
    params.push_back("&hyper_a" + std::to_string(i));
  os << "  _mlir_ciface_" << s.name << "(" << llvm::join(params, ", ")
     << ");\n";
  if (cuda) {
    for (size_t i = 0; i < s.args.size(); ++i)
      os << "  mgpuMemFree(hyper_m" << i << ", 0);\n";
    // A failed call's results are meaningless: release each allocation
    // once, then report.
    os << "  hyper_gpu = hyperCudaEndCall();\n  if (hyper_gpu) {\n";
    for (size_t i = 0; i < s.results.size(); ++i) {
      std::string ri = "hyper_r.r" + std::to_string(i) + ".allocated";
      std::string distinct;
      for (size_t j = 0; j < i; ++j)
        distinct +=
            " && " + ri + " != hyper_r.r" + std::to_string(j) + ".allocated";
      os << "    if (" << ri << distinct << ") mgpuMemFree(" << ri << ", 0);\n";
    }
    os << "    return hyper_fail(\"@" << s.name
       << ": GPU: %s\", hyper_gpu) + 1;\n"
       << "  }\n";
  }
  for (auto [i, t] : llvm::enumerate(s.results)) {
    std::string ri = "hyper_r.r" + std::to_string(i);
    // A result sharing an earlier one's allocation (the function returns
    // one value twice) gets no owner: release the first one only.
    std::string owner = ri + ".allocated";
    for (size_t j = 0; j < i; ++j)
      owner = "(" + ri + ".allocated == hyper_r.r" + std::to_string(j) +
              ".allocated) ? (void *)0 : " + owner;
    os << "  " << t.name << "->owner = " << owner << ";\n"
       << "  " << t.name << "->data = (" << *cType(t.type.getElementType())
       << " *)" << ri << ".aligned + " << ri << ".offset;\n"
       << "  " << t.name << "->rank = " << t.type.getRank() << ";\n";
    for (int64_t d = 0; d < t.type.getRank(); ++d)
      os << "  " << t.name << "->shape[" << d << "] = " << ri << ".sizes[" << d
         << "];\n";
  }
  os << "  return 0;\n";
}

llvm::json::Array tensorsJson(const std::vector<Tensor> &tensors) {
  llvm::json::Array list;
  for (const Tensor &t : tensors) {
    llvm::json::Array shape;
    for (int64_t d : t.type.getShape())
      shape.push_back(ShapedType::isDynamic(d) ? llvm::json::Value(nullptr)
                                               : llvm::json::Value(d));
    llvm::json::Object o{{"name", t.name},
                         {"dtype", dtypeName(t.type.getElementType())},
                         {"shape", std::move(shape)}};
    if (!t.hyperName.empty())
      o["hyper_name"] = t.hyperName;
    list.push_back(std::move(o));
  }
  return list;
}

} // namespace

std::vector<std::string> ModelInterface::exportedSymbols() const {
  std::vector<std::string> symbols;
  for (const Signature &s : functions)
    symbols.push_back(symbol(s.name));
  for (StringRef what : kReserved)
    symbols.push_back(symbol(what));
  return symbols;
}

bool hyper_compile::isReservedSuffix(StringRef function) {
  return llvm::is_contained(kReserved, function);
}

std::optional<StringRef> hyper_compile::cType(Type t) {
  if (t.isF32())
    return StringRef("float");
  if (t.isF64())
    return StringRef("double");
  if (t.isInteger(32))
    return StringRef("int32_t");
  if (t.isInteger(64))
    return StringRef("int64_t");
  return std::nullopt;
}

void hyper_compile::writeHeader(raw_ostream &os, const ModelInterface &model,
                                StringRef guard) {
  std::string release = model.symbol("release");
  os << "/* Generated by hyper-compile from " << model.source
     << "; do not edit.\n"
     << " *\n"
     << " * The C interface of model '" << model.name << "'.\n"
     << " *\n"
     << " * Linking. A --shared library records what it needs:\n"
     << " *   cc main.c -L. -l<library>\n"
     << " * an object file links with the project's runtime:\n"
     << " *   cc main.c model.o libHyperRuntime.a -lm -lstdc++"
     << (model.threads ? " -lomp" : "")
     << (model.cuda ? " libHyperCudaRuntime.so" : "") << "\n"
     << " * The model exports the functions below and nothing else.\n"
     << " *\n"
     << " * Inputs are C-order arrays, aligned as their element type; each "
        "is\n"
     << " * passed as a pointer, the number of elements the buffer holds "
        "and\n"
     << " * the sizes the model leaves dynamic. The entry points read them "
        "and\n"
     << " * keep no pointer to them.\n"
     << " *\n"
     << " * Results are allocated by the model (64-byte aligned) and owned "
        "by\n"
     << " * the caller: release each with " << release << "(). A\n"
     << " * result that shares an earlier result's storage (a function "
        "returning\n"
     << " * one value twice) has owner NULL and stays valid while that one "
        "lives;\n"
     << " * releasing it does nothing.\n"
     << (model.cuda ? " * The model runs on an NVIDIA GPU: the entry points "
                      "copy inputs into\n"
                      " * CUDA managed memory, and results live there. Without "
                      "a usable GPU\n"
                      " * (no driver or device) a call returns 2 before "
                      "running; a GPU error\n"
                      " * during a call (kernels the driver rejected, a failed "
                      "launch or\n"
                      " * allocation) makes it return 2 with the driver's "
                      "reason, its\n"
                      " * results released. hyperCudaStatus() of "
                      "libHyperCudaRuntime.so tells\n"
                      " * beforehand whether the GPU is usable.\n"
                    : "")
     << " *\n"
     << " * Errors. An entry point returns 0, or 1 without running the "
        "model\n"
     << " * when a pointer is NULL, a size negative, an element count "
        "different\n"
     << " * from what the sizes give or overflowing, or sizes that must "
        "agree\n"
     << " * differ"
     << (model.cuda ? ", and 2 when the GPU cannot run it or "
                      "fails\n * during the call"
                    : "")
     << "; " << model.symbol("last_error") << "() then says why.\n"
     << " * Nothing in the model or its runtime ends the process.\n"
     << " *\n"
     << " * Threads. The entry points may be called from several threads "
        "at\n"
     << " * once, on the same model: a call allocates its own buffers and "
        "the\n"
     << " * weights are read-only. The last error is kept per thread.\n"
     << " *\n"
     << " * " << model.symbol("metadata")
     << "() returns a JSON record of every entry point's\n"
     << " * inputs and results (names, dtypes, shapes with null where "
        "dynamic).\n"
     << " */\n"
     << "#ifndef " << guard << "\n#define " << guard << "\n\n"
     << "#include <stdint.h>\n\n"
     << "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n";
  writeResultType(os);
  for (const Signature &s : model.functions) {
    os << "/* @" << s.name << "\n";
    for (const Tensor &t : s.args)
      os << " *   in  " << t.name << ": " << shapeComment(t) << "\n";
    for (const Tensor &t : s.results)
      os << " *   out " << t.name << ": " << shapeComment(t) << "\n";
    os << " */\n" << prototype(model, s) << ";\n\n";
  }
  os << "/* Frees a result of this model's entry points and clears it; NULL "
        "or an\n * empty result does nothing. */\n"
     << "void " << release << "(hyper_result *result);\n\n"
     << "/* Why this thread's last failing call failed (\"\" if none). */\n"
     << "const char *" << model.symbol("last_error") << "(void);\n\n"
     << "/* The model's metadata record (JSON). */\n"
     << "const char *" << model.symbol("metadata") << "(void);\n\n"
     << "#ifdef __cplusplus\n} /* extern \"C\" */\n#endif\n\n#endif /* "
     << guard << " */\n";
}

void hyper_compile::writeEntryPoints(raw_ostream &os,
                                     const ModelInterface &model) {
  std::set<int64_t> ranks;
  for (const Signature &s : model.functions)
    for (const auto *list : {&s.args, &s.results})
      for (const Tensor &t : *list)
        ranks.insert(t.type.getRank());
  os << "/* The entry points of model '" << model.name
     << "', compiled into it. */\n"
     << "#include <stdint.h>\n#include <stddef.h>\n"
     << (model.cuda ? "#include <stdbool.h>\n#include <string.h>\n" : "")
     << "#define HYPER_API __attribute__((visibility(\"default\")))\n\n";
  writeResultType(os);
  for (int64_t r : ranks) {
    os << "typedef struct hyper_memref_" << r << " {\n"
       << "  void *allocated;\n  void *aligned;\n  int64_t offset;\n";
    if (r > 0)
      os << "  int64_t sizes[" << r << "];\n  int64_t strides[" << r << "];\n";
    os << "} hyper_memref_" << r << ";\n";
  }
  os << "\nint hyper_fail(const char *format, ...) "
        "__attribute__((format(printf, 1, 2)));\n"
     << "const char *hyper_last_error(void);\n";
  if (model.cuda)
    os << "void *mgpuMemAlloc(uint64_t bytes, void *stream, bool shared);\n"
       << "void mgpuMemFree(void *ptr, void *stream);\n"
       << "const char *hyperCudaStatus(void);\n"
       << "void hyperCudaBeginCall(void);\n"
       << "const char *hyperCudaEndCall(void);\n";
  else
    os << "void _mlir_memref_to_llvm_free(void *pointer);\n";
  for (const Signature &s : model.functions) {
    SmallVector<std::string> params;
    if (!s.results.empty()) {
      os << "typedef struct " << s.name << "_results {\n";
      for (auto [i, t] : llvm::enumerate(s.results))
        os << "  hyper_memref_" << t.type.getRank() << " r" << i << ";\n";
      os << "} " << s.name << "_results;\n";
      params.push_back(s.name + "_results *results");
    }
    for (auto [i, t] : llvm::enumerate(s.args))
      params.push_back("hyper_memref_" + std::to_string(t.type.getRank()) +
                       " *a" + std::to_string(i));
    os << "void _mlir_ciface_" << s.name << "("
       << (params.empty() ? "void" : llvm::join(params, ", ")) << ");\n\n"
       << "HYPER_API " << prototype(model, s) << " {\n";
    writeInputChecks(os, s);
    writeCall(os, s, model.cuda);
    os << "}\n\n";
  }
  os << "HYPER_API void " << model.symbol("release")
     << "(hyper_result *result) {\n"
     << "  if (!result) return;\n"
     << (model.cuda ? "  if (result->owner) mgpuMemFree(result->owner, 0);\n"
                    : "  _mlir_memref_to_llvm_free(result->owner);\n")
     << "  result->owner = 0;\n  result->data = 0;\n  result->rank = 0;\n}\n\n"
     << "HYPER_API const char *" << model.symbol("last_error")
     << "(void) { return hyper_last_error(); }\n\n"
     << "HYPER_API const char *" << model.symbol("metadata")
     << "(void) {\n  return \"" << cLiteral(metadataJson(model), false)
     << "\";\n}\n";
}

std::string hyper_compile::metadataJson(const ModelInterface &model) {
  llvm::json::Array functions;
  for (const Signature &s : model.functions)
    functions.push_back(
        llvm::json::Object{{"name", s.name},
                           {"symbol", model.symbol(s.name)},
                           {"inputs", tensorsJson(s.args)},
                           {"results", tensorsJson(s.results)}});
  llvm::json::Object record{{"format", "hyper-mlir-model"},
                            {"version", 1},
                            {"name", model.name},
                            {"source", model.source},
                            {"target", model.cuda ? "cuda" : "cpu"},
                            {"threads", model.threads},
                            {"release", model.symbol("release")},
                            {"last_error", model.symbol("last_error")},
                            {"functions", std::move(functions)}};
  std::string text;
  llvm::raw_string_ostream os(text);
  os << llvm::json::Value(std::move(record));
  return text;
}
