//===- GpuSchedule.cpp - The GPU GEMM kernels' decisions ------------------===//

#include "hyper/Codegen/GPU/GpuSchedule.h"

#include "llvm/Support/MathExtras.h"

#include <algorithm>

using namespace mlir::hyper;

GpuTiling GpuSchedule::gemmTiling(std::optional<int64_t> m) {
  GpuTiling t;
  if (!m || *m >= 64)
    return t;
  t.tm = *m >= 16 ? 4 : 1;
  t.ty = std::max<int64_t>(2, llvm::PowerOf2Ceil(llvm::divideCeil(*m, t.tm)));
  return t;
}

GpuTiling GpuSchedule::skinnyTiling() {
  GpuTiling t;
  t.tx = warpSize;
  t.ty = skinnyWarps;
  return t;
}

bool GpuSchedule::skinnyFits(std::optional<int64_t> rows, int64_t groups) {
  return rows && *rows <= skinnyMaxRows && groups <= skinnyMaxSlots;
}

int64_t GpuSchedule::skinnyRowsPerWarp(int64_t rows, int64_t groups) {
  return std::max<int64_t>(
      1, std::min({rows, int64_t(8), skinnyMaxSlots / groups}));
}
