/* Calls the CUDA @layer of aot-cuda.mlir (force-included header) from four
 * threads at once against the fake driver with every third kernel launch
 * failing (FAKE_CUDA_FAIL=cuLaunchKernel FAKE_CUDA_FAIL_EVERY=3). Each call
 * must either succeed with a result or return 2 with the launch's error and
 * no result; an error stays with the call that met it, so exactly a third of
 * all calls fail whichever threads they ran on. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

enum { kThreads = 4, kCalls = 50, M = 64, N = 128, K = 32 };

static float x[M * K], w[N * K], d[M * N];
static int failures[kThreads], wrong[kThreads];

static void *worker(void *arg) {
  int t = (int)(long)arg;
  for (int i = 0; i < kCalls; ++i) {
    hyper_result y;
    int rc = hyper_gpu_layer(x, M * K, w, N * K, d, M * N, &y);
    if (rc) {
      /* 2: the GPU failed (1 would be a bad argument). */
      ++failures[t];
      if (rc != 2)
        ++wrong[t];
      if (strcmp(hyper_gpu_last_error(),
                 "@layer: GPU: cuLaunchKernel: CUDA_ERROR_FAKE (fake "
                 "driver)") != 0 ||
          y.owner || y.data)
        ++wrong[t];
      continue;
    }
    if (!y.owner || !y.data || y.rank != 2 || y.shape[0] != M ||
        y.shape[1] != N)
      ++wrong[t];
    hyper_gpu_release(&y);
  }
  return NULL;
}

int main(void) {
  pthread_t threads[kThreads];
  for (long t = 0; t < kThreads; ++t)
    pthread_create(&threads[t], NULL, worker, (void *)t);
  int failed = 0, bad = 0;
  for (int t = 0; t < kThreads; ++t) {
    pthread_join(threads[t], NULL);
    failed += failures[t];
    bad += wrong[t];
  }
  int expected = kThreads * kCalls / 3;
  if (failed != expected || bad) {
    printf("FAIL: %d calls failed (expected %d), %d wrong\n", failed, expected,
           bad);
    return 1;
  }
  printf("%d threads x %d calls, every third failing: ok\n", kThreads, kCalls);
  return 0;
}
