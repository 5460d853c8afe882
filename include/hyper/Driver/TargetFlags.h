//===- TargetFlags.h - --target and GPU flags of the tools ------*- C++ -*-===//
//
// The command-line flags that pick where a model runs, shared by hyper-run
// and hyper-compile. A tool defines one static TargetFlags; its options
// register with LLVM's command line when it is constructed.
//
//===----------------------------------------------------------------------===//

#ifndef HYPER_DRIVER_TARGETFLAGS_H
#define HYPER_DRIVER_TARGETFLAGS_H

#include "hyper/Target/TargetInfo.h"

#include "llvm/Support/CommandLine.h"

#include <optional>
#include <string>

namespace mlir::hyper {

struct TargetFlags {
  TargetFlags();

  llvm::cl::opt<TargetKind> target;
  llvm::cl::opt<std::string> targetCpu, targetFeatures;
  llvm::cl::opt<std::string> gpuChip, gpuFeatures, gpuFormat;
  llvm::cl::opt<bool> printSchedule;

  /// The target the flags describe, with OpenMP threads when `parallel`
  /// (CPU; its CPU still to resolve, see resolveCpu); `error` says what does
  /// not fit.
  std::optional<TargetInfo> get(bool parallel, std::string &error) const;
};

} // namespace mlir::hyper

#endif // HYPER_DRIVER_TARGETFLAGS_H
