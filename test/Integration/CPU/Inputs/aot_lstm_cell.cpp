// Runs the ahead-of-time compiled @cell of lstm_cell_small.mlir once from
// zero states on the first step of a [T, B, N_x] input:
//   aot_lstm_cell x.npy h.npy
#include "aot_util.h"

int main(int argc, char **argv) {
  if (argc != 3)
    return 2;
  hyperrt::Array x = load(argv[1]); // [T, B, 6]: the cell reads step 0
  int64_t batch = x.shape()[1];
  std::vector<float> h(batch * 8, 0.0f), c(batch * 8, 0.0f),
      hh(batch * 4, 0.0f), hc(batch * 4, 0.0f);
  hyper_result h1, c1, hh1, hc1;
  if (hyper_lstm_cell_small_cell(x.as<float>(), batch * 6, batch, h.data(),
                                 h.size(), batch, c.data(), c.size(), batch,
                                 hh.data(), hh.size(), batch, hc.data(),
                                 hc.size(), batch, &h1, &c1, &hh1, &hc1))
    return std::fprintf(stderr, "%s\n", hyper_lstm_cell_small_last_error()), 1;
  save(h1, argv[2], hyper_lstm_cell_small_release);
  hyper_lstm_cell_small_release(&c1);
  hyper_lstm_cell_small_release(&hh1);
  hyper_lstm_cell_small_release(&hc1);
  return 0;
}
