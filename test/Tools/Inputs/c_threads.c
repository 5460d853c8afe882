/* Calls the compiled @scale of c-abi.mlir from eight threads at once, each
 * with its own sizes and values, and a failing call on every other thread:
 * every result must be right and every thread must see its own error. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

enum { kThreads = 8, kCalls = 2000 };

static void *run(void *arg) {
  long id = (long)arg;
  float v[64];
  for (int call = 0; call < kCalls; ++call) {
    int64_t n = 1 + (id * 7 + call) % 64;
    for (int64_t i = 0; i < n; ++i)
      v[i] = (float)(id * 1000 + call + i);
    hyper_result y;
    if (hyper_model_scale(v, n, n, &y) != 0 || y.shape[0] != n)
      return (void *)"call failed";
    const float *d = (const float *)y.data;
    for (int64_t i = 0; i < n; ++i)
      if (d[i] != 2 * v[i])
        return (void *)"wrong value";
    hyper_model_release(&y);
    if (id % 2 && call % 100 == 0) {
      if (hyper_model_scale(v, n + 1, n, &y) != 1)
        return (void *)"bad count accepted";
      if (!strstr(hyper_model_last_error(), "holds"))
        return (void *)"lost its error";
    } else if (id % 2 == 0 && hyper_model_last_error()[0] != '\0') {
      return (void *)"sees another thread's error";
    }
  }
  return NULL;
}

int main(void) {
  pthread_t threads[kThreads];
  for (long i = 0; i < kThreads; ++i)
    pthread_create(&threads[i], NULL, run, (void *)i);
  int failures = 0;
  for (int i = 0; i < kThreads; ++i) {
    void *problem;
    pthread_join(threads[i], &problem);
    if (problem) {
      printf("thread %d: %s\n", i, (const char *)problem);
      ++failures;
    }
  }
  printf("%d threads x %d calls: %s\n", kThreads, kCalls,
         failures ? "FAILED" : "ok");
  return failures != 0;
}
