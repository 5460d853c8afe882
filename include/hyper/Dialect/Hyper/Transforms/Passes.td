//===- Passes.td - hyper dialect transformations ------------*- tablegen -*-===//

#ifndef HYPER_DIALECT_HYPER_TRANSFORMS_PASSES_TD
#define HYPER_DIALECT_HYPER_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def HyperDecomposePass : Pass<"hyper-decompose", "::mlir::func::FuncOp"> {
  let summary = "Decompose hyper model ops into weight-generation primitives";
  let description = [{
    Rewrites the model ops into the primitives and upstream ops:

    * `hyper.conv2d` becomes `hyper.generate_kernel` plus a convolution
      (`linalg.conv_2d_nchw_fchw` on the zero-padded input for a shared
      kernel, a `linalg.generic` for per-sample kernels), with the bias as
      the convolution's initial value.
    * `hyper.lstm` / `hyper.rnn` become the input-side GEMMs for all T steps
      at once (`x·main.w_xᵀ` and the `x` columns of `x̂·hyper.w_xᵀ`, one
      `linalg.matmul` each over `[T·B, N_x]`), then an `scf.for` over T whose
      body is one step; `lengths` masks the states and outputs.
    * `hyper.lstm_cell` / `hyper.rnn_cell` become one step.

    A step computes the hyper cell, the embeddings and the row scales, and
    the main gates, with `d_h ⊙ (h·main.w_hᵀ)` as a `hyper.row_scaled_linear`
    and `d_x ⊙ (x·main.w_xᵀ)` as an elementwise scaling of the hoisted GEMM.
    With layer norm, a cell's update normalises each gate where it reads it,
    from the gates' sums (Σ v, then Σ (v − mean)², `[B, 4]` reductions), and
    h' normalises the new cell the same way (`[B, 1]` sums): no normalised
    `[B, 4·N]` tensor is written and read back.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect", "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect"
  ];
}

