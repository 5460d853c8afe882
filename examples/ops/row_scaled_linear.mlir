// hyper.row_scaled_linear: the paper's memory-efficient dynamic weights
// (SPEC §2.1, Eq. 7-8). A per-sample vector d rescales the rows of W:
//
//   W(d) = diag(d)·W            y[b, n] = d[b, n] · Σ_j W[n, j]·x[b, j]
//
// diag(d)·W is never formed: y is one GEMM whose epilogue multiplies by d.
// This is the primitive the HyperLSTM and HyperRNN cells decompose into;
// here it is followed by a tanh, which the CPU back end fuses into the same
// epilogue.
//
// On any x [B, 32], W [64, 32], d [B, 64] (W bound as a constant from an
// archive with a member "w"):
//
//   hyper-run examples/ops/row_scaled_linear.mlir --weights=w.npz \
//     --input=@x.npy --input=@d.npy --output=@y.npy

func.func @row_scaled_tanh(%x: tensor<?x32xf32>,
                           %w: tensor<64x32xf32> {hyper.name = "w"},
                           %d: tensor<?x64xf32>)
    -> (tensor<?x64xf32> {hyper.name = "y"}) {
  %y = hyper.row_scaled_linear %x, %w, %d
      : tensor<?x32xf32>, tensor<64x32xf32>, tensor<?x64xf32>
  %t = math.tanh %y : tensor<?x64xf32>
  return %t : tensor<?x64xf32>
}
