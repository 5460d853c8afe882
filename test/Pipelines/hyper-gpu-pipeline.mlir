// The GPU pipeline on a row-scaled layer with a tanh epilogue: three
// kernels (zero fill, GEMM, scaling fused with tanh), buffers in managed
// memory, PTX for the requested chip embedded in the host module.
//
// RUN: hyper-opt %s --hyper-gpu-pipeline="format=isa" \
// RUN:   --mlir-print-ir-after=hyper-gpu-host-shared-memory -o %t.mlir 2>&1 \
// RUN:   | FileCheck %s --check-prefix=GPU
// RUN: FileCheck %s --input-file=%t.mlir
// RUN: hyper-opt %s --hyper-gpu-pipeline="format=isa chip=sm_80 features=+ptx70" \
// RUN:   | FileCheck %s --check-prefix=SM80

// GPU-LABEL: IR Dump After HyperGpuHostSharedMemoryPass
//   GPU-NOT:   hyper.
//       GPU:   func.func @layer
//       GPU:     %[[ACC:.*]] = gpu.alloc host_shared () : memref<64x128xf32>
//       GPU:     gpu.launch_func @[[FILL:.*]]::@{{.*}} blocks in (%{{.*}}) threads in (%c128, %c2, %c1) args(%{{.*}} : f32, %[[ACC]] : memref<64x128xf32>)
//       GPU:     gpu.launch_func @[[GEMM:.*]]::@{{.*}} blocks in
//       GPU:     %[[OUT:.*]] = gpu.alloc host_shared () : memref<64x128xf32>
//       GPU:     gpu.launch_func @[[EPI:.*]]::@{{.*}} blocks in {{.*}} args(%[[ACC]] : memref<64x128xf32>, %arg2 : memref<64x128xf32>, %[[OUT]] : memref<64x128xf32>)
//       GPU:     gpu.dealloc async [%{{.*}}] %[[ACC]]
//       GPU:     return %[[OUT]]
//       GPU:   gpu.module @[[GEMM]]
//       GPU:     gpu.thread_id x
//       GPU:     scf.for
//       GPU:       arith.mulf
//       GPU:       arith.addf
//       GPU:   gpu.module @[[EPI]]
//       GPU:     arith.mulf
//  GPU-NEXT:     math.tanh
//       GPU:     memref.store

// CHECK-NOT: hyper.
// CHECK-NOT: gpu.func
// CHECK: llvm.func @layer
// CHECK-COUNT-3: gpu.launch_func
// CHECK: gpu.binary @{{.*}} [#gpu.object<#nvvm.target<O = 3, chip = "sm_90", features = "+ptx80">, {{.*}}assembly = "{{.*}}.target sm_90{{.*}}.visible .entry layer_kernel(

// SM80: gpu.binary @{{.*}} [#gpu.object<#nvvm.target<O = 3, chip = "sm_80", features = "+ptx70">, {{.*}}assembly = "{{.*}}.version 7.0{{.*}}.target sm_80

func.func @layer(%x: tensor<64x32xf32>, %w: tensor<128x32xf32>, %d: tensor<64x128xf32>)
    -> tensor<64x128xf32> {
  %y = hyper.row_scaled_linear %x, %w, %d
      : tensor<64x32xf32>, tensor<128x32xf32>, tensor<64x128xf32>
  %t = math.tanh %y : tensor<64x128xf32>
  return %t : tensor<64x128xf32>
}
