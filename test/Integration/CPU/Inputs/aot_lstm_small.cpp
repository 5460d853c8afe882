// Runs the ahead-of-time compiled @lstm of lstm_small.mlir (weights bound at
// compile time): aot_lstm_small x.npy y.npy h.npy c.npy hh.npy hc.npy
#include "aot_util.h"

int main(int argc, char **argv) {
  if (argc != 7)
    return 2;
  hyperrt::Array x = load(argv[1]);
  hyper_result y, h, c, hh, hc;
  lstm(x.as<float>(), &y, &h, &c, &hh, &hc);
  save(y, argv[2]);
  save(h, argv[3]);
  save(c, argv[4]);
  save(hh, argv[5]);
  save(hc, argv[6]);
  return 0;
}
