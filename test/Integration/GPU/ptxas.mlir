// Every bundled model through the GPU pipeline to cubins for sm_80 and
// sm_90: serialization runs the CUDA toolkit's ptxas on each kernel's PTX,
// so a kernel ptxas rejects fails the test.
//
// REQUIRES: ptxas
// RUN: hyper-opt %hyper_src_root/examples/ptb_hyperlstm.mlir \
// RUN:   --hyper-gpu-pipeline="format=bin chip=sm_90 features=+ptx80" | FileCheck %s --check-prefix=SM90
// RUN: hyper-opt %hyper_src_root/examples/ptb_hyperlstm.mlir \
// RUN:   --hyper-gpu-pipeline="format=bin chip=sm_80 features=+ptx70" | FileCheck %s --check-prefix=SM80
// RUN: hyper-opt %hyper_src_root/examples/mnist_hyperconv.mlir \
// RUN:   --hyper-gpu-pipeline="format=fatbin chip=sm_90 features=+ptx80" | FileCheck %s --check-prefix=FAT
// RUN: hyper-opt %hyper_src_root/examples/wrn40_2_hypercnn.mlir \
// RUN:   --hyper-gpu-pipeline="format=bin chip=sm_80 features=+ptx70" | FileCheck %s --check-prefix=SM80
// RUN: hyper-opt %hyper_src_root/test/Integration/CPU/lstm_small_ln.mlir \
// RUN:   --hyper-gpu-pipeline="format=bin chip=sm_90 features=+ptx80" | FileCheck %s --check-prefix=SM90

// SM90: llvm.func
// SM90: gpu.binary @{{.*}} [#gpu.object<#nvvm.target<O = 3, chip = "sm_90", features = "+ptx80">, {{.*}}bin = "\7FELF
// SM90-NOT: assembly =

// SM80: llvm.func
// SM80: gpu.binary @{{.*}} [#gpu.object<#nvvm.target<O = 3, chip = "sm_80", features = "+ptx70">, {{.*}}bin = "\7FELF
// SM80-NOT: assembly =

// FAT: gpu.binary @{{.*}} [#gpu.object<#nvvm.target<O = 3, chip = "sm_90", features = "+ptx80">, properties = {{{.*}}}, "P\EDU\BA
// (a fatbin starts with the magic 0xBA55ED50, little-endian)
