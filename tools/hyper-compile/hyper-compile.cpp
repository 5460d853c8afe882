//===- hyper-compile.cpp - Ahead-of-time compile a hyper model --*- C++ -*-===//
//
//   hyper-compile FILE.mlir -o model.o [--header model.h] [--shared]
//                 [--target-cpu=host|NAME] [--target-features=+F,-G]
//                 [--weights=W.npz|DIR] [--name=MODEL] [--metadata=M.json]
//                 [--function=NAME ...] [--emit=obj|llvm|mlir]
//                 [--target=cpu|cuda [--gpu-chip=sm_90 --gpu-features=+ptx80
//                  --gpu-format=fatbin|bin|isa]]
//
// Compiles the public functions of a model with the CPU pipeline (or, with
// --target=cuda, the GPU pipeline: host code plus embedded NVIDIA kernels)
// into an object file (or, with --shared, a shared library that includes
// the project's runtime). Each function gets a checked C entry point,
// hyper_MODEL_FUNCTION, with plain pointer and size arguments (CInterface.h),
// compiled into the model; --header declares them and --metadata describes
// them for FFIs. Compiled models need the
// project's runtime (libHyperRuntime.a), libc/libm and, for CUDA, the
// project's libHyperCudaRuntime.so and the NVIDIA driver; no LLVM or MLIR.
//
//===----------------------------------------------------------------------===//

#include "CInterface.h"

#include "hyper/Driver/Driver.h"
#include "hyper/Driver/Progress.h"
#include "hyper/Driver/Summary.h"
#include "hyper/Driver/TargetFlags.h"

#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/IRReader/IRReader.h"
#include "llvm/Linker/Linker.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
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
using namespace hyper_compile;
namespace cl = llvm::cl;

static cl::opt<std::string> inputFile(cl::Positional, cl::cat(toolOptions()),
                                      cl::desc("<model.mlir>"), cl::Required);
static cl::opt<std::string> outputFile("o", cl::cat(toolOptions()),
                                       cl::desc("Output file"));
static cl::opt<std::string> headerFile("header", cl::cat(toolOptions()),
                                       cl::desc("Write the C header here"));
static cl::opt<std::string> modelNameFlag(
    "name", cl::cat(toolOptions()),
    cl::desc("The model's C name: entry points are hyper_NAME_FUNCTION "
             "(default: the module's name, else the input file's stem)"));
static cl::opt<std::string>
    metadataFile("metadata", cl::cat(toolOptions()),
                 cl::desc("Write the model's metadata record (JSON) here"));
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
static ProgressFlags progressFlags;
static cl::opt<bool> summaryFlag(
    "summary", cl::cat(toolOptions()),
    cl::desc("Print each exported function's parameter accounting (per "
             "hyper op: main weights, hypernetwork parameters, embeddings, "
             "generated weights, multiply-adds), then exit"));
static cl::opt<bool> listFunctionsFlag(
    "list-functions", cl::cat(toolOptions()),
    cl::desc("List the model's public functions with their inputs and "
             "results, then exit"));
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

/// A C compiler that emits LLVM bitcode of this LLVM version: clang-22 on
/// PATH, else the one the project was configured with.
std::optional<std::string> findClang() {
  if (llvm::ErrorOr<std::string> clang =
          llvm::sys::findProgramByName("clang-22"))
    return *clang;
  if (llvm::sys::fs::can_execute(HYPER_CLANG_PATH))
    return std::string(HYPER_CLANG_PATH);
  return std::nullopt;
}

/// A temporary file that is removed when this goes out of scope.
struct TemporaryFile {
  SmallString<128> path;
  // A pointer, so that moving the file moves the removal with it (a
  // FileRemover copies, and each copy removes).
  std::unique_ptr<llvm::FileRemover> remover;
};

