//===- Passes.td - CPU code generation ------------------------*- tablegen -*-===//

#ifndef HYPER_CODEGEN_CPU_PASSES_TD
#define HYPER_CODEGEN_CPU_PASSES_TD

include "mlir/Pass/PassBase.td"

// The options every CPU stage takes: they build its CpuSchedule
// (include/hyper/Codegen/CPU/CpuSchedule.h), which holds every other number.
defvar HyperCpuScheduleOptions = [
  Option<"vectorWidth", "vector-width", "int64_t", /*default=*/"16",
         "f32 lanes per vector register (16: AVX-512, 8: AVX2)">,
  Option<"mTile", "m-tile", "int64_t", /*default=*/"0",
         "Rows of the register tile (0: as many as the vector registers "
         "of the vector width's generic target hold: 8 at 16 lanes, 6 at 8)">,
  Option<"kPanel", "k-panel", "int64_t", /*default=*/"0",
         "K panel of the GEMM cache tiles (0: the generic target's, 512)">,
  Option<"prefetchBytes", "prefetch-bytes", "int64_t", /*default=*/"0",
         "How far ahead, in bytes, the GEMM register tiles prefetch packed "
         "B (0: the generic target's, 16384)">,
  Option<"parallel", "parallel", "bool", /*default=*/"false",
         "Distribute the M×N cache tiles over threads (scf.forall)">,
];

defvar HyperCpuPrintScheduleOption =
  Option<"printSchedule", "print-schedule", "bool", /*default=*/"false",
         "Say, as a remark on each GEMM, GEMV or convolution the stage "
         "schedules, which schedule it gets">;

defvar HyperCpuStageDialects = ["::mlir::linalg::LinalgDialect",
                                "::mlir::LLVM::LLVMDialect",
                                "::mlir::bufferization::BufferizationDialect",
                                "::mlir::memref::MemRefDialect",
                                "::mlir::scf::SCFDialect",
                                "::mlir::tensor::TensorDialect",
                                "::mlir::vector::VectorDialect",
                                "::mlir::arith::ArithDialect"];

// Each stage declares the same dialects as hyper-cpu-vectorize: the
// canonicalization patterns a stage collects come from the loaded dialects,
// so the stages and the alias see the same set.
class HyperCpuStage<string flag, string summaryText, string descriptionText,
                    bit report = 0>
    : Pass<flag, "::mlir::func::FuncOp"> {
  let summary = summaryText;
  let description = descriptionText;
  let dependentDialects = HyperCpuStageDialects;
  let options = !if(report,
                    !listconcat(HyperCpuScheduleOptions,
                                [HyperCpuPrintScheduleOption]),
                    HyperCpuScheduleOptions);
}

