//===- Driver.cpp - Shared steps of hyper-run and hyper-compile -*- C++ -*-===//

#include "hyper/Driver/Driver.h"
#include "hyper/Codegen/CPU/CpuSchedule.h"
#include "hyper/Codegen/CPU/Passes.h"
#include "hyper/Codegen/Common/Passes.h"
#include "hyper/Codegen/GPU/Passes.h"
#include "hyper/Conversion/Passes.h"
#include "hyper/Dialect/Hyper/IR/HyperDialect.h"
#include "hyper/Dialect/Hyper/IR/HyperOps.h"
#include "hyper/Dialect/Hyper/Transforms/Passes.h"
#include "hyper/Dialect/Hyper/Transforms/Weights.h"
#include "hyper/Version.h"
#include "llvm/ADT/StringSet.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Interfaces/ShapedOpInterfaces.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Support/Timing.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/SourceMgr.h"

#include <set>
#include <tuple>

using namespace mlir;
using namespace mlir::hyper;

void mlir::hyper::registerDriverDialects(DialectRegistry &registry) {
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registerAllToLLVMIRTranslations(registry);
  registry.insert<HyperDialect>();
}

/// Whether registerToolCLOptions ran: MLIR's pass-manager and timing flags
/// can only be applied once registered (a library user, such as the unit
/// tests, has not).
static bool toolCLOptionsRegistered = false;

ToolContext::ToolContext() {
  timingManager = std::make_unique<DefaultTimingManager>();
  if (toolCLOptionsRegistered)
    applyDefaultTimingManagerCLOptions(*timingManager);
  timing = timingManager->getRootScope();
  DialectRegistry registry;
  registerDriverDialects(registry);
  context = std::make_unique<MLIRContext>(registry);
  // MLIR prints the operation beside every diagnostic that names one (for a
  // function, all of it): the tools print the message and its source line
  // unless --mlir-print-op-on-diagnostic is given.
  auto &options = llvm::cl::getRegisteredOptions();
  auto printOp = options.find("mlir-print-op-on-diagnostic");
  if (printOp == options.end() || printOp->second->getNumOccurrences() == 0)
    context->printOpOnDiagnostic(false);
  context->loadAllAvailableDialects();
  sourceMgr = std::make_unique<llvm::SourceMgr>();
  diagnostics =
      std::make_unique<SourceMgrDiagnosticHandler>(*sourceMgr, context.get());
}

ToolContext::~ToolContext() = default;

OwningOpRef<ModuleOp> ToolContext::parse(StringRef path) {
  TimingScope parseTiming = timing.nest("Parse");
  std::string error;
  std::unique_ptr<llvm::MemoryBuffer> file = openInputFile(path, &error);
  if (!file) {
    emitError(UnknownLoc::get(context.get())) << error;
    return nullptr;
  }
  sourceMgr->AddNewSourceBuffer(std::move(file), SMLoc());
  return parseSourceFile<ModuleOp>(*sourceMgr, context.get());
}

FailureOr<func::FuncOp> mlir::hyper::selectFunction(ModuleOp module,
                                                    StringRef name,
                                                    std::string &error) {
  SmallVector<func::FuncOp> candidates;
  for (auto func : module.getOps<func::FuncOp>())
    if (func.isPublic() && !func.isExternal())
      candidates.push_back(func);
  std::string list;
  for (func::FuncOp f : candidates)
    list += (list.empty() ? "@" : ", @") + f.getSymName().str();
  if (!name.empty()) {
    auto func = module.lookupSymbol<func::FuncOp>(name);
    if (func && !func.isExternal())
      return func;
    error = "no function @" + name.str() + " in the module" +
            (list.empty() ? "" : " (its public functions: " + list + ")");
    return failure();
  }
  if (candidates.size() == 1)
    return candidates.front();
  error = candidates.empty()
              ? "the module has no public function to run"
              : "the module has " + std::to_string(candidates.size()) +
                    " public functions; pick one with --function=NAME (" +
                    list + ")";
  return failure();
}

void mlir::hyper::listFunctions(ModuleOp module, llvm::raw_ostream &os) {
  auto entry = [&](Type type, StringAttr name, unsigned i, StringRef kind) {
    os << "    " << kind << " #" << i;
    if (name)
      os << " '" << name.getValue() << "'";
    os << ": " << type << "\n";
  };
  for (auto func : module.getOps<func::FuncOp>()) {
    if (!func.isPublic() || func.isExternal())
      continue;
    os << "@" << func.getSymName() << "\n";
    for (auto [i, type] : llvm::enumerate(func.getArgumentTypes()))
      entry(type, func.getArgAttrOfType<StringAttr>(i, "hyper.name"), i,
            "input");
    for (auto [i, type] : llvm::enumerate(func.getResultTypes()))
      entry(type, func.getResultAttrOfType<StringAttr>(i, "hyper.name"), i,
            "result");
  }
}

