// RUN: hyper-opt %s -hyper-gpu-host-shared-memory | FileCheck %s

// Host allocations become managed memory; frees wait for the device. A
// constant global is looked up once, at entry (out of the time loop): an f32
// one through the runtime's cached device copy (flattened for the runtime's
// one-dimensional C interface, reshaped back), which lives across calls and
// is not freed; an i1 one (no runtime function) as a managed copy per call,
// freed before the return. Kernels are left alone.
// CHECK-LABEL: gpu.module @kernels
//       CHECK:   gpu.func @scale
//   CHECK-NOT:   gpu.alloc
// CHECK-LABEL: func.func @f
//  CHECK-NEXT:   %[[M:.*]] = memref.get_global @mask : memref<4xi1>
//  CHECK-NEXT:   %[[MC:.*]] = gpu.alloc  host_shared () : memref<4xi1>
//  CHECK-NEXT:   memref.copy %[[M]], %[[MC]]
//  CHECK-NEXT:   %[[G:.*]] = memref.get_global @weights : memref<2x4xf32>
//  CHECK-NEXT:   %[[FLAT:.*]] = memref.collapse_shape %[[G]] {{\[}}[0, 1]] : memref<2x4xf32> into memref<8xf32>
//  CHECK-NEXT:   %[[DYN:.*]] = memref.cast %[[FLAT]] : memref<8xf32> to memref<?xf32>
//  CHECK-NEXT:   %[[C:.*]] = call @hyperCudaConstant_f32(%[[DYN]]) : (memref<?xf32>) -> memref<?xf32>
//  CHECK-NEXT:   %[[SIZED:.*]] = memref.cast %[[C]] : memref<?xf32> to memref<8xf32>
//  CHECK-NEXT:   %[[W:.*]] = memref.expand_shape %[[SIZED]] {{\[}}[0, 1]] output_shape [2, 4] : memref<8xf32> into memref<2x4xf32>
//       CHECK:   %[[X:.*]] = gpu.alloc  host_shared (%arg0) : memref<?xf32>
//       CHECK:   scf.for
//  CHECK-NEXT:     %[[T:.*]] = gpu.alloc  host_shared (%arg0) : memref<?xf32>
//  CHECK-NEXT:     gpu.launch_func @kernels::@scale {{.*}} args(%[[W]] : memref<2x4xf32>, %[[MC]] : memref<4xi1>, %[[T]] : memref<?xf32>)
//  CHECK-NEXT:     %[[R:.*]] = gpu.wait async
//  CHECK-NEXT:     %[[D:.*]] = gpu.dealloc async [%[[R]]] %[[T]]
//  CHECK-NEXT:     gpu.wait [%[[D]]]
//       CHECK:   gpu.dealloc async [%{{.*}}] %[[MC]]
//   CHECK-NOT:   gpu.dealloc
//       CHECK:   return %[[X]]
//   CHECK-NOT:   memref.alloc
//   CHECK-NOT:   memref.dealloc
// The runtime's function, declared once with its C interface.
//       CHECK: func.func private @hyperCudaConstant_f32(memref<?xf32>) -> memref<?xf32> attributes {llvm.emit_c_interface}
//   CHECK-NOT: func.func private @hyperCudaConstant
module attributes {gpu.container_module} {
  memref.global "private" constant @weights : memref<2x4xf32> = dense<[[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0]]>
  memref.global "private" constant @mask : memref<4xi1> = dense<[true, false, true, false]>
  gpu.module @kernels {
    gpu.func @scale(%w: memref<2x4xf32>, %m: memref<4xi1>, %x: memref<?xf32>) kernel {
      gpu.return
    }
  }
  func.func @f(%n: index, %steps: index) -> memref<?xf32> {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %x = memref.alloc(%n) {alignment = 64 : i64} : memref<?xf32>
    scf.for %t = %c0 to %steps step %c1 {
      %w = memref.get_global @weights : memref<2x4xf32>
      %m = memref.get_global @mask : memref<4xi1>
      %w2 = memref.get_global @weights : memref<2x4xf32>
      %tmp = memref.alloc(%n) : memref<?xf32>
      gpu.launch_func @kernels::@scale blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1) args(%w2 : memref<2x4xf32>, %m : memref<4xi1>, %tmp : memref<?xf32>)
      memref.dealloc %tmp : memref<?xf32>
    }
    return %x : memref<?xf32>
  }
}
