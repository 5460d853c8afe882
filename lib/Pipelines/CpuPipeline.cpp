//===- CpuPipeline.cpp - hyper → LLVM dialect for the host CPU --*- C++ -*-===//

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
#include "mlir/Transforms/Passes.h"

using namespace mlir;
using namespace mlir::hyper;

void mlir::hyper::buildCpuPipeline(OpPassManager &pm,
                                   const CpuPipelineOptions &options) {
  // 1. hyper and TOSA → linalg on tensors.
  OpPassManager &fn = pm.nest<func::FuncOp>();
  if (options.foldStaticWeights)
    fn.addPass(createHyperFuseWeightGenPass());
  fn.addPass(createConvertHyperToLinalgPass());
  fn.addPass(tosa::createTosaToLinalgNamed());
  fn.addPass(tosa::createTosaToLinalg());
  fn.addPass(createTosaToArithPass());
  fn.addPass(createTosaToTensorPass());
  // arith/math ops applied to whole tensors.
  fn.addPass(createConvertElementwiseToLinalgPass());
  fn.addPass(createHyperDecomposeAggregatesPass());
  fn.addPass(createCanonicalizerPass());
  fn.addPass(createCSEPass());
  fn.addPass(createHyperFuseElementwisePass());
  fn.addPass(createCanonicalizerPass());
  if (options.vectorWidth > 0) {
    HyperCpuVectorizePassOptions vectorize;
    vectorize.vectorWidth = options.vectorWidth;
    vectorize.parallel = options.threads;
    fn.addPass(createHyperCpuVectorizePass(vectorize));
    fn.addPass(createCanonicalizerPass());
    fn.addPass(createCSEPass());
  }

  // 2. Bufferize, with identity layouts at function boundaries, and free
  //    every temporary (the time loops allocate per step).
  bufferization::OneShotBufferizePassOptions bufferize;
  bufferize.bufferizeFunctionBoundaries = true;
  // The time loops carry states that each step computes anew.
  bufferize.allowReturnAllocsFromLoops = true;
  bufferize.functionBoundaryTypeConversion =
      bufferization::LayoutMapOption::IdentityLayoutMap;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferize));
  // Vector masks go before deallocation, which cannot see into their
  // regions.
  if (options.vectorWidth > 0) {
    pm.addNestedPass<func::FuncOp>(createHyperLowerVectorsPass());
    pm.addPass(createCanonicalizerPass());
  }
  bufferization::BufferDeallocationPipelineOptions dealloc;
  bufferization::buildBufferDeallocationPipeline(pm, dealloc);
  pm.addPass(createConvertBufferizationToMemRefPass());

  // 3. Threads, loops and LLVM.
  if (options.threads) {
    pm.addNestedPass<func::FuncOp>(createForallToParallelLoopPass());
    pm.addPass(createConvertSCFToOpenMPPass());
  }
  pm.addNestedPass<func::FuncOp>(createConvertLinalgToLoopsPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  pm.addPass(createSCFToControlFlowPass());
  pm.addPass(createConvertVectorToLLVMPass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertIndexToLLVMPass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  pm.addPass(createConvertFuncToLLVMPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  pm.addPass(createUBToLLVMConversionPass());
  if (options.threads)
    pm.addPass(createConvertOpenMPToLLVMPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
}

void mlir::hyper::registerHyperPipelines() {
  PassPipelineRegistration<CpuPipelineOptions>(
      "hyper-cpu-pipeline",
      "Lower hyper, TOSA and linalg ops to the LLVM dialect for the host CPU",
      buildCpuPipeline);
}
