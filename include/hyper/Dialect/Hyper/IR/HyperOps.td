//===- HyperOps.td - hyper dialect ops ----------------------*- tablegen -*-===//
//
// Model ops (hyper-conv, HyperLSTM, HyperRNN and their single-step cells) and
// the weight-generation primitives they decompose into. The math each op
// computes is the project's semantic contract; see docs/Dialect.md.
//
//===----------------------------------------------------------------------===//

#ifndef HYPER_DIALECT_HYPER_IR_HYPEROPS_TD
#define HYPER_DIALECT_HYPER_IR_HYPEROPS_TD

include "hyper/Dialect/Hyper/IR/HyperDialect.td"
include "hyper/Dialect/Hyper/IR/HyperAttrs.td"
include "mlir/IR/OpBase.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

//===----------------------------------------------------------------------===//
// Shared operand groups and their assembly
//===----------------------------------------------------------------------===//

// The two-layer linear generator shared by every tile of a static hypernetwork.
defvar GeneratorArgs = (ins Hyper_FloatTensor:$w_in, Hyper_FloatTensor:$b_in,
                            Hyper_FloatTensor:$w_out, Hyper_FloatTensor:$b_out);
defvar GeneratorFormat = [{
  `generator` `(` $w_in `,` $b_in `,` $w_out `,` $b_out `:`
      type($w_in) `,` type($b_in) `,` type($w_out) `,` type($b_out) `)`
}];

// Weights of a recurrent hypernetwork cell (HyperLSTM with 4 gates, HyperRNN
// with 1): the hyper cell, the projections to the embeddings z, the scaling
// matrices that turn z into row scales, and the main cell.
defvar RecurrentWeightArgs = (ins
  Hyper_FloatTensor:$hyper_w_x, Hyper_FloatTensor:$hyper_w_h,
  Hyper_FloatTensor:$hyper_b,
  Hyper_FloatTensor:$proj_w_zx, Hyper_FloatTensor:$proj_w_zh,
  Hyper_FloatTensor:$proj_w_zb, Hyper_FloatTensor:$proj_b_zx,
  Hyper_FloatTensor:$proj_b_zh,
  Hyper_FloatTensor:$scale_w_dx, Hyper_FloatTensor:$scale_w_dh,
  Hyper_FloatTensor:$scale_w_db,
  Hyper_FloatTensor:$main_w_x, Hyper_FloatTensor:$main_w_h,
  Hyper_FloatTensor:$main_b);
defvar RecurrentWeightFormat = [{
  `hyper` `(` $hyper_w_x `,` $hyper_w_h `,` $hyper_b `:`
      type($hyper_w_x) `,` type($hyper_w_h) `,` type($hyper_b) `)`
  `proj` `(` $proj_w_zx `,` $proj_w_zh `,` $proj_w_zb `,` $proj_b_zx `,`
      $proj_b_zh `:` type($proj_w_zx) `,` type($proj_w_zh) `,`
      type($proj_w_zb) `,` type($proj_b_zx) `,` type($proj_b_zh) `)`
  `scale` `(` $scale_w_dx `,` $scale_w_dh `,` $scale_w_db `:`
      type($scale_w_dx) `,` type($scale_w_dh) `,` type($scale_w_db) `)`
  `main` `(` $main_w_x `,` $main_w_h `,` $main_b `:`
      type($main_w_x) `,` type($main_w_h) `,` type($main_b) `)`
}];

// Layer-norm gains and shifts of a HyperLSTM; all eight or none.
defvar LayerNormArgs = (ins
  Optional<Hyper_FloatTensor>:$hyper_ln_g, Optional<Hyper_FloatTensor>:$hyper_ln_b,
  Optional<Hyper_FloatTensor>:$hyper_ln_c_g, Optional<Hyper_FloatTensor>:$hyper_ln_c_b,
  Optional<Hyper_FloatTensor>:$main_ln_g, Optional<Hyper_FloatTensor>:$main_ln_b,
  Optional<Hyper_FloatTensor>:$main_ln_c_g, Optional<Hyper_FloatTensor>:$main_ln_c_b);