/// A new temporary file PREFIX-*.SUFFIX holding what `write` writes (nothing
/// when null), or nullopt after one error line.
std::optional<TemporaryFile>
temporaryFile(StringRef prefix, StringRef suffix,
              llvm::function_ref<void(llvm::raw_ostream &)> write = nullptr) {
  auto file = std::make_optional<TemporaryFile>();
  if (std::error_code ec =
          llvm::sys::fs::createTemporaryFile(prefix, suffix, file->path)) {
    fail("cannot create a temporary file: " + ec.message());
    return std::nullopt;
  }
  file->remover = std::make_unique<llvm::FileRemover>(file->path);
  if (!write)
    return file;
  std::error_code ec;
  llvm::raw_fd_ostream os(file->path, ec);
  if (!ec)
    write(os);
  os.close();
  if (ec || os.has_error()) {
    fail("cannot write the temporary file " + file->path);
    return std::nullopt;
  }
  return file;
}

/// Runs `args` (args[0] the program); false after one error line naming
/// `what` when it fails.
bool runProgram(ArrayRef<StringRef> args, const llvm::Twine &what) {
  std::string error;
  if (llvm::sys::ExecuteAndWait(args[0], args, std::nullopt, {}, 0, 0,
                                &error) == 0)
    return true;
  fail(what + " failed" + (error.empty() ? "" : ": " + error));
  return false;
}

/// Compiles the model's C entry points (CInterface) and links them into
/// `module`, then gives every other definition internal linkage: the model
/// exports its API and nothing else, and LLVM sees both sides of each call.
LogicalResult addEntryPoints(llvm::Module &module,
                             const ModelInterface &model) {
  std::optional<std::string> clang = findClang();
  if (!clang) {
    fail("compiling the C entry points needs clang-22 on PATH (apt-get "
         "install clang-22)");
    return failure();
  }
  std::optional<TemporaryFile> source =
      temporaryFile("hyper-entry-points", "c", [&](llvm::raw_ostream &os) {
        writeEntryPoints(os, model);
      });
  std::optional<TemporaryFile> bitcode =
      source ? temporaryFile("hyper-entry-points", "bc") : std::nullopt;
  if (!bitcode)
    return failure();
  std::string targetFlag = "--target=" + module.getTargetTriple().str();
  if (!runProgram({*clang, "-x", "c", "-std=c11", "-O2", "-fPIC", targetFlag,
                   "-Wall", "-emit-llvm", "-c", source->path, "-o",
                   bitcode->path},
                  "compiling the C entry points"))
    return failure();
  llvm::SMDiagnostic diagnostic;
  std::unique_ptr<llvm::Module> entryPoints =
      llvm::parseIRFile(bitcode->path, diagnostic, module.getContext());
  if (!entryPoints) {
    fail("reading the compiled entry points: " + diagnostic.getMessage());
    return failure();
  }
  entryPoints->setDataLayout(module.getDataLayout());
  // The entry points are compiled for the model's CPU, like the rest.
  for (llvm::Function &f : *entryPoints)
    for (StringRef attribute : {"target-cpu", "target-features", "tune-cpu"})
      f.removeFnAttr(attribute);
  if (llvm::Linker::linkModules(module, std::move(entryPoints))) {
    fail("linking the entry points into the model failed");
    return failure();
  }
  llvm::StringSet<> exported;
  for (const std::string &symbol : model.exportedSymbols())
    exported.insert(symbol);
  for (llvm::Function &f : module)
    if (!f.isDeclaration() && !exported.contains(f.getName()))
      f.setLinkage(llvm::GlobalValue::InternalLinkage);
  for (llvm::GlobalVariable &g : module.globals())
    if (!g.isDeclaration() && !g.hasAppendingLinkage() &&
        !g.getName().starts_with("llvm."))
      g.setLinkage(llvm::GlobalValue::InternalLinkage);
  return success();
}

