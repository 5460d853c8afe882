//===- TargetInfo.cpp - One description of a compilation target -----------===//

#include "hyper/Target/TargetInfo.h"
#include "hyper/Codegen/CPU/CpuSchedule.h"
#include "hyper/Pipelines/Pipelines.h"

#include "llvm/ADT/StringRef.h"

using namespace mlir;
using namespace mlir::hyper;

TargetInfo TargetInfo::forCpu(bool threads) {
  TargetInfo t;
  t.kind = TargetKind::CPU;
  t.threads = threads;
  return t;
}

TargetInfo TargetInfo::cuda() {
  TargetInfo t;
  t.kind = TargetKind::CUDA;
  return t;
}

TargetInfo TargetInfo::gpuEmulator() {
  TargetInfo t;
  t.kind = TargetKind::GPUEmulator;
  return t;
}

std::string TargetInfo::verify() const {
  if (kind != TargetKind::CPU && threads)
    return "--parallel applies to --target=cpu only";
  if (kind != TargetKind::CUDA)
    return "";
  if (!llvm::StringRef(chip).starts_with("sm_"))
    return "unsupported GPU chip '" + chip +
           "'; expected an NVIDIA architecture such as sm_80 or sm_90";
  if (binaryFormat != "fatbin" && binaryFormat != "bin" &&
      binaryFormat != "isa")
    return "unsupported --gpu-format '" + binaryFormat +
           "'; expected fatbin, bin or isa";
  return "";
}

void TargetInfo::buildPipeline(OpPassManager &pm) const {
  if (kind == TargetKind::CPU) {
    CpuSchedule schedule = CpuSchedule::forTarget(cpu, threads);
    CpuPipelineOptions options;
    options.foldStaticWeights = foldStaticWeights;
    options.vectorWidth = schedule.vectorWidth;
    options.mTile = schedule.mTile;
    options.kPanel = schedule.kPanel;
    options.prefetchBytes = schedule.prefetchBytes;
    options.threads = threads;
    options.printSchedule = printSchedule;
    buildCpuPipeline(pm, options);
    return;
  }
  GpuPipelineOptions options;
  options.foldStaticWeights = foldStaticWeights;
  options.chip = chip;
  options.features = ptxFeatures;
  options.format = binaryFormat;
  options.optLevel = optLevel;
  options.blockSize = blockSize;
  options.emulate = kind == TargetKind::GPUEmulator;
  options.printSchedule = printSchedule;
  buildGpuPipeline(pm, options);
}

std::string TargetInfo::describe() const {
  switch (kind) {
  case TargetKind::CPU:
    return "cpu " + cpu.name + " (" + cpu.isa +
           (threads ? ", OpenMP)" : ")");
  case TargetKind::CUDA:
    return "cuda " + chip + " " + ptxFeatures + " " + binaryFormat;
  case TargetKind::GPUEmulator:
    return "gpu-emulator (the GPU schedule on the host)";
  }
  llvm_unreachable("unknown target kind");
}
