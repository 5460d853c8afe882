//===- CpuDescription.cpp - A CpuTarget from LLVM's CPU models ------------===//

#include "hyper/Target/CpuDescription.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Analysis/TargetTransformInfo.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/MCInstrInfo.h"
#include "llvm/MC/MCSchedule.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Target/TargetOptions.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

#include <memory>
#include <thread>

using namespace mlir;
using namespace mlir::hyper;
using llvm::StringRef;

namespace {

constexpr int64_t KiB = 1024, MiB = 1024 * 1024;

/// What the schedule falls back to on a host LLVM does not recognise.
constexpr StringRef fallbackCpu = "x86-64-v3";

/// Cache sizes per core of the CPUs the project is tuned and tested on,
/// from the vendors' data (L3: a CCX's or a die's L3 over its cores).
/// LLVM's X86 cost model answers 32 KiB and 256 KiB for every CPU.
struct CacheSizes {
  StringRef cpu;
  int64_t l1d, l2, l3;
};
constexpr CacheSizes cacheTable[] = {
    {"haswell", 32 * KiB, 256 * KiB, 2 * MiB},
    {"broadwell", 32 * KiB, 256 * KiB, 2 * MiB},
    {"skylake", 32 * KiB, 256 * KiB, 2 * MiB},
    {"skylake-avx512", 32 * KiB, 1 * MiB, 1408 * KiB},
    {"cascadelake", 32 * KiB, 1 * MiB, 1408 * KiB},
    {"icelake-server", 48 * KiB, 1280 * KiB, 1536 * KiB},
    {"sapphirerapids", 48 * KiB, 2 * MiB, 1920 * KiB},
    {"znver1", 32 * KiB, 512 * KiB, 2 * MiB},
    {"znver2", 32 * KiB, 512 * KiB, 4 * MiB},
    {"znver3", 32 * KiB, 512 * KiB, 4 * MiB},
    {"znver4", 32 * KiB, 1 * MiB, 4 * MiB},
    {"znver5", 48 * KiB, 1 * MiB, 4 * MiB},
    {"x86-64-v3", 32 * KiB, 512 * KiB, 2 * MiB},
    {"x86-64-v4", 32 * KiB, 1 * MiB, 2 * MiB},
};

const llvm::Target *x86Target(llvm::Triple &triple, std::string &error) {
  triple = llvm::Triple(llvm::sys::getDefaultTargetTriple());
  return llvm::TargetRegistry::lookupTarget(triple, error);
}

/// "32K" → 32768 (sysfs cache sizes); 0 when unreadable.
int64_t readSize(const llvm::Twine &path) {
  auto buffer = llvm::MemoryBuffer::getFileAsStream(path);
  if (!buffer)
    return 0;
  StringRef text = (*buffer)->getBuffer().trim();
  int64_t scale = 1;
  if (text.consume_back("K"))
    scale = KiB;
  else if (text.consume_back("M"))
    scale = MiB;
  int64_t value = 0;
  return text.getAsInteger(10, value) ? 0 : value * scale;
}

/// How many CPUs a sysfs shared_cpu_list ("0-1", "0,8", "3") names.
int64_t countCpus(const llvm::Twine &path) {
  auto buffer = llvm::MemoryBuffer::getFileAsStream(path);
  if (!buffer)
    return 1;
  int64_t count = 0;
  llvm::SmallVector<StringRef> ranges;
  (*buffer)->getBuffer().trim().split(ranges, ',');
  for (StringRef range : ranges) {
    auto [first, last] = range.split('-');
    int64_t a = 0, b = 0;
    if (first.getAsInteger(10, a))
      continue;
    if (last.empty() || last.getAsInteger(10, b))
      b = a;
    count += b - a + 1;
  }
  return std::max<int64_t>(count, 1);
}

/// The host's data cache sizes per core from sysfs; false when the kernel
/// does not say.
bool readHostCaches(CpuTarget &t) {
  bool found = false;
  for (int index = 0; index < 8; ++index) {
    std::string dir =
        "/sys/devices/system/cpu/cpu0/cache/index" + std::to_string(index);
    // sysfs files say they are 4 KiB long: read them as streams.
    auto type = llvm::MemoryBuffer::getFileAsStream(dir + "/type");
    auto level = llvm::MemoryBuffer::getFileAsStream(dir + "/level");
    if (!type || !level)
      break;
    if ((*type)->getBuffer().trim() == "Instruction")
      continue;
    int64_t bytes = readSize(dir + "/size");
    if (!bytes)
      continue;
    bytes /= countCpus(dir + "/shared_cpu_list");
    StringRef l = (*level)->getBuffer().trim();
    found = true;
    if (l == "1")
      t.l1dBytes = bytes;
    else if (l == "2")
      t.l2Bytes = bytes;
    else if (l == "3")
      t.l3Bytes = bytes;
  }
  return found;
}

/// The opcode LLVM's X86 back end calls `name`, if any.
std::optional<unsigned> opcodeNamed(const llvm::MCInstrInfo &instrs,
                                    StringRef name) {
  for (unsigned op = 0, e = instrs.getNumOpcodes(); op < e; ++op)
    if (instrs.getName(op) == name)
      return op;
  return std::nullopt;
}

} // namespace

