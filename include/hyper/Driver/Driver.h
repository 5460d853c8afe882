//===- Driver.h - Shared steps of hyper-run and hyper-compile ---*- C++ -*-===//

#ifndef HYPER_DRIVER_DRIVER_H
#define HYPER_DRIVER_DRIVER_H

#include "hyper/Target/CpuDescription.h"
#include "hyper/Target/TargetInfo.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/OwningOpRef.h"
#include "mlir/Support/Timing.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace llvm {
class MCSubtargetInfo;
class raw_ostream;
namespace cl {
class OptionCategory;
} // namespace cl
class SourceMgr;
} // namespace llvm

namespace mlir {
class SourceMgrDiagnosticHandler;
} // namespace mlir

namespace mlir::hyper {

/// Registers what models and the pipelines use: the hyper dialect, every
/// upstream dialect and extension, and the LLVM IR translations.
void registerDriverDialects(DialectRegistry &registry);

/// The MLIR context of a tool run: every dialect models use is registered
/// and loaded, and diagnostics print as `file:line:col: error: ...` with the
/// source line.
class ToolContext {
public:
  ToolContext();
  ~ToolContext();

  MLIRContext &getContext() { return *context; }

  /// The root of the run's timing report (`--mlir-timing`, once
  /// registerToolCLOptions ran): each phase of the tool nests a scope under
  /// it (`getTiming().nest("Parse")`), lowerFor nests the pass pipeline.
  /// The report prints when the ToolContext is destroyed. Without
  /// `--mlir-timing` every scope is a no-op.
  TimingScope &getTiming() { return timing; }

  /// Parses the model at `path` ("-" for stdin); null (error reported) on
  /// failure.
  OwningOpRef<ModuleOp> parse(StringRef path);

private:
  std::unique_ptr<MLIRContext> context;
  std::unique_ptr<llvm::SourceMgr> sourceMgr;
  std::unique_ptr<SourceMgrDiagnosticHandler> diagnostics;
  // Declared in this order so that the root scope stops before the manager
  // prints its report.
  std::unique_ptr<DefaultTimingManager> timingManager;
  TimingScope timing;
};

/// The function to compile or run: `name` when given, else the only public
/// function of the module. Otherwise fails with a message, naming the
/// candidates, in `error` (a tool-level error: it has no source location).
FailureOr<func::FuncOp> selectFunction(ModuleOp module, StringRef name,
                                       std::string &error);

/// Prints the module's public functions, one line each, then an indented
/// line per input and result with its `hyper.name` and type (the tools'
/// --list-functions).
void listFunctions(ModuleOp module, llvm::raw_ostream &os);

/// Binds the function's named arguments to the arrays of the .npz archive at
/// `weightsPath` (see bindNamedArguments). Returns the number bound; with
/// `unused`, also the archive's names that no argument has, sorted (for
/// messages about arguments left unbound). Fails with `error` set when the
/// archive cannot be read (a tool-level error), or with it empty after
/// diagnostics at the arguments that do not fit their arrays.
FailureOr<unsigned> bindWeightsFile(func::FuncOp func, StringRef weightsPath,
                                    std::string &error,
                                    std::vector<std::string> *unused = nullptr);

/// Removes the `hyper.name` attributes of every function's arguments and
/// results: ABI metadata the tools read before lowering, which LLVM IR has no
/// place for.
void stripNames(ModuleOp module);

/// Resolves a CPU target's `cpuName` and `cpuFeatures` (selectCpu), fills
/// in its `cpu` description, and returns the CPU name and features to build
/// LLVM's TargetMachine from. `runsHere`: the code will run on this machine
/// (the JIT), so a CPU whose ISA this machine lacks is an error. The
/// selection's `warning` is for the caller to print.
std::optional<CpuSelection> resolveCpu(TargetInfo &target, bool runsHere,
                                       std::string &error);

/// Runs `target`'s pipeline on `module` (diagnostics through the context),
/// its passes timed under a "Pipeline" scope nested in `timing` when given.
LogicalResult lowerFor(ModuleOp module, const TargetInfo &target,
                       TimingScope *timing = nullptr);

/// Registers MLIR's context, printer, pass-manager and timing flags with
/// LLVM's command line (`--mlir-disable-threading`,
/// `--mlir-print-ir-after-all`, `--mlir-print-ir-before=PASS`,
/// `--mlir-elide-elementsattrs-if-larger=N`, `--mlir-timing`, ...), which
/// ToolContext and lowerFor then apply, and every pass's name for the
/// pass-selecting ones. Call before parsing the command line.
void registerToolCLOptions();

/// The tools' own options (`hyper-run --help` lists these and the MLIR
/// options a model's user needs; `--help-hidden` lists every option of
/// LLVM's and MLIR's too).
llvm::cl::OptionCategory &toolOptions();

/// Hides from --help what LLVM and MLIR register besides toolOptions() and
/// a few MLIR options users need (timing, IR printing), and makes
/// --version print the project's version with LLVM's. Call after
/// registerToolCLOptions, before parsing.
void setUpToolHelp(StringRef toolName);

/// A short description of a tensor or memref type for messages and headers:
/// "tensor<?x16xf32>" → ("f32", {-1, 16}).
std::string describeType(Type type);

/// A size relation of some op's contract (getSizeAgreements) between the
/// function's arguments, which the entry's caller must satisfy: dimension
/// `dimA` of argument `argA` equals dimension `dimB` of argument `argB`, or
/// `size` when `argB` is unset. Only relations that involve a dynamic size
/// of an argument's type are listed (the rest the types guarantee).
struct ArgumentSizeCheck {
  unsigned argA, dimA;
  std::optional<unsigned> argB;
  unsigned dimB;
  int64_t size;
  std::string symbol; ///< "B", "T", "N_x", ...
  std::string where;  ///< "hyper.lstm at model.mlir:12:8"
};

/// The size checks of `func`'s arguments, each relation once.
std::vector<ArgumentSizeCheck> collectArgumentSizeChecks(func::FuncOp func);

/// The first check `sizes(arg, dim)` violates, as a message that names both
/// arguments (with `argName(i)`, e.g. "input #1 ('h0')") and the op, or
/// nullopt when all hold.
std::optional<std::string>
violatedSizeCheck(ArrayRef<ArgumentSizeCheck> checks,
                  function_ref<int64_t(unsigned arg, unsigned dim)> sizes,
                  function_ref<std::string(unsigned arg)> argName);

} // namespace mlir::hyper

#endif // HYPER_DRIVER_DRIVER_H
