// Runs the ahead-of-time compiled @dynamic_linear of dynlin_small.mlir, whose
// batch is dynamic: aot_dynamic_linear x.npy z.npy w.npy y.npy
#include "aot_util.h"

int main(int argc, char **argv) {
  if (argc != 5)
    return 2;
  hyperrt::Array x = load(argv[1]), z = load(argv[2]), w = load(argv[3]);
  hyper_result y;
  if (hyper_dynlin_small_dynamic_linear(
          x.as<float>(), x.numElements(), x.shape()[0], z.as<float>(),
          z.numElements(), z.shape()[0], w.as<float>(), w.numElements(), &y))
    return std::fprintf(stderr, "%s\n", hyper_dynlin_small_last_error()), 1;
  save(y, argv[4], hyper_dynlin_small_release);
  return 0;
}