FailureOr<unsigned>
mlir::hyper::bindWeightsFile(func::FuncOp func, StringRef weightsPath,
                             std::string &error,
                             std::vector<std::string> *unused) {
  std::optional<llvm::StringMap<DenseElementsAttr>> weights =
      loadWeights(weightsPath.str(), func.getContext(), error);
  if (!weights)
    return failure();
  if (unused) {
    llvm::StringSet<> names;
    for (unsigned i = 0; i < func.getNumArguments(); ++i)
      if (auto name = func.getArgAttrOfType<StringAttr>(i, "hyper.name"))
        names.insert(name.getValue());
    unused->clear();
    for (const auto &entry : *weights)
      if (!names.contains(entry.getKey()))
        unused->push_back(entry.getKey().str());
    llvm::sort(*unused);
  }
  return bindNamedArguments(func, *weights);
}

std::optional<CpuSelection>
mlir::hyper::resolveCpu(TargetInfo &target, bool runsHere, std::string &error) {
  std::optional<CpuSelection> selection =
      selectCpu(target.cpuName, target.cpuFeatures, error);
  if (!selection)
    return std::nullopt;
  if (runsHere) {
    std::string missing = missingHostFeatures(*selection);
    if (!missing.empty()) {
      error = "code for --target-cpu=" + target.cpuName + " uses " + missing +
              ", which this CPU lacks; compile it with hyper-compile to run "
              "elsewhere";
      return std::nullopt;
    }
  }
  target.cpu = selection->target;
  return selection;
}

void mlir::hyper::stripNames(ModuleOp module) {
  StringRef name = HyperDialect::getNameAttrName();
  for (auto func : module.getOps<func::FuncOp>()) {
    for (unsigned i = 0, e = func.getNumArguments(); i < e; ++i)
      func.removeArgAttr(i, name);
    for (unsigned i = 0, e = func.getNumResults(); i < e; ++i)
      func.removeResultAttr(i, StringAttr::get(module.getContext(), name));
  }
}

void mlir::hyper::registerToolCLOptions() {
  toolCLOptionsRegistered = true;
  // Pass names first: --mlir-print-ir-before=NAME and its kin list the
  // passes registered when their options are created.
  registerAllPasses();
  registerHyperPasses();
  registerHyperConversionPasses();
  registerHyperCodegenCommonPasses();
  registerHyperCodegenCPUPasses();
  registerHyperCodegenGPUPasses();
  registerMLIRContextCLOptions();
  registerAsmPrinterCLOptions();
  registerPassManagerCLOptions();
  registerDefaultTimingManagerCLOptions();
}

/// Input the upstream passes of the pipelines crash on although it
/// verifies: a constant `tensor.dim`/`memref.dim` index outside the rank
/// (undefined behaviour by the ops' definition; canonicalization folds it
/// into an out-of-range shape read). One located error each.
static LogicalResult checkPipelineInput(ModuleOp module) {
  WalkResult result = module.walk([](ShapedDimOpInterface dim) {
    Value source = dim.getShapedValue();
    OpFoldResult index = dim.getDimension();
    auto shaped = dyn_cast<ShapedType>(source.getType());
    std::optional<int64_t> i = getConstantIntValue(index);
    if (!shaped || !shaped.hasRank() || !i ||
        (*i >= 0 && *i < shaped.getRank()))
      return WalkResult::advance();
    emitError(dim->getLoc())
        << "'" << dim->getName() << "' index " << *i << " is outside the rank "
        << shaped.getRank() << " of " << shaped;
    return WalkResult::interrupt();
  });
  return failure(result.wasInterrupted());
}

LogicalResult mlir::hyper::lowerFor(ModuleOp module, const TargetInfo &target,
                                    TimingScope *timing) {
  if (failed(checkPipelineInput(module)))
    return failure();
  // Outlives the pass manager, whose instrumentation refers to it.
  TimingScope pipelineTiming =
      timing ? timing->nest("Pipeline") : TimingScope();
  PassManager pm(module.getContext());
  if (toolCLOptionsRegistered && failed(applyPassManagerCLOptions(pm)))
    return failure();
  if (timing)
    pm.enableTiming(pipelineTiming);
  if (target.printSchedule && target.kind == TargetKind::CPU) {
    std::string line;
    llvm::raw_string_ostream os(line);
    target.cpu.print(os);
    os << "; schedule ";
    CpuSchedule::forTarget(target.cpu, target.threads).printOptions(os);
    emitRemark(module.getLoc()) << "CPU target " << line;
  }
  target.buildPipeline(pm);
  return pm.run(module);
}

std::string mlir::hyper::describeType(Type type) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << type;
  return s;
}

//===----------------------------------------------------------------------===//
// Run-time size checks of a function's arguments
//===----------------------------------------------------------------------===//

