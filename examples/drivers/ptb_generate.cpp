//===- ptb_generate.cpp - Sample text from the PTB HyperLSTM ----*- C++ -*-===//
//
// Runs @step of examples/ptb_hyperlstm.mlir, compiled ahead of time with its
// weights bound (as deployed), one character at a time: feed the previous
// character, sample the next from the predicted distribution, carry the four
// states. With the example's untrained weights the text is noise; the point
// is the per-step latency.
//
//   ptb_generate [STEPS]
//
//===----------------------------------------------------------------------===//

#include "ptb_hyperlstm.h"

#include "driver_util.h"

#include <cstring>

int main(int argc, char **argv) {
  int steps = argc > 1 ? std::atoi(argv[1]) : 200;
  // The 50 symbols of the one-hot input.
  static const char vocabulary[] =
      " abcdefghijklmnopqrstuvwxyz0123456789.,;:'\"-?!&$#\n";
  static_assert(sizeof(vocabulary) - 1 == 50, "50 symbols");

  std::vector<float> x(50, 0.0f), h(1000, 0.0f), c(1000, 0.0f), hh(128, 0.0f),
      hc(128, 0.0f);
  example::Random random(2016);
  std::string text;
  std::vector<double> ms;
  int previous = 0;
  for (int t = 0; t < steps; ++t) {
    std::fill(x.begin(), x.end(), 0.0f);
    x[previous] = 1.0f;
    hyper_result probs, h1, c1, hh1, hc1;
    auto start = std::chrono::steady_clock::now();
    example::check(hyper_ptb_hyperlstm_step(
                       x.data(), x.size(), h.data(), h.size(), c.data(),
                       c.size(), hh.data(), hh.size(), hc.data(), hc.size(),
                       &probs, &h1, &c1, &hh1, &hc1),
                   hyper_ptb_hyperlstm_last_error);
    ms.push_back(example::msSince(start));
    // Sample the next symbol and carry the states.
    const float *p = static_cast<const float *>(probs.data);
    double u = random.uniform(), acc = 0;
    int next = 49;
    for (int i = 0; i < 50; ++i)
      if ((acc += p[i]) > u) {
        next = i;
        break;
      }
    text.push_back(vocabulary[next]);
    previous = next;
    std::memcpy(h.data(), h1.data, sizeof(float) * h.size());
    std::memcpy(c.data(), c1.data, sizeof(float) * c.size());
    std::memcpy(hh.data(), hh1.data, sizeof(float) * hh.size());
    std::memcpy(hc.data(), hc1.data, sizeof(float) * hc.size());
    for (hyper_result *r : {&probs, &h1, &c1, &hh1, &hc1})
      hyper_ptb_hyperlstm_release(r);
  }
  std::printf("generated %d characters (untrained weights):\n  \"", steps);
  for (char ch : text)
    std::printf("%s", ch == '\n' ? "\\n" : std::string(1, ch).c_str());
  std::printf("\"\n");
  std::printf("single-step latency: median %.3f ms, first %.3f ms "
              "(N_h = 1000, N̂ = 128, layer norm, B = 1)\n",
              example::median(ms), ms.front());
  return 0;
}