def HyperCpuVectorizePass : Pass<"hyper-cpu-vectorize", "::mlir::func::FuncOp"> {
  let summary = "Tile GEMMs for caches and registers and vectorize them (CPU)";
  let description = [{
    The CPU schedule of the GEMMs, on tensors: the `hyper-cpu-*` stages
    below in the order `hyper-cpu-pipeline` lists them (conv-to-gemm,
    gemv-row-dots, transpose-weights, fuse-epilogues, tile-gemms,
    tile-conv-gemms, lane-sums, tile-elementwise, fold-tile-shapes,
    pack-constants, vectorize-tiles, hoist-accumulators,
    alloc-step-results), run as one pass with the same options. What they
    do together:

    * a `linalg.conv_2d_nchw_fchw` with static channel, spatial and filter
      sizes becomes, per image, an im2col gather and the GEMM
      `filter[F, C·KH·KW] · cols[C·KH·KW, OH·OW]`; the gather is a generic
      that reads the image with `tensor.extract` at computed indices, which
      the vectorizer turns into contiguous row loads (stride 1), and its
      row loops carry a do-not-unroll hint for LLVM;
    * a `linalg.matmul` of one row against an `[out, in]` weight (static
      N and K; a vector width dividing K unless the weight is a constant)
      becomes dot products along the weight's rows: blocks of up to
      8 rows, one vector accumulator per row across K, lanes added
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
  let options = !listconcat(HyperCpuScheduleOptions,
                            [HyperCpuPrintScheduleOption]);
}


def HyperCpuConvToGemmPass : HyperCpuStage<"hyper-cpu-conv-to-gemm",
  "Convolutions as an im2col gather and a GEMM per image (CPU stage 1)", [{
    A `linalg.conv_2d_nchw_fchw` with static channel, spatial and filter
    sizes becomes, per image, an im2col gather and the GEMM
    `filter[F, C·KH·KW] · cols`. When the output width divides into one or
    two vectors the columns are packed in blocks of that many pixels,
    `[NB, C·KH·KW, ni]`, and the GEMM is a generic marked
    `hyper.packed_gemm` for hyper-cpu-tile-conv-gemms; else a plain
    `linalg.matmul`. A constant padding of the input is applied per image
    where its columns are gathered, a constant fill of the output per
    image. With `parallel`, a batch of several images becomes an
    `scf.forall` over the images (each image's ops marked `hyper.serial`),
    one image a plain loop that keeps the threads inside its GEMM. The
    gather is marked `hyper.im2col`.
  }], 1>;

def HyperCpuGemvRowDotsPass : HyperCpuStage<"hyper-cpu-gemv-row-dots",
  "One-row GEMMs against [out, in] weights as dot products along the rows (CPU stage 2)", [{
    A `linalg.matmul` of one row against an `[out, in]` weight (static N and
    K; a vector width dividing K unless the weight is a constant) becomes
    dot products along the weight's rows: blocks of up to 8 rows
    (CpuSchedule::rowBlock), one vector accumulator per row across K, lanes
    added at the end (row blocks on the threads with `parallel` when the
    weights are large enough: CpuSchedule::gemvOnThreads). A constant
    weight is stored at compile time in row blocks, `[N/rows,
    ⌈K/w⌉·rows·w]`. A chain of such GEMVs into the same result is one loop
    over the row blocks. With a dynamic number of rows, an `scf.if` takes
    this path for one row at run time and the GEMM otherwise.
  }], 1>;

def HyperCpuTransposeWeightsPass : HyperCpuStage<"hyper-cpu-transpose-weights",
  "GEMMs that read B as [N, K] get B transposed once (CPU stage 3)", [{
    A `linalg.matmul` that reads its B operand as `[N, K]` (`x·Wᵀ`) gets
    `Wᵀ` materialised as `[K, N]`: at compile time for a constant (or a
    static slice of one), else a `linalg.transpose`; then loop-invariant
    code (the transposes) is hoisted out of every loop, e.g. a HyperLSTM's
    time loop.
  }]>;

def HyperCpuFuseEpiloguesPass : HyperCpuStage<"hyper-cpu-fuse-epilogues",
  "GEMMs fused into the cache tiles of their element-wise epilogue (CPU stage 4)", [{
    A GEMM whose only user is a 2-D all-parallel `linalg.generic` reading it
    element for element is fused, with the epilogue's other single-use
    linalg producers (not transposes), into the epilogue's cache tiles
    (CpuSchedule::cacheRows × cacheColumns; an `scf.forall` with
    `parallel` when one of its GEMMs is worth the threads). The fused GEMMs
    are marked `hyper.cache_tiled`.
  }]>;

def HyperCpuTileGemmsPass : HyperCpuStage<"hyper-cpu-tile-gemms",
  "GEMMs tiled for the caches, K panels and registers (CPU stage 5)", [{
    Every `linalg.matmul` gets the tiles of CpuSchedule::gemm: M×N cache
    tiles (an `scf.forall` on the threads when worth it; a zero fill of C
    that only the GEMM reads fused into them), unless
    hyper-cpu-fuse-epilogues already made them; a cache tile of dynamic
    width against a constant B runs on the full tile width against the
    constant padded with zero columns; K panels; register tiles `[m-tile,
    2·vector-width, 1]`, the columns' loop outside the rows', both peeled
    into full tiles and a partial last one (a partial block of rows known
    only at run time goes row by row). Register tiles are marked
    `hyper.register_tile` with their vector sizes.
  }], 1>;

def HyperCpuTileConvGemmsPass : HyperCpuStage<"hyper-cpu-tile-conv-gemms",
  "Convolution GEMMs on packed columns tiled into the GEMM micro-kernel (CPU stage 6)", [{
    Each `hyper.packed_gemm` generic `[F, NB, ni, K]` gets the tiles of
    CpuSchedule::convGemm: cache tiles of 64 filters by up to 256 pixels
    (fewer with threads until each thread has a few), K panels of 256,
    register tiles of `m-tile` filters by one block of pixels; each register
    tile becomes a `linalg.matmul` on rank-reduced slices, marked
    `hyper.register_tile`, so that it vectorizes into the same micro-kernel
    as other GEMMs.
  }], 1>;

def HyperCpuLaneSumsPass : HyperCpuStage<"hyper-cpu-lane-sums",
  "Sums over an innermost loop as lane-wise vector partial sums (CPU stage 7)", [{
    A sum over a generic's innermost loop (layer-norm statistics; a static
    length that a vector width divides) runs as lane-wise vector partial
    sums along the loop and one lane reduction per point: LLVM keeps float
    sums scalar, since it may not reassociate them. With `parallel`, a sum
    reading 32 K elements or more has its outermost points on the threads.
  }]>;

def HyperCpuTileElementwisePass : HyperCpuStage<"hyper-cpu-tile-elementwise",
  "Element-wise generics tiled to one vector along the innermost dimension (CPU stage 8)", [{
    An input read at a constant index (a gate `(b, n) -> (b, 2, n)` of a
    stacked `[B, 4, N]` tensor) first becomes a rank-reducing
    `tensor.extract_slice`; then every element-wise (all-parallel)
    `linalg.generic` that the vectorizer accepts is tiled to
    `[1, …, 1, vector-width]` (the innermost loop peeled), its tile marked
    `hyper.register_tile`; with `parallel`, large ones (4096 elements or
    more) share their outer points over the threads first. The im2col
    gather's outer loops get a do-not-unroll hint for LLVM.
  }]>;

def HyperCpuFoldTileShapesPass : HyperCpuStage<"hyper-cpu-fold-tile-shapes",
  "Fold the peeled tiles' sizes into static slice types (CPU stage 9)", [{
    Canonicalization with every loaded dialect's patterns (bottom-up, as
    `applyPatternsGreedily` defaults): the full tiles that peeling left with
    `affine.min` sizes get static slice types, so they vectorize unmasked.
  }]>;

def HyperCpuPackConstantsPass : HyperCpuStage<"hyper-cpu-pack-constants",
  "Register tiles read constant B operands packed in column blocks, prefetched ahead (CPU stage 10)", [{
    A register tile's B that is a slice of a constant `[K, N]` wider than
    the tile, at a column that is a multiple of the tile's width, reads the
    constant packed at compile time in blocks of the tile's columns,
    `[⌈N/nt⌉, K·nt]`, and each K step prefetches that stream
    CpuSchedule::prefetchBytes ahead (`memref.prefetch` through a flat
    read-only view of the constant's buffer, the index clamped inside it).
  }]>;

def HyperCpuVectorizeTilesPass : HyperCpuStage<"hyper-cpu-vectorize-tiles",
  "Vectorize the marked register tiles (CPU stage 11)", [{
    Every op marked `hyper.register_tile` is vectorized with its vector
    sizes (static dimensions taken whole; `tensor.extract` in a body becomes
    a contiguous load where its last index follows the innermost loop), the
    marker removed; then the vector code is cleaned up (reductions to
    `vector.contract`, transfer permutation maps lowered, canonicalization).
  }]>;

def HyperCpuHoistAccumulatorsPass : HyperCpuStage<"hyper-cpu-hoist-accumulators",
  "Keep register tiles' accumulators in registers across K (CPU stage 12)", [{
    Loop-invariant subsets (the accumulator tile a K loop reads and writes)
    are hoisted out of the innermost loops, then the code is cleaned up as
    in hyper-cpu-vectorize-tiles: the micro-kernel is a row of broadcasts
    and `2·m-tile` FMAs per K step.
  }]>;

def HyperCpuAllocStepResultsPass : HyperCpuStage<"hyper-cpu-alloc-step-results",
  "A step's results get their own allocation in the time loop; no marker survives (CPU stage 13)", [{
    A step's result (an op directly in an `scf.for` body) whose destination
    is a `tensor.empty` from outside the loop gets a
    `bufferization.alloc_tensor` in the loop instead: one shared buffer
    would make the loop copy each step's result to carry it (the LSTM's
    cell states, every step). The last CPU stage: it fails with an error on
    any op that still carries one of the stages' markers
    (include/hyper/Codegen/CPU/Markers.h).
  }]>;

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

#endif // HYPER_CODEGEN_CPU_PASSES_TD
