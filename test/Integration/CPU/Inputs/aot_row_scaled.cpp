// Runs the ahead-of-time compiled @row_scaled of row-scaled-linear-aot.mlir
// on x = [[1, 2]], W = [[1, 0], [0, 1], [1, 1]], d = [[2, 3, 4]] and prints
// the result.
#include "aot_util.h"

int main() {
  const float x[] = {1, 2}, w[] = {1, 0, 0, 1, 1, 1}, d[] = {2, 3, 4};
  hyper_result y;
  if (hyper_row_scaled_row_scaled(x, 2, 1, w, 6, d, 3, 1, &y))
    return std::printf("%s\n", hyper_row_scaled_last_error()), 1;
  const float *v = static_cast<const float *>(y.data);
  std::printf("y = [%g, %g, %g]\n", v[0], v[1], v[2]);
  hyper_row_scaled_release(&y);
  return 0;
}
