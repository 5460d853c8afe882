//===- CpuPipeline.cpp - hyper → LLVM dialect for the host CPU --*- C++ -*-===//

#include "PipelineStages.h"
#include "hyper/Codegen/CPU/Passes.h"
#include "hyper/Codegen/CPU/Transforms.h"
#include "hyper/Codegen/Common/Passes.h"
#include "hyper/Conversion/Passes.h"
#include "hyper/Dialect/Hyper/Transforms/Passes.h"
#include "hyper/Pipelines/Pipelines.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/SCF/Transforms/Passes.h"
#include "mlir/Dialect/Tosa/Transforms/Passes.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;
using namespace mlir::hyper;

void mlir::hyper::buildCpuPipeline(OpPassManager &pm,
                                   const CpuPipelineOptions &options) {
  // 1. hyper and TOSA → linalg on tensors.
  buildHyperToLinalgPipeline(pm, options.foldStaticWeights);
  OpPassManager &fn = pm.nest<func::FuncOp>();
  if (options.vectorWidth > 0) {
    // The CPU stages, one pass each (lib/Codegen/CPU/Cpu<Stage>.cpp).
    CpuStageOptions stages;
    stages.vectorWidth = options.vectorWidth;
    stages.mTile = options.mTile;
    stages.kPanel = options.kPanel;
    stages.prefetchBytes = options.prefetchBytes;
    stages.parallel = options.threads;
    stages.printSchedule = options.printSchedule;
    addCpuCodegenPasses(fn, stages);
    fn.addPass(createCanonicalizerPass());
    fn.addPass(createCSEPass());
  }

  // 2. Bufferize and free every temporary (the time loops allocate per
  //    step).
  addBufferizePass(pm);
  // Vector masks go before deallocation, which cannot see into their
  // regions.
  pm.addNestedPass<func::FuncOp>(createHyperApproximateMathPass());
  if (options.vectorWidth > 0) {
    pm.addNestedPass<func::FuncOp>(createHyperLowerVectorsPass());
    // Folds what the lowering leaves (constants, casts, dead ops); region
    // simplification (block merging across the unrolled register tiles)
    // cost more than half a second on the PTB model for nothing measured.
    GreedyRewriteConfig config;
    config.setRegionSimplificationLevel(GreedySimplifyRegionLevel::Disabled);
    pm.addPass(createCanonicalizerPass(config));
  }
  bufferization::BufferDeallocationPipelineOptions dealloc;
  bufferization::buildBufferDeallocationPipeline(pm, dealloc);
  pm.addPass(createConvertBufferizationToMemRefPass());
  // Bufferization's copies between strided views (an image into its padded
  // buffer) as row copies LLVM inlines, not runtime element walks.
  pm.addNestedPass<func::FuncOp>(createHyperExpandStridedCopiesPass());

  // 3. Threads, loops and LLVM.
  addHostToLLVMPasses(pm, options.threads);
}

void mlir::hyper::addHostToLLVMPasses(OpPassManager &pm, bool threads) {
  // Buffers come from the runtime's allocator (libHyperRuntime), which
  // keeps large ones for the next call.
  FinalizeMemRefToLLVMConversionPassOptions memrefToLLVM;
  memrefToLLVM.useGenericFunctions = true;
  if (threads) {
    // Parallel loops take the runtime's balanced schedule; what that pass
    // leaves (loops nested in others) the upstream lowering's static one.
    pm.addPass(createConvertForallToOpenMPPass());
    pm.addNestedPass<func::FuncOp>(createForallToParallelLoopPass());
    pm.addPass(createConvertSCFToOpenMPPass());
  }
  pm.addNestedPass<func::FuncOp>(createConvertLinalgToLoopsPass());
  pm.addPass(createLowerAffinePass());
  pm.addNestedPass<func::FuncOp>(createHyperExpandShapesToCastsPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass(memrefToLLVM));
  pm.addPass(createSCFToControlFlowPass());
  pm.addPass(createConvertVectorToLLVMPass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass(memrefToLLVM));
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertIndexToLLVMPass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass(memrefToLLVM));
  pm.addPass(createConvertFuncToLLVMPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  pm.addPass(createUBToLLVMConversionPass());
  if (threads)
    pm.addPass(createConvertOpenMPToLLVMPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
  pm.addPass(createHyperLLVMHintsPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
}
