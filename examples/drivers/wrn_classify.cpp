//===- wrn_classify.cpp - Classify a batch with the hyper WRN ---*- C++ -*-===//
//
// Runs @wrn40_2 of examples/wrn40_2_hypercnn.mlir, compiled ahead of time
// with its weights bound (so the 36 hyper kernels were generated at compile
// time), on a deterministic batch of 32x32 RGB images.
//
//   wrn_classify [BATCH] [RUNS]
//
//===----------------------------------------------------------------------===//

#include "wrn40_2_hypercnn.h"

#include "driver_util.h"

int main(int argc, char **argv) {
  int batch = argc > 1 ? std::atoi(argv[1]) : 8;
  int runs = argc > 2 ? std::atoi(argv[2]) : 3;
  std::vector<float> images(static_cast<size_t>(batch) * 3 * 32 * 32);
  example::Random random(42);
  for (float &v : images)
    v = static_cast<float>(random.uniform() * 2.0 - 1.0);

  std::vector<double> ms;
  hyper_result logits;
  for (int r = 0; r < runs; ++r) {
    auto start = std::chrono::steady_clock::now();
    example::check(hyper_wrn40_2_hypercnn_wrn40_2(images.data(), images.size(),
                                                  batch, &logits),
                   hyper_wrn40_2_hypercnn_last_error);
    ms.push_back(example::msSince(start));
    if (r + 1 < runs)
      hyper_wrn40_2_hypercnn_release(&logits);
  }
  const float *l = static_cast<const float *>(logits.data);
  std::printf("classes of %d images (untrained weights):", batch);
  for (int n = 0; n < batch; ++n) {
    int best = 0;
    for (int k = 1; k < 10; ++k)
      if (l[n * 10 + k] > l[n * 10 + best])
        best = k;
    std::printf(" %d", best);
  }
  std::printf("\nWRN-40-2 forward, batch %d: median %.1f ms over %d runs "
              "(%.2f ms per image)\n",
              batch, example::median(ms), runs, example::median(ms) / batch);
  hyper_wrn40_2_hypercnn_release(&logits);
  return 0;
}
