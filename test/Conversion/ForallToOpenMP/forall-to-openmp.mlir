// RUN: hyper-opt %s -hyper-forall-to-openmp -split-input-file | FileCheck %s

// A 2-D loop with offsets and steps: its 16 iterations, linearized, are
// claimed from the runtime's schedule by each thread of an OpenMP region;
// each claim's range runs in an scf.for that recovers the forall's indices.
// One schedule state per function, on its stack.
// CHECK-DAG:   func.func private @omp_get_max_threads() -> i32
// CHECK-DAG:   func.func private @omp_get_thread_num() -> i32
// CHECK-DAG:   func.func private @hyper_schedule_init(!llvm.ptr, i32, i64)
// CHECK-DAG:   func.func private @hyper_schedule_next(!llvm.ptr, i32, i32) -> i64
// CHECK-LABEL: func.func @scale
//  CHECK-SAME:   (%[[A:.*]]: memref<64x48xf32>, %[[S:.*]]: f32)
//       CHECK:   %[[STATE:.*]] = memref.alloca() {alignment = 64 : i64} : memref<1024xi64>
//       CHECK:   %[[ADDR:.*]] = memref.extract_aligned_pointer_as_index %[[STATE]]
//       CHECK:   %[[ADDR64:.*]] = arith.index_cast %[[ADDR]] : index to i64
//       CHECK:   %[[P:.*]] = llvm.inttoptr %[[ADDR64]] : i64 to !llvm.ptr
//       CHECK:   %[[MAX:.*]] = call @omp_get_max_threads()
//       CHECK:   %[[SHARES:.*]] = arith.minsi %[[MAX]], %c128_i32
//       CHECK:   call @hyper_schedule_init(%[[P]], %[[SHARES]], %c16_i64)
//       CHECK:   omp.parallel {
//       CHECK:     %[[T:.*]] = func.call @omp_get_thread_num()
//       CHECK:     scf.while : () -> i64 {
//       CHECK:       %[[R:.*]] = func.call @hyper_schedule_next(%[[P]], %[[SHARES]], %[[T]])
//       CHECK:       %[[MORE:.*]] = arith.cmpi sge, %[[R]], %c0_i64
//       CHECK:       scf.condition(%[[MORE]]) %[[R]] : i64
//       CHECK:     } do {
//       CHECK:     ^bb0(%[[C:.*]]: i64):
//       CHECK:       %[[LO:.*]] = arith.andi %[[C]], %c4294967295_i64
//       CHECK:       %[[B:.*]] = arith.index_cast %[[LO]] : i64 to index
//       CHECK:       %[[HI:.*]] = arith.shrui %[[C]], %c32_i64
//       CHECK:       %[[E:.*]] = arith.index_cast %[[HI]] : i64 to index
//       CHECK:       scf.for %[[L:.*]] = %[[B]] to %[[E]] step %c1 {
//       CHECK:         %[[IJ:.*]]:2 = affine.delinearize_index %[[L]] into (4, 4)
//       CHECK:         %[[I0:.*]] = arith.muli %[[IJ]]#0, %c16
//       CHECK:         %[[I:.*]] = arith.addi %[[I0]], %c2
//       CHECK:         %[[J:.*]] = arith.muli %[[IJ]]#1, %c12
//       CHECK:         memref.load %[[A]][%[[I]], %[[J]]]
//       CHECK:         memref.store {{.*}}, %[[A]][%[[I]], %[[J]]]
//       CHECK:     omp.terminator
//   CHECK-NOT:   scf.forall
// CHECK-LABEL: func.func @two_loops
//       CHECK:   memref.alloca() {alignment = 64 : i64} : memref<1024xi64>
//   CHECK-NOT:   memref.alloca
//       CHECK:   call @hyper_schedule_init({{.*}}, %c8_i64)
//       CHECK:   omp.parallel
//       CHECK:   call @hyper_schedule_init({{.*}}, %c3_i64)
//       CHECK:   omp.parallel
func.func @scale(%a: memref<64x48xf32>, %s: f32) {
  scf.forall (%i, %j) = (2, 0) to (64, 48) step (16, 12) {
    %v = memref.load %a[%i, %j] : memref<64x48xf32>
    %w = arith.mulf %v, %s : f32
    memref.store %w, %a[%i, %j] : memref<64x48xf32>
  }
  return
}

