#include "dsp/numpy_sum.h"

#include <vector>

namespace cadenza::dsp {
namespace {
constexpr std::size_t kBlock = 128;  // numpy PW_BLOCKSIZE
}  // namespace

template <typename T>
T numpy_pairwise_sum(const T* a, std::size_t n) {
  if (n < 8) {
    T res = 0;
    for (std::size_t i = 0; i < n; ++i) res += a[i];
    return res;
  }
  if (n <= kBlock) {
    T r[8];
    for (int j = 0; j < 8; ++j) r[j] = a[j];
    std::size_t i = 8;
    for (; i < n - (n % 8); i += 8)
      for (int j = 0; j < 8; ++j) r[j] += a[i + j];
    T res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; ++i) res += a[i];
    return res;
  }
  std::size_t n2 = n / 2;
  n2 -= n2 % 8;
  return numpy_pairwise_sum(a, n2) + numpy_pairwise_sum(a + n2, n - n2);
}

template <typename T>
T numpy_sum(const T* values, std::size_t count) {
  // A contiguous array needs no casting buffer, so numpy's reduction grows its inner loop to
  // the whole array: one pairwise sum, added to the identity 0.
  return T(0) + numpy_pairwise_sum(values, count);
}

template <typename T>
T numpy_mean(const T* values, std::size_t count) {
  if (count == 0) return T(0);
  return numpy_sum(values, count) / static_cast<T>(count);
}

template <typename T>
T numpy_var(const T* values, std::size_t count) {
  if (count == 0) return T(0);
  const T mean = numpy_mean(values, count);
  std::vector<T> squares(count);
  for (std::size_t i = 0; i < count; ++i) {
    const T d = values[i] - mean;
    squares[i] = d * d;
  }
  return numpy_sum(squares.data(), count) / static_cast<T>(count);
}

template float numpy_pairwise_sum<float>(const float*, std::size_t);
template double numpy_pairwise_sum<double>(const double*, std::size_t);
template float numpy_sum<float>(const float*, std::size_t);
template double numpy_sum<double>(const double*, std::size_t);
template float numpy_mean<float>(const float*, std::size_t);
template double numpy_mean<double>(const double*, std::size_t);
template float numpy_var<float>(const float*, std::size_t);
template double numpy_var<double>(const double*, std::size_t);

}  // namespace cadenza::dsp
