// hyper.dynamic_linear: the general dynamic linear layer (SPEC §2.1, the
// paper's Eq. 5), whose weight matrix is a per-sample mixture of N_z bases:
//
//   W(z) = Σ_k z_k W_k          y[b, n] = Σ_k Σ_j z[b, k]·W[k, n, j]·x[b, j]
//
// Built naively, that is one [N_out, N_in] matrix per sample and step. The
// compiler computes it as one GEMM [B, N_in]·[N_in, N_z·N_out] followed by a
// contraction with z: no per-sample weights, no N_z-fold memory.
//
// With the golden case test/data/dynlin_small (B = 4, N_in = 9, N_out = 7,
// N_z = 3):
//
//   hyper-run examples/ops/dynamic_linear.mlir --weights=test/data/dynlin_small \
//     --input=@test/data/dynlin_small/x.npy --input=@test/data/dynlin_small/z.npy \
//     --expected-output=@test/data/dynlin_small/y.npy

func.func @dynamic_linear(%x: tensor<?x9xf32>,
                          %z: tensor<?x3xf32>,
                          %w: tensor<3x7x9xf32> {hyper.name = "w"})
    -> (tensor<?x7xf32> {hyper.name = "y"}) {
  %y = hyper.dynamic_linear %x, %z, %w
      : tensor<?x9xf32>, tensor<?x3xf32>, tensor<3x7x9xf32>
  return %y : tensor<?x7xf32>
}
