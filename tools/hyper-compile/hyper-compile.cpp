//===- hyper-compile.cpp - Ahead-of-time compile a hyper model --*- C++ -*-===//
//
//   hyper-compile FILE.mlir -o model.o [--header model.h] [--shared]
//                 [--target-cpu=host|NAME] [--target-features=+F,-G]
//                 [--weights=W.npz|DIR]
//                 [--function=NAME ...] [--emit=obj|llvm|mlir]
//                 [--target=cpu|cuda [--gpu-chip=sm_90 --gpu-features=+ptx80
//                  --gpu-format=fatbin|bin|isa]]
//
// Compiles the public functions of a model with the CPU pipeline (or, with
// --target=cuda, the GPU pipeline: host code plus embedded NVIDIA kernels)
// into an object file (or, with --shared, a shared library that includes
// the project's runtime) and writes a C header declaring one entry point per
// function with plain pointer and size arguments. Compiled models need the
// project's runtime (libHyperRuntime.a), libc/libm and, for CUDA, the
// project's libHyperCudaRuntime.so and the NVIDIA driver; no LLVM or MLIR.
//
//===----------------------------------------------------------------------===//

#include "hyper/Driver/Driver.h"
#include "hyper/Driver/TargetFlags.h"

#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Target/TargetOptions.h"
#include "llvm/TargetParser/Host.h"

#include <cstdio>
#include <set>

using namespace mlir;
using namespace mlir::hyper;
namespace cl = llvm::cl;

static cl::opt<std::string> inputFile(cl::Positional, cl::cat(toolOptions()),
                                      cl::desc("<model.mlir>"), cl::Required);
static cl::opt<std::string> outputFile("o", cl::cat(toolOptions()),
                                       cl::desc("Output file"), cl::Required);
static cl::opt<std::string> headerFile("header", cl::cat(toolOptions()),
                                       cl::desc("Write the C header here"));
static cl::opt<bool> shared("shared", cl::cat(toolOptions()),
                            cl::desc("Link a shared library (with the runtime) "
                                     "instead of writing an object file"));
static cl::opt<std::string>
    weightsFile("weights", cl::cat(toolOptions()),
                cl::desc("Bind arguments named with hyper.name to the arrays "
                         "of this .npz archive (or directory of NAME.npy "
                         "files) as constants"));
static cl::list<std::string>
    functionNames("function", cl::cat(toolOptions()),
                  cl::desc("Function to export (default: every public one)"));
enum class Emit { Object, LLVM, MLIR };
static cl::opt<Emit>
    emit("emit", cl::cat(toolOptions()), cl::desc("What to write"),
         cl::init(Emit::Object),
         cl::values(clEnumValN(Emit::Object, "obj", "object file (default)"),
                    clEnumValN(Emit::LLVM, "llvm", "LLVM IR"),
                    clEnumValN(Emit::MLIR, "mlir", "the LLVM dialect module")));
static cl::opt<bool>
    threads("parallel", cl::cat(toolOptions()),
            cl::desc("Run GEMM tiles on OpenMP threads; the program must "
                     "then link LLVM's OpenMP runtime (-lomp)"));
static TargetFlags targetFlags;
static cl::opt<std::string> cudaRuntimeLibrary(
    "cuda-runtime-library", cl::cat(toolOptions()),
    cl::desc("libHyperCudaRuntime.so to link with --shared --target=cuda"),
    cl::init(HYPER_CUDA_RUNTIME_LIBRARY_PATH));
static cl::opt<std::string>
    runtimeLibrary("runtime-library", cl::cat(toolOptions()),
                   cl::desc("libHyperRuntime.a to link with --shared"),
                   cl::init(HYPER_RUNTIME_LIBRARY_PATH));

