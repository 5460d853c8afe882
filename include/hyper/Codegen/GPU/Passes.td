//===- Passes.td - NVIDIA GPU code generation -----------------*- tablegen -*-===//

#ifndef HYPER_CODEGEN_GPU_PASSES_TD
#define HYPER_CODEGEN_GPU_PASSES_TD

include "mlir/Pass/PassBase.td"

def HyperGpuGemmKernelsPass
    : Pass<"hyper-gpu-gemm-kernels", "::mlir::func::FuncOp"> {
  let summary = "GEMMs with their element-wise epilogues as tiled GPU kernels";
  let description = [{
    Every f32 `linalg.matmul` on buffers (B as [K, N] or, for weights in
    [out, in] layout, [N, K]) becomes one `gpu.launch` that computes it with
    shared-memory tiles:

    * a block computes a [BM, BN] tile of C with TY × TX threads; each
      thread keeps a TM × TN micro-tile in registers (64 × 64 with 16 × 16
      threads and 4 × 4 registers; at small static M, fewer rows so that a
      batch-1 step does not idle 15 of 16 thread rows);
    * the K loop stages [BK = 16]-deep tiles of A and B in workgroup memory
      (coalesced loads, 4-wide vector loads where K % 4 == 0 and the operand
      is a whole buffer; partial tiles are zero-filled), with a barrier after
      the loads and after the FMAs;
    * a `linalg.fill` of C is folded into the accumulators' initial value;
      a `memref.copy` into C right before the matmul (a step's precomputed
      input part copied into a fresh buffer to accumulate onto) is absorbed:
      the accumulators start from the copy's source; any other initial C is
      loaded.

    A skinny matmul — at most 32 static rows, B stored [N, K] (a recurrent
    step's GEMMs at batch 1–32) — gets a warp per point instead: the block
    is 32 × 8 threads, warp w of block (x, y) computes point x·8 + w (its G
    gate columns, see below) for the y-th block of R = min(M, 8, 32 / G)
    rows; its lanes stride through K with coalesced loads (4-wide where
    K % 4 == 0 and A and B are whole buffers), keep R · G partial sums in
    registers and store them to workgroup memory (`[warp][lane][slot]`,
    padded by a word against bank conflicts); after a barrier lane s adds
    up slot s (row s / G, group s % G) over the lanes onto the initial C,
    and after another lane i runs row i's epilogue.

    A `linalg.conv_2d_nchw_fchw` (static channels, filter and output image
    sizes; the batch may be dynamic) runs through the same kernel as an
    implicit GEMM per image: `filter[F, C·KH·KW] · im2col(x)[C·KH·KW,
    OH·OW]` accumulated onto the output, one image per grid z, the im2col
    gather done by the B tile loads.

    The element-wise `linalg.generic` ops that follow the matmul and read its
    result are fused: they run on the registers, and only their results
    (and C, when something else reads it) are stored. Two shapes fuse:
    ops over C's [M, N] elements (bias, row scaling `d ⊙ (x Wᵀ)`, an
    activation), and ops over a [M, N/G] view of C that read G column groups
    of one point (the LSTM cell update reading the i, g, f, o gates from
    `expand_shape` [M, G, N/G]); for those, a thread's G register columns are
    the G groups of one point, so the whole cell update happens in the
    thread that computed its gates. An epilogue output must be a buffer
    allocated in the same block that the kernel does not read.

    With `emulate`, the same kernel is emitted as host loops over blocks and
    threads (workgroup memory as stack buffers, barriers as program order),
    so the schedule's index arithmetic and fusion can be checked against
    reference data on a machine without a GPU.
  }];
  let dependentDialects = ["::mlir::gpu::GPUDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::vector::VectorDialect"];
  let options = [
    Option<"epilogue", "epilogue", "bool", /*default=*/"true",
           "Fuse the element-wise consumers of each GEMM into its kernel">,
    Option<"emulate", "emulate", "bool", /*default=*/"false",
           "Emit host loops that run the kernels' schedule instead of "
           "gpu.launch (for testing without a GPU)">,
    Option<"printSchedule", "print-schedule", "bool", /*default=*/"false",
           "Emit a remark per GEMM with the schedule it gets (tiled or "
           "skinny, block and register tiles) and what its kernel absorbs">,
  ];
}

