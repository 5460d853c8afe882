//===- CpuVectorize.cpp - The CPU stages, listed ----------------*- C++ -*-===//
//
// addCpuCodegenPasses lists the hyper-cpu-* stages in order, each a pass in
// a file of its own name; hyper-cpu-vectorize runs the same list as one
// pass, so that tests and scripts written against it keep working.
//
//===----------------------------------------------------------------------===//

#include "hyper/Codegen/CPU/Passes.h"
#include "hyper/Codegen/CPU/Transforms.h"

namespace mlir::hyper {
#define GEN_PASS_DEF_HYPERCPUVECTORIZEPASS
#include "hyper/Codegen/CPU/Passes.h.inc"
} // namespace mlir::hyper

using namespace mlir;
using namespace mlir::hyper;

namespace {

/// A stage's pass options (each stage has its own generated struct with
/// these members) from `options`.
template <typename StageOptions>
StageOptions stageOptions(const CpuStageOptions &options) {
  StageOptions stage;
  stage.vectorWidth = options.vectorWidth;
  stage.mTile = options.mTile;
  stage.kPanel = options.kPanel;
  stage.prefetchBytes = options.prefetchBytes;
  stage.parallel = options.parallel;
  return stage;
}

/// The same, for a stage that can report its schedule.
template <typename StageOptions>
StageOptions reportingStageOptions(const CpuStageOptions &options) {
  StageOptions stage = stageOptions<StageOptions>(options);
  stage.printSchedule = options.printSchedule;
  return stage;
}

} // namespace

void mlir::hyper::addCpuCodegenPasses(OpPassManager &pm,
                                      const CpuStageOptions &options) {
  pm.addPass(createHyperCpuConvToGemmPass(
      reportingStageOptions<HyperCpuConvToGemmPassOptions>(options)));
  pm.addPass(createHyperCpuGemvRowDotsPass(
      reportingStageOptions<HyperCpuGemvRowDotsPassOptions>(options)));
  pm.addPass(createHyperCpuTransposeWeightsPass(
      stageOptions<HyperCpuTransposeWeightsPassOptions>(options)));
  pm.addPass(createHyperCpuFuseEpiloguesPass(
      stageOptions<HyperCpuFuseEpiloguesPassOptions>(options)));
  pm.addPass(createHyperCpuTileGemmsPass(
      reportingStageOptions<HyperCpuTileGemmsPassOptions>(options)));
  pm.addPass(createHyperCpuTileConvGemmsPass(
      reportingStageOptions<HyperCpuTileConvGemmsPassOptions>(options)));
  pm.addPass(createHyperCpuLaneSumsPass(
      stageOptions<HyperCpuLaneSumsPassOptions>(options)));
  pm.addPass(createHyperCpuTileElementwisePass(
      stageOptions<HyperCpuTileElementwisePassOptions>(options)));
  pm.addPass(createHyperCpuFoldTileShapesPass(
      stageOptions<HyperCpuFoldTileShapesPassOptions>(options)));
  pm.addPass(createHyperCpuPackConstantsPass(
      stageOptions<HyperCpuPackConstantsPassOptions>(options)));
  pm.addPass(createHyperCpuVectorizeTilesPass(
      stageOptions<HyperCpuVectorizeTilesPassOptions>(options)));
  pm.addPass(createHyperCpuHoistAccumulatorsPass(
      stageOptions<HyperCpuHoistAccumulatorsPassOptions>(options)));
  pm.addPass(createHyperCpuAllocStepResultsPass(
      stageOptions<HyperCpuAllocStepResultsPassOptions>(options)));
}

namespace {

struct HyperCpuVectorizePass
    : hyper::impl::HyperCpuVectorizePassBase<HyperCpuVectorizePass> {
  using HyperCpuVectorizePassBase::HyperCpuVectorizePassBase;

  void runOnOperation() override {
    OpPassManager stages(func::FuncOp::getOperationName());
    CpuStageOptions options;
    options.vectorWidth = vectorWidth;
    options.mTile = mTile;
    options.kPanel = kPanel;
    options.prefetchBytes = prefetchBytes;
    options.parallel = parallel;
    options.printSchedule = printSchedule;
    addCpuCodegenPasses(stages, options);
    if (failed(runPipeline(stages, getOperation())))
      signalPassFailure();
  }
};

} // namespace
