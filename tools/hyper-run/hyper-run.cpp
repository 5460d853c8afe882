//===- hyper-run.cpp - JIT-compile and run a hyper model --------*- C++ -*-===//
//
//   hyper-run FILE.mlir [--function=NAME] [--weights=W.npz]
//             --input=@x.npy --input=@w.npz:name --input=2x3xf32=1,2,...
//             [--output=@y.npy ...] [--benchmark=N] [--print-ir]
//
// Compiles the function with the CPU pipeline, binds inputs to its
// arguments in order (IREE's iree-run-module convention; `--weights` first
// binds arguments named with `hyper.name` as compile-time constants), runs
// it, prints a summary of each result and writes the requested outputs.
//
//===----------------------------------------------------------------------===//

#include "hyper/Driver/Driver.h"
#include "hyper/Driver/Inputs.h"
#include "hyper/Driver/Jit.h"
#include "hyper/Driver/Progress.h"
#include "hyper/Driver/TargetFlags.h"
#include "hyper/Runtime/CudaRuntime.h"
#include "hyper/Runtime/Npy.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <set>

using namespace mlir;
using namespace mlir::hyper;
namespace cl = llvm::cl;
namespace rt = hyperrt;

static cl::opt<std::string> inputFile(cl::Positional, cl::cat(toolOptions()),
                                      cl::desc("<model.mlir>"), cl::Required);
static cl::opt<std::string>
    functionName("function", cl::cat(toolOptions()),
                 cl::desc("Function to run (default: the only "
                          "public function)"));
static cl::list<std::string> inputs(
    "input", cl::cat(toolOptions()),
    cl::desc("Argument value, in order: @file.npy, @archive.npz:name, or a "
             "literal such as 2x3xf32=1,2,3,4,5,6 (one value splats)"));
static cl::list<std::string>
    outputs("output", cl::cat(toolOptions()),
            cl::desc("Write a result, in order: @file.npy; or "
                     "every result into one archive: @all.npz"));
static cl::opt<std::string> weightsFile(
    "weights", cl::cat(toolOptions()),
    cl::desc("Bind arguments named with hyper.name to the arrays of this .npz "
             "archive (or directory of NAME.npy files), as compile-time "
             "constants"));
static cl::opt<unsigned>
    benchmark("benchmark", cl::cat(toolOptions()),
              cl::desc("Run N more times and print the median time per call"),
              cl::init(0));
static cl::opt<bool>
    threads("parallel", cl::cat(toolOptions()),
            cl::desc("Run GEMM tiles on OpenMP threads (set "
                     "OMP_NUM_THREADS and OMP_PROC_BIND=true)"));
static TargetFlags targetFlags;
static ProgressFlags progressFlags;
static cl::list<std::string> expectedOutputs(
    "expected-output", cl::cat(toolOptions()),
    cl::desc("Compare the results, in order, with these values (@y.npy, "
             "@archive.npz:name or a literal, as --input): each element "
             "within --expected-atol + --expected-rtol * |expected|, else "
             "the run fails"));
static cl::opt<double> expectedAtol(
    "expected-atol", cl::cat(toolOptions()),
    cl::desc("Absolute tolerance of --expected-output (default 1e-4)"),
    cl::init(1e-4));
static cl::opt<double> expectedRtol(
    "expected-rtol", cl::cat(toolOptions()),
    cl::desc("Relative tolerance of --expected-output (default 1e-4)"),
    cl::init(1e-4));
static cl::opt<bool> listFunctionsFlag(
    "list-functions", cl::cat(toolOptions()),
    cl::desc("List the model's public functions with their inputs and "
             "results, then exit"));
static cl::opt<bool> printIR("print-ir", cl::cat(toolOptions()),
                             cl::desc("Print the LLVM dialect module that is "
                                      "compiled"));