defvar LayerNormFormat = [{
  (`layer_norm` `(` $hyper_ln_g^ `,` $hyper_ln_b `,` $hyper_ln_c_g `,`
      $hyper_ln_c_b `,` $main_ln_g `,` $main_ln_b `,` $main_ln_c_g `,`
      $main_ln_c_b `:` type($hyper_ln_g) `,` type($hyper_ln_b) `,`
      type($hyper_ln_c_g) `,` type($hyper_ln_c_b) `,` type($main_ln_g) `,`
      type($main_ln_b) `,` type($main_ln_c_g) `,` type($main_ln_c_b) `)`)?
}];

defvar LSTMAttrs = (ins
  DefaultValuedAttr<F32Attr, "1.0">:$forget_bias,
  DefaultValuedAttr<F32Attr, "1.0e-3">:$epsilon,
  DefaultValuedAttr<Hyper_ZSourceAttr, "::mlir::hyper::ZSource::Current">:$z_source);

defvar LengthsFormat = [{
  (`lengths` `(` $lengths^ `:` type($lengths) `)`)?
}];

// Verification and accessors shared by the four recurrent ops.
defvar RecurrentExtraDecls = [{
    /// Number of gates: 4 (i, f, g, o) for the HyperLSTM, 1 for the HyperRNN.
    static constexpr unsigned kNumGates = NUM_GATES;
    /// Sizes read off the weights (N_x, N_h, N̂, N_z); valid after verify().
    ::mlir::hyper::RecurrentDims getDims();
}];

class Hyper_RecurrentOp<string mnemonic, int numGates, list<Trait> traits = []>
    : Hyper_Op<mnemonic, !listconcat(traits, [Pure, InferTypeOpAdaptor])> {
  let hasVerifier = 1;
  let extraClassDeclaration = !subst("NUM_GATES", !cast<string>(numGates),
                                     RecurrentExtraDecls);
}

//===----------------------------------------------------------------------===//
// Static hypernetwork
//===----------------------------------------------------------------------===//

def Hyper_GenerateKernelOp : Hyper_Op<"generate_kernel", [Pure, InferTypeOpAdaptor]> {
  let summary = "generate a tiled convolution kernel from embeddings";
  let description = [{
    Runs the static hypernetwork's two-layer linear generator on every
    embedding of a grid and tiles the generated basic blocks into one OIHW
    kernel. With `block = [O_b, I_b, f_h, f_w]`, `d` the generator's hidden
    size and `N_z` the embedding size:

    | operand | shape |
    | --- | --- |
    | `embeddings` | `[m, k, N_z]`, or `[N, m, k, N_z]` for one kernel per sample |
    | `w_in`, `b_in` | `[O_b·d, N_z]`, `[O_b·d]` |
    | `w_out`, `b_out` | `[I_b·f_h·f_w, d]`, `[I_b·f_h·f_w]` |
    | result | `[m·O_b, k·I_b, f_h, f_w]`, or `[N, m·O_b, k·I_b, f_h, f_w]` |

    For every tile `(p, q)`:
    ```
    A      = reshape(w_in · Z[p, q] + b_in, [O_b, d])
    K_flat = A · w_outᵀ + b_out                       // [O_b, I_b·f_h·f_w]
    K[p·O_b + o, q·I_b + i, :, :] = reshape(K_flat, [O_b, I_b, f_h, f_w])[o, i]
    ```

    Example: a 32x48 3x3 kernel from a 2x3 grid of 16x16 blocks.
    ```mlir
    %k = hyper.generate_kernel %z : tensor<2x3x8xf32>
        generator(%w_in, %b_in, %w_out, %b_out : tensor<128x8xf32>,
                  tensor<128xf32>, tensor<144x8xf32>, tensor<144xf32>)
        block [16, 16, 3, 3]
    // %k : tensor<32x48x3x3xf32>
    ```
  }];
  let arguments = !con((ins Hyper_FloatTensor:$embeddings), GeneratorArgs,
                       (ins DenseI64ArrayAttr:$block));
  let results = (outs Hyper_FloatTensor:$kernel);
  let assemblyFormat = !strconcat("$embeddings `:` type($embeddings)",
                                  GeneratorFormat, "`block` $block attr-dict");
  let hasVerifier = 1;
}

