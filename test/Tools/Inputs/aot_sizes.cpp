// Calls the ahead-of-time compiled @rnn_init of hyper-run-sizes.mlir with
// sizes that disagree, a negative size, an overflowing one and a NULL
// pointer: each call returns 1 with the reason in hyper_last_error() and
// leaves the results empty; then with agreeing sizes, which returns 0.
#include "aot_util.h"

#include <cstdint>
#include <vector>

int main(int argc, char **argv) {
  hyperrt::Array x = load(argv[1]); // [T, B, 5]
  int64_t t = x.shape()[0], b = x.shape()[1];
  std::vector<float> h0(b * 7), hh0(b * 4);
  std::vector<int32_t> lengths(b, static_cast<int32_t>(t));
  const float *xs = x.as<float>();
  hyper_result y, h, hh;
  auto report = [&](const char *what, int status) {
    std::printf("%s: %d %s owner %s\n", what, status, hyper_last_error(),
                y.owner ? "set" : "none");
  };
  report("batch of h0", rnn_init(xs, t, b, h0.data(), b - 1, 7, hh0.data(), b,
                                 lengths.data(), b, &y, &h, &hh));
  report("N_h of h0", rnn_init(xs, t, b, h0.data(), b, 8, hh0.data(), b,
                               lengths.data(), b, &y, &h, &hh));
  report("lengths", rnn_init(xs, t, b, h0.data(), b, 7, hh0.data(), b,
                             lengths.data(), b + 1, &y, &h, &hh));
  report("negative T", rnn_init(xs, -1, b, h0.data(), b, 7, hh0.data(), b,
                                lengths.data(), b, &y, &h, &hh));
  report("overflow", rnn_init(xs, int64_t(1) << 62, b, h0.data(), b, 7,
                              hh0.data(), b, lengths.data(), b, &y, &h, &hh));
  report("null", rnn_init(xs, t, b, nullptr, b, 7, hh0.data(), b,
                          lengths.data(), b, &y, &h, &hh));
  int ok = rnn_init(xs, t, b, h0.data(), b, 7, hh0.data(), b, lengths.data(), b,
                    &y, &h, &hh);
  std::printf("agreeing: %d\n", ok);
  save(y, argv[2]);
  hyper_release(&h);
  hyper_release(&hh);
  return 0;
}
