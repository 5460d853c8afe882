// Runs the ahead-of-time compiled @row_scaled of row-scaled-linear-aot.mlir
// on x = [[1, 2]], W = [[1, 0], [0, 1], [1, 1]], d = [[2, 3, 4]] and prints
// the result.
#include "aot_util.h"

int main() {
  const float x[] = {1, 2}, w[] = {1, 0, 0, 1, 1, 1}, d[] = {2, 3, 4};
  hyper_result y;
  row_scaled(x, 1, w, d, 1, &y);
  const float *v = static_cast<const float *>(y.data);
  std::printf("y = [%g, %g, %g]\n", v[0], v[1], v[2]);
  hyper_release(&y);
  return 0;
}
