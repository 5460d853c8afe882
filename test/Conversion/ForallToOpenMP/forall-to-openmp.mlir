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

// -----

// Serial work just before a loop that the loop neither waits for nor
// disturbs (a HyperLSTM's hyper cell next to the main GEMV of h_{t-1}) runs
// on the region's master thread while the others start on the iterations.
// Here: the scaling loop writes a fresh buffer the loop does not touch and
// reads an argument the loop does not write (the loop writes a fresh buffer
// too); the copy that fills the loop's input stays before the region (the
// loop reads it), as do the allocations and the pure view; the work after
// the loop sees the scaled buffer once the region has ended.
// CHECK-LABEL: func.func @overlap
//  CHECK-SAME:   (%[[X:.*]]: memref<64xf32>, %[[W:.*]]: memref<64x64xf32>, %{{.*}}: f32, %[[Y:.*]]: memref<64xf32>)
//       CHECK:   %[[T:.*]] = memref.alloc() : memref<64xf32>
//       CHECK:   %[[IN:.*]] = memref.alloc() : memref<64xf32>
//       CHECK:   %[[O:.*]] = memref.alloc() : memref<64xf32>
//       CHECK:   memref.copy %[[X]], %[[IN]]
//       CHECK:   call @hyper_schedule_init
//       CHECK:   omp.parallel {
//       CHECK:     %[[TH:.*]] = func.call @omp_get_thread_num()
//       CHECK:     %[[FIRST:.*]] = arith.cmpi eq, %[[TH]], %c0_i32
//       CHECK:     scf.if %[[FIRST]] {
//       CHECK:       scf.for
//       CHECK:         memref.load %[[X]]
//       CHECK:         memref.store {{.*}}, %[[T]]
//  CHECK-NEXT:       }
//  CHECK-NEXT:     }
//  CHECK-NEXT:     scf.while
//       CHECK:     omp.terminator
//       CHECK:   memref.load %[[T]]
func.func @overlap(%x: memref<64xf32>, %w: memref<64x64xf32>, %s: f32, %y: memref<64xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %t = memref.alloc() : memref<64xf32>
  scf.for %i = %c0 to %c64 step %c1 {
    %v = memref.load %x[%i] : memref<64xf32>
    %m = arith.mulf %v, %s : f32
    memref.store %m, %t[%i] : memref<64xf32>
  }
  %in = memref.alloc() : memref<64xf32>
  %o = memref.alloc() : memref<64xf32>
  memref.copy %x, %in : memref<64xf32> to memref<64xf32>
  scf.forall (%i) in (64) {
    %v = memref.load %in[%i] : memref<64xf32>
    %u = memref.load %w[%i, %i] : memref<64x64xf32>
    %p = arith.mulf %v, %u : f32
    memref.store %p, %o[%i] : memref<64xf32>
  }
  %a = memref.load %t[%c0] : memref<64xf32>
  %b = memref.load %o[%c0] : memref<64xf32>
  %r = arith.addf %a, %b : f32
  memref.store %r, %y[%c0] : memref<64xf32>
  return
}

// -----

// What stays before the region: work whose buffer the loop reads (@feeds),
// work on an argument when the loop writes another one (they may be the
// same memory: @arguments), a value used after the loop (@result),
// anything before a call of unknown effects (@call), and a loop holding a
// parallel loop (@holds_forall: it stays parallel). No branch then.
// CHECK-LABEL: func.func @feeds
//       CHECK:   scf.for
//       CHECK:   omp.parallel {
//   CHECK-NOT:     scf.if
//       CHECK:     omp.terminator
// CHECK-LABEL: func.func @arguments
//       CHECK:   scf.for
//       CHECK:   omp.parallel {
//   CHECK-NOT:     scf.if
//       CHECK:     omp.terminator
// CHECK-LABEL: func.func @result
//       CHECK:   memref.load
//       CHECK:   omp.parallel {
//   CHECK-NOT:     scf.if
//       CHECK:     omp.terminator
// CHECK-LABEL: func.func @call
//       CHECK:   scf.for
//       CHECK:   call @opaque
//       CHECK:   omp.parallel {
//   CHECK-NOT:     scf.if
//       CHECK:     omp.terminator
// CHECK-LABEL: func.func @holds_forall
//       CHECK:   scf.for
//       CHECK:     scf.forall
//       CHECK:   omp.parallel {
//   CHECK-NOT:     scf.if
//       CHECK:     omp.terminator
func.func @feeds(%x: memref<64xf32>, %s: f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %t = memref.alloc() : memref<64xf32>
  scf.for %i = %c0 to %c64 step %c1 {
    memref.store %s, %t[%i] : memref<64xf32>
  }
  scf.forall (%i) in (64) {
    %v = memref.load %t[%i] : memref<64xf32>
    memref.store %v, %x[%i] : memref<64xf32>
  }
  return
}

func.func @arguments(%x: memref<64xf32>, %y: memref<64xf32>, %s: f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  scf.for %i = %c0 to %c64 step %c1 {
    memref.store %s, %x[%i] : memref<64xf32>
  }
  scf.forall (%i) in (64) {
    memref.store %s, %y[%i] : memref<64xf32>
  }
  return
}

func.func @result(%x: memref<64xf32>, %s: f32) -> f32 {
  %c0 = arith.constant 0 : index
  %t = memref.alloc() : memref<64xf32>
  %v = memref.load %t[%c0] : memref<64xf32>
  scf.forall (%i) in (64) {
    memref.store %s, %x[%i] : memref<64xf32>
  }
  return %v : f32
}

func.func private @opaque()

func.func @call(%x: memref<64xf32>, %s: f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %t = memref.alloc() : memref<64xf32>
  scf.for %i = %c0 to %c64 step %c1 {
    memref.store %s, %t[%i] : memref<64xf32>
  }
  func.call @opaque() : () -> ()
  scf.forall (%i) in (64) {
    memref.store %s, %x[%i] : memref<64xf32>
  }
  return
}

func.func @holds_forall(%x: memref<64xf32>, %s: f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %t = memref.alloc() : memref<64xf32>
  scf.for %k = %c0 to %c4 step %c1 {
    // Left to the upstream lowering (stack memory in its body), so still
    // an scf.forall when the loop below looks back.
    scf.forall (%i) in (64) {
      %tmp = memref.alloca() : memref<1xf32>
      memref.store %s, %tmp[%c0] : memref<1xf32>
      %v = memref.load %tmp[%c0] : memref<1xf32>
      memref.store %v, %t[%i] : memref<64xf32>
    }
  }
  scf.forall (%i) in (64) {
    memref.store %s, %x[%i] : memref<64xf32>
  }
  return
}
