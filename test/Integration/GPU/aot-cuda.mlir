// hyper-compile --target=cuda: an object with the kernels embedded and host
// code that calls libHyperCudaRuntime, and a C header whose entry points
// stage inputs in managed memory.
//
// RUN: hyper-compile %s --name=gpu --target=cuda --gpu-format=isa -o %t.o --header %t.h
// RUN: llvm-nm %t.o | FileCheck %s --check-prefix=SYMS
// The object defines the model's API and nothing else.
// RUN: llvm-nm --extern-only --defined-only --format=just-symbols %t.o | FileCheck %s --check-prefix=EXPORTS --implicit-check-not={{.}}
// EXPORTS: hyper_gpu_last_error
// EXPORTS-NEXT: hyper_gpu_layer
// EXPORTS-NEXT: hyper_gpu_metadata
// EXPORTS-NEXT: hyper_gpu_release
// RUN: FileCheck %s --check-prefix=HEADER --input-file=%t.h
// RUN: %aot_cxx -include %t.h %S/Inputs/aot_layer.cpp %t.o %runtime_lib \
// RUN:   %cuda_runtime_lib -lm -o %t.aot
//
// Without a driver the program still starts (the kernels' module loads run
// before main), and the call returns 1 with the reason.
// RUN: env HYPER_CUDA_DRIVER=%t.missing/libcuda.so.1 not %t.aot 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NODRIVER
//
// A GPU error returns from the call with the driver's reason and ends
// nothing: kernels the driver rejects (at load, before main; the call that
// needs them fails), a failed launch, allocation or synchronisation.
// RUN: env HYPER_CUDA_DRIVER=%recording_cuda_driver FAKE_CUDA_FAIL=cuModuleLoadDataEx \
// RUN:   not %t.aot 2>&1 | FileCheck %s --check-prefix=LOADFAIL
// RUN: env HYPER_CUDA_DRIVER=%recording_cuda_driver FAKE_CUDA_FAIL=cuLaunchKernel \
// RUN:   not %t.aot 2>&1 | FileCheck %s --check-prefix=LAUNCHFAIL
// RUN: env HYPER_CUDA_DRIVER=%recording_cuda_driver FAKE_CUDA_FAIL=cuMemAllocManaged \
// RUN:   not %t.aot 2>&1 | FileCheck %s --check-prefix=ALLOCFAIL
// RUN: env HYPER_CUDA_DRIVER=%recording_cuda_driver FAKE_CUDA_FAIL=cuStreamSynchronize \
// RUN:   not %t.aot 2>&1 | FileCheck %s --check-prefix=SYNCFAIL
// The C driver makes failing calls and good ones in turn, from several
// threads: each failure stays with its call.
// RUN: %aot_cc -pthread -include %t.h %S/Inputs/aot_errors.c %t.o %runtime_lib \
// RUN:   %cuda_runtime_lib -lm -lstdc++ -o %t.errors
// RUN: env HYPER_CUDA_DRIVER=%recording_cuda_driver FAKE_CUDA_FAIL=cuLaunchKernel \
// RUN:   FAKE_CUDA_FAIL_EVERY=3 %t.errors 2>/dev/null \
// RUN:   | FileCheck %s --check-prefix=ERRORS
//
// The host side against a logging stand-in for the driver (kernels do not
// run there, so the result check fails): the kernel module loads before
// main, each launch has the mapped geometry, and freed buffers stay with the
// runtime for reuse (the driver frees none) until the module unloads at exit.
// RUN: env HYPER_CUDA_DRIVER=%recording_cuda_driver not %t.aot 2>%t.calls >%t.stdout
// RUN: FileCheck %s --check-prefix=CALLS --input-file=%t.calls
// RUN: FileCheck %s --check-prefix=STREAMS --input-file=%t.calls
// RUN: FileCheck %s --check-prefix=READY --input-file=%t.stdout
//
// Bad targets are rejected up front.
// RUN: not hyper-compile %s --target=cuda --gpu-chip=gfx90a -o %t.bad.o 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CHIP
// RUN: not hyper-compile %s --target=cuda --gpu-format=cubin -o %t.bad.o 2>&1 \
// RUN:   | FileCheck %s --check-prefix=FORMAT
// RUN: not hyper-compile %s --target=cuda --parallel -o %t.bad.o 2>&1 \
// RUN:   | FileCheck %s --check-prefix=PARALLEL

