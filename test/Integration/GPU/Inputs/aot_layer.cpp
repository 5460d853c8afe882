// Runs the ahead-of-time compiled CUDA @layer of aot-cuda.mlir,
// y = tanh(d ⊙ (x·Wᵀ)), on deterministic inputs and compares it with a naive
// double-precision loop. Prints the status line of the runtime first, so
// that a machine without a GPU shows why the call that follows fails.
#include <cmath>
#include <cstdio>
#include <vector>

extern "C" const char *hyperCudaStatus(void); // libHyperCudaRuntime

int main() {
  const char *status = hyperCudaStatus();
  std::printf("cuda: %s\n", status ? status : "ready");
  std::fflush(stdout);
  constexpr int M = 64, N = 128, K = 32;
  std::vector<float> x(M * K), w(N * K), d(M * N);
  for (int i = 0; i < M * K; ++i)
    x[i] = std::sin(0.1 * i);
  for (int i = 0; i < N * K; ++i)
    w[i] = std::cos(0.07 * i) / K;
  for (int i = 0; i < M * N; ++i)
    d[i] = 1.0f + 0.001f * (i % 97);
  hyper_result y;
  if (hyper_gpu_layer(x.data(), x.size(), w.data(), w.size(), d.data(),
                      d.size(), &y))
    return std::printf("%s\n", hyper_gpu_last_error()), 1;
  const float *got = static_cast<const float *>(y.data);
  double worst = 0;
  for (int m = 0; m < M; ++m)
    for (int n = 0; n < N; ++n) {
      double acc = 0;
      for (int k = 0; k < K; ++k)
        acc += double(x[m * K + k]) * w[n * K + k];
      worst = std::fmax(
          worst, std::fabs(std::tanh(d[m * N + n] * acc) - got[m * N + n]));
    }
  hyper_gpu_release(&y);
  // float32 accumulation of 32 products of magnitude ≤ 1/32.
  std::printf("%s: max |diff| %.2e\n", worst <= 1e-5 ? "ok" : "MISMATCH",
              worst);
  return worst <= 1e-5 ? 0 : 1;
}
