//===- mnist_conv.cpp - Run the MNIST hyper-conv layer ----------*- C++ -*-===//
//
// Runs @mnist_conv2 of examples/mnist_hyperconv.mlir, compiled ahead of time
// with its generator bound (the 16x16x7x7 kernel folded at compile time), on
// a deterministic batch of 14x14 feature maps.
//
//   mnist_conv [BATCH] [RUNS]
//
//===----------------------------------------------------------------------===//

#include "mnist_hyperconv.h"

#include "driver_util.h"

int main(int argc, char **argv) {
  int batch = argc > 1 ? std::atoi(argv[1]) : 64;
  int runs = argc > 2 ? std::atoi(argv[2]) : 5;
  std::vector<float> x(static_cast<size_t>(batch) * 16 * 14 * 14);
  example::Random random(7);
  for (float &v : x)
    v = static_cast<float>(random.uniform());
  std::vector<double> ms;
  hyper_result y;
  for (int r = 0; r < runs; ++r) {
    auto start = std::chrono::steady_clock::now();
    example::check(
        hyper_mnist_hyperconv_mnist_conv2(x.data(), x.size(), batch, &y),
        hyper_mnist_hyperconv_last_error);
    ms.push_back(example::msSince(start));
    if (r + 1 < runs)
      hyper_mnist_hyperconv_release(&y);
  }
  double sum = 0;
  const float *out = static_cast<const float *>(y.data);
  for (int64_t i = 0; i < y.shape[0] * y.shape[1] * y.shape[2] * y.shape[3];
       ++i)
    sum += out[i];
  std::printf("y: [%lld, %lld, %lld, %lld], sum %.4f\n", (long long)y.shape[0],
              (long long)y.shape[1], (long long)y.shape[2],
              (long long)y.shape[3], sum);
  std::printf("MNIST hyper-conv (16->16, 7x7, SAME), batch %d: median %.2f ms "
              "over %d runs\n",
              batch, example::median(ms), runs);
  hyper_mnist_hyperconv_release(&y);
  return 0;
}
