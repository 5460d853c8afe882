//===- Reference.h - Naive float64 reference of the hyper ops ---*- C++ -*-===//
//
// Straightforward loops written from the project's semantic contract, sharing
// no code with the compiler. All tensors are row-major std::vector<double>;
// weights are looked up by their contract names.
//
//===----------------------------------------------------------------------===//

#ifndef HYPER_UNITTESTS_NUMERICS_REFERENCE_H
#define HYPER_UNITTESTS_NUMERICS_REFERENCE_H

#include <map>
#include <string>
#include <vector>

namespace reference {

using Vec = std::vector<double>;
using Weights = std::map<std::string, Vec>;

/// Sizes and attributes of a HyperLSTM (gates = 4) or HyperRNN (gates = 1).
struct Recurrent {
  int gates = 4;
  int nx = 0, nh = 0, nhh = 0, nz = 0;
  bool layerNorm = false;
  double forgetBias = 1.0, epsilon = 1e-3;
  bool zFromPrevious = false;
};

/// Recurrent state, each `[B, N]`; `c`/`hc` unused for the HyperRNN.
struct State {
  Vec h, c, hh, hc;
};

/// The contract's weight shapes for `r`, by name (for generating data).
std::map<std::string, std::vector<int64_t>> weightShapes(const Recurrent &r);

/// One step for a batch of `batch`: x is `[B, N_x]`.
State step(const Recurrent &r, const Weights &w, const Vec &x, int batch,
           const State &s);

/// A whole sequence: x is `[T, B, N_x]`; `lengths` (empty: all T) freezes a
/// sample's states at its length and zeroes its later outputs. Returns y
/// `[T, B, N_h]` and the final state in `last`.
Vec sequence(const Recurrent &r, const Weights &w, const Vec &x, int steps,
             int batch, const State &init, const std::vector<int> &lengths,
             State &last);

/// A hyper-conv: block [O_b, I_b, f_h, f_w], embeddings `[m, k, N_z]` (or
/// `[N, m, k, N_z]` when `perSample`), input `[N, k·I_b, H, W]`, padding
/// [top, left, bottom, right]. Returns `[N, m·O_b, H_out, W_out]` and its
/// shape in `outShape`.
Vec hyperConv(const Vec &x, const std::vector<int64_t> &xShape, const Vec &z,
              int m, int k, int nz, bool perSample, const Vec &wIn,
              const Vec &bIn, const Vec &wOut, const Vec &bOut, int d,
              const std::vector<int> &block, const std::vector<int> &strides,
              const std::vector<int> &padding,
              const std::vector<int> &dilations, const Vec *bias,
              std::vector<int64_t> &outShape);

/// y[b, n] = Σ_k Σ_j z[b, k]·W[k, n, j]·x[b, j].
Vec dynamicLinear(const Vec &x, const Vec &z, const Vec &w, int batch, int nin,
                  int nout, int nz);

/// y[b, n] = d[b, n]·Σ_j W[n, j]·x[b, j].
Vec rowScaledLinear(const Vec &x, const Vec &w, const Vec &d, int batch,
                    int nin, int nout);

} // namespace reference

#endif // HYPER_UNITTESTS_NUMERICS_REFERENCE_H
