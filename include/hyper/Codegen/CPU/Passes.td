//===- Passes.td - CPU code generation ------------------------*- tablegen -*-===//

#ifndef HYPER_CODEGEN_CPU_PASSES_TD
#define HYPER_CODEGEN_CPU_PASSES_TD

include "mlir/Pass/PassBase.td"

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
