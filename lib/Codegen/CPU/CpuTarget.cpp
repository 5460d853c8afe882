//===- CpuTarget.cpp - What the CPU back end knows of a CPU ---------------===//

#include "hyper/Codegen/CPU/CpuTarget.h"

#include "llvm/Support/Format.h"

using namespace mlir::hyper;

CpuTarget CpuTarget::generic(int64_t vectorWidth) {
  CpuTarget t;
  t.vectorBits = vectorWidth * 32;
  if (vectorWidth >= 16) {
    t.name = "znver4";
    t.isa = "AVX-512";
    t.vectorRegisters = 32;
    t.fmaPerCycle = 1;
  } else {
    t.name = vectorWidth == 8 ? "znver3" : "x86-64";
    t.isa = vectorWidth == 8 ? "AVX2" : "SSE";
    t.vectorRegisters = 16;
    t.fmaPerCycle = 2;
    t.l2Bytes = 512 * 1024;
  }
  return t;
}

static void printBytes(llvm::raw_ostream &os, int64_t bytes) {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0)
    os << bytes / (1024 * 1024) << " MiB";
  else if (bytes >= 1024 && bytes % 1024 == 0)
    os << bytes / 1024 << " KiB";
  else
    os << bytes << " B";
}

void CpuTarget::print(llvm::raw_ostream &os) const {
  os << name << ": " << isa << ", " << lanes() << " f32 lanes, "
     << vectorRegisters << " vector registers, "
     << llvm::format("%g", fmaPerCycle) << " FMA/cycle (latency " << fmaLatency
     << "), L1d ";
  printBytes(os, l1dBytes);
  os << ", L2 ";
  printBytes(os, l2Bytes);
  os << ", L3 ";
  printBytes(os, l3Bytes);
  os << " a core";
  if (threads)
    os << ", " << threads << " threads";
}