/// The argument `v` is (through tensor.cast), if any.
static std::optional<unsigned> argumentOf(func::FuncOp func, Value v) {
  while (auto cast = v.getDefiningOp<tensor::CastOp>())
    v = cast.getSource();
  auto arg = dyn_cast<BlockArgument>(v);
  if (!arg || arg.getOwner() != &func.getBody().front())
    return std::nullopt;
  return arg.getArgNumber();
}

std::vector<ArgumentSizeCheck>
mlir::hyper::collectArgumentSizeChecks(func::FuncOp func) {
  std::vector<ArgumentSizeCheck> checks;
  std::set<std::tuple<unsigned, unsigned, int64_t, unsigned, int64_t>> seen;
  auto dynamicDim = [&](unsigned arg, unsigned dim) {
    auto type = dyn_cast<RankedTensorType>(func.getArgumentTypes()[arg]);
    return type && dim < type.getRank() && type.isDynamicDim(dim);
  };
  func.walk([&](Operation *op) {
    SmallVector<SizeAgreement> agreements;
    getSizeAgreements(op, agreements);
    for (const SizeAgreement &a : agreements) {
      std::optional<unsigned> argA = argumentOf(func, a.a);
      std::optional<unsigned> argB = a.b ? argumentOf(func, a.b) : std::nullopt;
      if (!argA || (a.b && !argB))
        continue;
      if (!dynamicDim(*argA, a.dimA) && !(argB && dynamicDim(*argB, a.dimB)))
        continue;
      auto key = std::tuple(*argA, a.dimA, argB ? int64_t(*argB) : -1,
                            argB ? a.dimB : 0, argB ? 0 : a.size);
      if (!seen.insert(key).second)
        continue;
      std::string where;
      llvm::raw_string_ostream os(where);
      os << op->getName() << " at ";
      if (auto file = dyn_cast<FileLineColLoc>(op->getLoc()))
        os << file.getFilename().getValue() << ":" << file.getLine() << ":"
           << file.getColumn();
      else
        os << op->getLoc();
      checks.push_back({*argA, a.dimA, argB, a.dimB, a.size, a.symbol.str(),
                        std::move(where)});
    }
  });
  return checks;
}

std::optional<std::string> mlir::hyper::violatedSizeCheck(
    ArrayRef<ArgumentSizeCheck> checks,
    function_ref<int64_t(unsigned arg, unsigned dim)> sizes,
    function_ref<std::string(unsigned arg)> argName) {
  for (const ArgumentSizeCheck &c : checks) {
    int64_t got = sizes(c.argA, c.dimA);
    int64_t want = c.argB ? sizes(*c.argB, c.dimB) : c.size;
    if (got == want)
      continue;
    std::string message;
    llvm::raw_string_ostream os(message);
    os << argName(c.argA) << " has " << c.symbol << " = " << got
       << " (dimension " << c.dimA << ")";
    if (c.argB)
      os << " but " << argName(*c.argB) << " has " << c.symbol << " = " << want
         << " (dimension " << c.dimB << ")";
    else
      os << " but the weights fix " << c.symbol << " = " << want;
    os << ": " << c.where << " needs them equal";
    return message;
  }
  return std::nullopt;
}

//===----------------------------------------------------------------------===//
// --help and --version
//===----------------------------------------------------------------------===//

llvm::cl::OptionCategory &mlir::hyper::toolOptions() {
  static llvm::cl::OptionCategory category("Options");
  return category;
}

void mlir::hyper::setUpToolHelp(StringRef toolName) {
  namespace cl = llvm::cl;
  // Hidden, not really hidden: --help-hidden still lists them.
  auto &options = cl::getRegisteredOptions();
  for (auto &entry : options) {
    cl::Option *option = entry.second;
    if (!llvm::is_contained(option->Categories, &toolOptions()) &&
        !llvm::is_contained({"help", "help-list", "version"}, option->ArgStr))
      option->setHiddenFlag(cl::Hidden);
  }
  // MLIR's options a model's user reaches for, listed with the tool's.
  static cl::OptionCategory mlirOptions("MLIR options (--help-hidden lists "
                                        "every LLVM and MLIR option)");
  for (StringRef name :
       {"mlir-timing", "mlir-timing-display", "mlir-print-ir-before",
        "mlir-print-ir-after", "mlir-print-ir-before-all",
        "mlir-print-ir-after-all", "mlir-elide-elementsattrs-if-larger",
        "mlir-print-debuginfo"}) {
    auto it = options.find(name);
    if (it == options.end())
      continue;
    it->second->setHiddenFlag(cl::NotHidden);
    it->second->addCategory(mlirOptions);
  }
  static std::string tool;
  tool = toolName.str();
  cl::SetVersionPrinter([](llvm::raw_ostream &os) {
    os << tool << " (hyper-mlir) " << HYPER_VERSION << "\n  LLVM/MLIR "
       << LLVM_VERSION_STRING << "\n";
  });
}