/// Links `object` and the runtime (for `target`) into a shared library at
/// `output` that exports `model`'s API only.
int linkShared(StringRef object, StringRef output, const TargetInfo &target,
               const ModelInterface &model) {
  if (!llvm::sys::fs::exists(runtimeLibrary))
    return fail("runtime library '" + runtimeLibrary +
                "' not found; pass --runtime-library=PATH");
  std::optional<std::string> linker = findClang();
  if (!linker)
    if (llvm::ErrorOr<std::string> cc = llvm::sys::findProgramByName("cc"))
      linker = *cc;
  if (!linker)
    return fail("--shared needs a C compiler driver (clang-22 or cc) on PATH");
  // Everything but the model's API stays local: the runtime's functions,
  // its C++ library instantiations and the compiled code.
  std::optional<TemporaryFile> versionScript =
      temporaryFile("hyper-exports", "map", [&](llvm::raw_ostream &os) {
        os << "{\n  global:\n";
        for (const std::string &symbol : model.exportedSymbols())
          os << "    " << symbol << ";\n";
        os << "  local: *;\n};\n";
      });
  if (!versionScript)
    return 1;
  std::string versionFlag =
      ("-Wl,--version-script=" + versionScript->path).str();
  SmallVector<StringRef> args = {*linker, "-shared",   "-o",           output,
                                 object,  versionFlag, runtimeLibrary, "-lm"};
  // The runtime is C++: the library records libstdc++ so that C programs,
  // ctypes and dlopen load it without linking C++ themselves.
  args.push_back("-lstdc++");
  // A sanitizer build's runtime is instrumented: the library records the
  // sanitizers' shared runtime too.
  SmallVector<StringRef> sanitizerFlags;
  StringRef(HYPER_SANITIZER_LINK_FLAGS)
      .split(sanitizerFlags, ' ', -1, /*KeepEmpty=*/false);
  args.append(sanitizerFlags.begin(), sanitizerFlags.end());
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
  return runProgram(args, "linking " + output) ? 0 : 1;
}

