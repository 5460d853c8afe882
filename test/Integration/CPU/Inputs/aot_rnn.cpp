// Runs the ahead-of-time compiled @rnn of rnn_small.mlir (weights bound,
// dynamic T and B): aot_rnn x.npy y.npy h.npy hh.npy
#include "aot_util.h"

int main(int argc, char **argv) {
  if (argc != 5)
    return 2;
  hyperrt::Array x = load(argv[1]);
  hyper_result y, h, hh;
  if (hyper_rnn_small_rnn(x.as<float>(), x.numElements(), x.shape()[0],
                          x.shape()[1], &y, &h, &hh))
    return std::fprintf(stderr, "%s\n", hyper_rnn_small_last_error()), 1;
  save(y, argv[2], hyper_rnn_small_release);
  save(h, argv[3], hyper_rnn_small_release);
  save(hh, argv[4], hyper_rnn_small_release);
  return 0;
}
