//===- Pipelines.h - Registered hyper compilation pipelines ----*- C++ -*-===//

#ifndef HYPER_PIPELINES_PIPELINES_H
#define HYPER_PIPELINES_PIPELINES_H

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"

namespace mlir::hyper {

/// Options of the CPU pipeline.
struct CpuPipelineOptions : public PassPipelineOptions<CpuPipelineOptions> {
  PassOptions::Option<bool> foldStaticWeights{
      *this, "fold-static-weights",
      llvm::cl::desc("Evaluate weight generation with constant inputs at "
                     "compile time"),
      llvm::cl::init(true)};
};

/// Lowers a module of func + hyper + TOSA/linalg ops to the LLVM dialect for
/// the host CPU: fold static weight generation, lower hyper and TOSA to
/// linalg on tensors, fuse elementwise ops, bufferize (function boundaries
/// included), free temporaries, lower to loops and then to LLVM.
void buildCpuPipeline(OpPassManager &pm, const CpuPipelineOptions &options);

/// Registers `hyper-cpu-pipeline`.
void registerHyperPipelines();

} // namespace mlir::hyper

#endif // HYPER_PIPELINES_PIPELINES_H
