// The GPU pipeline on a row-scaled layer with a tanh epilogue: one kernel
// computes the GEMM from shared-memory tiles with a 4 × 4 register tile per
// thread, and applies the row scaling and the tanh to the registers before
// storing (no buffer for the product); buffers in managed memory; PTX for
// the requested chip embedded in the host module.
//
// RUN: hyper-opt %s --hyper-gpu-pipeline="format=isa" \
// RUN:   --mlir-print-ir-after=hyper-gpu-host-shared-memory -o %t.mlir 2>&1 \
// RUN:   | FileCheck %s --check-prefix=GPU
// RUN: FileCheck %s --input-file=%t.mlir
// RUN: FileCheck %s --input-file=%t.mlir --check-prefix=PTX
// RUN: hyper-opt %s --hyper-gpu-pipeline="format=isa chip=sm_80 features=+ptx70" \
// RUN:   | FileCheck %s --check-prefix=SM80
//
// Without the GEMM kernels, every linalg op is its own one-thread-per-element
// kernel: zero fill, GEMM, scaling fused with tanh.
// RUN: hyper-opt %s --hyper-gpu-pipeline="format=isa gemm-kernels=false" \
// RUN:   --mlir-print-ir-after=hyper-gpu-host-shared-memory -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NAIVE

// GPU-LABEL: IR Dump After HyperGpuHostSharedMemoryPass
//   GPU-NOT:   hyper.
//       GPU:   func.func @layer
//       GPU:     %[[OUT:.*]] = gpu.alloc host_shared () : memref<64x128xf32>
//   GPU-NOT:     gpu.alloc
// The launch goes on a stream; the host waits for it before returning.
//       GPU:     %[[S:.*]] = gpu.wait async
//       GPU:     %[[L:.*]] = gpu.launch_func async [%[[S]]] @[[K:.*]]::@{{.*}} blocks in (%c2, %c1, %c1) threads in (%c16, %c16, %c1) args(%arg0 : memref<64x32xf32>, %arg1 : memref<128x32xf32>, %arg2 : memref<64x128xf32>, %[[OUT]] : memref<64x128xf32>)
//   GPU-NOT:     gpu.launch_func
//       GPU:     gpu.wait [%[[L]]]
//       GPU:     return %[[OUT]]
//       GPU:   gpu.module @[[K]]
//       GPU:     gpu.func @{{.*}} workgroup(%[[AT:.*]] : memref<16x64xf32, #gpu.address_space<workgroup>>, %[[BT:.*]] : memref<16x64xf32, #gpu.address_space<workgroup>>) kernel
//       GPU:     %[[ACC:.*]] = memref.alloca() : memref<16xf32>
//       GPU:     scf.for
// K = 32 is a multiple of 4: four-wide aligned loads of A and B rows.
//       GPU:       vector.load %arg0[{{.*}}] {alignment = 16 : i64} : memref<64x32xf32>, vector<4xf32>
//       GPU:       memref.store {{.*}}, %[[AT]]
//       GPU:       vector.load %arg1[{{.*}}] {alignment = 16 : i64} : memref<128x32xf32>, vector<4xf32>
//       GPU:       memref.store {{.*}}, %[[BT]]
//       GPU:       gpu.barrier
//       GPU:       scf.for {{.*}} iter_args
//       GPU-COUNT-4: memref.load %[[AT]]
//       GPU-COUNT-4: memref.load %[[BT]]
//       GPU-COUNT-16: math.fma
//       GPU:       gpu.barrier
// The epilogue, on each of the 16 registers: d · acc, tanh, one store.
//       GPU:     memref.load %[[ACC]]
//       GPU:     memref.load %arg2
//       GPU:     arith.mulf
//  GPU-NEXT:     math.tanh
//       GPU:     memref.store {{.*}}, %arg3
//       GPU:     gpu.return

// CHECK-NOT: hyper.
// CHECK-NOT: gpu.func
// CHECK: llvm.func @layer
// CHECK-COUNT-1: gpu.launch_func
// CHECK-NOT: gpu.launch_func
// CHECK: gpu.binary @{{.*}} [#gpu.object<#nvvm.target<O = 3, chip = "sm_90", features = "+ptx80">, {{.*}}assembly = "{{.*}}.target sm_90{{.*}}.visible .entry layer_kernel(

// The kernel's assembly has shared tiles, barriers, vector loads, FMAs, and the
// register tile in registers (no local memory).
// PTX: .shared .align 4 .b8 __wg_layer_kernel_0[4096]
// PTX-SAME: .shared .align 4 .b8 __wg_layer_kernel_1[4096]
// PTX-SAME: ld.global.v4.b32
// PTX-SAME: bar.sync
// PTX-SAME: ld.shared.b32
// PTX-SAME: fma.rn.f32
// PTX-NOT: .local

// SM80: gpu.binary @{{.*}} [#gpu.object<#nvvm.target<O = 3, chip = "sm_80", features = "+ptx70">, {{.*}}assembly = "{{.*}}.version 7.0{{.*}}.target sm_80

// NAIVE-COUNT-3: gpu.launch_func
// NAIVE-NOT:     gpu.launch_func
// NAIVE-NOT:     gpu.barrier

func.func @layer(%x: tensor<64x32xf32>, %w: tensor<128x32xf32>, %d: tensor<64x128xf32>)
    -> tensor<64x128xf32> {
  %y = hyper.row_scaled_linear %x, %w, %d
      : tensor<64x32xf32>, tensor<128x32xf32>, tensor<64x128xf32>
  %t = math.tanh %y : tensor<64x128xf32>
  return %t : tensor<64x128xf32>
}
