// Runs the ahead-of-time compiled @cell of rnn_cell_small.mlir once from
// zero states on the first step of a [T, B, N_x] input:
//   aot_rnn_cell x.npy h.npy
#include "aot_util.h"

int main(int argc, char **argv) {
  if (argc != 3)
    return 2;
  hyperrt::Array x = load(argv[1]);
  int64_t batch = x.shape()[1];
  std::vector<float> h(batch * 7, 0.0f), hh(batch * 4, 0.0f);
  hyper_result h1, hh1;
  cell(x.as<float>(), batch, h.data(), batch, hh.data(), batch, &h1, &hh1);
  save(h1, argv[2]);
  hyper_release(&hh1);
  return 0;
}
