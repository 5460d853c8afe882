//===- CpuTarget.h - What the CPU back end knows of a CPU -------*- C++ -*-===//
//
// The CPU a model is compiled for, as the numbers the schedule is derived
// from (CpuSchedule::forTarget): vector width and register count, FMA
// throughput and latency, cache sizes per core, threads. Plain data: the
// tools fill it from LLVM's description of a named CPU or of the host
// (hyper/Target/CpuDescription.h); the stages see only the schedule.
//
//===----------------------------------------------------------------------===//

#ifndef HYPER_CODEGEN_CPU_CPUTARGET_H
#define HYPER_CODEGEN_CPU_CPUTARGET_H

#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <string>

namespace mlir::hyper {

struct CpuTarget {
  /// LLVM's name of the CPU ("znver3", "skylake-avx512", "x86-64-v3").
  std::string name = "generic";
  /// The widest vector ISA the code may use: "AVX-512", "AVX2", "AVX",
  /// "SSE".
  std::string isa = "AVX-512";
  /// Bits of the vector registers the code uses.
  int64_t vectorBits = 512;
  /// Architectural vector registers (16 below AVX-512, 32 with it).
  int64_t vectorRegisters = 32;
  /// Vector FMAs of `vectorBits` issued per cycle (LLVM's scheduling model:
  /// 2 on Zen 3's 256-bit pipes, 1 on Zen 4's 512-bit ones).
  double fmaPerCycle = 1;
  /// Cycles from an FMA to one that reads its result.
  int64_t fmaLatency = 4;
  /// Cache sizes per core, in bytes (L3: its share of a shared L3).
  int64_t l1dBytes = 32 * 1024, l2Bytes = 1024 * 1024,
          l3Bytes = 4 * 1024 * 1024;
  /// Hardware threads available (0: not known, a named CPU).
  int64_t threads = 0;

  /// f32 lanes of a vector register.
  int64_t lanes() const { return vectorBits / 32; }
  /// Peak f32 FLOP per cycle and core (an FMA is two).
  double flopsPerCycle() const { return fmaPerCycle * lanes() * 2; }

  /// The target pass and pipeline options mean when no CPU is named: the
  /// typical CPU with `vectorWidth` f32 lanes (16: an AVX-512 Zen 4, 8: an
  /// AVX2 Zen 3, 4: SSE).
  static CpuTarget generic(int64_t vectorWidth);

  /// One line: "znver3: AVX2, 8 f32 lanes, 16 vector registers, 2 FMA/cycle
  /// (latency 4), L1d 32 KiB, L2 512 KiB, L3 4 MiB a core, 2 threads".
  void print(llvm::raw_ostream &os) const;
};

} // namespace mlir::hyper

#endif // HYPER_CODEGEN_CPU_CPUTARGET_H
