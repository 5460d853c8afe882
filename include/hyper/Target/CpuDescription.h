//===- CpuDescription.h - A CpuTarget from LLVM's CPU models ----*- C++ -*-===//
//
// Turns a CPU as the user names it (--target-cpu, --target-features) into
// what the code generator and the back end's schedule need: the LLVM CPU
// name and feature string to build a TargetMachine from, and the CpuTarget
// the schedule is derived from. The ISA, vector registers and FMA
// throughput come from LLVM's sub-target and scheduling models; the cache
// sizes of the host from the kernel (sysfs), of a named CPU from a table of
// vendor figures (LLVM's X86 model gives every CPU Haswell's caches).
//
//===----------------------------------------------------------------------===//

#ifndef HYPER_TARGET_CPUDESCRIPTION_H
#define HYPER_TARGET_CPUDESCRIPTION_H

#include "hyper/Codegen/CPU/CpuTarget.h"

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace mlir::hyper {

struct CpuSelection {
  /// What to give LLVM's TargetMachine: a CPU name and a feature string.
  std::string cpu, features;
  /// What the back end knows of it.
  CpuTarget target;
  /// Whether the code is for the machine compiling it.
  bool host = false;
  /// Non-empty when the host was not recognised and a generic x86-64-v3
  /// schedule is used: one line for the user.
  std::string warning;
};

/// The CPU `name` ("host" or an LLVM CPU name) with `features` ("+f,-g",
/// LLVM feature names; may be empty) added. Fails with `error` (one line)
/// on a CPU or feature LLVM does not know.
std::optional<CpuSelection>
selectCpu(llvm::StringRef name, llvm::StringRef features, std::string &error);

/// The CpuTarget LLVM's models give CPU `cpu` with `features` (both valid),
/// with `threads` hardware threads (0: unknown) and the cache sizes of the
/// host when `host`, else of the vendor table.
CpuTarget describeCpu(llvm::StringRef cpu, llvm::StringRef features, bool host);

/// The ISA features `selection` needs that this machine lacks ("avx512f,
/// avx512bw"); empty when code for it runs here.
std::string missingHostFeatures(const CpuSelection &selection);

} // namespace mlir::hyper

#endif // HYPER_TARGET_CPUDESCRIPTION_H
