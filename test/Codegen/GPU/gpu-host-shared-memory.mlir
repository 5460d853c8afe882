// RUN: hyper-opt %s -hyper-gpu-host-shared-memory | FileCheck %s

// Host allocations become managed memory and frees calls of the runtime's
// hyperCudaFree. A constant global is looked up once, at entry (out of the
// time loop): an f32 one through the runtime's cached device copy
// (flattened for the runtime's one-dimensional C interface, reshaped back),
// which lives across calls and is not freed; an i1 one (no runtime
// function) as a managed copy per call, freed before the return. The
// launches of a block go on one stream without waiting; the host waits
// once, before the first op that may touch memory (here the free that ends
// the iteration). Kernels are left alone.
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
//  CHECK-NEXT:     %[[S:.*]] = gpu.wait async
//  CHECK-NEXT:     %[[L1:.*]] = gpu.launch_func async [%[[S]]] @kernels::@scale {{.*}} args(%[[W]] : memref<2x4xf32>, %[[MC]] : memref<4xi1>, %[[T]] : memref<?xf32>)
//  CHECK-NEXT:     %[[L2:.*]] = gpu.launch_func async [%[[L1]]] @kernels::@scale {{.*}} args(%[[W]] : memref<2x4xf32>, %[[MC]] : memref<4xi1>, %[[T]] : memref<?xf32>)
//  CHECK-NEXT:     %[[P:.*]] = memref.extract_aligned_pointer_as_index %[[T]]
//  CHECK-NEXT:     gpu.wait [%[[L2]]]
//  CHECK-NEXT:     func.call @hyperCudaFree(%[[P]]) : (index) -> ()
//  CHECK-NEXT:   }
//       CHECK:   %[[PM:.*]] = memref.extract_aligned_pointer_as_index %[[MC]]
//  CHECK-NEXT:   call @hyperCudaFree(%[[PM]])
//   CHECK-NOT:   gpu.dealloc
//  CHECK-NEXT:   return %[[X]]
//   CHECK-NOT:   memref.alloc
//   CHECK-NOT:   memref.dealloc
// CHECK-LABEL: func.func @host_read
//       CHECK:   %[[S1:.*]] = gpu.wait async
//  CHECK-NEXT:   %[[L1:.*]] = gpu.launch_func async [%[[S1]]]
//  CHECK-NEXT:   gpu.wait [%[[L1]]]
//  CHECK-NEXT:   %[[V:.*]] = memref.load
//  CHECK-NEXT:   %[[S2:.*]] = gpu.wait async
//  CHECK-NEXT:   %[[L2:.*]] = gpu.launch_func async [%[[S2]]]
//       CHECK:   gpu.wait [%[[L2]]]
//  CHECK-NEXT:   call @hyperCudaFree
//  CHECK-NEXT:   return %[[V]]
// The runtime's functions, declared once (the copy with its C interface).
//       CHECK: func.func private @hyperCudaFree(index)
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
      gpu.launch_func @kernels::@scale blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1) args(%w2 : memref<2x4xf32>, %m : memref<4xi1>, %tmp : memref<?xf32>)
      memref.dealloc %tmp : memref<?xf32>
    }
    return %x : memref<?xf32>
  }

  // The host reads a result between two launches: it waits for the first
  // before the read; the second starts a new chain, waited for before the
  // per-call copy of the mask is freed and the function returns.
  func.func @host_read(%x: memref<?xf32>) -> f32 {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %w = memref.get_global @weights : memref<2x4xf32>
    %m = memref.get_global @mask : memref<4xi1>
    gpu.launch_func @kernels::@scale blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1) args(%w : memref<2x4xf32>, %m : memref<4xi1>, %x : memref<?xf32>)
    %v = memref.load %x[%c0] : memref<?xf32>
    gpu.launch_func @kernels::@scale blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1) args(%w : memref<2x4xf32>, %m : memref<4xi1>, %x : memref<?xf32>)
    return %v : f32
  }
}