def Hyper_Conv2DOp : Hyper_Op<"conv2d", [Pure, InferTypeOpAdaptor]> {
  let summary = "2-D convolution whose kernel a static hypernetwork generates";
  let description = [{
    `y = conv2d(x, K) (+ bias)`, where `K` is what `hyper.generate_kernel`
    makes from the same `embeddings`, generator and `block`. `input` is NCHW
    `[N, k·I_b, H, W]`; the result is `[N, m·O_b, H_out, W_out]` with
    `H_out = floor((H + top + bottom − r_h·(f_h − 1) − 1) / s_h) + 1` (likewise
    `W_out`). `strides` is `[s_h, s_w]` (default `[1, 1]`), `padding` is
    `[top, left, bottom, right]` of zeros (default none), `dilations` is
    `[r_h, r_w]` (default `[1, 1]`); there are no groups. The optional `bias`
    has one value per output channel.

    With rank-4 `embeddings` `[N, m, k, N_z]` every sample gets its own kernel:
    `y[n] = conv2d(x[n], K(Z[n]))` (the dynamic hyper-conv).

    Example: the MNIST layer (one 16x16x7x7 block, `N_z = d = 4`, SAME).
    ```mlir
    %y = hyper.conv2d %x, %z : tensor<?x16x28x28xf32>, tensor<1x1x4xf32>
        generator(%w_in, %b_in, %w_out, %b_out : tensor<64x4xf32>,
                  tensor<64xf32>, tensor<784x4xf32>, tensor<784xf32>)
        block [16, 16, 7, 7] padding [3, 3, 3, 3]
    // %y : tensor<?x16x28x28xf32>
    ```
  }];
  let arguments = !con((ins Hyper_FloatTensor:$input,
                            Hyper_FloatTensor:$embeddings),
                       GeneratorArgs,
                       (ins Optional<Hyper_FloatTensor>:$bias,
                            DenseI64ArrayAttr:$block,
                            DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$strides,
                            DefaultValuedAttr<DenseI64ArrayAttr, "{0, 0, 0, 0}">:$padding,
                            DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$dilations));
  let results = (outs Hyper_FloatTensor:$output);
  let assemblyFormat = !strconcat([{
    $input `,` $embeddings `:` type($input) `,` type($embeddings)
  }], GeneratorFormat, [{
    (`bias` `(` $bias^ `:` type($bias) `)`)?
    `block` $block
    (`strides` $strides^)?
    (`padding` $padding^)?
    (`dilations` $dilations^)?
    attr-dict
  }]);
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// True when every sample has its own embeddings (rank-4 `embeddings`).
    bool isPerSample() { return getEmbeddings().getType().getRank() == 4; }
  }];
}

//===----------------------------------------------------------------------===//
// Dynamic hypernetworks: HyperLSTM
//===----------------------------------------------------------------------===//

