//===- GpuPipeline.cpp - hyper → LLVM with NVIDIA kernels ------*- C++ -*-===//

#include "PipelineStages.h"
#include "hyper/Codegen/Common/Passes.h"
#include "hyper/Codegen/GPU/Passes.h"
#include "hyper/Dialect/Hyper/Transforms/Passes.h"
#include "hyper/Pipelines/Pipelines.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/Pipelines/Passes.h"
#include "mlir/Dialect/GPU/Transforms/Passes.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;
using namespace mlir::hyper;

void mlir::hyper::buildGpuPipeline(OpPassManager &pm,
                                   const GpuPipelineOptions &options) {
  // 1. hyper and TOSA → linalg on tensors, as for the CPU; constants read
  //    through static slices become one constant per slice (aligned rows
  //    for the kernels' vector loads).
  buildHyperToLinalgPipeline(pm, options.foldStaticWeights);
  pm.addNestedPass<func::FuncOp>(createHyperSplitConstantSlicesPass());

  // 2. Bufferize and free temporaries while the host code is still plain
  //    loops (deallocation cannot see through kernel launches).
  addBufferizePass(pm);
  bufferization::BufferDeallocationPipelineOptions dealloc;
  bufferization::buildBufferDeallocationPipeline(pm, dealloc);
  pm.addPass(createConvertBufferizationToMemRefPass());

  // 3. GEMMs and their element-wise epilogues become tiled kernels; every
  //    other linalg op becomes a grid of thread blocks. The time loops stay
  //    on the host and launch the kernels of each step.
  OpPassManager &fn = pm.nest<func::FuncOp>();
  if (options.gemmKernels || options.emulate) {
    HyperGpuGemmKernelsPassOptions gemm;
    gemm.emulate = options.emulate;
    gemm.printSchedule = options.printSchedule;
    fn.addPass(createHyperGpuGemmKernelsPass(gemm));
    HyperGpuRowKernelsPassOptions rows;
    rows.emulate = options.emulate;
    rows.printSchedule = options.printSchedule;
    fn.addPass(createHyperGpuRowKernelsPass(rows));
    fn.addPass(createCanonicalizerPass());
    fn.addPass(createCSEPass());
  }
  if (options.emulate) {
    // The kernels are host loops now; the rest runs as on the CPU.
    addHostToLLVMPasses(pm, /*threads=*/false);
    return;
  }
  fn.addPass(createConvertLinalgToParallelLoopsPass());
  fn.addPass(createCanonicalizerPass());
  HyperGpuMapLoopsPassOptions map;
  map.blockSize = options.blockSize;
  fn.addPass(createHyperGpuMapLoopsPass(map));
  fn.addPass(createConvertParallelLoopToGpuPass());
  pm.addPass(createCanonicalizerPass());
  // Constants and index arithmetic go into the kernels (else they become
  // kernel arguments: no constant folding, and the register arrays'
  // allocas get a run-time size that LLVM cannot promote).
  pm.addPass(createGpuLaunchSinkIndexComputationsPass());
  pm.addPass(createGpuKernelOutliningPass());
  pm.addPass(createHyperGpuHostSharedMemoryPass());

  // 4. Kernels → NVVM → binary; host → LLVM with `mgpu*` calls.
  pm.addNestedPass<func::FuncOp>(createHyperExpandShapesToCastsPass());
  gpu::GPUToNVVMPipelineOptions nvvm;
  nvvm.cubinChip = options.chip;
  nvvm.cubinFeatures = options.features;
  nvvm.cubinFormat = options.format;
  nvvm.optLevel = options.optLevel;
  gpu::buildLowerToNVVMPassPipeline(pm, nvvm);
}
