//===- runner.cpp - Run one AOT-compiled CUDA model on .npy files ---------===//
//
//   runner MODEL.so FUNCTION --in=X.npy[@DYN] ... --out=EXPECTED.npy ...
//          [--cpu=INDEX:CPU.npy ...] [--runs=N] [--name=CASE]
//
// Loads a model that `hyper-compile --target=cuda --shared --name=model`
// wrote and calls its public entry point `hyper_model_FUNCTION` (which
// stages the inputs in CUDA managed memory) with each input's pointer,
// element count and dynamic sizes (DYN: the comma-separated dimensions the
// model leaves dynamic, from its metadata), compares each result with its
// expected array (|got - want| <= 1e-4 + 1e-4·|want|, the project's
// tolerance) and prints one line:
//   PASS|FAIL CASE  max|diff| D  median T ms over N runs
// A call that fails prints the model's error. Needs only
// libHyperCudaRuntime.so and the NVIDIA driver: no LLVM.
//
//===----------------------------------------------------------------------===//

#include "hyper/Runtime/CudaRuntime.h"
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

/// A result of the entry points (the generated header's `hyper_result`).
struct Result {
  void *owner;
  void *data;
  int64_t rank;
  int64_t shape[8];
};

/// Whether the float32 result `got` matches `want` (any float type) within
/// the tolerance; raises `maxDiff` to its largest difference.
bool compare(const Result &got, const rt::Array &want, double &maxDiff) {
  if (got.rank != static_cast<int64_t>(want.shape().size()) ||
      !std::equal(want.shape().begin(), want.shape().end(), got.shape))
    return false;
  const float *values = static_cast<const float *>(got.data);
  bool ok = true;
  for (int64_t i = 0; i < want.numElements(); ++i) {
    double w = want.dtype() == rt::DType::F64 ? want.as<double>()[i]
                                              : want.as<float>()[i];
    double diff = std::fabs(values[i] - w);
    maxDiff = std::max(maxDiff, diff);
    ok &= diff <= 1e-4 + 1e-4 * std::fabs(w);
  }
  return ok;
}

} // namespace

int main(int argc, char **argv) {
  if (argc < 3)
    return fail("usage: runner MODEL.so FUNCTION --in=X.npy[@DYN] ... "
                "--out=EXPECTED.npy ... [--cpu=INDEX:CPU.npy ...] "
                "[--runs=N] [--name=CASE]");
  std::string library = argv[1], function = argv[2], name = function;
  int runs = 10;
  std::vector<rt::Array> inputs;
  std::vector<std::vector<int>> dynamicDims;
  std::vector<rt::Array> outputs;
  // Results of the same model compiled for the CPU, by result index.
  std::vector<std::pair<size_t, rt::Array>> cpuOutputs;
  std::string error;
  for (int i = 3; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.rfind("--in=", 0) == 0) {
      std::string path = arg.substr(5);
      std::vector<int> dims;
      if (size_t at = path.rfind('@'); at != std::string::npos) {
        for (size_t p = at + 1; p < path.size();) {
          size_t comma = path.find(',', p);
          dims.push_back(std::stoi(path.substr(p, comma - p)));
          p = comma == std::string::npos ? path.size() : comma + 1;
        }
        path.resize(at);
      }
      std::optional<rt::Array> a = rt::readNpy(path, error);
      if (!a)
        return fail(error);
      for (int d : dims)
        if (d < 0 || d >= static_cast<int>(a->shape().size()))
          return fail(arg + ": no dimension " + std::to_string(d));
      inputs.push_back(std::move(*a));
      dynamicDims.push_back(std::move(dims));
    } else if (arg.rfind("--out=", 0) == 0) {
      std::optional<rt::Array> a = rt::readNpy(arg.substr(6), error);
      if (!a)
        return fail(error);
      outputs.push_back(std::move(*a));
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
  std::string symbolName = "hyper_model_" + function;
  void *symbol = dlsym(model, symbolName.c_str());
  auto *lastError = reinterpret_cast<const char *(*)()>(
      dlsym(model, "hyper_model_last_error"));
  auto *release =
      reinterpret_cast<void (*)(Result *)>(dlsym(model, "hyper_model_release"));
  if (!symbol || !lastError || !release)
    return fail("no " + symbolName +
                " (with hyper_model_release and "
                "hyper_model_last_error) in " +
                library + ": compile it with --name=model");

  // The entry point's parameters, in order: per input its pointer, element
  // count and dynamic sizes, then a pointer per result. All are pointers or
  // int64_t, which the x86-64 System V convention passes alike (the same
  // registers, then 8-byte stack slots), so one pointer type with enough
  // integer parameters calls any entry point; the callee reads those it
  // declares.
  constexpr size_t kParams = 32;
  std::vector<Result> results(outputs.size());
  std::vector<intptr_t> params;
  for (size_t i = 0; i < inputs.size(); ++i) {
    params.push_back(reinterpret_cast<intptr_t>(inputs[i].data()));
    params.push_back(static_cast<intptr_t>(inputs[i].numElements()));
    for (int d : dynamicDims[i])
      params.push_back(static_cast<intptr_t>(inputs[i].shape()[d]));
  }
  for (Result &r : results)
    params.push_back(reinterpret_cast<intptr_t>(&r));
  if (params.size() > kParams)
    return fail("the runner passes at most " + std::to_string(kParams) +
                " parameters");
  params.resize(kParams, 0);
  using Call = int (*)(
      intptr_t, intptr_t, intptr_t, intptr_t, intptr_t, intptr_t, intptr_t,
      intptr_t, intptr_t, intptr_t, intptr_t, intptr_t, intptr_t, intptr_t,
      intptr_t, intptr_t, intptr_t, intptr_t, intptr_t, intptr_t, intptr_t,
      intptr_t, intptr_t, intptr_t, intptr_t, intptr_t, intptr_t, intptr_t,
      intptr_t, intptr_t, intptr_t, intptr_t);
  Call call = reinterpret_cast<Call>(symbol);
  auto invoke = [&] {
    const intptr_t *p = params.data();
    return call(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9],
                p[10], p[11], p[12], p[13], p[14], p[15], p[16], p[17], p[18],
                p[19], p[20], p[21], p[22], p[23], p[24], p[25], p[26], p[27],
                p[28], p[29], p[30], p[31]);
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
    int rc = invoke();
    auto stop = std::chrono::steady_clock::now();
    if (rc != 0) {
      std::printf("FAIL %-24s %s\n", name.c_str(), lastError());
      return 1;
    }
    if (r == 0) {
      for (size_t i = 0; i < outputs.size(); ++i) {
        ok &= compare(results[i], outputs[i], maxDiff);
        for (auto &[index, want] : cpuOutputs)
          if (index == i)
            ok &= compare(results[i], want, cpuDiff);
      }
    } else {
      ms.push_back(
          std::chrono::duration<double, std::milli>(stop - start).count());
    }
    for (Result &result : results)
      release(&result);
  }
  std::sort(ms.begin(), ms.end());
  std::printf("%s %-24s max|diff| %.2e (reference) %.2e (CPU)  median %.3f "
              "ms over %d runs\n",
              ok ? "PASS" : "FAIL", name.c_str(), maxDiff, cpuDiff,
              ms[ms.size() / 2], runs);
  return ok ? 0 : 1;
}
