//===- PipelineStages.h - Stages the pipelines share ------------*- C++ -*-===//

#ifndef HYPER_LIB_PIPELINES_PIPELINESTAGES_H
#define HYPER_LIB_PIPELINES_PIPELINESTAGES_H

#include "mlir/Pass/PassManager.h"

namespace mlir::hyper {

/// One-shot bufferization of the whole module: identity layouts at function
/// boundaries, and time loops may yield buffers each step allocates anew.
void addBufferizePass(OpPassManager &pm);

/// Buffers, loops, vectors and math → the LLVM dialect for the host, with
/// scf.forall on OpenMP threads when `threads`.
void addHostToLLVMPasses(OpPassManager &pm, bool threads);

} // namespace mlir::hyper

#endif // HYPER_LIB_PIPELINES_PIPELINESTAGES_H
