//===- Reference.cpp - Naive float64 reference of the hyper ops -*- C++ -*-===//

#include "Reference.h"

#include <cmath>

using namespace reference;

namespace {

double sigmoid(double v) { return 1.0 / (1.0 + std::exp(-v)); }

/// out[b, o] = Σ_i x[b, i]·W[o, i] for W [out, in], rows [row0, row0+out).
Vec linear(const Vec &x, int batch, int in, const Vec &w, int wCols, int out,
           int colOffset = 0) {
  Vec y(batch * out, 0.0);
  for (int b = 0; b < batch; ++b)
    for (int o = 0; o < out; ++o) {
      double acc = 0;
      for (int i = 0; i < in; ++i)
        acc += x[b * in + i] * w[o * wCols + colOffset + i];
      y[b * out + o] = acc;
    }
  return y;
}

/// Layer norm of each group of `n` features of `v` ([B, G·n]) in place.
void layerNorm(Vec &v, int batch, int groups, int n, const Vec &gain,
               const Vec &shift, double eps) {
  for (int b = 0; b < batch; ++b)
    for (int g = 0; g < groups; ++g) {
      double *p = &v[(b * groups + g) * n];
      double mean = 0, var = 0;
      for (int i = 0; i < n; ++i)
        mean += p[i];
      mean /= n;
      for (int i = 0; i < n; ++i)
        var += (p[i] - mean) * (p[i] - mean);
      var /= n;
      for (int i = 0; i < n; ++i)
        p[i] = gain[g * n + i] * (p[i] - mean) / std::sqrt(var + eps) +
               shift[g * n + i];
    }
}

/// The LSTM cell update from gates [B, 4n] (i, f, g, o).
void lstmUpdate(const Vec &gates, const Vec &c, int batch, int n,
                double forgetBias, const Vec *lnGain, const Vec *lnShift,
                double eps, Vec &hOut, Vec &cOut) {
  cOut.assign(batch * n, 0);
  hOut.assign(batch * n, 0);
  for (int b = 0; b < batch; ++b)
    for (int j = 0; j < n; ++j) {
      const double *g = &gates[b * 4 * n];
      cOut[b * n + j] = sigmoid(g[n + j] + forgetBias) * c[b * n + j] +
                        sigmoid(g[j]) * std::tanh(g[2 * n + j]);
    }
  Vec normed = cOut;
  if (lnGain)
    layerNorm(normed, batch, 1, n, *lnGain, *lnShift, eps);
  for (int b = 0; b < batch; ++b)
    for (int j = 0; j < n; ++j)
      hOut[b * n + j] =
          sigmoid(gates[b * 4 * n + 3 * n + j]) * std::tanh(normed[b * n + j]);
}

} // namespace

std::map<std::string, std::vector<int64_t>>
reference::weightShapes(const Recurrent &r) {
  int64_t g = r.gates;
  std::vector<int64_t> scale = g == 1 ? std::vector<int64_t>{r.nh, r.nz}
                                      : std::vector<int64_t>{g, r.nh, r.nz};
  std::map<std::string, std::vector<int64_t>> shapes = {
      {"hyper.w_x", {g * r.nhh, r.nx + r.nh}},
      {"hyper.w_h", {g * r.nhh, r.nhh}},
      {"hyper.b", {g * r.nhh}},
      {"proj.w_zx", {g * r.nz, r.nhh}},
      {"proj.w_zh", {g * r.nz, r.nhh}},
      {"proj.w_zb", {g * r.nz, r.nhh}},
      {"proj.b_zx", {g * r.nz}},
      {"proj.b_zh", {g * r.nz}},
      {"scale.w_dx", scale},
      {"scale.w_dh", scale},
      {"scale.w_db", scale},
      {"main.w_x", {g * r.nh, r.nx}},
      {"main.w_h", {g * r.nh, r.nh}},
      {"main.b", {g * r.nh}}};
  if (r.layerNorm) {
    shapes["hyper.ln_g"] = shapes["hyper.ln_b"] = {4 * r.nhh};
    shapes["hyper.ln_c_g"] = shapes["hyper.ln_c_b"] = {r.nhh};
    shapes["main.ln_g"] = shapes["main.ln_b"] = {4 * r.nh};
    shapes["main.ln_c_g"] = shapes["main.ln_c_b"] = {r.nh};
  }
  return shapes;
}

