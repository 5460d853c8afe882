# -*- Python -*-
# lit configuration of the hyper regression tests.

import os
import sys

import lit.formats
from lit.llvm import llvm_config

config.name = "HYPER"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.hyper_obj_root, "test")
config.excludes = ["CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py", "data", "tools", "Inputs"]

config.substitutions.append(("%hyper_src_root", config.hyper_src_root))

config.substitutions.append(("%data", os.path.join(config.test_source_root, "data")))
config.substitutions.append(
    ("%microkernel_loops",
     sys.executable + " " + os.path.join(config.test_source_root, "tools", "microkernel_loops.py")))
config.substitutions.append(
    ("%npy_compare",
     sys.executable + " " + os.path.join(config.test_source_root, "tools", "npy_compare.py")))

# In a sanitizer build (HYPER_SANITIZE) the runtime is instrumented: the
# drivers that link it link the sanitizers' runtimes too.
sanitize = ""
python = sys.executable
if config.hyper_sanitize:
    import subprocess
    runtime_dir = subprocess.run([config.cc, "-print-runtime-dir"],
                                 capture_output=True, text=True).stdout.strip()
    # The shared sanitizer runtime, as the tools and --shared models use.
    sanitize = (f" -fsanitize={config.hyper_sanitize} -fno-sanitize=vptr,function"
                f" -fno-sanitize-recover=all -shared-libsan -Wl,-rpath,{runtime_dir}"
                " -Wno-unused-command-line-argument")
    config.available_features.add("sanitizer-build")
    # libMLIR.so is not instrumented and its bump allocator poisons memory
    # it hands out again; LLVM's and MLIR's static state is never freed.
    config.environment["ASAN_OPTIONS"] = os.environ.get(
        "ASAN_OPTIONS", "allow_user_poisoning=0:detect_leaks=0:verify_asan_link_order=0")
    config.environment["UBSAN_OPTIONS"] = os.environ.get(
        "UBSAN_OPTIONS", "print_stacktrace=1:halt_on_error=1")
    # A --shared model carries the instrumented runtime: an uninstrumented
    # Python loads it with the sanitizer's runtime preloaded.
    if "address" in config.hyper_sanitize:
        asan = subprocess.run([config.cc, "-print-file-name=libclang_rt.asan-x86_64.so"],
                              capture_output=True, text=True).stdout.strip()
        python = f"env LD_PRELOAD={asan} {sys.executable}"

config.substitutions.append(("%python", python))

# Ahead-of-time tests build their drivers against the runtime.
config.substitutions.append(
    ("%aot_cxx",
     f"{config.cxx} -std=c++17 -O1 -I{config.hyper_src_root}/runtime/include "
     f"-I{config.test_source_root}/Integration/CPU/Inputs{sanitize}"))
config.substitutions.append(("%runtime_lib", config.hyper_runtime_lib))
# C callers of compiled models: a C compiler, no C++ driver, warnings fatal.
config.substitutions.append(("%aot_cc", f"{config.cc} -std=c11 -O1 -Wall -Werror{sanitize}"))
config.substitutions.append(("%recording_cuda_driver", config.hyper_recording_cuda_driver))
config.substitutions.append(
    ("%cuda_runtime_lib",
     f"{config.hyper_cuda_runtime_lib} -Wl,-rpath,{os.path.dirname(config.hyper_cuda_runtime_lib)}"))

# The host's ISA extensions, for checks that need a CPU without one.
try:
    with open("/proc/cpuinfo") as cpuinfo:
        host_flags = next((line.split(":", 1)[1].split() for line in cpuinfo
                           if line.startswith("flags")), [])
except OSError:
    host_flags = []
if "avx512_fp16" not in host_flags:
    config.available_features.add("host-without-avx512fp16")

# Larger golden cases live outside the repository; run them when present.
shared_reference = os.path.join(config.hyper_src_root, "..", "shared", "reference")
if os.path.isdir(os.path.join(shared_reference, "lstm_ptb_shape")):
    config.available_features.add("shared-reference")
    config.substitutions.append(("%shared_reference", shared_reference))

# GPU binaries (cubin, fatbin) need the CUDA toolkit's ptxas; PTX does not.
import shutil
cuda_roots = [os.environ.get(v) for v in ("CUDA_ROOT", "CUDA_HOME", "CUDA_PATH")]
cuda_roots = [r for r in cuda_roots + ["/usr/local/cuda"] if r]
for root in cuda_roots:
    if os.access(os.path.join(root, "bin", "ptxas"), os.X_OK):
        config.available_features.add("ptxas")
        config.environment["CUDA_HOME"] = root
        break
else:
    if shutil.which("ptxas"):
        config.available_features.add("ptxas")

# Tests that run kernels need a driver that finds a device.
def _cuda_device_present():
    import ctypes
    try:
        cuda = ctypes.CDLL("libcuda.so.1")
        count = ctypes.c_int(0)
        return cuda.cuInit(0) == 0 and cuda.cuDeviceGetCount(ctypes.byref(count)) == 0 \
            and count.value > 0
    except OSError:
        return False

if _cuda_device_present():
    config.available_features.add("cuda-device")

llvm_config.use_default_substitutions()
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
llvm_config.add_tool_substitutions(
    ["hyper-opt", "hyper-run", "hyper-compile"], [config.hyper_tools_dir, config.llvm_tools_dir]
)