def HyperGpuRowKernelsPass
    : Pass<"hyper-gpu-row-kernels", "::mlir::func::FuncOp"> {
  let summary = "Row-local op sequences (layer norm, cell updates) as one "
                "GPU kernel";
  let description = [{
    A run of consecutive linalg ops on buffers (generic, fill) in which every
    value an op combines comes from one row — dimension 0 is a parallel loop
    that indexes dimension 0 of every buffer the run writes, and buffers the
    run writes are only read at that row — becomes one `gpu.launch` with a
    block per row. The block runs the ops in order with a barrier between
    them; each op's points (its other parallel loops) are strided over the
    block's 256 threads, its reduction loops run inside a thread — except
    for sums with few points a row (P ≤ 128 static points besides the row,
    one reduction loop, each f32 output updated as `out + e` or
    `fma(a, b, out)` and read nowhere else in the body): 256 / P threads per
    point sum strided parts of the reduction into workgroup memory, and
    after a barrier one thread per point adds the partial sums to the
    output. Layer-norm statistics over 4 gates of 1000 units would
    otherwise keep 4 of the 256 threads busy.

    This is the shape of layer normalisation and of what follows it in a
    HyperLSTM step: per-gate statistics over the units, normalisation, the
    gate arithmetic, the cell's own layer norm and the output — eight or so
    small kernels in a one-kernel-per-op schedule, one kernel here. Layer
    norm cannot run in the GEMM kernel's epilogue, whose blocks each hold a
    part of a row; the GEMM kernel still fuses the bias before it.

    Only runs with a reduction and more than one op are rewritten (a lone
    element-wise op is better spread over a grid of its own). Buffers the
    run only reads must not alias buffers it writes. With `emulate`, host
    loops as in `hyper-gpu-gemm-kernels`.
  }];
  let dependentDialects = ["::mlir::gpu::GPUDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::memref::MemRefDialect"];
  let options = [
    Option<"emulate", "emulate", "bool", /*default=*/"false",
           "Emit host loops that run the kernels' schedule instead of "
           "gpu.launch (for testing without a GPU)">,
    Option<"printSchedule", "print-schedule", "bool", /*default=*/"false",
           "Emit a remark per row kernel: how many ops it runs">,
  ];
}

def HyperSplitConstantSlicesPass
    : Pass<"hyper-split-constant-slices", "::mlir::func::FuncOp"> {
  let summary = "Constants read only through static slices as one constant "
                "per slice";
  let description = [{
    A dense `arith.constant` tensor whose every use is a `tensor.extract_slice`
    with static offsets, sizes and strides, and whose slices together hold no
    more elements than it (no overlap), is replaced, slice by slice, by a
    constant holding just that slice; the original constant then dies, so
    the data is not duplicated. Bound weights are often sliced so: the hyper
    cell's `[4·N̂, N_x + N̂]` input weights are read as the `N_x` columns (the
    hoisted input projection) and the `N̂` columns (the recurrent GEMM). A
    slice at column 50 of a 1050-wide matrix starts every row at a
    misaligned address; as a constant of its own, its rows are whole-buffer
    rows, which the GPU kernels load 4-wide.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::tensor::TensorDialect"];
}

def HyperGpuMapLoopsPass : Pass<"hyper-gpu-map-loops", "::mlir::func::FuncOp"> {
  let summary = "Tile parallel loops into GPU blocks of threads";
  let description = [{
    Every outermost `scf.parallel` (from `convert-linalg-to-parallel-loops`)
    is tiled so that one tile is one thread block of at most `block-size`
    threads, and mapped for `convert-parallel-loops-to-gpu`: the tiles to
    blocks and the points of a tile to threads, the innermost dimension to
    `x` so that neighbouring threads touch neighbouring elements (coalesced
    accesses), the next to `y`, the next to `z`; further dimensions loop
    sequentially. Tiles have static sizes and guard the partial ones with an
    `scf.if`, so the launch has a static block size.
  }];
  let dependentDialects = ["::mlir::gpu::GPUDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::arith::ArithDialect"];
  let options = [
    Option<"blockSize", "block-size", "int64_t", /*default=*/"256",
           "Threads per block (a multiple of 32)">,
  ];
}

def HyperGpuHostSharedMemoryPass
    : Pass<"hyper-gpu-host-shared-memory", "::mlir::ModuleOp"> {
  let summary = "Allocate host functions' buffers in memory the GPU can reach";
  let description = [{
    After kernel outlining, in the host functions (not in `gpu.module`s):

    * `memref.alloc` becomes `gpu.alloc host_shared` (CUDA managed memory),
      reachable from kernels and from the host code between launches;
    * `memref.dealloc` becomes `func.call @hyperCudaFree(pointer)` (the
      runtime, which keeps the block for reuse);
    * `memref.get_global` (constants: bound weights, folded kernels) becomes
      the runtime's managed copy of the global, looked up once at function
      entry through `func.call @hyperCudaConstant_<type>` (C interface,
      libHyperCudaRuntime): the copy is made at the first call and reused by
      every later one, so the weights are copied and faulted onto the GPU
      once per process, not once per call. Element types without such a
      function (rank 0, i1, index, ...) get a managed copy per call instead,
      freed before each return.

    Then, in every block, the synchronous `gpu.launch_func`s go on one
    stream without waiting (`gpu.wait async`, then `gpu.launch_func async`
    chained through their tokens), and the host waits (`gpu.wait`) once,
    before the first op that may touch memory or leave the block: anything
    but arithmetic, views and allocations — a free, a copy, a load, a call,
    a loop, the terminator. A time step's launches are then queued back to
    back with one wait at the frees that end the step, instead of one
    synchronisation per launch.

    Function arguments must be GPU-reachable already (managed memory, as
    `hyper-run --target=cuda` passes them). A module that already defines
    `hyperCudaFree` or a `hyperCudaConstant_<type>` otherwise than the
    runtime does is refused with an error.
  }];
  let dependentDialects = ["::mlir::func::FuncDialect",
                           "::mlir::gpu::GPUDialect",
                           "::mlir::LLVM::LLVMDialect",
                           "::mlir::memref::MemRefDialect"];
}

#endif // HYPER_CODEGEN_GPU_PASSES_TD
