// Runs the ahead-of-time compiled @rnn of rnn_small.mlir (weights bound,
// dynamic T and B): aot_rnn x.npy y.npy h.npy hh.npy
#include "aot_util.h"

int main(int argc, char **argv) {
  if (argc != 5)
    return 2;
  hyperrt::Array x = load(argv[1]);
  hyper_result y, h, hh;
  rnn(x.as<float>(), x.shape()[0], x.shape()[1], &y, &h, &hh);
  save(y, argv[2]);
  save(h, argv[3]);
  save(hh, argv[4]);
  return 0;
}
