/* A C caller of the compiled @scale of c-abi.mlir (force-included header):
 * a good call, then a NULL input, which must fail with a reason. */
#include <stdio.h>

int main(void) {
  const float v[3] = {1, 2, 3};
  hyper_result y;
  int rc = scale(v, 3, &y);
  const float *d = (const float *)y.data;
  printf("rc=%d y=[%g, %g, %g] shape=%lld\n", rc, d[0], d[1], d[2],
         (long long)y.shape[0]);
  hyper_release(&y);
  rc = scale(NULL, 3, &y);
  printf("rc=%d %s\n", rc, hyper_last_error());
  return 0;
}
