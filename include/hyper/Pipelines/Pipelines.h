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
  PassOptions::Option<int64_t> vectorWidth{
      *this, "vector-width",
      llvm::cl::desc("f32 lanes per vector register of the target (16: "
                     "AVX-512, 8: AVX2, 4: SSE/NEON); 0 leaves GEMMs scalar"),
      llvm::cl::init(16)};
  PassOptions::Option<bool> threads{
      *this, "threads",
      llvm::cl::desc("Run GEMM cache tiles on OpenMP threads (the program "
                     "then needs the OpenMP runtime, libomp)"),
      llvm::cl::init(false)};
};

/// Lowers a module of func + hyper + TOSA/linalg ops to the LLVM dialect for
/// the host CPU: fold static weight generation, lower hyper and TOSA to
/// linalg on tensors, fuse elementwise ops, tile and vectorize the GEMMs,
/// bufferize (function boundaries included), free temporaries, lower vectors
/// and the remaining linalg ops to loops, then everything to LLVM.
void buildCpuPipeline(OpPassManager &pm, const CpuPipelineOptions &options);

/// Registers `hyper-cpu-pipeline`.
void registerHyperPipelines();

} // namespace mlir::hyper

#endif // HYPER_PIPELINES_PIPELINES_H