namespace {

int fail(const llvm::Twine &message) {
  llvm::errs() << "hyper-compile: error: " << message << "\n";
  return 1;
}

/// A C identifier from a tensor name: "main.w_h" → "main_w_h".
std::string identifier(StringRef name, StringRef fallback) {
  if (name.empty())
    return fallback.str();
  std::string id;
  for (char c : name)
    id.push_back(llvm::isAlnum(c) ? c : '_');
  if (llvm::isDigit(id.front()))
    id.insert(id.begin(), '_');
  return id;
}

std::optional<StringRef> cType(Type t) {
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

/// One exported function's signature, as the header spells it.
struct Tensor {
  std::string name;
  RankedTensorType type;
};
struct Signature {
  std::string name;
  std::vector<Tensor> args, results;
  std::vector<ArgumentSizeCheck> checks; // sizes that must agree
};

/// "float32[N][16][14][14]" with dynamic sizes named by their parameter.
std::string shapeComment(const Tensor &t) {
  std::string s = describeType(t.type.getElementType());
  for (int64_t i = 0; i < t.type.getRank(); ++i)
    s += t.type.isDynamicDim(i)
             ? "[" + t.name + "_d" + std::to_string(i) + "]"
             : "[" + std::to_string(t.type.getDimSize(i)) + "]";
  return s;
}

/// Writes the C header for `signatures`.
/// `text` inside a C string literal used as a printf format: quotes,
/// backslashes and '%' escaped, other bytes outside printable ASCII as octal.
std::string formatLiteral(StringRef text) {
  std::string out;
  for (unsigned char c : text) {
    if (c == '"' || c == '\\')
      out += {'\\', static_cast<char>(c)};
    else if (c == '%')
      out += "%%";
    else if (c < 0x20 || c >= 0x7f) {
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

/// Checks of a convenience entry point's parameters before anything runs:
/// pointers, sizes (non-negative, byte counts within int64) and the sizes
/// the model's ops tie together (collectArgumentSizeChecks).
void writeInputChecks(llvm::raw_ostream &os, const Signature &s) {
  std::string at = "@" + s.name + ": ";
  for (const Tensor &t : s.results)
    os << "  if (!" << t.name << ") return hyper_fail(\"" << at << t.name
       << " is NULL\");\n"
       << "  " << t.name << "->owner = 0;\n  " << t.name << "->data = 0;\n";
  for (const Tensor &t : s.args) {
    os << "  if (!" << t.name << ") return hyper_fail(\"" << at << t.name
       << " is NULL\");\n";
    SmallVector<std::string> dims;
    for (unsigned d = 0; d < t.type.getRank(); ++d) {
      dims.push_back(dimExpr(t, d));
      if (t.type.isDynamicDim(d))
        os << "  if (" << dims.back() << " < 0) return hyper_fail(\"" << at
           << dims.back() << " = %lld is negative\", (long long)" << dims.back()
           << ");\n";
    }
    if (!t.type.hasStaticShape()) {
      os << "  {\n    int64_t n = (int64_t)sizeof(*" << t.name << ");\n";
      for (const std::string &d : dims)
        os << "    if (__builtin_mul_overflow(n, (int64_t)" << d
           << ", &n)) return hyper_fail(\"" << at << t.name
           << ": the byte size overflows int64\");\n";
      os << "  }\n";
    }
  }
  for (const ArgumentSizeCheck &c : s.checks) {
    const Tensor &a = s.args[c.argA];
    std::string lhs = dimExpr(a, c.dimA);
    std::string rhs =
        c.argB ? dimExpr(s.args[*c.argB], c.dimB) : std::to_string(c.size);
    std::string what =
        c.argB ? s.args[*c.argB].name + " has " + c.symbol + " = %lld"
               : "the weights fix " + c.symbol + " = %lld";
    std::string where = formatLiteral(c.where);
    os << "  if (" << lhs << " != " << rhs << ") return hyper_fail(\"" << at
       << a.name << " has " << c.symbol << " = %lld but " << what << ": "
       << where << " needs them equal\", (long long)" << lhs << ", (long long)"
       << rhs << ");\n";
  }
}

void writeHeader(llvm::raw_ostream &os, StringRef guard,
                 ArrayRef<Signature> signatures, bool cuda) {
  std::set<int64_t> ranks;
  for (const Signature &s : signatures)
    for (const auto *list : {&s.args, &s.results})
      for (const Tensor &t : *list)
        ranks.insert(t.type.getRank());

  os << "/* Generated by hyper-compile from "
     << llvm::sys::path::filename(inputFile) << "; do not edit.\n"
     << " *\n"
     << " * Link the object with the project's runtime (libHyperRuntime.a)"
     << (cuda ? ",\n * libHyperCudaRuntime.so" : "")
     << ", libm and libstdc++ (the runtime is\n"
     << " * C++): cc main.c model.o libHyperRuntime.a -lm -lstdc++. A "
        "--shared\n"
     << " * library holds the runtime and records its dependencies: cc main.c\n"
     << " * -lmodel. Inputs are C-order\n"
     << " * arrays; every size the model leaves dynamic is an argument. "
        "Results\n"
     << " * are allocated by the model: release each with "
     << (cuda ? "hyper_cuda_release()" : "hyper_release()")
     << "; a result that\n"
     << " * shares an earlier result's storage (a function returning one "
        "value\n"
     << " * twice) has owner NULL and stays valid while that one lives.\n"
     << " * Releasing owner NULL does nothing. "
     << (cuda
             ? "\n"
               " * The model runs on an NVIDIA GPU: the entry points copy "
               "inputs\n"
               " * into CUDA managed memory, and results live there. Without "
               "a\n"
               " * driver or device the first call exits with one error line;\n"
               " * hyperCudaStatus() tells beforehand. */\n"
             : "*/\n")
     << "#ifndef " << guard << "\n#define " << guard << "\n\n"
     << "#include <stdint.h>\n#include <stdlib.h>\n"
     << (cuda ? "#include <stdbool.h>\n#include <string.h>\n" : "") << "\n"
     << "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n"
     << "#ifndef HYPER_RESULT_DEFINED\n#define HYPER_RESULT_DEFINED\n"
     << "/* A result tensor: `data` holds the product of `shape` elements in "
        "C\n"
     << " * order. */\n"
     << "typedef struct hyper_result {\n  void *owner;\n  void *data;\n"
     << "  int64_t rank;\n  int64_t shape[8];\n} hyper_result;\n\n"
     << "/* From libHyperRuntime: why this thread's last call failed (\"\" "
        "if none),\n * and how the entry points record it. */\n"
     << "const char *hyper_last_error(void);\n"
     << "int hyper_fail(const char *format, ...);\n\n"
     << "/* From libHyperRuntime: the allocator of compiled code. */\n"
     << "void _mlir_memref_to_llvm_free(void *pointer);\n\n"
     << "static inline void hyper_release(hyper_result *r) {\n"
     << "  _mlir_memref_to_llvm_free(r->owner);\n  r->owner = 0;\n"
     << "  r->data = 0;\n}\n#endif\n\n";
  if (cuda)
    os << "#ifndef HYPER_CUDA_DEFINED\n#define HYPER_CUDA_DEFINED\n"
       << "/* From libHyperCudaRuntime.so: CUDA managed memory. */\n"
       << "void *mgpuMemAlloc(uint64_t bytes, void *stream, bool shared);\n"
       << "void mgpuMemFree(void *ptr, void *stream);\n"
       << "const char *hyperCudaStatus(void);\n\n"
       << "/* Releases a result of a CUDA model (managed memory). */\n"
       << "static inline void hyper_cuda_release(hyper_result *r) {\n"
       << "  mgpuMemFree(r->owner, 0);\n  r->owner = 0;\n  r->data = 0;\n}\n"
       << "#endif\n\n";
  for (int64_t r : ranks) {
    os << "#ifndef HYPER_MEMREF_" << r << "_DEFINED\n#define HYPER_MEMREF_" << r
       << "_DEFINED\n/* The strided memref descriptor of rank " << r
       << " (MLIR's C interface). */\n"
       << "typedef struct hyper_memref_" << r << " {\n"
       << "  void *allocated;\n  void *aligned;\n  int64_t offset;\n";
    if (r > 0)
      os << "  int64_t sizes[" << r << "];\n  int64_t strides[" << r << "];\n";
    os << "} hyper_memref_" << r << ";\n#endif\n\n";
  }

  for (const Signature &s : signatures) {
    std::string results = s.name + "_results";
    if (!s.results.empty()) {
      os << "typedef struct " << results << " {\n";
      for (auto [i, t] : llvm::enumerate(s.results))
        os << "  hyper_memref_" << t.type.getRank() << " r" << i << ";\n";
      os << "} " << results << ";\n";
    }
    os << "void _mlir_ciface_" << s.name << "(";
    SmallVector<std::string> params;
    if (!s.results.empty())
      params.push_back(results + " *results");
    for (auto [i, t] : llvm::enumerate(s.args))
      params.push_back("hyper_memref_" + std::to_string(t.type.getRank()) +
                       " *a" + std::to_string(i));
    os << llvm::join(params, ", ") << ");\n\n";

    // The convenience entry point.
    os << "/* @" << s.name << "\n";
    for (const Tensor &t : s.args)
      os << " *   in  " << t.name << ": " << shapeComment(t) << "\n";
    for (const Tensor &t : s.results)
      os << " *   out " << t.name << ": " << shapeComment(t) << "\n";
    os << " * Returns 0, or 1 without running anything when a pointer is "
          "NULL, a size\n * negative or too large, or sizes that must agree "
          "differ (the reason:\n * hyper_last_error()).\n";
    os << " */\nstatic inline int " << s.name << "(";
    params.clear();
    for (const Tensor &t : s.args) {
      params.push_back("const " + cType(t.type.getElementType())->str() + " *" +
                       t.name);
      for (int64_t i = 0; i < t.type.getRank(); ++i)
        if (t.type.isDynamicDim(i))
          params.push_back("int64_t " + t.name + "_d" + std::to_string(i));
    }
    for (const Tensor &t : s.results)
      params.push_back("hyper_result *" + t.name);
    os << (params.empty() ? "void" : llvm::join(params, ",\n    ")) << ") {\n";
    writeInputChecks(os, s);
    for (auto [i, t] : llvm::enumerate(s.args)) {
      int64_t r = t.type.getRank();
      SmallVector<std::string> sizes;
      for (int64_t d = 0; d < r; ++d)
        sizes.push_back(dimExpr(t, d));
      std::string data = "(void *)" + t.name;
      if (cuda) {
        // Kernels read the inputs: a managed copy of each.
        std::string bytes = llvm::join(sizes, " * ");
        os << "  uint64_t n" << i << " = (uint64_t)("
           << (bytes.empty() ? "1" : bytes) << ") * sizeof(*" << t.name
           << ");\n"
           << "  void *m" << i << " = mgpuMemAlloc(n" << i << ", 0, true);\n"
           << "  if (n" << i << ") memcpy(m" << i << ", " << t.name << ", n"
           << i << ");\n";
        data = "m" + std::to_string(i);
      }
      os << "  hyper_memref_" << r << " a" << i << " = {" << data << ", "
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
    if (!s.results.empty())
      os << "  " << results << " r;\n";
    params.clear();
    if (!s.results.empty())
      params.push_back("&r");
    for (size_t i = 0; i < s.args.size(); ++i)
      params.push_back("&a" + std::to_string(i));
    os << "  _mlir_ciface_" << s.name << "(" << llvm::join(params, ", ")
       << ");\n";
    if (cuda)
      for (size_t i = 0; i < s.args.size(); ++i)
        os << "  mgpuMemFree(m" << i << ", 0);\n";
    for (auto [i, t] : llvm::enumerate(s.results)) {
      std::string ri = "r.r" + std::to_string(i);
      // A result sharing an earlier one's allocation (the function returns
      // one value twice) gets no owner: release the first one only.
      std::string owner = ri + ".allocated";
      for (size_t j = 0; j < i; ++j)
        owner = "(" + ri + ".allocated == r.r" + std::to_string(j) +
                ".allocated) ? (void *)0 : " + owner;
      os << "  " << t.name << "->owner = " << owner << ";\n"
         << "  " << t.name << "->data = (" << *cType(t.type.getElementType())
         << " *)" << ri << ".aligned + " << ri << ".offset;\n"
         << "  " << t.name << "->rank = " << t.type.getRank() << ";\n";
      for (int64_t d = 0; d < t.type.getRank(); ++d)
        os << "  " << t.name << "->shape[" << d << "] = " << ri << ".sizes["
           << d << "];\n";
    }
    os << "  return 0;\n}\n\n";
  }
  os << "#ifdef __cplusplus\n} /* extern \"C\" */\n#endif\n\n#endif /* "
     << guard << " */\n";
}

/// Links `object` and the runtime (for `target`) into a shared library at
/// `output`.
int linkShared(StringRef object, StringRef output, const TargetInfo &target) {
  if (!llvm::sys::fs::exists(runtimeLibrary))
    return fail("runtime library '" + runtimeLibrary +
                "' not found; pass --runtime-library=PATH");
  llvm::ErrorOr<std::string> linker = llvm::sys::findProgramByName("clang-22");
  if (!linker)
    linker = llvm::sys::findProgramByName("cc");
  if (!linker)
    return fail("--shared needs a C compiler driver (clang-22 or cc) on PATH");
  SmallVector<StringRef> args = {*linker, "-shared", "-o", output, object};
  // Forced into the library before the runtime archive is searched: the
  // header's entry points call these, the model's object does not.
  args.append({"-Wl,--undefined=hyper_fail", "-Wl,--undefined=hyper_last_error",
               runtimeLibrary, "-lm"});
  // The runtime is C++: the library records libstdc++ so that C programs,
  // ctypes and dlopen load it without linking C++ themselves.
  args.push_back("-lstdc++");
  std::string openmpDir =
      llvm::sys::path::parent_path(HYPER_OPENMP_LIBRARY_PATH).str();
  std::string libraryPath = "-L" + openmpDir, rpath = "-Wl,-rpath," + openmpDir;
  if (target.threads)
    args.append({libraryPath, rpath, "-lomp"});
  std::string cudaRpath =
      "-Wl,-rpath," + llvm::sys::path::parent_path(cudaRuntimeLibrary).str();
  if (target.usesCuda()) {
    if (!llvm::sys::fs::exists(cudaRuntimeLibrary))
      return fail("CUDA runtime library '" + cudaRuntimeLibrary +
                  "' not found; pass --cuda-runtime-library=PATH");
    args.append({cudaRuntimeLibrary, cudaRpath});
  }
  std::string error;
  int rc =
      llvm::sys::ExecuteAndWait(*linker, args, std::nullopt, {}, 0, 0, &error);
  if (rc != 0)
    return fail("linking " + output + " failed" +
                (error.empty() ? "" : ": " + error));
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  registerToolCLOptions();
  setUpToolHelp("hyper-compile");
  cl::ParseCommandLineOptions(argc, argv,
                              "hyper-compile: ahead-of-time compile a hyper "
                              "model to an object file or shared library\n");
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();

  ToolContext tool;
  MLIRContext &context = tool.getContext();
  OwningOpRef<ModuleOp> module = tool.parse(inputFile);
  if (!module)
    return 1;

  // The target machine first, so that a bad --target-cpu fails fast.
  std::string triple = llvm::sys::getDefaultTargetTriple();
  std::string error;
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(llvm::Triple(triple), error);
  if (!target)
    return fail(error);
  std::string problem;
  std::optional<TargetInfo> compileTarget = targetFlags.get(threads, problem);
  if (!compileTarget)
    return fail(problem);
  // The host CPU for the CUDA target's host code.
  std::optional<CpuSelection> cpu =
      resolveCpu(*compileTarget, /*runsHere=*/false, problem);
  if (!cpu)
    return fail(problem);
  if (!cpu->warning.empty())
    llvm::errs() << "hyper-compile: warning: " << cpu->warning << "\n";
  std::unique_ptr<llvm::TargetMachine> tm(target->createTargetMachine(
      llvm::Triple(triple), cpu->cpu, cpu->features, llvm::TargetOptions(),
      llvm::Reloc::PIC_, std::nullopt, llvm::CodeGenOptLevel::Aggressive));
  if (!tm)
    return fail("cannot create a target machine for " + triple);
  if (compileTarget->kind == TargetKind::GPUEmulator)
    return fail("--target=gpu-emulator is for checking GPU schedules with "
                "hyper-run; compile for cpu or cuda");

  // Pick the functions to export.
  SmallVector<func::FuncOp> exported;
  if (functionNames.empty()) {
    for (auto f : module->getOps<func::FuncOp>())
      if (f.isPublic() && !f.isExternal())
        exported.push_back(f);
    if (exported.empty())
      return fail("the module has no public function to compile");
  }
  for (const std::string &name : functionNames) {
    FailureOr<func::FuncOp> f = selectFunction(*module, name);
    if (failed(f))
      return 1;
    exported.push_back(*f);
  }
  // Functions not asked for (and not called) are not compiled: with
  // --function=step, the model's sequence function need not be lowered.
  llvm::SmallPtrSet<Operation *, 4> keep;
  for (func::FuncOp f : exported)
    keep.insert(f);
  for (auto f : llvm::make_early_inc_range(module->getOps<func::FuncOp>()))
    if (!keep.count(f) && SymbolTable::symbolKnownUseEmpty(f, *module))
      f.erase();
  std::vector<Signature> signatures;
  for (func::FuncOp f : exported) {
    if (!weightsFile.empty()) {
      TimingScope bindTiming = tool.getTiming().nest("Bind weights");
      if (failed(bindWeightsFile(f, weightsFile)))
        return 1;
    }
    Signature s{f.getSymName().str(), {}, {}};
    std::set<std::string> used;
    auto add = [&](std::vector<Tensor> &list, Type t, StringAttr name,
                   std::string fallback) -> bool {
      auto tensor = dyn_cast<RankedTensorType>(t);
      if (!tensor || !cType(tensor.getElementType()) || tensor.getRank() > 8) {
        fail("@" + s.name + " has a " + describeType(t) +
             " argument or result; hyper-compile exports ranked tensors (rank "
             "<= 8) of f32, f64, i32 and i64");
        return false;
      }
      std::string id = identifier(name ? name.getValue() : "", fallback);
      while (!used.insert(id).second)
        id += "_";
      list.push_back({id, tensor});
      return true;
    };
    for (auto [i, t] : llvm::enumerate(f.getArgumentTypes()))
      if (!add(s.args, t, f.getArgAttrOfType<StringAttr>(i, "hyper.name"),
               "arg" + std::to_string(i)))
        return 1;
    for (auto [i, t] : llvm::enumerate(f.getResultTypes()))
      if (!add(s.results, t, f.getResultAttrOfType<StringAttr>(i, "hyper.name"),
               "result" + std::to_string(i)))
        return 1;
    s.checks = collectArgumentSizeChecks(f);
    f->setAttr("llvm.emit_c_interface", UnitAttr::get(&context));
    signatures.push_back(std::move(s));
  }

  stripNames(*module);
  if (failed(lowerFor(*module, *compileTarget, &tool.getTiming())))
    return 1;

  std::error_code ec;
  std::string objectPath = shared ? outputFile + ".o" : outputFile.getValue();
  auto output = std::make_unique<llvm::ToolOutputFile>(objectPath, ec,
                                                       llvm::sys::fs::OF_None);
  if (ec)
    return fail(objectPath + ": " + ec.message());
  TimingScope &timing = tool.getTiming();
  if (emit == Emit::MLIR) {
    TimingScope printTiming = timing.nest("Output");
    module->print(output->os());
  } else {
    llvm::LLVMContext llvmContext;
    TimingScope translation = timing.nest("Translation to LLVM IR");
    std::unique_ptr<llvm::Module> llvmModule =
        translateModuleToLLVMIR(*module, llvmContext, "hyper_model");
    if (!llvmModule)
      return fail("translation to LLVM IR failed");
    llvmModule->setTargetTriple(llvm::Triple(triple));
    llvmModule->setDataLayout(tm->createDataLayout());
    translation.stop();
    TimingScope optimization = timing.nest("LLVM optimization (O3)");
    if (llvm::Error err =
            makeOptimizingTransformer(3, 0, tm.get())(llvmModule.get()))
      return fail("LLVM optimization failed: " + toString(std::move(err)));
    optimization.stop();
    if (emit == Emit::LLVM) {
      TimingScope printTiming = timing.nest("Output");
      llvmModule->print(output->os(), nullptr);
    } else {
      TimingScope codegenTiming = timing.nest("Machine code generation");
      llvm::legacy::PassManager codegen;
      if (tm->addPassesToEmitFile(codegen, output->os(), nullptr,
                                  llvm::CodeGenFileType::ObjectFile))
        return fail("the target cannot emit object files");
      codegen.run(*llvmModule);
    }
  }
  output->os().flush();
  if (shared) {
    // The object is an intermediate: link it, then let it be removed.
    TimingScope linkTiming = timing.nest("Link");
    if (int rc = linkShared(objectPath, outputFile, *compileTarget))
      return rc;
  } else {
    output->keep();
  }

  if (!headerFile.empty()) {
    std::string guard =
        "HYPER_" +
        StringRef(identifier(llvm::sys::path::stem(headerFile), "MODEL"))
            .upper() +
        "_H";
    llvm::ToolOutputFile header(headerFile, ec, llvm::sys::fs::OF_Text);
    if (ec)
      return fail(headerFile + ": " + ec.message());
    writeHeader(header.os(), guard, signatures, compileTarget->usesCuda());
    header.keep();
  }
  return 0;
}
