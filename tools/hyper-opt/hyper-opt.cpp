//===- hyper-opt.cpp - mlir-opt with the hyper dialect and passes -*- C++ -*-===//
//
// The test driver: parses, verifies, transforms and prints IR that mixes the
// hyper dialect with upstream dialects, and replays every registered pass and
// pipeline.
//
//===----------------------------------------------------------------------===//

#include "hyper/Conversion/Passes.h"
#include "hyper/Dialect/Hyper/IR/HyperDialect.h"
#include "hyper/Codegen/CPU/Passes.h"
#include "hyper/Codegen/Common/Passes.h"
#include "hyper/Codegen/GPU/Passes.h"
#include "hyper/Dialect/Hyper/Transforms/Passes.h"
#include "hyper/Pipelines/Pipelines.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  // GPU serialization (gpu-module-to-binary) translates modules to LLVM IR.
  mlir::registerAllToLLVMIRTranslations(registry);
  mlir::registerAllPasses();
  registry.insert<mlir::hyper::HyperDialect>();
  mlir::hyper::registerHyperPasses();
  mlir::hyper::registerHyperConversionPasses();
  mlir::hyper::registerHyperCodegenCommonPasses();
  mlir::hyper::registerHyperCodegenCPUPasses();
  mlir::hyper::registerHyperCodegenGPUPasses();
  mlir::hyper::registerHyperPipelines();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "hyper-mlir optimizer driver\n", registry));
}
