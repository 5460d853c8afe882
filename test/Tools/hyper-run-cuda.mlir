// hyper-run --target=cuda compiles the function with the GPU pipeline and
// JIT-compiles the host code; without a usable driver it says why before
// the first GPU call, and bad target options are rejected up front.
//
// RUN: env HYPER_CUDA_DRIVER=%t.missing/libcuda.so.1 not hyper-run %s \
// RUN:   --target=cuda --gpu-format=isa --print-ir --input=64x32xf32=1 \
// RUN:   --input=128x32xf32=0.01 --input=64x128xf32=1 2>&1 | FileCheck %s --check-prefix=NODRIVER
// Against a logging stand-in for the driver (kernels do not run): the
// arguments are staged in managed memory, one kernel (the GEMM with its
// row scaling and tanh) launches as 2 blocks of 16 × 16 threads, and freed
// buffers are kept by the runtime for reuse (the driver frees nothing).
// RUN: env HYPER_CUDA_DRIVER=%recording_cuda_driver hyper-run %s \
// RUN:   --target=cuda --gpu-format=isa --input=64x32xf32=1 \
// RUN:   --input=128x32xf32=0.01 --input=64x128xf32=1 2>&1 | FileCheck %s --check-prefix=CALLS
// Called again and again, the function allocates nothing new (its result
// buffer is the one the previous call's result released) and looks its
// kernel up once.
// RUN: env HYPER_CUDA_DRIVER=%recording_cuda_driver hyper-run %s \
// RUN:   --target=cuda --gpu-format=isa --input=64x32xf32=1 --benchmark=3 \
// RUN:   --input=128x32xf32=0.01 --input=64x128xf32=1 2>&1 | FileCheck %s --check-prefix=REUSE
// A GPU error during the run is the run's error, with the driver's reason;
// the results are not printed.
// RUN: env HYPER_CUDA_DRIVER=%recording_cuda_driver FAKE_CUDA_FAIL=cuLaunchKernel \
// RUN:   not hyper-run %s --target=cuda --gpu-format=isa --input=64x32xf32=1 \
// RUN:   --input=128x32xf32=0.01 --input=64x128xf32=1 2>&1 | FileCheck %s --check-prefix=LAUNCHFAIL
// LAUNCHFAIL: fake-cuda: cuLaunchKernel fails
// LAUNCHFAIL: hyper-run: error: @layer: GPU: cuLaunchKernel: CUDA_ERROR_FAKE (fake driver)
// LAUNCHFAIL-NOT: result[0]
// RUN: not hyper-run %s --target=cuda --gpu-chip=gfx942 2>&1 | FileCheck %s --check-prefix=CHIP
// RUN: not hyper-run %s --target=cuda --gpu-format=ptx 2>&1 | FileCheck %s --check-prefix=FORMAT
// RUN: not hyper-run %s --target=cuda --parallel 2>&1 | FileCheck %s --check-prefix=PARALLEL

// NODRIVER: llvm.func @layer
// NODRIVER: gpu.binary
// NODRIVER: hyper-run: error: --target=cuda: cannot load the CUDA driver ({{.*}}libcuda.so.1)
// NODRIVER-NOT: result[0]

// The JIT runs the module loads (global constructors) at the first call,
// after the arguments are staged.
// CALLS:         fake-cuda: cuMemAllocManaged 8192 live 1
// CALLS-NEXT:    fake-cuda: cuMemAllocManaged 16384 live 2
// CALLS-NEXT:    fake-cuda: cuMemAllocManaged 32768 live 3
// CALLS:         fake-cuda: cuModuleLoadDataEx ptx
// CALLS:         fake-cuda: cuMemAllocManaged 32768 live 4
// CALLS:         fake-cuda: cuLaunchKernel grid (2, 1, 1) block (16, 16, 1) smem 0 params yes
// CALLS-NOT:     cuLaunchKernel
// CALLS-NOT:     cuMemAlloc
// CALLS-NOT:     cuMemFree
// CALLS:         result[0]

// REUSE:         fake-cuda: cuMemAllocManaged 32768 live 4
// REUSE:         fake-cuda: cuModuleGetFunction layer_kernel
// REUSE-COUNT-4: fake-cuda: cuLaunchKernel grid (2, 1, 1)
// REUSE-NOT:     cuMemAlloc
// REUSE-NOT:     cuMemFree
// REUSE-NOT:     cuModuleGetFunction
// REUSE:         @layer: median

// CHIP: hyper-run: error: unsupported GPU chip 'gfx942'; expected an NVIDIA architecture such as sm_80 or sm_90
// FORMAT: hyper-run: error: unsupported --gpu-format 'ptx'; expected fatbin, bin or isa
// PARALLEL: hyper-run: error: --parallel applies to --target=cpu only

func.func @layer(%x: tensor<64x32xf32>, %w: tensor<128x32xf32>, %d: tensor<64x128xf32>)
    -> tensor<64x128xf32> {
  %y = hyper.row_scaled_linear %x, %w, %d
      : tensor<64x32xf32>, tensor<128x32xf32>, tensor<64x128xf32>
  %t = math.tanh %y : tensor<64x128xf32>
  return %t : tensor<64x128xf32>
}