CpuTarget mlir::hyper::describeCpu(StringRef cpu, StringRef features,
                                   bool host) {
  CpuTarget t;
  t.name = cpu.str();
  llvm::Triple triple;
  std::string error;
  const llvm::Target *target = x86Target(triple, error);
  if (!target)
    return t;
  std::unique_ptr<llvm::TargetMachine> machine(target->createTargetMachine(
      triple, cpu, features, llvm::TargetOptions(), std::nullopt));
  if (!machine)
    return t;
  const llvm::MCSubtargetInfo *sti = machine->getMCSubtargetInfo();
  if (sti->checkFeatures("+avx512f")) {
    t.isa = "AVX-512";
    t.vectorBits = 512;
  } else if (sti->checkFeatures("+avx2")) {
    t.isa = "AVX2";
    t.vectorBits = 256;
  } else if (sti->checkFeatures("+avx")) {
    t.isa = "AVX";
    t.vectorBits = 256;
  } else {
    t.isa = "SSE";
    t.vectorBits = 128;
  }

  // Vector registers and the default cache sizes: LLVM's cost model.
  llvm::LLVMContext context;
  llvm::Module module("cpu-description", context);
  auto *fn = llvm::Function::Create(
      llvm::FunctionType::get(llvm::Type::getVoidTy(context), false),
      llvm::Function::ExternalLinkage, "f", module);
  llvm::TargetTransformInfo tti = machine->getTargetTransformInfo(*fn);
  t.vectorRegisters =
      tti.getNumberOfRegisters(tti.getRegisterClassForType(true));
  using Level = llvm::TargetTransformInfo::CacheLevel;
  if (auto l1 = tti.getCacheSize(Level::L1D))
    t.l1dBytes = *l1;
  if (auto l2 = tti.getCacheSize(Level::L2D))
    t.l2Bytes = *l2;

  // FMA throughput and latency at the vector width: the scheduling model's
  // figures for a register-register FMA.
  std::unique_ptr<llvm::MCInstrInfo> instrs(target->createMCInstrInfo());
  StringRef fma = t.vectorBits == 512   ? "VFMADD231PSZr"
                  : t.vectorBits == 256 ? "VFMADD231PSYr"
                                        : "VFMADD231PSr";
  const llvm::MCSchedModel &model = sti->getSchedModel();
  std::optional<unsigned> op = opcodeNamed(*instrs, fma);
  if (op && model.hasInstrSchedModel() && sti->checkFeatures("+fma")) {
    const llvm::MCSchedClassDesc *sched =
        model.getSchedClassDesc(instrs->get(*op).getSchedClass());
    if (sched && sched->isValid() && !sched->isVariant()) {
      double reciprocal =
          llvm::MCSchedModel::getReciprocalThroughput(*sti, *sched);
      if (reciprocal > 0 && reciprocal <= 4)
        t.fmaPerCycle = 1 / reciprocal;
      int latency = llvm::MCSchedModel::computeInstrLatency(*sti, *sched);
      if (latency > 0)
        t.fmaLatency = latency;
    }
  } else if (!sti->checkFeatures("+fma")) {
    // A multiply and an add: count them as one FMA a cycle.
    t.fmaPerCycle = 1;
  }

  // Cache sizes: the host's from the kernel, a named CPU's from the table.
  bool cachesKnown = host && readHostCaches(t);
  if (!cachesKnown)
    for (const CacheSizes &c : cacheTable)
      if (c.cpu == cpu) {
        t.l1dBytes = c.l1d;
        t.l2Bytes = c.l2;
        t.l3Bytes = c.l3;
      }
  if (host)
    t.threads = std::thread::hardware_concurrency();
  return t;
}

