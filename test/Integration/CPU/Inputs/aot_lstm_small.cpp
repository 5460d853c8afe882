// Runs the ahead-of-time compiled @lstm of lstm_small.mlir (weights bound at
// compile time): aot_lstm_small x.npy y.npy h.npy c.npy hh.npy hc.npy
#include "aot_util.h"

int main(int argc, char **argv) {
  if (argc != 7)
    return 2;
  hyperrt::Array x = load(argv[1]);
  hyper_result y, h, c, hh, hc;
  if (hyper_lstm_small_lstm(x.as<float>(), x.numElements(), &y, &h, &c, &hh,
                            &hc))
    return std::fprintf(stderr, "%s\n", hyper_lstm_small_last_error()), 1;
  save(y, argv[2], hyper_lstm_small_release);
  save(h, argv[3], hyper_lstm_small_release);
  save(c, argv[4], hyper_lstm_small_release);
  save(hh, argv[5], hyper_lstm_small_release);
  save(hc, argv[6], hyper_lstm_small_release);
  return 0;
}