def Hyper_LSTMOp : Hyper_RecurrentOp<"lstm", 4, [AttrSizedOperandSegments]> {
  let summary = "HyperLSTM over a sequence";
  let description = [{
    Runs a HyperLSTM over `input: [T, B, N_x]`. At every step a small LSTM of
    `N̂` units (the hyper cell) reads `[x_t, h_(t-1)]` and emits embeddings
    `z_x, z_h, z_b` that rescale the rows of the main LSTM's input and
    recurrent weights and make its bias, per gate, step and sample:

    ```
    x̂  = concat(x, h)
    ĝ  = x̂·hyper.w_xᵀ + ĥ·hyper.w_hᵀ + hyper.b            (layer norm per gate)
    ĉ' = σ(ĝ^f + forget_bias) ⊙ ĉ + σ(ĝ^i) ⊙ tanh(ĝ^g)
    ĥ' = σ(ĝ^o) ⊙ tanh(ĉ')                                 (layer norm on ĉ')
    s  = ĥ' (z_source = current) or ĥ (z_source = previous)
    z_x = s·proj.w_zxᵀ + proj.b_zx,  z_h = s·proj.w_zhᵀ + proj.b_zh,  z_b = s·proj.w_zbᵀ
    d_x^y = z_x^y·scale.w_dx[y]ᵀ,  d_h^y = z_h^y·scale.w_dh[y]ᵀ,  β^y = z_b^y·scale.w_db[y]ᵀ
    a^y = d_x^y ⊙ (x·main.w_x^yᵀ) + d_h^y ⊙ (h·main.w_h^yᵀ) + main.b^y + β^y   (layer norm)
    c' = σ(a^f + forget_bias) ⊙ c + σ(a^i) ⊙ tanh(a^g)
    h' = σ(a^o) ⊙ tanh(c')                                  (layer norm on c')
    ```

    Gates are stacked in the order i, f, g, o. Weight shapes:

    | operand | shape | | operand | shape |
    | --- | --- | --- | --- | --- |
    | `hyper.w_x` | `[4N̂, N_x+N_h]` | | `main.w_x` | `[4N_h, N_x]` |
    | `hyper.w_h` | `[4N̂, N̂]` | | `main.w_h` | `[4N_h, N_h]` |
    | `hyper.b` | `[4N̂]` | | `main.b` | `[4N_h]` |
    | `proj.w_zx`, `proj.w_zh`, `proj.w_zb` | `[4N_z, N̂]` | | `scale.w_dx`, `scale.w_dh`, `scale.w_db` | `[4, N_h, N_z]` |
    | `proj.b_zx`, `proj.b_zh` | `[4N_z]` | | | |

    The optional `layer_norm(...)` group turns layer norm on for both cells:
    gains and shifts `hyper.ln_g, hyper.ln_b: [4N̂]`, `hyper.ln_c_g,
    hyper.ln_c_b: [N̂]`, `main.ln_g, main.ln_b: [4N_h]`, `main.ln_c_g,
    main.ln_c_b: [N_h]`, in that order. `LN(v) = γ ⊙ (v − mean(v)) /
    sqrt(var(v) + epsilon) + β` over the features of one gate of one sample
    (biased variance); the carried cell states are not normalised.
    `forget_bias` (default 1.0) is added after layer norm; `epsilon` defaults
    to 1e-3; `z_source` defaults to `current`.

    The optional `init(h0, c0, hh0, hc0)` group gives the initial states
    (zeros when absent). The optional `lengths: [B]` (i32) freezes sample `b`'s
    states for `t ≥ lengths[b]` and makes `y[t, b] = 0` there.

    Results: `y: [T, B, N_h]` (every h'), and the final `h, c: [B, N_h]` and
    `ĥ, ĉ: [B, N̂]`.

    ```mlir
    %y, %h, %c, %hh, %hc = hyper.lstm %x : tensor<5x2x6xf32>
        hyper(%hwx, %hwh, %hb : tensor<16x14xf32>, tensor<16x4xf32>, tensor<16xf32>)
        proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<12x4xf32>, tensor<12x4xf32>,
             tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>)
        scale(%wdx, %wdh, %wdb : tensor<4x8x3xf32>, tensor<4x8x3xf32>, tensor<4x8x3xf32>)
        main(%mwx, %mwh, %mb : tensor<32x6xf32>, tensor<32x8xf32>, tensor<32xf32>)
    // %y : tensor<5x2x8xf32>, %h, %c : tensor<2x8xf32>, %hh, %hc : tensor<2x4xf32>
    ```
  }];
  let arguments = !con((ins Hyper_FloatTensor:$input), RecurrentWeightArgs,
                       LayerNormArgs,
                       (ins Optional<Hyper_FloatTensor>:$h0,
                            Optional<Hyper_FloatTensor>:$c0,
                            Optional<Hyper_FloatTensor>:$hh0,
                            Optional<Hyper_FloatTensor>:$hc0,
                            Optional<Hyper_LengthsTensor>:$lengths),
                       LSTMAttrs);
  let results = (outs Hyper_FloatTensor:$output, Hyper_FloatTensor:$h_final,
                      Hyper_FloatTensor:$c_final, Hyper_FloatTensor:$hh_final,
                      Hyper_FloatTensor:$hc_final);
  let assemblyFormat = !strconcat("$input `:` type($input)",
      RecurrentWeightFormat, LayerNormFormat, [{
    (`init` `(` $h0^ `,` $c0 `,` $hh0 `,` $hc0 `:` type($h0) `,` type($c0) `,`
        type($hh0) `,` type($hc0) `)`)?
  }], LengthsFormat, "attr-dict");
}

def Hyper_LSTMCellOp : Hyper_RecurrentOp<"lstm_cell", 4,
                                          [AttrSizedOperandSegments]> {
  let summary = "one HyperLSTM step";
  let description = [{
    One step of `hyper.lstm` (same weights, attributes and math) for
    streaming and autoregressive generation: reads `input: [B, N_x]` and the
    states `h, c: [B, N_h]`, `ĥ, ĉ: [B, N̂]`, and returns the new states
    `h', c', ĥ', ĉ'`.

    ```mlir
    %h1, %c1, %hh1, %hc1 = hyper.lstm_cell %x : tensor<1x6xf32>
        state(%h, %c, %hh, %hc : tensor<1x8xf32>, tensor<1x8xf32>,
              tensor<1x4xf32>, tensor<1x4xf32>)
        hyper(%hwx, %hwh, %hb : tensor<16x14xf32>, tensor<16x4xf32>, tensor<16xf32>)
        proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<12x4xf32>, tensor<12x4xf32>,
             tensor<12x4xf32>, tensor<12xf32>, tensor<12xf32>)
        scale(%wdx, %wdh, %wdb : tensor<4x8x3xf32>, tensor<4x8x3xf32>, tensor<4x8x3xf32>)
        main(%mwx, %mwh, %mb : tensor<32x6xf32>, tensor<32x8xf32>, tensor<32xf32>)
        {forget_bias = 0.5 : f32}
    ```
  }];
  let arguments = !con((ins Hyper_FloatTensor:$input, Hyper_FloatTensor:$h,
                            Hyper_FloatTensor:$c, Hyper_FloatTensor:$hh,
                            Hyper_FloatTensor:$hc),
                       RecurrentWeightArgs, LayerNormArgs, LSTMAttrs);
  let results = (outs Hyper_FloatTensor:$h_next, Hyper_FloatTensor:$c_next,
                      Hyper_FloatTensor:$hh_next, Hyper_FloatTensor:$hc_next);
  let assemblyFormat = !strconcat([{
    $input `:` type($input)
    `state` `(` $h `,` $c `,` $hh `,` $hc `:` type($h) `,` type($c) `,`
        type($hh) `,` type($hc) `)`
  }], RecurrentWeightFormat, LayerNormFormat, "attr-dict");
}

//===----------------------------------------------------------------------===//
// Dynamic hypernetworks: HyperRNN
//===----------------------------------------------------------------------===//

def Hyper_RNNOp : Hyper_RecurrentOp<"rnn", 1, [AttrSizedOperandSegments]> {
  let summary = "HyperRNN over a sequence";
  let description = [{
    The HyperRNN of the paper (Eq. 6 with the row scaling of Eq. 8): the
    HyperLSTM's structure with one gate, tanh cells and no cell states or
    layer norm. Over `input: [T, B, N_x]`:

    ```
    ĥ' = tanh(concat(x, h)·hyper.w_xᵀ + ĥ·hyper.w_hᵀ + hyper.b)
    z_x = ĥ'·proj.w_zxᵀ + proj.b_zx,  z_h = ĥ'·proj.w_zhᵀ + proj.b_zh,  z_b = ĥ'·proj.w_zbᵀ
    d_x = z_x·scale.w_dxᵀ,  d_h = z_h·scale.w_dhᵀ,  β = z_b·scale.w_dbᵀ
    h' = tanh(d_x ⊙ (x·main.w_xᵀ) + d_h ⊙ (h·main.w_hᵀ) + main.b + β)
    ```

    Weights: `hyper.w_x: [N̂, N_x+N_h]`, `hyper.w_h: [N̂, N̂]`, `hyper.b: [N̂]`,
    `proj.w_z*: [N_z, N̂]`, `proj.b_z*: [N_z]`, `scale.w_d*: [N_h, N_z]`,
    `main.w_x: [N_h, N_x]`, `main.w_h: [N_h, N_h]`, `main.b: [N_h]`.
    Optional `init(h0, hh0)` and `lengths` as for `hyper.lstm`. Results:
    `y: [T, B, N_h]`, the final `h: [B, N_h]` and `ĥ: [B, N̂]`.

    ```mlir
    %y, %h, %hh = hyper.rnn %x : tensor<6x3x5xf32>
        hyper(%hwx, %hwh, %hb : tensor<4x12xf32>, tensor<4x4xf32>, tensor<4xf32>)
        proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<2x4xf32>, tensor<2x4xf32>,
             tensor<2x4xf32>, tensor<2xf32>, tensor<2xf32>)
        scale(%wdx, %wdh, %wdb : tensor<7x2xf32>, tensor<7x2xf32>, tensor<7x2xf32>)
        main(%mwx, %mwh, %mb : tensor<7x5xf32>, tensor<7x7xf32>, tensor<7xf32>)
    ```
  }];
  let arguments = !con((ins Hyper_FloatTensor:$input), RecurrentWeightArgs,
                       (ins Optional<Hyper_FloatTensor>:$h0,
                            Optional<Hyper_FloatTensor>:$hh0,
                            Optional<Hyper_LengthsTensor>:$lengths));
  let results = (outs Hyper_FloatTensor:$output, Hyper_FloatTensor:$h_final,
                      Hyper_FloatTensor:$hh_final);
  let assemblyFormat = !strconcat("$input `:` type($input)",
      RecurrentWeightFormat, [{
    (`init` `(` $h0^ `,` $hh0 `:` type($h0) `,` type($hh0) `)`)?
  }], LengthsFormat, "attr-dict");
}

def Hyper_RNNCellOp : Hyper_RecurrentOp<"rnn_cell", 1> {
  let summary = "one HyperRNN step";
  let description = [{
    One step of `hyper.rnn`: reads `input: [B, N_x]`, `h: [B, N_h]` and
    `ĥ: [B, N̂]` and returns `h'` and `ĥ'`.

    ```mlir
    %h1, %hh1 = hyper.rnn_cell %x : tensor<3x5xf32>
        state(%h, %hh : tensor<3x7xf32>, tensor<3x4xf32>)
        hyper(%hwx, %hwh, %hb : tensor<4x12xf32>, tensor<4x4xf32>, tensor<4xf32>)
        proj(%wzx, %wzh, %wzb, %bzx, %bzh : tensor<2x4xf32>, tensor<2x4xf32>,
             tensor<2x4xf32>, tensor<2xf32>, tensor<2xf32>)
        scale(%wdx, %wdh, %wdb : tensor<7x2xf32>, tensor<7x2xf32>, tensor<7x2xf32>)
        main(%mwx, %mwh, %mb : tensor<7x5xf32>, tensor<7x7xf32>, tensor<7xf32>)
    ```
  }];
  let arguments = !con((ins Hyper_FloatTensor:$input, Hyper_FloatTensor:$h,
                            Hyper_FloatTensor:$hh),
                       RecurrentWeightArgs);
  let results = (outs Hyper_FloatTensor:$h_next, Hyper_FloatTensor:$hh_next);
  let assemblyFormat = !strconcat([{
    $input `:` type($input)
    `state` `(` $h `,` $hh `:` type($h) `,` type($hh) `)`
  }], RecurrentWeightFormat, "attr-dict");
}

//===----------------------------------------------------------------------===//
// Dynamic weight-generation primitives
//===----------------------------------------------------------------------===//

def Hyper_RowScaledLinearOp : Hyper_Op<"row_scaled_linear",
                                       [Pure, InferTypeOpAdaptor]> {
  let summary = "linear layer whose weight rows are scaled per sample";
  let description = [{
    The paper's memory-efficient dynamic weights (Eq. 7-8): with
    `W(d) = diag(d)·W`,
    ```
    y[b, n] = d[b, n] · Σ_j W[n, j] · x[b, j]
    ```
    for `input: [B, N_in]`, `weight: [N_out, N_in]` and `scale: [B, N_out]`;
    the result is `[B, N_out]`. The per-sample matrix `diag(d)·W` is never
    formed: this is a plain GEMM with an elementwise epilogue.

    ```mlir
    %y = hyper.row_scaled_linear %x, %w, %d
        : tensor<?x128xf32>, tensor<512x128xf32>, tensor<?x512xf32>
    // %y : tensor<?x512xf32>
    ```
  }];
  let arguments = (ins Hyper_FloatTensor:$input, Hyper_FloatTensor:$weight,
                       Hyper_FloatTensor:$scale);
  let results = (outs Hyper_FloatTensor:$output);
  let assemblyFormat = [{
    $input `,` $weight `,` $scale attr-dict `:` type($input) `,` type($weight)
        `,` type($scale)
  }];
  let hasVerifier = 1;
}

def Hyper_DynamicLinearOp : Hyper_Op<"dynamic_linear",
                                     [Pure, InferTypeOpAdaptor]> {
  let summary = "linear layer whose weight is a per-sample mix of a basis";
  let description = [{
    The general dynamic linear layer (paper Eq. 5), `W(z) = Σ_k z_k W_k`:
    ```
    y[b, n] = Σ_k Σ_j z[b, k] · W[k, n, j] · x[b, j]
    ```
    for `input: [B, N_in]`, `embedding: [B, N_z]` and `basis: [N_z, N_out,
    N_in]`; the result is `[B, N_out]`. Computed naively this builds an
    `[N_out, N_in]` matrix per sample; lowered, it is one GEMM against the
    stacked basis followed by a contraction with `z`.

    ```mlir
    %y = hyper.dynamic_linear %x, %z, %w
        : tensor<4x9xf32>, tensor<4x3xf32>, tensor<3x7x9xf32>
    // %y : tensor<4x7xf32>
    ```
  }];
  let arguments = (ins Hyper_FloatTensor:$input, Hyper_FloatTensor:$embedding,
                       Hyper_FloatTensor:$basis);
  let results = (outs Hyper_FloatTensor:$output);
  let assemblyFormat = [{
    $input `,` $embedding `,` $basis attr-dict `:` type($input) `,`
        type($embedding) `,` type($basis)
  }];
  let hasVerifier = 1;
}

#endif // HYPER_DIALECT_HYPER_IR_HYPEROPS_TD