def HyperFuseWeightGenPass : Pass<"hyper-fuse-weight-gen", "::mlir::func::FuncOp"> {
  let summary = "Evaluate static weight generation at compile time";
  let description = [{
    A `hyper.generate_kernel` whose embeddings and generator are all
    constants is evaluated at compile time (in double precision, rounded to
    the element type) and replaced by the constant kernel, so a deployed
    static hypernetwork costs exactly its convolutions. A `hyper.conv2d`
    with constant embeddings and generator is first decomposed so that its
    kernel folds the same way.

    Generation from run-time values is left to `convert-hyper-to-linalg`,
    which emits it once per call with the tile scatter fused into the
    second GEMM (it writes the kernel layout directly).
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect"
  ];
  let options = [
    Option<"precomputeStatic", "precompute-static", "bool", /*default=*/"true",
           "Evaluate generators with constant inputs at compile time">,
  ];
}

def HyperBindWeightsPass : Pass<"hyper-bind-weights", "::mlir::ModuleOp"> {
  let summary = "Turn named function arguments into constants from an .npz";
  let description = [{
    For every function argument named with `hyper.name` whose name is an
    array of `weights` (an `.npz` archive or a directory of `NAME.npy`
    files), checks the array's dtype and shape
    against the argument's type, replaces the argument's uses by an
    `arith.constant` holding the array and removes the argument. Arguments
    the archive does not name stay. This is how an ahead-of-time compiled
    model gets its weights baked in, and what lets static weight generation
    fold at compile time.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::tensor::TensorDialect"];
  let options = [
    Option<"weights", "weights", "std::string", /*default=*/"\"\"",
           "Path of the .npz archive or directory of .npy files">,
    Option<"function", "function", "std::string", /*default=*/"\"\"",
           "Bind only this function's arguments (default: every function)">,
  ];
}

def HyperDecomposeAggregatesPass
    : Pass<"hyper-decompose-aggregates", "::mlir::func::FuncOp"> {
  let summary = "Decompose aggregated linalg ops (softmax) into generics";
  let description = [{
    Ops such as `linalg.softmax` implement `AggregatedOpInterface` but are
    not structured ops: loop lowering and vectorization do not handle them.
    This pass replaces each by its decomposition (reductions and
    elementwise `linalg.generic` ops), so models may use them freely.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::tensor::TensorDialect"];
}

def HyperFuseElementwisePass
    : Pass<"hyper-fuse-elementwise", "::mlir::func::FuncOp"> {
  let summary = "Fuse elementwise linalg ops into their consumers";
  let description = [{
    Producer-consumer fusion of elementwise `linalg.generic` ops on tensors
    (a bias add into the gate epilogue, the gate nonlinearities into the
    cell update, ...), without upstream's reshape propagation: moving
    reshapes through a `linalg.matmul` turns it into a higher-rank generic
    contraction that the GEMM schedule no longer recognises.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def HyperCpuVectorizePass : Pass<"hyper-cpu-vectorize", "::mlir::func::FuncOp"> {
  let summary = "Tile GEMMs for caches and registers and vectorize them (CPU)";
  let description = [{
    The CPU schedule of the GEMMs, on tensors:

    * a `linalg.conv_2d_nchw_fchw` with static channel, spatial and filter
      sizes becomes, per image, an im2col gather and the GEMM
      `filter[F, C·KH·KW] · cols[C·KH·KW, OH·OW]`; the gather is a generic
      that reads the image with `tensor.extract` at computed indices, which
      the vectorizer turns into contiguous row loads (stride 1), and its
      row loops carry a do-not-unroll hint for LLVM;
    * a `linalg.matmul` of one row against an `[out, in]` weight (static
      N and K; a vector width dividing K unless the weight is a constant)
      becomes dot products along the weight's rows: blocks of up to
      `m-tile` rows, one vector accumulator per row across K, lanes added
      at the end (row blocks on the threads with `parallel`) — no
      transpose, and the rows stream contiguously; a constant weight is
      stored at compile time in row blocks, `[N/rows, ⌈K/w⌉·rows·w]` for
      vector width w (one contiguous stream per block, full vectors for any
      K, the last step zero-padded); the result is a new tensor that each
      block writes, reading its part of the init (nothing when the init is
      a zero fill); a chain of such GEMVs into the same result (`(y +
      x₁·W₁ᵀ) + x₂·W₂ᵀ`, each the only use of the one before) is one loop
      over the row blocks (one parallel region), a dot-product loop per
      term at its own vector width; with a dynamic number of rows, an
      `scf.if` takes this path for one row at run time and the GEMM below
      otherwise;
    * a `linalg.matmul` that reads its B operand as `[N, K]` (`x·Wᵀ` against
      an `[out, in]` weight) gets `Wᵀ` materialised as `[K, N]` once, so the
      N dimension is contiguous for the vector registers; a constant weight
      (or a static slice of one) is transposed at compile time, and loop-invariant transposes are
      hoisted out of loops (e.g. out of a HyperLSTM's time loop);
    * a GEMM whose only user is an elementwise epilogue (a `d ⊙` scaling
      fused with the gate arithmetic, a bias and nonlinearity) is fused into
      the epilogue's cache tiles, so the epilogue reads each accumulator
      tile while it is in cache;
    * every matmul is tiled for the caches (`[64, 32]` for M and N — a fused
      epilogue reads its tile from L1, and the column blocks split evenly
      over the threads; a zero fill of C that only the GEMM reads is fused
      into the tiles — then 512 for K) and for the registers
      (`[m-tile, 2·vector-width, 1]`), vectorized with masks where sizes are
      dynamic or do not divide, and its accumulator tile is hoisted out of
      the K loop when the tile is static, so the micro-kernel is a row of
      broadcasts and `2·m-tile` FMAs per K step;
    * a constant B (or a static slice of one) wider than a register tile,
      read at columns that are multiples of the tile's width, is packed at
      compile time in blocks of the tile's columns, `[⌈N/nt⌉, K·nt]`, and
      every K step of a register tile prefetches that stream 16 KB ahead
      (`memref.prefetch` through a flat read-only view of the constant's
      buffer, the index clamped inside it): recurrent weights that did not
      stay in the last-level cache between steps stream from memory without
      stalling the micro-kernel; a cache tile of such a GEMM whose width is
      known only at run time (the last, partial tile of an N that 32 does
      not divide) runs on the full tile width against the constant with
      zero columns appended, into an accumulator of that width, so that no
      register tile is masked;
    * with `parallel`, the M×N cache tiles form an `scf.forall` that the CPU
      pipeline maps to OpenMP threads; a convolution dispatches at run time
      on its batch: several images form an `scf.forall` over the images
      (each image's gather and GEMM sequential), one image keeps the
      threads inside its GEMM; large elementwise ops (at least 4096 elements
      in their static dimensions) share their outer points over the threads.

    * every elementwise (all-parallel) `linalg.generic`, epilogues included,
      is tiled to one vector along its innermost dimension
      (`[1, …, 1, vector-width]`) and vectorized, the last partial vector
      masked; an input read at a constant index (a gate `(b, n) -> (b, 2,
      n)` of a stacked `[B, 4, N]` tensor) first becomes a rank-reducing
      `tensor.extract_slice`, which the vectorizer accepts.

    * a sum over a generic's innermost loop (layer-norm statistics; a static
      length that a vector width divides) runs as lane-wise vector partial
      sums along the loop (loads of the inputs that vary along it,
      broadcasts of the others, the body on vectors) and one lane reduction
      per point: LLVM keeps float sums scalar, since it may not reassociate
      them. With `parallel`, a sum reading 32 K elements or more has its
      outermost points on the threads (an `scf.forall`, each iteration its
      slice of the output).

    * a step's result (an op directly in an `scf.for` body) whose
      destination is a `tensor.empty` from outside the loop gets a
      `bufferization.alloc_tensor` in the loop instead: one shared buffer
      would make the loop copy each step's result to carry it (the LSTM's
      cell states, every step).

    Full register tiles are peeled from partial ones, so they are static and
    unmasked. Other linalg ops (other reductions, transposes, fills) are left
    to `convert-linalg-to-loops` (and LLVM's vectorizer).
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::LLVM::LLVMDialect",
                           "::mlir::bufferization::BufferizationDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::tensor::TensorDialect",
                           "::mlir::vector::VectorDialect",
                           "::mlir::arith::ArithDialect"];
  let options = [
    Option<"vectorWidth", "vector-width", "int64_t", /*default=*/"16",
           "f32 lanes per vector register (16: AVX-512, 8: AVX2)">,
    Option<"mTile", "m-tile", "int64_t", /*default=*/"8",
           "Rows of the register tile">,
    Option<"parallel", "parallel", "bool", /*default=*/"false",
           "Distribute the M×N cache tiles over threads (scf.forall)">,
  ];
}

def HyperLowerVectorsPass : Pass<"hyper-lower-vectors", "::mlir::func::FuncOp"> {
  let summary = "Lower vector contractions, transfers and masks (CPU)";
  let description = [{
    After bufferization: lowers `vector.contract` to outer products and FMAs,
    splits partial transfers into full and partial ones, lowers transfers to
    loads and stores of at most rank 1, and lowers masks, leaving vector ops
    that `convert-vector-to-llvm` maps to the target's registers.
  }];
  let dependentDialects = ["::mlir::vector::VectorDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::linalg::LinalgDialect"];
}

def HyperApproximateMathPass : Pass<"hyper-approximate-math"> {
  let summary = "Replace tanh and exp with polynomial approximations";
  let description = [{
    `math.tanh` and `math.exp` on f32 (scalars or vectors) become upstream's
    polynomial approximations (about 1 ulp), written in `arith`,
    `math.fma` and `math.absf`. The CPU pipeline runs it after
    vectorization, so the vectorized gate nonlinearities stay in vector
    registers instead of calling libm once per lane. (The GPU pipeline does
    not: NVVM lowering would turn `math.fma`/`math.absf` into libdevice
    calls anyway, and libdevice's own tanh/exp are as good.)
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::vector::VectorDialect"];
}

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

def HyperExpandStridedCopiesPass
    : Pass<"hyper-expand-strided-copies", "::mlir::func::FuncOp"> {
  let summary = "Copies between strided views with contiguous rows as loops "
                "of row copies";
  let description = [{
    A `memref.copy` whose source or destination is not contiguous as a
    whole lowers to a call of the runtime's `memrefCopy`, which walks the
    descriptors at run time. Bufferization makes such copies where a
    tensor is written next to one that must stay: a convolution's image
    into the interior of its padded buffer (`[C, H, W]` into
    `[C, H + 2p, W + 2p]`, once per image and layer), a GEMM tile's
    initial value taken from a precomputed slice. When both sides have
    unit innermost strides, this pass writes the copy as loops over the
    outer dimensions of rank-1 row copies, which lower to `llvm.memcpy` of
    a size LLVM knows (inlined as vector moves for short rows):

    ```mlir
    memref.copy %src, %dst : memref<32x32xf32, strided<[1024, 32, 1]...>>
                          to memref<32x32xf32, strided<[1156, 34, 1]...>>
    // becomes
    scf.for %i ... { scf.for %j ... {
      memref.copy %src[%i, %j, :], %dst[%i, %j, :]   // rank-1 subviews
    } }
    ```

    Copies contiguous as a whole (already one `memcpy`), rows shorter than
    4 elements and inner strides other than 1 are left to `memrefCopy`.
  }];
  let dependentDialects = ["::mlir::memref::MemRefDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::arith::ArithDialect"];
}

def HyperLLVMHintsPass : Pass<"hyper-llvm-hints", "::mlir::ModuleOp"> {
  let summary = "Tell LLVM what the lowered host code knows: noalias "
                "allocations, loop hints";
  let description = [{
    On the LLVM dialect, just before translation:

    * The host pipeline lowers `memref.alloc` to calls of the runtime's
      `_mlir_memref_to_llvm_alloc` (`use-generic-functions`, see
      `libHyperRuntime`'s allocator). LLVM knows nothing about that
      function: every buffer it returns might alias every other, which costs
      alias checks in loops and sent LLVM's LoopLoadElimination into seconds
      of analysis on large models. The declarations' results are marked
      `llvm.noalias`, what LLVM assumes for `malloc`.
    * Loop hints the schedule puts on `scf.for` (`llvm.loop_annotation`,
      e.g. "do not unroll" on the im2col gather's loops) reach the latch
      branches as a discardable attribute, which translation ignores; they
      become the branches' `loop_annotation`.
  }];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

#endif // HYPER_DIALECT_HYPER_TRANSFORMS_PASSES_TD
