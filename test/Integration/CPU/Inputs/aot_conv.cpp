// Runs the ahead-of-time compiled @conv and @kernel of a hyper-conv test
// whose generator was bound at compile time:
//   aot_conv x.npy y.npy kernel.npy
#include "aot_util.h"

int main(int argc, char **argv) {
  if (argc != 4)
    return 2;
  hyperrt::Array x = load(argv[1]);
  hyper_result y, k;
  if (hyper_conv_mnist_conv(x.as<float>(), x.numElements(), x.shape()[0], &y) ||
      hyper_conv_mnist_kernel(&k))
    return std::fprintf(stderr, "%s\n", hyper_conv_mnist_last_error()), 1;
  save(y, argv[2], hyper_conv_mnist_release);
  save(k, argv[3], hyper_conv_mnist_release);
  return 0;
}