State reference::step(const Recurrent &r, const Weights &w, const Vec &x,
                      int batch, const State &s) {
  const int G = r.gates, nx = r.nx, nh = r.nh, nhh = r.nhh, nz = r.nz;
  auto W = [&](const std::string &name) -> const Vec & { return w.at(name); };

  // 1. The hyper cell reads [x, h].
  Vec xh(batch * (nx + nh));
  for (int b = 0; b < batch; ++b) {
    for (int i = 0; i < nx; ++i)
      xh[b * (nx + nh) + i] = x[b * nx + i];
    for (int i = 0; i < nh; ++i)
      xh[b * (nx + nh) + nx + i] = s.h[b * nh + i];
  }
  Vec g = linear(xh, batch, nx + nh, W("hyper.w_x"), nx + nh, G * nhh);
  Vec gh = linear(s.hh, batch, nhh, W("hyper.w_h"), nhh, G * nhh);
  for (int b = 0; b < batch; ++b)
    for (int i = 0; i < G * nhh; ++i)
      g[b * G * nhh + i] += gh[b * G * nhh + i] + W("hyper.b")[i];
  // A cell's output from its pre-activations: LSTM gates (with the cell's
  // layer norms under `prefix`) or the RNN's tanh.
  auto cellOutput = [&](Vec &pre, const Vec &cPrev, int n,
                        const std::string &prefix, Vec &h, Vec &c) {
    if (G != 4) {
      h = pre;
      for (double &v : h)
        v = std::tanh(v);
      return;
    }
    if (r.layerNorm)
      layerNorm(pre, batch, 4, n, W(prefix + ".ln_g"), W(prefix + ".ln_b"),
                r.epsilon);
    lstmUpdate(pre, cPrev, batch, n, r.forgetBias,
               r.layerNorm ? &W(prefix + ".ln_c_g") : nullptr,
               r.layerNorm ? &W(prefix + ".ln_c_b") : nullptr, r.epsilon, h, c);
  };
  State next;
  cellOutput(g, s.hc, nhh, "hyper", next.hh, next.hc);

  // 2. Embeddings and 3. row scales, per gate.
  const Vec &src = r.zFromPrevious ? s.hh : next.hh;
  Vec zx = linear(src, batch, nhh, W("proj.w_zx"), nhh, G * nz);
  Vec zh = linear(src, batch, nhh, W("proj.w_zh"), nhh, G * nz);
  Vec zb = linear(src, batch, nhh, W("proj.w_zb"), nhh, G * nz);
  for (int b = 0; b < batch; ++b)
    for (int i = 0; i < G * nz; ++i) {
      zx[b * G * nz + i] += W("proj.b_zx")[i];
      zh[b * G * nz + i] += W("proj.b_zh")[i];
    }
  auto scales = [&](const Vec &z, const Vec &m) {
    Vec d(batch * G * nh, 0.0);
    for (int b = 0; b < batch; ++b)
      for (int y = 0; y < G; ++y)
        for (int n = 0; n < nh; ++n)
          for (int k = 0; k < nz; ++k)
            d[(b * G + y) * nh + n] +=
                z[(b * G + y) * nz + k] * m[(y * nh + n) * nz + k];
    return d;
  };
  Vec dx = scales(zx, W("scale.w_dx")), dh = scales(zh, W("scale.w_dh")),
      beta = scales(zb, W("scale.w_db"));

  // 4. Main gates.
  Vec xw = linear(x, batch, nx, W("main.w_x"), nx, G * nh);
  Vec hw = linear(s.h, batch, nh, W("main.w_h"), nh, G * nh);
  Vec a(batch * G * nh);
  for (int b = 0; b < batch; ++b)
    for (int i = 0; i < G * nh; ++i) {
      int at = b * G * nh + i;
      a[at] = dx[at] * xw[at] + dh[at] * hw[at] + W("main.b")[i] + beta[at];
    }
  cellOutput(a, s.c, nh, "main", next.h, next.c);
  return next;
}

Vec reference::sequence(const Recurrent &r, const Weights &w, const Vec &x,
                        int steps, int batch, const State &init,
                        const std::vector<int> &lengths, State &last) {
  Vec y(static_cast<size_t>(steps) * batch * r.nh, 0.0);
  State s = init;
  for (int t = 0; t < steps; ++t) {
    Vec xt(x.begin() + static_cast<size_t>(t) * batch * r.nx,
           x.begin() + static_cast<size_t>(t + 1) * batch * r.nx);
    State next = step(r, w, xt, batch, s);
    for (int b = 0; b < batch; ++b) {
      bool live = lengths.empty() || t < lengths[b];
      auto keep = [&](Vec &dst, const Vec &fresh, int n) {
        if (dst.empty())
          return;
        for (int i = 0; i < n; ++i)
          if (live)
            dst[b * n + i] = fresh[b * n + i];
      };
      keep(s.h, next.h, r.nh);
      keep(s.c, next.c, r.nh);
      keep(s.hh, next.hh, r.nhh);
      keep(s.hc, next.hc, r.nhh);
      for (int i = 0; i < r.nh; ++i)
        y[(static_cast<size_t>(t) * batch + b) * r.nh + i] =
            live ? next.h[b * r.nh + i] : 0.0;
    }
  }
  last = s;
  return y;
}