// SYMS-DAG: T hyper_gpu_layer
// SYMS-DAG: r layer_kernel_binary
// SYMS-DAG: U mgpuLaunchKernel
// SYMS-DAG: U mgpuModuleLoadJIT
// SYMS-DAG: U mgpuMemAlloc

// HEADER: libHyperCudaRuntime.so
// HEADER: the entry points copy inputs into
// HEADER: int hyper_gpu_layer(const float *arg0,
// HEADER: void hyper_gpu_release(hyper_result *result);

// NODRIVER: cuda: cannot load the CUDA driver
// NODRIVER-NEXT: @layer: cannot load the CUDA driver ({{.*}}libcuda.so.1)
// NODRIVER-NOT: ok

// LOADFAIL: fake-cuda: cuModuleLoadDataEx fails
// LOADFAIL: cuda: ready
// LOADFAIL: @layer: GPU: loading the kernels: cuModuleLoadDataEx: CUDA_ERROR_FAKE (fake driver)
// LAUNCHFAIL: fake-cuda: cuLaunchKernel fails
// LAUNCHFAIL: @layer: GPU: cuLaunchKernel: CUDA_ERROR_FAKE (fake driver)
// ALLOCFAIL: fake-cuda: cuMemAllocManaged fails
// ALLOCFAIL-NOT: cuLaunchKernel grid
// ALLOCFAIL: @layer: GPU: cuMemAllocManaged: CUDA_ERROR_FAKE (fake driver)
// SYNCFAIL: @layer: GPU: cuStreamSynchronize: CUDA_ERROR_FAKE (fake driver)
// ERRORS: 4 threads x 50 calls, every third failing: ok

// CALLS:         fake-cuda: cuModuleLoadDataEx ptx
// CALLS-NEXT:    fake-cuda: cuMemAllocManaged 8192 live 1
// CALLS:         fake-cuda: cuModuleGetFunction layer_kernel
// CALLS:         fake-cuda: cuLaunchKernel grid (2, 1, 1) block (16, 16, 1) smem 0 params yes
// CALLS-NOT:     cuLaunchKernel
// CALLS-NOT:     cuMemAlloc
// CALLS-NOT:     cuMemFree
// CALLS:         fake-cuda: cuModuleUnload
// The runtime pools streams: the lowered code asks for one for every run of
// launches the host does not wait between, one is created for the whole
// call, and none is destroyed (the driver reclaims it at exit).
// STREAMS:     fake-cuda: cuStreamCreate
// STREAMS-NOT: cuStreamCreate
// STREAMS-NOT: cuStreamDestroy
// READY: cuda: ready

// CHIP: hyper-compile: error: unsupported GPU chip 'gfx90a'; expected an NVIDIA architecture such as sm_80 or sm_90
// FORMAT: hyper-compile: error: unsupported --gpu-format 'cubin'; expected fatbin, bin or isa
// PARALLEL: hyper-compile: error: --parallel applies to --target=cpu only

func.func @layer(%x: tensor<64x32xf32>, %w: tensor<128x32xf32>, %d: tensor<64x128xf32>)
    -> tensor<64x128xf32> {
  %y = hyper.row_scaled_linear %x, %w, %d
      : tensor<64x32xf32>, tensor<128x32xf32>, tensor<64x128xf32>
  %t = math.tanh %y : tensor<64x128xf32>
  return %t : tensor<64x128xf32>
}
