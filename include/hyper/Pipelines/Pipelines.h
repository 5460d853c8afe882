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
  PassOptions::Option<int64_t> mTile{
      *this, "m-tile",
      llvm::cl::desc("Rows of the GEMM register tile (0: from the vector "
                     "width's generic target, CpuTarget::generic)"),
      llvm::cl::init(0)};
  PassOptions::Option<int64_t> kPanel{
      *this, "k-panel",
      llvm::cl::desc("K panel of the GEMM cache tiles (0: the generic "
                     "target's)"),
      llvm::cl::init(0)};
  PassOptions::Option<int64_t> prefetchBytes{
      *this, "prefetch-bytes",
      llvm::cl::desc("Prefetch distance of packed GEMM weights in bytes (0: "
                     "the generic target's)"),
      llvm::cl::init(0)};
  PassOptions::Option<bool> threads{
      *this, "threads",
      llvm::cl::desc("Run GEMM cache tiles on OpenMP threads (the program "
                     "then needs the OpenMP runtime, libomp)"),
      llvm::cl::init(false)};
  PassOptions::Option<bool> printSchedule{
      *this, "print-schedule",
      llvm::cl::desc("Say, as a remark on each GEMM, GEMV and convolution, "
                     "which schedule the CPU stages give it"),
      llvm::cl::init(false)};
};

/// Lowers a module of func + hyper + TOSA/linalg ops to the LLVM dialect for
/// the host CPU: fold static weight generation, lower hyper and TOSA to
/// linalg on tensors, fuse elementwise ops, tile and vectorize the GEMMs,
/// bufferize (function boundaries included), free temporaries, lower vectors
/// and the remaining linalg ops to loops, then everything to LLVM.
void buildCpuPipeline(OpPassManager &pm, const CpuPipelineOptions &options);

/// Options of the NVIDIA GPU pipeline.
struct GpuPipelineOptions : public PassPipelineOptions<GpuPipelineOptions> {
  PassOptions::Option<bool> foldStaticWeights{
      *this, "fold-static-weights",
      llvm::cl::desc("Evaluate weight generation with constant inputs at "
                     "compile time"),
      llvm::cl::init(true)};
  PassOptions::Option<std::string> chip{
      *this, "chip", llvm::cl::desc("GPU architecture (sm_80, sm_90, ...)"),
      llvm::cl::init("sm_90")};
  PassOptions::Option<std::string> features{
      *this, "features",
      llvm::cl::desc("PTX version as an LLVM feature (+ptx80: PTX 8.0; "
                     "sm_90 needs at least +ptx78)"),
      llvm::cl::init("+ptx80")};
  PassOptions::Option<std::string> format{
      *this, "format",
      llvm::cl::desc("Kernel binary embedded in the host code: isa (PTX, "
                     "JIT-compiled by the driver), bin (cubin) or fatbin "
                     "(cubin + PTX); bin and fatbin run ptxas"),
      llvm::cl::init("fatbin")};
  PassOptions::Option<int64_t> blockSize{
      *this, "block-size",
      llvm::cl::desc("Threads per block (a multiple of 32)"),
      llvm::cl::init(256)};
  PassOptions::Option<int> optLevel{
      *this, "opt-level",
      llvm::cl::desc("Optimisation level of the NVPTX back end"),
      llvm::cl::init(3)};
  PassOptions::Option<bool> gemmKernels{
      *this, "gemm-kernels",
      llvm::cl::desc("GEMMs as shared-memory tiled kernels with their "
                     "element-wise epilogues fused (hyper-gpu-gemm-kernels); "
                     "off: one thread per output element, like every other "
                     "op"),
      llvm::cl::init(true)};
  PassOptions::Option<bool> emulate{
      *this, "emulate",
      llvm::cl::desc("Run the GEMM kernels' schedule on the host CPU (loops "
                     "over blocks and threads) and lower everything for the "
                     "host: checks the GPU schedule without a GPU"),
      llvm::cl::init(false)};
  PassOptions::Option<bool> printSchedule{
      *this, "print-schedule",
      llvm::cl::desc("Say, as a remark on each GEMM, convolution and row "
                     "kernel, which schedule the GPU kernels give it"),
      llvm::cl::init(false)};
};

/// The target-independent front of both pipelines: folds static weight
/// generation and lowers hyper and TOSA to fused linalg on tensors.
void buildHyperToLinalgPipeline(OpPassManager &pm, bool foldStaticWeights);

/// Lowers a module of func + hyper + TOSA/linalg ops to the LLVM dialect
/// with NVIDIA GPU kernels: the same front as the CPU, bufferization, every
/// linalg op as a grid of thread blocks (innermost dimension across the
/// threads of a warp), kernels outlined, host buffers in CUDA managed
/// memory, then NVVM and a `gpu.binary` for `chip`. The host code calls the
/// `mgpu*` functions of `libHyperCudaRuntime`.
void buildGpuPipeline(OpPassManager &pm, const GpuPipelineOptions &options);

/// Registers `hyper-cpu-pipeline` and `hyper-gpu-pipeline`.
void registerHyperPipelines();

} // namespace mlir::hyper

#endif // HYPER_PIPELINES_PIPELINES_H