namespace {

/// Prints `hyper-run: error: message` and returns 1.
int fail(const llvm::Twine &message) {
  llvm::errs() << "hyper-run: error: " << message << "\n";
  return 1;
}

double valueAt(const rt::Array &a, int64_t i) {
  switch (a.dtype()) {
  case rt::DType::F32:
    return a.as<float>()[i];
  case rt::DType::F64:
    return a.as<double>()[i];
  case rt::DType::I32:
    return a.as<int32_t>()[i];
  case rt::DType::I64:
    return static_cast<double>(a.as<int64_t>()[i]);
  }
  return 0;
}

void printSummary(unsigned index, StringRef name, Type type,
                  const rt::Array &a) {
  llvm::outs() << "result[" << index << "]";
  if (!name.empty())
    llvm::outs() << " '" << name << "'";
  llvm::outs() << ": " << describeType(type) << " -> "
               << rt::dtypeName(a.dtype()) << a.shapeString() << "\n  [";
  int64_t n = a.numElements();
  // Integers print exactly; floats with 6 significant digits.
  auto print = [&](int64_t i) {
    if (a.dtype() == rt::DType::I32)
      llvm::outs() << a.as<int32_t>()[i];
    else if (a.dtype() == rt::DType::I64)
      llvm::outs() << a.as<int64_t>()[i];
    else
      llvm::outs() << llvm::format("%.6g", valueAt(a, i));
  };
  for (int64_t i = 0; i < std::min<int64_t>(n, 8); ++i) {
    llvm::outs() << (i ? ", " : "");
    print(i);
  }
  llvm::outs() << (n > 8 ? ", ...]" : "]");
  if (n > 0) {
    double lo = valueAt(a, 0), hi = lo, sum = 0;
    for (int64_t i = 0; i < n; ++i) {
      double v = valueAt(a, i);
      lo = std::min(lo, v);
      hi = std::max(hi, v);
      sum += v;
    }
    llvm::outs() << llvm::format("  min %.6g  max %.6g  mean %.6g", lo, hi,
                                 sum / n);
  }
  llvm::outs() << "\n";
}

/// The flat index `i` of an array of `shape` as "[i0, i1, ...]".
std::string indexString(ArrayRef<int64_t> shape, int64_t i) {
  SmallVector<int64_t> index(shape.size());
  for (size_t d = shape.size(); d-- > 0;) {
    index[d] = shape[d] ? i % shape[d] : 0;
    i = shape[d] ? i / shape[d] : 0;
  }
  std::string s = "[";
  for (auto [d, v] : llvm::enumerate(index))
    s += (d ? ", " : "") + std::to_string(v);
  return s + "]";
}

/// Compares a result with its --expected-output: same shape, integers
/// exactly, floats (of either width: a float64 reference checks a float32
/// result) elementwise within atol + rtol * |expected|, NaN only against
/// NaN. Returns what differs, or nullopt when they agree; `maxError` gets
/// the largest absolute difference.
std::optional<std::string> compareWithExpected(const rt::Array &got,
                                               const rt::Array &want,
                                               double atol, double rtol,
                                               double &maxError) {
  auto isFloat = [](rt::DType t) {
    return t == rt::DType::F32 || t == rt::DType::F64;
  };
  if (isFloat(got.dtype()) != isFloat(want.dtype()))
    return std::string("the result is ") + rt::dtypeName(got.dtype()) +
           ", the expected output " + rt::dtypeName(want.dtype());
  if (got.shape() != want.shape())
    return "the result has shape " + got.shapeString() +
           ", the expected output " + want.shapeString();
  bool exact = !isFloat(got.dtype());
  int64_t bad = 0, worst = -1;
  double worstExcess = 0;
  maxError = 0;
  for (int64_t i = 0, n = got.numElements(); i < n; ++i) {
    double a = valueAt(got, i), b = valueAt(want, i);
    if (a == b || (std::isnan(a) && std::isnan(b)))
      continue;
    double excess = std::numeric_limits<double>::infinity();
    if (std::isfinite(a) && std::isfinite(b)) {
      double error = std::fabs(a - b);
      maxError = std::max(maxError, error);
      excess = error - (exact ? 0 : atol + rtol * std::fabs(b));
      if (excess <= 0)
        continue;
    } else {
      maxError = std::numeric_limits<double>::infinity();
    }
    if (bad++ == 0 || excess > worstExcess) {
      worst = i;
      worstExcess = excess;
    }
  }
  if (!bad)
    return std::nullopt;
  auto g = [](double v) {
    std::string text;
    llvm::raw_string_ostream(text) << llvm::format("%.6g", v);
    return text;
  };
  std::string tolerance =
      exact ? "exactly"
            : "within " + g(atol) + " + " + g(rtol) + " * |expected|";
  return std::to_string(bad) + " of " + std::to_string(got.numElements()) +
         " elements differ (" + tolerance + "); the worst at " +
         indexString(got.shape(), worst) + ": got " + g(valueAt(got, worst)) +
         ", expected " + g(valueAt(want, worst));
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  registerToolCLOptions();
  setUpToolHelp("hyper-run");
  cl::ParseCommandLineOptions(argc, argv,
                              "hyper-run: JIT-compile and run a "
                              "hyper model on .npy inputs\n");
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();

  std::string problem;
  std::optional<TargetInfo> target = targetFlags.get(threads, problem);
  if (!target)
    return fail(problem);
  // A bad --target-cpu fails before anything is parsed (the JIT resolves it
  // again when it compiles).
  if (target->kind == TargetKind::CPU) {
    TargetInfo check = *target;
    if (!resolveCpu(check, /*runsHere=*/true, problem))
      return fail(problem);
  }

  Progress progress("hyper-run", progressFlags);
  progress.stage("parsing");
  ToolContext tool;
  OwningOpRef<ModuleOp> module = tool.parse(inputFile);
  if (!module)
    return 1;
  if (listFunctionsFlag) {
    listFunctions(*module, llvm::outs());
    return 0;
  }
  FailureOr<func::FuncOp> selected =
      selectFunction(*module, functionName, problem);
  if (failed(selected))
    return fail(problem);
  func::FuncOp func = *selected;
  std::string name = func.getSymName().str();
  std::vector<std::string> unusedWeights;
  if (!weightsFile.empty()) {
    progress.stage("binding weights");
    TimingScope bindTiming = tool.getTiming().nest("Bind weights");
    if (failed(bindWeightsFile(func, weightsFile, problem, &unusedWeights)))
      return problem.empty() ? 1 : fail("--weights: " + problem);
  }

  // Check the inputs against the function's signature.
  FunctionType type = func.getFunctionType();
  auto argName = [&](unsigned i) -> std::string {
    auto attr = func.getArgAttrOfType<StringAttr>(i, "hyper.name");
    return attr ? " ('" + attr.getValue().str() + "')" : "";
  };
  for (auto [i, t] : llvm::enumerate(
           llvm::concat<const Type>(type.getInputs(), type.getResults()))) {
    auto tensor = dyn_cast<RankedTensorType>(t);
    if (!tensor || !dtypeOf(tensor.getElementType()))
      return fail("@" + name + " has a " + describeType(t) +
                  (i < type.getNumInputs() ? " argument" : " result") +
                  "; hyper-run supports ranked tensors of f32, f64, i32 and "
                  "i64");
  }
  if (inputs.size() != type.getNumInputs()) {
    // With --weights, a named argument left is usually a weight the archive
    // lacks or spells differently: name them.
    std::string unbound;
    for (unsigned i = 0; i < type.getNumInputs() && !weightsFile.empty(); ++i)
      if (auto attr = func.getArgAttrOfType<StringAttr>(i, "hyper.name"))
        unbound += (unbound.empty() ? "" : ", ") + std::string("#") +
                   std::to_string(i) + " '" + attr.getValue().str() + "'";
    // And the archive's names no argument has: the misspelling, if any.
    std::string spare;
    for (auto [i, key] : llvm::enumerate(unusedWeights)) {
      if (i == 8) {
        spare += ", ... (" + std::to_string(unusedWeights.size()) + " in all)";
        break;
      }
      spare += (i ? ", '" : "'") + key + "'";
    }
    return fail(
        "@" + name + " takes " + Twine(type.getNumInputs()) + " argument(s)" +
        (weightsFile.empty() ? "" : " after binding --weights") + ", got " +
        Twine(inputs.size()) + " --input value(s)" +
        (unbound.empty() ? ""
                         : "; named arguments not in --weights: " + unbound) +
        (unbound.empty() || spare.empty()
             ? ""
             : "; names in --weights that no argument has: " + spare));
  }
  if (outputs.size() > type.getNumResults())
    return fail("@" + name + " has " + Twine(type.getNumResults()) +
                " result(s), got " + Twine(outputs.size()) +
                " --output file(s)");
  if (expectedOutputs.size() > type.getNumResults())
    return fail("@" + name + " has " + Twine(type.getNumResults()) +
                " result(s), got " + Twine(expectedOutputs.size()) +
                " --expected-output value(s)");
  if (!(expectedAtol >= 0) || !(expectedRtol >= 0))
    return fail("--expected-atol and --expected-rtol must be non-negative");
  progress.stage("reading inputs");
  std::vector<rt::Array> args;
  TimingScope inputTiming = tool.getTiming().nest("Read inputs");
  for (auto [i, spec] : llvm::enumerate(inputs)) {
    std::string error;
    std::optional<rt::Array> array = loadInput(spec, error);
    if (!array)
      return fail("input #" + Twine(i) + ": " + error);
    if (!fitsTensorType(*array, cast<RankedTensorType>(type.getInput(i)),
                        error))
      return fail("input #" + Twine(i) + argName(i) + ": " + error);
    args.push_back(std::move(*array));
  }
  // Sizes the types leave dynamic but the ops' contracts tie together (the
  // batch of x and of the initial states, ...): a mismatch would read or
  // write past a buffer.
  if (std::optional<std::string> problem = violatedSizeCheck(
          collectArgumentSizeChecks(func),
          [&](unsigned arg, unsigned dim) { return args[arg].shape()[dim]; },
          [&](unsigned arg) {
            return "input #" + std::to_string(arg) + argName(arg);
          }))
    return fail(*problem);
  inputTiming.stop();
  SmallVector<std::string> resultNames;
  for (unsigned i = 0; i < type.getNumResults(); ++i) {
    auto attr = func.getResultAttrOfType<StringAttr>(i, "hyper.name");
    resultNames.push_back(attr ? attr.getValue().str() : "");
  }

  // The expected outputs are read before the compile, so that a missing
  // file fails fast.
  std::vector<rt::Array> expected;
  for (auto [i, spec] : llvm::enumerate(expectedOutputs)) {
    std::string error;
    std::optional<rt::Array> array = loadInput(spec, error);
    if (!array)
      return fail("--expected-output #" + Twine(i) + ": " + error);
    expected.push_back(std::move(*array));
  }

  // Compile and run.
  progress.stage("compiling");
  std::string error;
  std::unique_ptr<JitFunction> jit =
      JitFunction::compile(*module, func, error, *target, &tool.getTiming());
  if (!jit)
    return fail(error);
  if (printIR)
    module->print(llvm::outs());
  // Compiled; say why the GPU cannot run it before the first GPU call would.
  if (target->usesCuda())
    if (const char *why = hyperCudaStatus())
      return fail(llvm::Twine("--target=cuda: ") + why);
  progress.stage("running");
  TimingScope runTiming = tool.getTiming().nest("Run");
  std::optional<std::vector<rt::Array>> results = jit->call(args, error);
  if (!results)
    return fail(error);
  runTiming.stop();

  for (auto [i, a] : llvm::enumerate(*results))
    printSummary(i, resultNames[i], type.getResult(i), a);
  // Compared before --output moves the results into an archive; the
  // verdict comes after the outputs are written, which help to debug a
  // mismatch.
  std::string mismatches;
  for (auto [i, want] : llvm::enumerate(expected)) {
    double maxError = 0;
    std::string label =
        "result[" + std::to_string(i) + "]" +
        (resultNames[i].empty() ? "" : " '" + resultNames[i] + "'");
    if (std::optional<std::string> problem = compareWithExpected(
            (*results)[i], want, expectedAtol, expectedRtol, maxError)) {
      mismatches += "hyper-run: error: " + label +
                    " differs from --expected-output #" + std::to_string(i) +
                    ": " + *problem + "\n";
      continue;
    }
    llvm::outs() << label << ": matches the expected output (max |error| "
                 << llvm::format("%.3g", maxError) << ")\n";
  }
  for (auto [i, spec] : llvm::enumerate(outputs)) {
    StringRef path = spec;
    if (!path.consume_front("@"))
      return fail("--output expects @file.npy or @all.npz, got '" + spec + "'");
    if (path.ends_with(".npz")) {
      // An archive of every result, each under its hyper.name (or
      // result<i>).
      if (outputs.size() != 1)
        return fail("--output=@" + path +
                    " writes every result; give it as the only --output");
      std::vector<rt::NamedArray> named;
      std::set<std::string> used;
      for (auto [r, a] : llvm::enumerate(*results)) {
        std::string key = resultNames[r].empty() ? "result" + std::to_string(r)
                                                 : resultNames[r];
        while (!used.insert(key).second)
          key += "_";
        named.emplace_back(key, std::move(a));
      }
      if (!rt::writeNpz(path.str(), named, error))
        return fail(error);
      break;
    }
    if (!rt::writeNpy(path.str(), (*results)[i], error))
      return fail(error);
  }

  if (!mismatches.empty()) {
    llvm::outs().flush();
    llvm::errs() << mismatches;
    return 1;
  }

  if (benchmark > 0) {
    progress.stage("benchmarking");
    std::vector<double> ms;
    for (unsigned r = 0; r < benchmark; ++r) {
      // The call alone: results are freed, not copied into arrays.
      auto start = std::chrono::steady_clock::now();
      if (!jit->call(args, error, /*copyResults=*/false))
        return fail(error);
      auto end = std::chrono::steady_clock::now();
      ms.push_back(
          std::chrono::duration<double, std::milli>(end - start).count());
    }
    std::sort(ms.begin(), ms.end());
    llvm::outs() << llvm::format("@%s: median %.3f ms per call over %u runs "
                                 "(min %.3f, max %.3f)\n",
                                 name.c_str(), ms[ms.size() / 2],
                                 unsigned(benchmark), ms.front(), ms.back());
  }
  progress.done();
  return 0;
}
