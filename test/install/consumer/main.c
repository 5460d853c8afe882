/* Calls @scale of test/Tools/c-abi.mlir through the header hyper_add_model
 * (or hyper-compile) wrote; prints the result or the model's error. */
#include "model.h"

#include <stdio.h>

int main(void) {
  const float v[3] = {1, 2, 3};
  hyper_result y;
  if (hyper_model_scale(v, 3, 3, &y) != 0) {
    fprintf(stderr, "consumer: %s\n", hyper_model_last_error());
    return 1;
  }
  const float *d = (const float *)y.data;
  printf("consumer: y=[%g, %g, %g]\n", d[0], d[1], d[2]);
  hyper_model_release(&y);
  /* A wrong element count is refused with a reason. */
  if (hyper_model_scale(v, 2, 3, &y) == 0)
    return 1;
  printf("consumer: refused: %s\n", hyper_model_last_error());
  return 0;
}
