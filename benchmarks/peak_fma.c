/* Peak float32 FMA throughput of one core: 12 independent accumulator chains of 16-lane
 * fused multiply-adds, enough to cover the FMA latency on current x86 cores. */
#include <immintrin.h>
#include <stdint.h>

float peak_fma_kernel(int64_t iterations) {
  __m512 acc[12];
  for (int i = 0; i < 12; ++i) acc[i] = _mm512_set1_ps((float)i);
  const __m512 a = _mm512_set1_ps(0.999999f), b = _mm512_set1_ps(1e-7f);
  for (int64_t it = 0; it < iterations; ++it) {
    for (int i = 0; i < 12; ++i) acc[i] = _mm512_fmadd_ps(acc[i], a, b);
  }
  __m512 sum = acc[0];
  for (int i = 1; i < 12; ++i) sum = _mm512_add_ps(sum, acc[i]);
  return _mm512_reduce_add_ps(sum);  /* keeps the chains alive */
}
