//===- Pipelines.cpp - Shared stages and registration ------------*- C++ -*-===//

#include "PipelineStages.h"
#include "hyper/Conversion/Passes.h"
#include "hyper/Dialect/Hyper/Transforms/Passes.h"
#include "hyper/Pipelines/Pipelines.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/Tosa/Transforms/Passes.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;
using namespace mlir::hyper;

void mlir::hyper::buildHyperToLinalgPipeline(OpPassManager &pm,
                                             bool foldStaticWeights) {
  OpPassManager &fn = pm.nest<func::FuncOp>();
  if (foldStaticWeights)
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
}

void mlir::hyper::addBufferizePass(OpPassManager &pm) {
  bufferization::OneShotBufferizePassOptions bufferize;
  bufferize.bufferizeFunctionBoundaries = true;
  // The time loops carry states that each step computes anew.
  bufferize.allowReturnAllocsFromLoops = true;
  bufferize.functionBoundaryTypeConversion =
      bufferization::LayoutMapOption::IdentityLayoutMap;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferize));
}

void mlir::hyper::registerHyperPipelines() {
  PassPipelineRegistration<CpuPipelineOptions>(
      "hyper-cpu-pipeline",
      "Lower hyper, TOSA and linalg ops to the LLVM dialect for the host CPU",
      buildCpuPipeline);
  PassPipelineRegistration<GpuPipelineOptions>(
      "hyper-gpu-pipeline",
      "Lower hyper, TOSA and linalg ops to the LLVM dialect with NVIDIA GPU "
      "kernels",
      buildGpuPipeline);
}