func.func @two_loops(%a: memref<8xf32>, %s: f32) {
  scf.forall (%i) in (8) {
    %v = memref.load %a[%i] : memref<8xf32>
    %w = arith.mulf %v, %s : f32
    memref.store %w, %a[%i] : memref<8xf32>
  }
  scf.forall (%i) in (3) {
    memref.store %s, %a[%i] : memref<8xf32>
  }
  return
}

// -----

// A loop whose iteration count is known only at run time (a convolution
// over a dynamic batch) takes the same schedule, in units of one iteration
// unless it has 2^30 or more (the runtime keeps ranges in 32 bits).
// CHECK-LABEL: func.func @dynamic
//  CHECK-SAME:   (%[[A:.*]]: memref<?xf32>, %[[N:.*]]: index, %{{.*}}: f32)
//       CHECK:   %[[TOTAL:.*]] = arith.maxsi %[[N]], %c0
//       CHECK:   %[[LARGE:.*]] = arith.divui %[[TOTAL]], %c1073741824
//       CHECK:   %[[UNIT:.*]] = arith.addi %[[LARGE]], %c1
//       CHECK:   %[[UNITS:.*]] = arith.ceildivui %[[TOTAL]], %[[UNIT]]
//       CHECK:   %[[UNITS64:.*]] = arith.index_cast %[[UNITS]] : index to i64
//       CHECK:   call @hyper_schedule_init(%{{.*}}, %{{.*}}, %[[UNITS64]])
//       CHECK:   omp.parallel
//       CHECK:     %[[B:.*]] = arith.muli %{{.*}}, %[[UNIT]]
//       CHECK:     %[[E0:.*]] = arith.muli %{{.*}}, %[[UNIT]]
//       CHECK:     %[[E:.*]] = arith.minui %[[E0]], %[[TOTAL]]
//       CHECK:     scf.for %[[I:.*]] = %[[B]] to %[[E]] step %c1
//       CHECK:       memref.store %{{.*}}, %[[A]][%[[I]]]
func.func @dynamic(%a: memref<?xf32>, %n: index, %s: f32) {
  scf.forall (%i) in (%n) {
    memref.store %s, %a[%i] : memref<?xf32>
  }
  return
}

// 2^32 iterations: units of 5 (folded), 858993460 of them.
// CHECK-LABEL: func.func @huge
//       CHECK:   call @hyper_schedule_init(%{{.*}}, %{{.*}}, %c858993460_i64)
//       CHECK:   omp.parallel
//       CHECK:     arith.muli %{{.*}}, %c5
//       CHECK:     arith.minui %{{.*}}, %c4294967296
func.func @huge(%a: memref<?xf32>, %s: f32) {
  scf.forall (%i) in (4294967296) {
    memref.store %s, %a[%i] : memref<?xf32>
  }
  return
}

// -----

// Left to the upstream lowering (static schedule): a loop that allocates on
// the stack, a loop on tensors, and a loop nested in another (the outer one
// takes the balanced schedule, the inner one stays a forall).
// CHECK-LABEL: func.func @stack
//       CHECK:   scf.forall
//       CHECK:     memref.alloca()
//   CHECK-NOT:   omp.parallel
// CHECK-LABEL: func.func @tensors
//       CHECK:   scf.forall {{.*}} shared_outs
//   CHECK-NOT:   omp.parallel
// CHECK-LABEL: func.func @nested
//       CHECK:   omp.parallel
//       CHECK:     scf.for
//       CHECK:       scf.forall (%{{.*}}) in (4)
func.func @stack(%a: memref<8xf32>) {
  scf.forall (%i) in (8) {
    %t = memref.alloca() : memref<1xf32>
    %c0 = arith.constant 0 : index
    %v = memref.load %t[%c0] : memref<1xf32>
    memref.store %v, %a[%i] : memref<8xf32>
  }
  return
}

func.func @tensors(%a: tensor<8xf32>, %s: f32) -> tensor<8xf32> {
  %r = scf.forall (%i) in (8) shared_outs(%o = %a) -> (tensor<8xf32>) {
    %e = tensor.from_elements %s : tensor<1xf32>
    scf.forall.in_parallel {
      tensor.parallel_insert_slice %e into %o[%i] [1] [1] : tensor<1xf32> into tensor<8xf32>
    }
  }
  return %r : tensor<8xf32>
}

func.func @nested(%a: memref<4x4xf32>, %s: f32) {
  scf.forall (%i) in (4) {
    scf.forall (%j) in (4) {
      memref.store %s, %a[%i, %j] : memref<4x4xf32>
    }
  }
  return
}
