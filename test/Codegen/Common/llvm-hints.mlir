// RUN: hyper-opt %s -hyper-llvm-hints | FileCheck %s

// The runtime's allocation functions get malloc's noalias result; loop
// hints carried to latch branches as discardable attributes become the
// branches' own annotations, which translation to LLVM IR reads.

// CHECK: #[[UNROLL:.*]] = #llvm.loop_unroll<disable = true>
// CHECK: #[[ANNOTATION:.*]] = #llvm.loop_annotation<unroll = #[[UNROLL]]>
// CHECK: llvm.func @_mlir_memref_to_llvm_alloc(i64) -> (!llvm.ptr {llvm.noalias})
// CHECK: llvm.func @_mlir_memref_to_llvm_free(!llvm.ptr)
//  CHECK-NOT: noalias
llvm.func @_mlir_memref_to_llvm_alloc(i64) -> !llvm.ptr
llvm.func @_mlir_memref_to_llvm_free(!llvm.ptr)

// CHECK-LABEL: llvm.func @loop
//       CHECK:   llvm.br ^bb1(%{{.*}} : i64) {loop_annotation = #[[ANNOTATION]]}
//   CHECK-NOT:   llvm.loop_annotation
llvm.func @loop(%n: i64) {
  %c0 = llvm.mlir.constant(0 : i64) : i64
  %c1 = llvm.mlir.constant(1 : i64) : i64
  llvm.br ^bb1(%c0 : i64)
^bb1(%i: i64):
  %done = llvm.icmp "sge" %i, %n : i64
  llvm.cond_br %done, ^bb3, ^bb2
^bb2:
  %next = llvm.add %i, %c1 : i64
  llvm.br ^bb1(%next : i64) {llvm.loop_annotation = #llvm.loop_annotation<unroll = <disable = true>>}
^bb3:
  llvm.return
}
