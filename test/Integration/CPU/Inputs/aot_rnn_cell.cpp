// Runs the ahead-of-time compiled @cell of rnn_cell_small.mlir once from
// zero states on the first step of a [T, B, N_x] input:
//   aot_rnn_cell x.npy h.npy
#include "aot_util.h"

int main(int argc, char **argv) {
  if (argc != 3)
    return 2;
  hyperrt::Array x = load(argv[1]); // [T, B, 5]: the cell reads step 0
  int64_t batch = x.shape()[1];
  std::vector<float> h(batch * 7, 0.0f), hh(batch * 4, 0.0f);
  hyper_result h1, hh1;
  if (hyper_rnn_cell_small_cell(x.as<float>(), batch * 5, batch, h.data(),
                                h.size(), batch, hh.data(), hh.size(), batch,
                                &h1, &hh1))
    return std::fprintf(stderr, "%s\n", hyper_rnn_cell_small_last_error()), 1;
  save(h1, argv[2], hyper_rnn_cell_small_release);
  hyper_rnn_cell_small_release(&hh1);
  return 0;
}