/// The model's C name: --name, else the module's name, else the input
/// file's stem.
std::string modelName(ModuleOp module) {
  if (!modelNameFlag.empty())
    return modelNameFlag;
  if (std::optional<StringRef> name = module.getSymName())
    return identifier(*name, "model");
  return identifier(llvm::sys::path::stem(inputFile), "model");
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
  // The runtime beside this hyper-compile (bin/../lib, in the build tree
  // and in an installation) unless given.
  std::string self = llvm::sys::fs::getMainExecutable(
      argv[0], reinterpret_cast<void *>(&identifier));
  SmallString<256> libDir(
      llvm::sys::path::parent_path(llvm::sys::path::parent_path(self)));
  llvm::sys::path::append(libDir, "lib");
  for (auto [flag, file] :
       {std::pair{&runtimeLibrary, "libHyperRuntime.a"},
        std::pair{&cudaRuntimeLibrary, "libHyperCudaRuntime.so"}}) {
    SmallString<256> beside(libDir);
    llvm::sys::path::append(beside, file);
    if (flag->getNumOccurrences() == 0 && llvm::sys::fs::exists(beside))
      *flag = beside.str().str();
  }

  Progress progress("hyper-compile", progressFlags);
  progress.stage("parsing");
  ToolContext tool;
  MLIRContext &context = tool.getContext();
  OwningOpRef<ModuleOp> module = tool.parse(inputFile);
  if (!module)
    return 1;
  if (listFunctionsFlag) {
    listFunctions(*module, llvm::outs());
    return 0;
  }

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
    FailureOr<func::FuncOp> f = selectFunction(*module, name, problem);
    if (failed(f))
      return fail(problem);
    exported.push_back(*f);
  }
  if (summaryFlag) {
    for (auto [i, f] : llvm::enumerate(exported)) {
      llvm::outs() << (i ? "\n" : "") << "@" << f.getSymName() << "\n";
      printParameterSummary(summarizeParameters(f), llvm::outs());
    }
    return 0;
  }
  if (outputFile.empty())
    return fail("no output file: give -o FILE");
  // Functions not asked for (and not called) are not compiled: with
  // --function=step, the model's sequence function need not be lowered.
  llvm::SmallPtrSet<Operation *, 4> keep;
  for (func::FuncOp f : exported)
    keep.insert(f);
  for (auto f : llvm::make_early_inc_range(module->getOps<func::FuncOp>()))
    if (!keep.count(f) && SymbolTable::symbolKnownUseEmpty(f, *module))
      f.erase();
  ModelInterface model;
  model.name = modelName(*module);
  if (identifier(model.name, "") != model.name)
    return fail("--name=" + model.name + " is not a C identifier");
  model.source = llvm::sys::path::filename(inputFile).str();
  model.cuda = compileTarget->usesCuda();
  model.threads = compileTarget->threads;
  for (func::FuncOp f : exported) {
    StringRef fname = f.getSymName();
    if (identifier(fname, "") != fname || isReservedSuffix(fname))
      return fail("@" + fname + " cannot be exported as hyper_" + model.name +
                  "_" + fname +
                  ": an exported function needs a C identifier for a name, "
                  "other than release, last_error and metadata");
    if (!weightsFile.empty()) {
      progress.stage("binding weights");
      TimingScope bindTiming = tool.getTiming().nest("Bind weights");
      if (failed(bindWeightsFile(f, weightsFile, problem)))
        return problem.empty() ? 1 : fail("--weights: " + problem);
    }
    Signature s{fname.str(), {}, {}, {}};
    // The entry point's locals are hyper_* (a parameter named so, as the
    // HyperLSTM's hyper.w_x, becomes arg_hyper_w_x); its size parameters
    // NAME_count and NAME_dI.
    std::set<std::string> used;
    auto taken = [&](const std::string &id, unsigned rank) {
      if (used.count(id))
        return true;
      for (unsigned d = 0; d < rank; ++d)
        if (used.count(id + "_d" + std::to_string(d)))
          return true;
      return used.count(id + "_count") > 0;
    };
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
      if (StringRef(id).starts_with("hyper_"))
        id = "arg_" + id;
      while (taken(id, tensor.getRank()))
        id += "_";
      used.insert(id);
      used.insert(id + "_count");
      for (unsigned d = 0; d < tensor.getRank(); ++d)
        used.insert(id + "_d" + std::to_string(d));
      list.push_back({id, name ? name.getValue().str() : "", tensor});
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
    model.functions.push_back(std::move(s));
  }

  stripNames(*module);
  progress.stage("lowering to the LLVM dialect");
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
    progress.stage("translating to LLVM IR");
    TimingScope translation = timing.nest("Translation to LLVM IR");
    std::unique_ptr<llvm::Module> llvmModule =
        translateModuleToLLVMIR(*module, llvmContext, "hyper_model");
    if (!llvmModule)
      return fail("translation to LLVM IR failed");
    llvmModule->setTargetTriple(llvm::Triple(triple));
    llvmModule->setDataLayout(tm->createDataLayout());
    translation.stop();
    {
      progress.stage("compiling the C entry points");
      TimingScope entryTiming = timing.nest("C entry points");
      if (failed(addEntryPoints(*llvmModule, model)))
        return 1;
    }
    progress.stage("LLVM optimization (O3)");
    TimingScope optimization = timing.nest("LLVM optimization (O3)");
    if (llvm::Error err =
            makeOptimizingTransformer(3, 0, tm.get())(llvmModule.get()))
      return fail("LLVM optimization failed: " + toString(std::move(err)));
    optimization.stop();
    if (emit == Emit::LLVM) {
      TimingScope printTiming = timing.nest("Output");
      llvmModule->print(output->os(), nullptr);
    } else {
      progress.stage("machine code generation");
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
    progress.stage("linking");
    TimingScope linkTiming = timing.nest("Link");
    if (int rc = linkShared(objectPath, outputFile, *compileTarget, model))
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
    writeHeader(header.os(), model, guard);
    header.keep();
  }
  if (!metadataFile.empty()) {
    llvm::ToolOutputFile metadata(metadataFile, ec, llvm::sys::fs::OF_Text);
    if (ec)
      return fail(metadataFile + ": " + ec.message());
    metadata.os() << metadataJson(model) << "\n";
    metadata.keep();
  }
  progress.done();
  return 0;
}
