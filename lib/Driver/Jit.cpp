//===- Jit.cpp - Compile and call a hyper function in-process ---*- C++ -*-===//

#include "hyper/Driver/Jit.h"
#include "hyper/Driver/Driver.h"
#include "hyper/Runtime/Allocator.h"
#include "hyper/Runtime/CudaRuntime.h"
#include "hyper/Runtime/MemRef.h"
#include "hyper/Runtime/Schedule.h"

#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/ExecutionEngine/Orc/Mangling.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/SubtargetFeature.h"

#include <cstring>

using namespace mlir;
using namespace mlir::hyper;
namespace rt = hyperrt;

std::optional<rt::DType> mlir::hyper::dtypeOf(Type elementType) {
  if (elementType.isF32())
    return rt::DType::F32;
  if (elementType.isF64())
    return rt::DType::F64;
  if (elementType.isInteger(32))
    return rt::DType::I32;
  if (elementType.isInteger(64))
    return rt::DType::I64;
  return std::nullopt;
}

bool mlir::hyper::fitsTensorType(const rt::Array &array, RankedTensorType type,
                                 std::string &error) {
  bool shapeOk = array.rank() == type.getRank();
  for (int64_t i = 0; shapeOk && i < type.getRank(); ++i)
    shapeOk = type.isDynamicDim(i) || type.getDimSize(i) == array.shape()[i];
  if (dtypeOf(type.getElementType()) == array.dtype() && shapeOk)
    return true;
  error = "expected " + describeType(type) + ", got " +
          rt::dtypeName(array.dtype()) + " array of shape " +
          array.shapeString();
  return false;
}

namespace {

/// The JIT's target machine: the host's, for the CPU `cpu` selected (one
/// the host can run code for, see resolveCpu; the host itself by default).
std::unique_ptr<llvm::TargetMachine>
jitTargetMachine(const std::optional<CpuSelection> &cpu, std::string &error) {
  auto builder = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!builder) {
    error = llvm::toString(builder.takeError());
    return nullptr;
  }
  if (cpu) {
    builder->setCPU(cpu->cpu);
    builder->getFeatures() = llvm::SubtargetFeatures(cpu->features);
  }
  builder->setCodeGenOptLevel(llvm::CodeGenOptLevel::Aggressive);
  auto tm = builder->createTargetMachine();
  if (!tm) {
    error = llvm::toString(tm.takeError());
    return nullptr;
  }
  return std::move(*tm);
}

/// JIT-compiles a module lowered to the LLVM dialect, optimised at -O3 for
/// `tm`, with `libraries` loaded and the project's runtime resolvable.
/// Translation and LLVM's optimization are timed under `timing`.
std::unique_ptr<ExecutionEngine> createEngine(ModuleOp module,
                                              llvm::TargetMachine &tm,
                                              ArrayRef<StringRef> libraries,
                                              TimingScope &timing,
                                              std::string &error) {
  auto optimize = makeOptimizingTransformer(3, 0, &tm);
  // The engine translates to LLVM IR, then calls the transformer.
  TimingScope translation = timing.nest("Translation to LLVM IR");
  auto transformer = [&](llvm::Module *m) {
    translation.stop();
    TimingScope optimization = timing.nest("LLVM optimization (O3)");
    return optimize(m);
  };
  ExecutionEngineOptions options;
  options.transformer = transformer;
  options.jitCodeGenOptLevel = llvm::CodeGenOptLevel::Aggressive;
  options.sharedLibPaths = libraries;
  auto engine = ExecutionEngine::create(module, options);
  if (!engine) {
    error = "JIT compilation failed: " + llvm::toString(engine.takeError());
    return nullptr;
  }
  // libHyperRuntime is linked statically, so its symbols are not exported
  // to the JIT; the GPU runtime (mgpu*) is a shared library the process
  // search finds.
  (*engine)->registerSymbols([](llvm::orc::MangleAndInterner interner) {
    llvm::orc::SymbolMap symbols;
    auto add = [&](StringRef name, auto *function) {
      symbols[interner(name)] = {llvm::orc::ExecutorAddr::fromPtr(function),
                                 llvm::JITSymbolFlags::Exported};
    };
    add("memrefCopy", &memrefCopy);
    add("_mlir_memref_to_llvm_alloc", &_mlir_memref_to_llvm_alloc);
    add("_mlir_memref_to_llvm_aligned_alloc",
        &_mlir_memref_to_llvm_aligned_alloc);
    add("_mlir_memref_to_llvm_free", &_mlir_memref_to_llvm_free);
    add("hyper_schedule_init", &hyper_schedule_init);
    add("hyper_schedule_next", &hyper_schedule_next);
    return symbols;
  });
  return std::move(*engine);
}

} // namespace

JitFunction::~JitFunction() = default;

std::unique_ptr<JitFunction>
JitFunction::prepare(ModuleOp module, func::FuncOp func, std::string &error) {
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  std::unique_ptr<JitFunction> jit(new JitFunction());
  jit->name = func.getSymName().str();
  jit->type = func.getFunctionType();
  for (Type t : llvm::concat<const Type>(jit->type.getInputs(),
                                         jit->type.getResults())) {
    auto tensor = dyn_cast<RankedTensorType>(t);
    if (!tensor || !dtypeOf(tensor.getElementType())) {
      error = "@" + jit->name + " has a " + describeType(t) +
              " argument or result; only ranked tensors of f32, f64, i32 and "
              "i64 can be passed";
      return nullptr;
    }
  }
  func->setAttr("llvm.emit_c_interface", UnitAttr::get(func.getContext()));
  stripNames(module);
  return jit;
}

