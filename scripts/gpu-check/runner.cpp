//===- runner.cpp - Run one AOT-compiled CUDA model on .npy files ---------===//
//
//   runner MODEL.so FUNCTION --in=X.npy ... --out=RANK:EXPECTED.npy ...
//          [--cpu=INDEX:CPU.npy ...]
//          [--runs=N] [--name=CASE]
//
// Loads a model that `hyper-compile --target=cuda --shared` wrote, stages
// the inputs in CUDA managed memory, calls `_mlir_ciface_FUNCTION`, compares
// each result with its expected array (|got - want| <= 1e-4 + 1e-4·|want|,
// the project's tolerance) and prints one line:
//   PASS|FAIL CASE  max|diff| D  median T ms over N runs
// Needs only libHyperCudaRuntime.so and the NVIDIA driver: no LLVM.
//
//===----------------------------------------------------------------------===//

#include "hyper/Runtime/CudaRuntime.h"
#include "hyper/Runtime/MemRef.h"
#include "hyper/Runtime/Npy.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <dlfcn.h>
#include <string>
#include <vector>

namespace rt = hyperrt;

namespace {

int fail(const std::string &message) {
  std::fprintf(stderr, "runner: error: %s\n", message.c_str());
  return 2;
}

/// A managed copy of `array` and its descriptor.
std::vector<int64_t> stage(const rt::Array &array, void *&copy) {
  copy = mgpuMemAlloc(array.numBytes(), nullptr, /*isHostShared=*/true);
  if (array.numBytes())
    std::memcpy(copy, array.data(), array.numBytes());
  return rt::denseDescriptor(array, copy);
}

/// Whether the float32 result that `words` describes matches `want` (any
/// float type) within the tolerance; raises `maxDiff` to its largest
/// difference.
bool compare(const int64_t *words, int64_t rank, const rt::Array &want,
             double &maxDiff) {
  rt::Array got = rt::arrayFromDescriptor(words, rank, rt::DType::F32);
  if (got.shape() != want.shape())
    return false;
  bool ok = true;
  for (size_t i = 0; i < want.numElements(); ++i) {
    double w = want.dtype() == rt::DType::F64 ? want.as<double>()[i]
                                              : want.as<float>()[i];
    double diff = std::fabs(got.as<float>()[i] - w);
    maxDiff = std::max(maxDiff, diff);
    ok &= diff <= 1e-4 + 1e-4 * std::fabs(w);
  }
  return ok;
}

} // namespace

int main(int argc, char **argv) {
  if (argc < 3)
    return fail("usage: runner MODEL.so FUNCTION --in=X.npy ... "
                "--out=RANK:EXPECTED.npy ... [--cpu=INDEX:CPU.npy ...] "
                "[--runs=N] [--name=CASE]");
  std::string library = argv[1], function = argv[2], name = function;
  int runs = 10;
  std::vector<rt::Array> inputs;
  std::vector<std::pair<int64_t, rt::Array>> outputs;
  // Results of the same model compiled for the CPU, by result index.
  std::vector<std::pair<size_t, rt::Array>> cpuOutputs;
  std::string error;
  for (int i = 3; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.rfind("--in=", 0) == 0) {
      std::optional<rt::Array> a = rt::readNpy(arg.substr(5), error);
      if (!a)
        return fail(error);
      inputs.push_back(std::move(*a));
    } else if (arg.rfind("--out=", 0) == 0) {
      size_t colon = arg.find(':');
      if (colon == std::string::npos)
        return fail("--out wants RANK:EXPECTED.npy, got " + arg);
      std::optional<rt::Array> a = rt::readNpy(arg.substr(colon + 1), error);
      if (!a)
        return fail(error);
      outputs.emplace_back(std::stoll(arg.substr(6, colon - 6)), std::move(*a));
    } else if (arg.rfind("--cpu=", 0) == 0) {
      size_t colon = arg.find(':');
      if (colon == std::string::npos)
        return fail("--cpu wants INDEX:CPU.npy, got " + arg);
      std::optional<rt::Array> a = rt::readNpy(arg.substr(colon + 1), error);
      if (!a)
        return fail(error);
      cpuOutputs.emplace_back(std::stoull(arg.substr(6, colon - 6)),
                              std::move(*a));
    } else if (arg.rfind("--runs=", 0) == 0) {
      runs = std::max(1, std::stoi(arg.substr(7)));
    } else if (arg.rfind("--name=", 0) == 0) {
      name = arg.substr(7);
    } else {
      return fail("unknown argument " + arg);
    }
  }
  if (const char *why = hyperCudaStatus())
    return fail(std::string("no usable GPU: ") + why);
  void *model = dlopen(library.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!model)
    return fail(dlerror());
  void *symbol = dlsym(model, ("_mlir_ciface_" + function).c_str());
  if (!symbol)
    return fail("no function _mlir_ciface_" + function + " in " + library);

  std::vector<void *> copies(inputs.size());
  std::vector<std::vector<int64_t>> descriptors;
  for (size_t i = 0; i < inputs.size(); ++i)
    descriptors.push_back(stage(inputs[i], copies[i]));
  size_t words = 0;
  for (auto &[rank, want] : outputs)
    words += 3 + 2 * rank;
  std::vector<int64_t> results(std::max<size_t>(words, 1));
  // _mlir_ciface_F(results*, memref*...): up to 8 arguments here.
  std::vector<void *> args = {results.data()};
  for (auto &d : descriptors)
    args.push_back(d.data());
  if (args.size() > 9)
    return fail("the runner passes at most 8 arguments");
  args.resize(9, nullptr);
  using Call = void (*)(void *, void *, void *, void *, void *, void *,
                        void *, void *, void *);
  Call call = reinterpret_cast<Call>(symbol);
  auto freeResults = [&] {
    for (size_t at = 0, i = 0; i < outputs.size(); ++i) {
      mgpuMemFree(reinterpret_cast<void *>(results[at]), nullptr);
      at += 3 + 2 * outputs[i].first;
    }
  };

  for (auto &[index, want] : cpuOutputs)
    if (index >= outputs.size())
      return fail("--cpu names result " + std::to_string(index) + " of " +
                  std::to_string(outputs.size()));
  std::vector<double> ms;
  bool ok = true;
  double maxDiff = 0, cpuDiff = 0;
  for (int r = 0; r <= runs; ++r) {
    auto start = std::chrono::steady_clock::now();
    call(args[0], args[1], args[2], args[3], args[4], args[5], args[6],
         args[7], args[8]);
    auto stop = std::chrono::steady_clock::now();
    if (r == 0) {
      for (size_t at = 0, i = 0; i < outputs.size(); ++i) {
        ok &= compare(results.data() + at, outputs[i].first, outputs[i].second,
                      maxDiff);
        for (auto &[index, want] : cpuOutputs)
          if (index == i)
            ok &= compare(results.data() + at, outputs[i].first, want,
                          cpuDiff);
        at += 3 + 2 * outputs[i].first;
      }
    } else {
      ms.push_back(std::chrono::duration<double, std::milli>(stop - start)
                       .count());
    }
    freeResults();
  }
  for (void *copy : copies)
    mgpuMemFree(copy, nullptr);
  std::sort(ms.begin(), ms.end());
  std::printf("%s %-24s max|diff| %.2e (reference) %.2e (CPU)  median %.3f "
              "ms over %d runs\n",
              ok ? "PASS" : "FAIL", name.c_str(), maxDiff, cpuDiff,
              ms[ms.size() / 2], runs);
  return ok ? 0 : 1;
}
