//===- TargetFlags.cpp - --target and GPU flags of the tools --------------===//

#include "hyper/Driver/TargetFlags.h"

#include "llvm/ADT/StringRef.h"

using namespace mlir::hyper;
namespace cl = llvm::cl;

TargetFlags::TargetFlags()
    : target("target", cl::desc("Where the model runs"),
             cl::init(RunTarget::CPU),
             cl::values(clEnumValN(RunTarget::CPU, "cpu",
                                   "the host CPU (default)"),
                        clEnumValN(RunTarget::CUDA, "cuda",
                                   "NVIDIA GPUs, through libHyperCudaRuntime "
                                   "and the CUDA driver"),
                        clEnumValN(RunTarget::GPUEmulator, "gpu-emulator",
                                   "the GPU pipeline's kernels run on the "
                                   "host CPU, to check GPU schedules without "
                                   "a GPU (hyper-run)"))),
      gpuChip("gpu-chip",
              cl::desc("GPU architecture, sm_80, sm_90, ... (--target=cuda)"),
              cl::init("sm_90")),
      gpuFeatures("gpu-features",
                  cl::desc("PTX version as an LLVM feature (--target=cuda)"),
                  cl::init("+ptx80")),
      gpuFormat("gpu-format",
                cl::desc("Kernel binaries: fatbin (default) or bin (cubin), "
                         "both needing ptxas, or isa (PTX, compiled by the "
                         "driver) (--target=cuda)"),
                cl::init("fatbin")) {}

std::string TargetFlags::check(bool parallel) const {
  if (isEmulator() && parallel)
    return "--parallel applies to --target=cpu only";
  if (!isCuda())
    return "";
  if (parallel)
    return "--parallel applies to --target=cpu only";
  if (!llvm::StringRef(gpuChip).starts_with("sm_"))
    return "unsupported GPU chip '" + gpuChip +
           "'; expected an NVIDIA architecture such as sm_80 or sm_90";
  if (gpuFormat != "fatbin" && gpuFormat != "bin" && gpuFormat != "isa")
    return "unsupported --gpu-format '" + gpuFormat +
           "'; expected fatbin, bin or isa";
  return "";
}

void TargetFlags::apply(GpuPipelineOptions &options) const {
  options.chip = gpuChip.getValue();
  options.features = gpuFeatures.getValue();
  options.format = gpuFormat.getValue();
}
