/* A C caller of the compiled @scale of c-abi.mlir (force-included header):
 * a good call, then calls that must fail with a reason and leave the
 * result empty. */
#include <stdio.h>

static void report(const char *what, int rc, const hyper_result *y) {
  printf("%s: rc=%d %s owner %s\n", what, rc, hyper_model_last_error(),
         y->owner ? "set" : "none");
}

int main(void) {
  const float v[3] = {1, 2, 3};
  hyper_result y;
  int rc = hyper_model_scale(v, 3, 3, &y);
  const float *d = (const float *)y.data;
  printf("rc=%d y=[%g, %g, %g] shape=%lld\n", rc, d[0], d[1], d[2],
         (long long)y.shape[0]);
  hyper_model_release(&y);
  hyper_model_release(&y); /* cleared: a second release does nothing */
  hyper_model_release(NULL);
  report("null", hyper_model_scale(NULL, 3, 3, &y), &y);
  report("count", hyper_model_scale(v, 2, 3, &y), &y);
  report("negative", hyper_model_scale(v, 3, -3, &y), &y);
  report("no result", hyper_model_scale(v, 3, 3, NULL), &y);
  /* Size 0: no elements, so no pointer is needed. */
  rc = hyper_model_scale(NULL, 0, 0, &y);
  printf("empty: rc=%d shape=%lld\n", rc, (long long)y.shape[0]);
  hyper_model_release(&y);
  return 0;
}