std::unique_ptr<JitFunction>
JitFunction::compile(ModuleOp module, func::FuncOp func, std::string &error,
                     TargetInfo target, TimingScope *timing) {
  TimingScope noTiming;
  TimingScope &scope = timing ? *timing : noTiming;
  std::unique_ptr<JitFunction> jit = prepare(module, func, error);
  if (!jit)
    return nullptr;
  jit->cuda = target.usesCuda();
  std::optional<CpuSelection> cpu;
  if (target.kind == TargetKind::CPU) {
    cpu = resolveCpu(target, /*runsHere=*/true, error);
    if (!cpu)
      return nullptr;
    if (!cpu->warning.empty())
      llvm::errs() << "warning: " << cpu->warning << "\n";
  }
  std::unique_ptr<llvm::TargetMachine> tm = jitTargetMachine(cpu, error);
  if (!tm)
    return nullptr;
  StringRef openmp = HYPER_OPENMP_LIBRARY_PATH;
  if (target.threads && !llvm::sys::fs::exists(openmp)) {
    error = "--parallel needs the OpenMP runtime (libomp), which was not found "
            "at build time";
    return nullptr;
  }
  if (failed(lowerFor(module, target, timing))) {
    error = "lowering for " + target.describe() + " failed";
    return nullptr;
  }
  SmallVector<StringRef> libraries;
  if (target.threads)
    libraries.push_back(openmp);
  jit->engine = createEngine(module, *tm, libraries, scope, error);
  if (!jit->engine)
    return nullptr;
  // LLJIT generates machine code on the first lookup: do it here, so that
  // an unresolved symbol is a compile error and calls time only the call.
  TimingScope codegen = scope.nest("Machine code generation");
  if (auto entry = jit->engine->lookupPacked("_mlir_ciface_" + jit->name);
      !entry) {
    error = "JIT compilation failed: " + llvm::toString(entry.takeError());
    return nullptr;
  }
  return jit;
}

std::optional<std::vector<rt::Array>>
JitFunction::call(std::vector<rt::Array> &args, std::string &error,
                  bool copyResults) {
  if (args.size() != type.getNumInputs()) {
    error = "@" + name + " takes " + std::to_string(type.getNumInputs()) +
            " argument(s), got " + std::to_string(args.size());
    return std::nullopt;
  }
  for (auto [i, a] : llvm::enumerate(args))
    if (!fitsTensorType(a, cast<RankedTensorType>(type.getInput(i)), error)) {
      error = "argument #" + std::to_string(i) + ": " + error;
      return std::nullopt;
    }

  // The C interface takes a pointer to a struct of result descriptors (when
  // there are results), then a pointer to each argument's descriptor.
  size_t resultWords = 0;
  for (Type t : type.getResults())
    resultWords += 3 + 2 * cast<RankedTensorType>(t).getRank();
  std::vector<int64_t> results(std::max<size_t>(resultWords, 1));
  std::vector<std::vector<int64_t>> descriptors;
  // Kernels read the arguments: on a GPU, from managed copies.
  SmallVector<void *> staged;
  if (cuda) {
    if (const char *why = hyperCudaStatus()) {
      error = "@" + name + ": " + why;
      return std::nullopt;
    }
    hyperCudaBeginCall();
  }
  for (rt::Array &a : args) {
    if (!cuda) {
      descriptors.push_back(rt::denseDescriptor(a));
      continue;
    }
    size_t bytes = a.numBytes();
    void *copy = mgpuMemAlloc(bytes, nullptr, /*isHostShared=*/true);
    if (bytes)
      std::memcpy(copy, a.data(), bytes);
    staged.push_back(copy);
    descriptors.push_back(rt::denseDescriptor(a, copy));
  }
  SmallVector<void *> pointers, descriptorPtrs;
  void *resultPtr = results.data();
  if (type.getNumResults() > 0)
    pointers.push_back(&resultPtr);
  for (auto &d : descriptors)
    descriptorPtrs.push_back(d.data());
  for (void *&p : descriptorPtrs)
    pointers.push_back(&p);
  if (llvm::Error err =
          engine->invokePacked("_mlir_ciface_" + name, pointers)) {
    error = "cannot call @" + name + ": " + llvm::toString(std::move(err));
    return std::nullopt;
  }
  for (void *copy : staged)
    mgpuMemFree(copy, nullptr);
  // After a GPU error the results are meaningless: released, not copied.
  const char *gpuError = cuda ? hyperCudaEndCall() : nullptr;
  if (gpuError) {
    error = "@" + name + ": GPU: " + gpuError;
    copyResults = false;
  }

  std::vector<rt::Array> out;
  // Results are fresh allocations owned by the caller; a function that
  // returns one value twice (or views of one buffer) returns one
  // allocation several times, released once.
  llvm::SmallPtrSet<void *, 8> released;
  for (size_t at = 0, i = 0; i < type.getNumResults(); ++i) {
    auto t = cast<RankedTensorType>(type.getResult(i));
    if (copyResults)
      out.push_back(rt::arrayFromDescriptor(results.data() + at, t.getRank(),
                                            *dtypeOf(t.getElementType())));
    auto *allocated = reinterpret_cast<void *>(results[at]);
    at += 3 + 2 * t.getRank();
    if (!released.insert(allocated).second)
      continue;
    if (cuda)
      mgpuMemFree(allocated, nullptr);
    else
      _mlir_memref_to_llvm_free(allocated);
  }
  if (gpuError)
    return std::nullopt;
  return out;
}
