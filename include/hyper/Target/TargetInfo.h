//===- TargetInfo.h - One description of a compilation target ---*- C++ -*-===//
//
// Where compiled code runs and with what parameters. The tools build one
// from their flags; the driver, the JIT and the AOT compiler take it and ask
// it for its pipeline, instead of branching on flags. What differs between
// the CPU and the GPU lives here and in the pipelines it selects, not in
// passes.
//
//===----------------------------------------------------------------------===//

#ifndef HYPER_TARGET_TARGETINFO_H
#define HYPER_TARGET_TARGETINFO_H

#include "hyper/Codegen/CPU/CpuTarget.h"

#include "mlir/Pass/PassManager.h"

#include <string>

namespace mlir::hyper {

enum class TargetKind {
  /// The host CPU: hyper-cpu-pipeline.
  CPU,
  /// NVIDIA GPUs: hyper-gpu-pipeline; host code calls libHyperCudaRuntime.
  CUDA,
  /// The GPU pipeline's kernel schedule run on the host CPU, to check it
  /// without a GPU (hyper-gpu-pipeline with `emulate`).
  GPUEmulator,
};

struct TargetInfo {
  TargetKind kind = TargetKind::CPU;
  /// Evaluate weight generation with constant inputs at compile time.
  bool foldStaticWeights = true;

  /// CPU: the processor as the user names it (--target-cpu: "host" or an
  /// LLVM CPU name; --target-features: "+f,-g"), resolved by the tool or
  /// the JIT (resolveCpu in hyper/Driver/Driver.h) into `cpu`.
  std::string cpuName = "host";
  std::string cpuFeatures;
  /// CPU: what the back end's schedule is derived from.
  CpuTarget cpu = CpuTarget::generic(16);
  /// CPU: GEMM tiles on OpenMP threads.
  bool threads = false;
  /// CPU: the stages say, as a remark on each GEMM, GEMV and convolution,
  /// which schedule it gets.
  bool printSchedule = false;

  /// GPU: architecture, PTX version (as an LLVM feature), kernel binary
  /// format (isa, bin, fatbin), NVPTX optimisation level, and threads per
  /// block of the one-thread-per-element kernels.
  std::string chip = "sm_90";
  std::string ptxFeatures = "+ptx80";
  std::string binaryFormat = "fatbin";
  int optLevel = 3;
  int64_t blockSize = 256;

  static TargetInfo forCpu(bool threads = false);
  static TargetInfo cuda();
  static TargetInfo gpuEmulator();

  /// Whether compiled code calls the CUDA runtime (and runs on a GPU).
  bool usesCuda() const { return kind == TargetKind::CUDA; }

  /// Empty when the parameters fit together, else a message for the user.
  std::string verify() const;

  /// Adds the lowering to the LLVM dialect for this target to `pm`.
  void buildPipeline(OpPassManager &pm) const;

  /// A one-line description: "cpu znver4 (AVX-512, OpenMP)", "cuda sm_90
  /// +ptx80 fatbin", ...
  std::string describe() const;
};

} // namespace mlir::hyper

#endif // HYPER_TARGET_TARGETINFO_H
