// Runs the ahead-of-time compiled @conv and @kernel of a hyper-conv test
// whose generator was bound at compile time:
//   aot_conv x.npy y.npy kernel.npy
#include "aot_util.h"

int main(int argc, char **argv) {
  if (argc != 4)
    return 2;
  hyperrt::Array x = load(argv[1]);
  hyper_result y, k;
  conv(x.as<float>(), x.shape()[0], &y);
  kernel(&k);
  save(y, argv[2]);
  save(k, argv[3]);
  return 0;
}
