#include "audio/downmix.h"

namespace cadenza::audio {

float numpy_pairwise_sum(const float* values, long count, long stride) {
  // numpy/core/src/umath/loops_utils.h.src, pairwise_sum with PW_BLOCKSIZE 128; the reduction
  // starts from the identity 0 (which changes nothing but the sign of a zero).
  auto at = [&](long i) { return values[i * stride]; };
  if (count < 8) {
    float sum = 0.0f;
    for (long i = 0; i < count; ++i) sum += at(i);
    return sum;
  }
  if (count <= 128) {
    float r[8];
    for (int j = 0; j < 8; ++j) r[j] = at(j);
    long i = 8;
    for (; i < count - count % 8; i += 8)
      for (int j = 0; j < 8; ++j) r[j] += at(i + j);
    float sum = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < count; ++i) sum += at(i);
    return sum;
  }
  long half = count / 2;
  half -= half % 8;
  return numpy_pairwise_sum(values, half, stride) +
         numpy_pairwise_sum(values + half * stride, count - half, stride);
}

}  // namespace cadenza::audio
