//===- TargetFlags.h - --target and GPU flags of the tools ------*- C++ -*-===//
//
// The command-line flags that pick where a model runs, shared by hyper-run
// and hyper-compile. A tool defines one static TargetFlags; its options
// register with LLVM's command line when it is constructed.
//
//===----------------------------------------------------------------------===//

#ifndef HYPER_DRIVER_TARGETFLAGS_H
#define HYPER_DRIVER_TARGETFLAGS_H

#include "hyper/Pipelines/Pipelines.h"

#include "llvm/Support/CommandLine.h"

#include <string>

namespace mlir::hyper {

/// `GPUEmulator`: the GPU pipeline's kernel schedule run on the host (see
/// the pipeline's `emulate` option); hyper-run only.
enum class RunTarget { CPU, CUDA, GPUEmulator };

struct TargetFlags {
  TargetFlags();

  llvm::cl::opt<RunTarget> target;
  llvm::cl::opt<std::string> gpuChip, gpuFeatures, gpuFormat;

  bool isCuda() const { return target == RunTarget::CUDA; }
  bool isEmulator() const { return target == RunTarget::GPUEmulator; }

  /// Empty when the flags fit together (`parallel`: --parallel was given);
  /// otherwise the message for the user.
  std::string check(bool parallel) const;

  /// Sets the GPU pipeline's chip, features and format from the flags.
  void apply(GpuPipelineOptions &options) const;
};

} // namespace mlir::hyper

#endif // HYPER_DRIVER_TARGETFLAGS_H
