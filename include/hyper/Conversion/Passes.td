//===- Passes.td - hyper conversions ------------------------*- tablegen -*-===//

#ifndef HYPER_CONVERSION_PASSES_TD
#define HYPER_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertHyperToLinalgPass
    : Pass<"convert-hyper-to-linalg", "::mlir::func::FuncOp"> {
  let summary = "Lower every hyper op to linalg, tensor, arith, math and scf";
  let description = [{
    Decomposes the model ops (as `hyper-decompose` does) and lowers the
    primitives, so that no hyper op remains:

    * `hyper.generate_kernel`: the first generator layer is one GEMM over all
      tiles (`[E, N_z]·[N_z, O_b·d]`); the second is a `linalg.generic`
      contraction that writes the OIHW kernel layout directly (the tile
      scatter fused into the GEMM), initialised with `b_out`.
    * `hyper.row_scaled_linear`: the plain GEMM `x·Wᵀ` and an elementwise
      `d ⊙` epilogue; `diag(d)·W` is never formed.
    * `hyper.dynamic_linear`: one GEMM against the stacked basis
      `[B, N_in]·[N_in, N_z·N_out]`, then a contraction with `z`; no
      per-sample `[N_out, N_in]` weight exists.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect", "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect"
  ];
}

def ConvertForallToOpenMPPass
    : Pass<"hyper-forall-to-openmp", "::mlir::ModuleOp"> {
  let summary = "Run scf.forall loops on OpenMP threads with a balanced "
                "schedule: static shares, then stealing";
  let description = [{
    Each `scf.forall` on buffers (no results) becomes an `omp.parallel`
    region in which every thread asks the runtime (`hyper_schedule_next`,
    libHyperRuntime) for chunks of the loop's linearized iterations and
    runs them in an `scf.for`:

    ```mlir
    // Once per function, at its start: the state, one line per share.
    %state = memref.alloca() {alignment = 64} : memref<1024xi64>
    %p = llvm.inttoptr (aligned pointer of %state) : i64 to !llvm.ptr
    ...
    %shares = min(func.call @omp_get_max_threads(), 128) : i32
    func.call @hyper_schedule_init(%p, %shares, %n) : (!llvm.ptr, i32, i64) -> ()
    omp.parallel {
      %t = func.call @omp_get_thread_num() : () -> i32
      scf.while : () -> i64 {
        %r = func.call @hyper_schedule_next(%p, %shares, %t)
        scf.condition(%r >= 0) %r : i64
      } do {
        scf.for %i = (%r & 0xffffffff) to (%r >> 32) step 1 {
          forall body at the indices %i delinearizes to
        }
      }
      omp.terminator
    }
    ```

    Each thread starts with the share OpenMP's static schedule would give
    it (the same rows of the weights every call, which stay in its
    caches), claims it from the front in shrinking chunks, and then takes
    half of what is left of the fullest share from its back. On a shared
    machine the two vCPUs of a 2-thread run stream memory at speeds that
    differ by 10-40 % for seconds at a time; under the static schedule the
    faster thread waited at every join (5-10 % of a batch-1 HyperLSTM step).
    An OpenMP dynamic schedule balances too, but hands the same iterations
    to different threads from one call to the next and was slower than the
    static one.

    Serial work just before the loop that the loop neither waits for nor
    disturbs runs inside the region, on its master thread, while the other
    threads start on the iterations (they take the master's share meanwhile):

    ```mlir
    omp.parallel {
      %t = func.call @omp_get_thread_num() : () -> i32
      scf.if (%t == 0) { the ops moved in }
      scf.while ... (as above)
    }
    ```

    In a batch-1 HyperLSTM step that is the hyper cell, the z projections
    and the row scales, which the main LSTM's GEMV of h_{t-1} does not
    need. Walking back from the loop to the previous parallel loop (or an
    op of unknown effects), an op moves in when all users of its results
    move too and its memory accesses conflict with none of the ops after it
    that stay, the loop included (those then run before it). Accesses are
    compared with MLIR's local alias analysis, plus: memory a function
    allocates is neither a global's nor its arguments'. Allocations stay
    outside (the buffers outlive the region).

    The runtime keeps ranges in 32 bits: a loop of 2^30 iterations or more
    (known at compile time or found at run time, e.g. over a dynamic batch)
    is scheduled in units of several iterations. Loops inside another
    forall (the outer one takes the balanced schedule) and loops whose
    body allocates on the stack are left to the upstream `scf.forall` →
    `scf.parallel` → OpenMP lowering (static schedule). Threads numbered
    past 128 only steal. A module that already defines one of the four
    functions' names with another type is refused with an error. Compiled
    code that went through this pass links libHyperRuntime (it does
    anyway: its allocator) and libomp.
  }];
  let dependentDialects = [
    "::mlir::affine::AffineDialect", "::mlir::arith::ArithDialect",
    "::mlir::func::FuncDialect", "::mlir::LLVM::LLVMDialect",
    "::mlir::memref::MemRefDialect", "::mlir::omp::OpenMPDialect",
    "::mlir::scf::SCFDialect"
  ];
}

#endif // HYPER_CONVERSION_PASSES_TD