std::optional<CpuSelection>
mlir::hyper::selectCpu(StringRef name, StringRef features, std::string &error) {
  llvm::Triple triple;
  const llvm::Target *target = x86Target(triple, error);
  if (!target)
    return std::nullopt;
  // A sub-target of no CPU, to check names without LLVM's warnings.
  std::unique_ptr<llvm::MCSubtargetInfo> generic(
      target->createMCSubtargetInfo(triple, "", ""));

  CpuSelection s;
  s.host = name == "host";
  llvm::SmallVector<std::string> featureList;
  if (s.host) {
    s.cpu = llvm::sys::getHostCPUName().str();
    for (const auto &f : llvm::sys::getHostCPUFeatures())
      featureList.push_back((f.second ? "+" : "-") + f.first().str());
    if (s.cpu == "generic" || !generic->isCPUStringValid(s.cpu)) {
      s.warning = "LLVM does not recognise this CPU ('" + s.cpu +
                  "'); using the generic " + fallbackCpu.str() + " schedule";
      s.cpu = "generic";
    }
  } else {
    s.cpu = name.str();
    if (!generic->isCPUStringValid(s.cpu)) {
      error = "unknown --target-cpu '" + s.cpu + "' for " + triple.str() +
              " (an LLVM CPU name such as znver4, skylake-avx512, x86-64-v3, "
              "or host)";
      return std::nullopt;
    }
  }

  llvm::SmallVector<StringRef> requested;
  features.split(requested, ',', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  for (StringRef f : requested) {
    f = f.trim();
    StringRef bare = f.drop_front();
    bool known = llvm::any_of(
        generic->getAllProcessorFeatures(),
        [&](const llvm::SubtargetFeatureKV &kv) { return bare == kv.Key; });
    if ((!f.starts_with("+") && !f.starts_with("-")) || !known) {
      error = "unknown --target-features entry '" + f.str() +
              "' (expected +NAME or -NAME with an LLVM feature name such as "
              "avx512f, avx2, fma)";
      return std::nullopt;
    }
    featureList.push_back(f.str());
  }
  s.features = llvm::join(featureList, ",");

  // An unrecognised host gets the fallback's schedule, with its own caches
  // and threads.
  s.target = s.warning.empty() ? describeCpu(s.cpu, s.features, s.host)
                               : describeCpu(fallbackCpu, "", s.host);
  return s;
}

std::string mlir::hyper::missingHostFeatures(const CpuSelection &selection) {
  if (selection.host)
    return "";
  llvm::Triple triple;
  std::string error;
  const llvm::Target *target = x86Target(triple, error);
  if (!target)
    return "";
  std::unique_ptr<llvm::MCSubtargetInfo> sti(
      target->createMCSubtargetInfo(triple, selection.cpu, selection.features));
  llvm::StringMap<bool> host = llvm::sys::getHostCPUFeatures();
  // The ISA extensions compiled code uses; a CPU without one faults on the
  // first such instruction.
  static constexpr StringRef isa[] = {
      "sse4.2",     "avx",        "avx2",      "fma",      "f16c",
      "bmi2",       "avx512f",    "avx512bw",  "avx512dq", "avx512vl",
      "avx512vnni", "avx512bf16", "avx512fp16"};
  llvm::SmallVector<StringRef> missing;
  for (StringRef f : isa)
    if (sti->checkFeatures(("+" + f).str()) && !host.lookup(f))
      missing.push_back(f);
  return llvm::join(missing, ", ");
}
