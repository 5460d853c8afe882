// RUN: hyper-opt %s -hyper-gpu-host-shared-memory | FileCheck %s

// Host allocations become managed memory; frees wait for the device; a
// constant global gets one managed copy per call, made at entry (out of the
// time loop) and freed before the return. Kernels are left alone.
// CHECK-LABEL: gpu.module @kernels
//       CHECK:   gpu.func @scale
//   CHECK-NOT:   gpu.alloc
// CHECK-LABEL: func.func @f
//  CHECK-NEXT:   %[[G:.*]] = memref.get_global @weights : memref<4xf32>
//  CHECK-NEXT:   %[[W:.*]] = gpu.alloc  host_shared () : memref<4xf32>
//  CHECK-NEXT:   memref.copy %[[G]], %[[W]]
//       CHECK:   %[[X:.*]] = gpu.alloc  host_shared (%arg0) : memref<?xf32>
//       CHECK:   scf.for
//  CHECK-NEXT:     %[[T:.*]] = gpu.alloc  host_shared (%arg0) : memref<?xf32>
//  CHECK-NEXT:     gpu.launch_func @kernels::@scale {{.*}} args(%[[W]] : memref<4xf32>, %[[T]] : memref<?xf32>)
//  CHECK-NEXT:     %[[R:.*]] = gpu.wait async
//  CHECK-NEXT:     %[[D:.*]] = gpu.dealloc async [%[[R]]] %[[T]]
//  CHECK-NEXT:     gpu.wait [%[[D]]]
//       CHECK:   gpu.dealloc async [%{{.*}}] %[[W]]
//       CHECK:   return %[[X]]
//   CHECK-NOT:   memref.alloc
//   CHECK-NOT:   memref.dealloc
module attributes {gpu.container_module} {
  memref.global "private" constant @weights : memref<4xf32> = dense<[1.0, 2.0, 3.0, 4.0]>
  gpu.module @kernels {
    gpu.func @scale(%w: memref<4xf32>, %x: memref<?xf32>) kernel {
      gpu.return
    }
  }
  func.func @f(%n: index, %steps: index) -> memref<?xf32> {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %x = memref.alloc(%n) {alignment = 64 : i64} : memref<?xf32>
    scf.for %t = %c0 to %steps step %c1 {
      %w = memref.get_global @weights : memref<4xf32>
      %tmp = memref.alloc(%n) : memref<?xf32>
      gpu.launch_func @kernels::@scale blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1) args(%w : memref<4xf32>, %tmp : memref<?xf32>)
      memref.dealloc %tmp : memref<?xf32>
    }
    return %x : memref<?xf32>
  }
}