Vec reference::hyperConv(const Vec &x, const std::vector<int64_t> &xShape,
                         const Vec &z, int m, int k, int nz, bool perSample,
                         const Vec &wIn, const Vec &bIn, const Vec &wOut,
                         const Vec &bOut, int d, const std::vector<int> &block,
                         const std::vector<int> &strides,
                         const std::vector<int> &padding,
                         const std::vector<int> &dilations, const Vec *bias,
                         std::vector<int64_t> &outShape) {
  const int ob = block[0], ib = block[1], fh = block[2], fw = block[3];
  const int n = xShape[0], c = xShape[1], h = xShape[2], wd = xShape[3];
  const int oc = m * ob;
  const int ho =
      (h + padding[0] + padding[2] - dilations[0] * (fh - 1) - 1) / strides[0] +
      1;
  const int wo = (wd + padding[1] + padding[3] - dilations[1] * (fw - 1) - 1) /
                     strides[1] +
                 1;
  outShape = {n, oc, ho, wo};
  // Kernels: one, or one per sample.
  int kernels = perSample ? n : 1;
  Vec kernel(static_cast<size_t>(kernels) * oc * c * fh * fw);
  for (int s = 0; s < kernels; ++s)
    for (int p = 0; p < m; ++p)
      for (int q = 0; q < k; ++q) {
        const double *zt = &z[((s * m + p) * k + q) * nz];
        for (int o = 0; o < ob; ++o)
          for (int i = 0; i < ib; ++i)
            for (int ky = 0; ky < fh; ++ky)
              for (int kx = 0; kx < fw; ++kx) {
                int row = (i * fh + ky) * fw + kx;
                double acc = bOut[row];
                for (int r = 0; r < d; ++r) {
                  double a = bIn[o * d + r];
                  for (int j = 0; j < nz; ++j)
                    a += wIn[(o * d + r) * nz + j] * zt[j];
                  acc += a * wOut[row * d + r];
                }
                kernel[((((size_t)s * oc + p * ob + o) * c + q * ib + i) * fh +
                        ky) *
                           fw +
                       kx] = acc;
              }
      }
  Vec y(static_cast<size_t>(n) * oc * ho * wo);
  for (int b = 0; b < n; ++b) {
    const double *kb = &kernel[(perSample ? (size_t)b : 0) * oc * c * fh * fw];
    for (int o = 0; o < oc; ++o)
      for (int yy = 0; yy < ho; ++yy)
        for (int xx = 0; xx < wo; ++xx) {
          double acc = bias ? (*bias)[o] : 0.0;
          for (int i = 0; i < c; ++i)
            for (int ky = 0; ky < fh; ++ky)
              for (int kx = 0; kx < fw; ++kx) {
                int iy = yy * strides[0] + ky * dilations[0] - padding[0];
                int ix = xx * strides[1] + kx * dilations[1] - padding[1];
                if (iy < 0 || iy >= h || ix < 0 || ix >= wd)
                  continue;
                acc += x[(((size_t)b * c + i) * h + iy) * wd + ix] *
                       kb[((o * c + i) * fh + ky) * fw + kx];
              }
          y[(((size_t)b * oc + o) * ho + yy) * wo + xx] = acc;
        }
  }
  return y;
}

Vec reference::dynamicLinear(const Vec &x, const Vec &z, const Vec &w,
                             int batch, int nin, int nout, int nz) {
  Vec y(batch * nout, 0.0);
  for (int b = 0; b < batch; ++b)
    for (int n = 0; n < nout; ++n)
      for (int k = 0; k < nz; ++k)
        for (int j = 0; j < nin; ++j)
          y[b * nout + n] +=
              z[b * nz + k] * w[(k * nout + n) * nin + j] * x[b * nin + j];
  return y;
}

Vec reference::rowScaledLinear(const Vec &x, const Vec &w, const Vec &d,
                               int batch, int nin, int nout) {
  Vec y(batch * nout, 0.0);
  for (int b = 0; b < batch; ++b)
    for (int n = 0; n < nout; ++n) {
      double acc = 0;
      for (int j = 0; j < nin; ++j)
        acc += w[n * nin + j] * x[b * nin + j];
      y[b * nout + n] = d[b * nout + n] * acc;
    }
  return y;
}
