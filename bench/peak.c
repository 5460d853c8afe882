/* Measured FP32 FMA peak: 12 independent vector FMA chains per thread (enough
 * to cover the FMA latency on two pipes), OpenMP threads.
 * Prints GFLOP/s for the thread count OMP_NUM_THREADS asks for. */
#include <immintrin.h>
#include <omp.h>
#include <stdio.h>

#if defined(__AVX512F__)
typedef __m512 vec;
#define LANES 16
#define SET1 _mm512_set1_ps
#define FMA _mm512_fmadd_ps
#define ADD _mm512_add_ps
#define STORE _mm512_storeu_ps
#else
typedef __m256 vec;
#define LANES 8
#define SET1 _mm256_set1_ps
#define FMA _mm256_fmadd_ps
#define ADD _mm256_add_ps
#define STORE _mm256_storeu_ps
#endif

int main(void) {
  const long iterations = 200000000 / 12;
  double best = 0;
  for (int trial = 0; trial < 5; ++trial) {
    double start = omp_get_wtime();
    float sink = 0;
#pragma omp parallel reduction(+ : sink)
    {
      vec a = SET1(1.0f), b = SET1(0.999999f);
      vec c[12];
      for (int i = 0; i < 12; ++i)
        c[i] = SET1((float)i);
      for (long i = 0; i < iterations; ++i)
        for (int j = 0; j < 12; ++j)
          c[j] = FMA(c[j], b, a);
      vec s = c[0];
      for (int i = 1; i < 12; ++i)
        s = ADD(s, c[i]);
      float out[LANES];
      STORE(out, s);
      sink += out[0];
    }
    double seconds = omp_get_wtime() - start;
    double flops = 2.0 * LANES * 12.0 * iterations * omp_get_max_threads();
    if (flops / seconds > best)
      best = flops / seconds;
    if (sink == 42.0f)
      printf(" ");
  }
  printf("%.1f\n", best / 1e9);
  return 0;
}
