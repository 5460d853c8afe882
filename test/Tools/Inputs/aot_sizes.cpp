// Calls the ahead-of-time compiled @rnn_init of hyper-run-sizes.mlir with
// sizes that disagree, a negative size, an overflowing one, an element count
// that differs from the sizes and a NULL pointer: each call returns 1 with
// the reason in hyper_sizes_last_error() and
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
  int64_t nx = x.numElements();
  hyper_result y, h, hh;
  // The call with explicit sizes; each buffer's element count follows
  // from its sizes unless given.
  auto call = [&](int64_t xt, int64_t hb, int64_t hn, int64_t hhb, int64_t lb,
                  bool nullH0 = false, int64_t xcount = -1) {
    return hyper_sizes_rnn_init(xs, xcount >= 0 ? xcount : xt * b * 5, xt, b,
                                nullH0 ? nullptr : h0.data(), hb * hn, hb, hn,
                                hh0.data(), hhb * 4, hhb, lengths.data(), lb,
                                lb, &y, &h, &hh);
  };
  auto report = [&](const char *what, int status) {
    std::printf("%s: %d %s owner %s\n", what, status, hyper_sizes_last_error(),
                y.owner ? "set" : "none");
  };
  report("batch of h0", call(t, b - 1, 7, b, b));
  report("N_h of h0", call(t, b, 8, b, b));
  report("lengths", call(t, b, 7, b, b + 1));
  report("negative T", call(-1, b, 7, b, b));
  report("overflow", call(int64_t(1) << 62, b, 7, b, b, false, 0));
  report("count", call(t, b, 7, b, b, false, nx - 1));
  report("null", call(t, b, 7, b, b, true));
  int ok = call(t, b, 7, b, b);
  std::printf("agreeing: %d\n", ok);
  save(y, argv[2], hyper_sizes_release);
  hyper_sizes_release(&h);
  hyper_sizes_release(&hh);
  return 0;
}
