// --version names the tool, the project's version and LLVM's; --help lists
// the tool's options and the MLIR ones a user needs, not LLVM's back-end
// flags (those stay reachable through --help-hidden).
// RUN: hyper-run --version | FileCheck %s --check-prefix=VERSION -DTOOL=run
// RUN: hyper-compile --version | FileCheck %s --check-prefix=VERSION -DTOOL=compile
// VERSION: hyper-[[TOOL]] (hyper-mlir) {{[0-9]+\.[0-9]+\.[0-9]+$}}
// VERSION-NEXT: LLVM/MLIR 22.
//
// RUN: hyper-run --help | FileCheck %s --check-prefix=HELP --implicit-check-not=polly --implicit-check-not=aarch64 --implicit-check-not=amdgpu
// HELP: --mlir-print-ir-before=<pass-arg>
// HELP: --mlir-timing
// HELP: --input=<string>
// HELP: --target-cpu=<string>
// RUN: hyper-compile --help | FileCheck %s --check-prefix=COMPILE --implicit-check-not=polly --implicit-check-not=aarch64 --implicit-check-not=amdgpu
// COMPILE: --mlir-timing
// COMPILE: --header=<string>
// COMPILE: --shared
// RUN: hyper-run --help-hidden | FileCheck %s --check-prefix=HIDDEN
// HIDDEN: --x86-asm-syntax
