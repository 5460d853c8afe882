//===- TargetFlags.cpp - --target and GPU flags of the tools --------------===//

#include "hyper/Driver/TargetFlags.h"
#include "hyper/Driver/Driver.h"

#include "llvm/ADT/StringRef.h"

using namespace mlir::hyper;
namespace cl = llvm::cl;

TargetFlags::TargetFlags()
    : target("target", cl::cat(toolOptions()), cl::desc("Where the model runs"),
             cl::init(TargetKind::CPU),
             cl::values(
                 clEnumValN(TargetKind::CPU, "cpu", "the host CPU (default)"),
                 clEnumValN(TargetKind::CUDA, "cuda",
                            "NVIDIA GPUs, through libHyperCudaRuntime "
                            "and the CUDA driver"),
                 clEnumValN(TargetKind::GPUEmulator, "gpu-emulator",
                            "the GPU pipeline's kernels run on the "
                            "host CPU, to check GPU schedules without "
                            "a GPU (hyper-run)"))),
      targetCpu("target-cpu", cl::cat(toolOptions()),
                cl::desc("CPU to generate code for: 'host' (default) or an "
                         "LLVM CPU name such as znver3, znver4, "
                         "skylake-avx512, x86-64-v3 (--target=cpu; "
                         "hyper-run needs one whose ISA this CPU has)"),
                cl::init("host")),
      targetFeatures("target-features", cl::cat(toolOptions()),
                     cl::desc("LLVM CPU features to add or remove, "
                              "comma-separated: +avx512f,-fma "
                              "(--target=cpu)"),
                     cl::init("")),
      gpuChip("gpu-chip", cl::cat(toolOptions()),
              cl::desc("GPU architecture, sm_80, sm_90, ... (--target=cuda)"),
              cl::init("sm_90")),
      gpuFeatures("gpu-features", cl::cat(toolOptions()),
                  cl::desc("PTX version as an LLVM feature (--target=cuda)"),
                  cl::init("+ptx80")),
      gpuFormat("gpu-format", cl::cat(toolOptions()),
                cl::desc("Kernel binaries: fatbin (default) or bin (cubin), "
                         "both needing ptxas, or isa (PTX, compiled by the "
                         "driver) (--target=cuda)"),
                cl::init("fatbin")),
      printSchedule(
          "print-schedule", cl::cat(toolOptions()),
          cl::desc("Print, as a remark at each GEMM, GEMV and convolution, "
                   "the schedule the back end gives it (CPU: tiles, threads, "
                   "packing; GPU: tiled or skinny kernel, blocks, fused "
                   "epilogue); --hyper-debug-only=STAGE says why a stage "
                   "left an op alone"),
          cl::init(false)) {}

std::optional<TargetInfo> TargetFlags::get(bool parallel,
                                           std::string &error) const {
  TargetInfo t;
  t.kind = target;
  t.cpuName = targetCpu.getValue();
  t.cpuFeatures = targetFeatures.getValue();
  t.threads = parallel;
  t.printSchedule = printSchedule;
  t.chip = gpuChip.getValue();
  t.ptxFeatures = gpuFeatures.getValue();
  t.binaryFormat = gpuFormat.getValue();
  error = t.verify();
  if (!error.empty())
    return std::nullopt;
  return t;
}
