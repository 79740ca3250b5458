#include "audio/kaiser_filter.h"

#include <cmath>

namespace cadenza::audio {

double bessel_i0(double x) {
  // sum_k ((x/2)^2)^k / (k!)^2: every term positive, so no cancellation; stop when a term no
  // longer changes the sum.
  const double quarter_x2 = 0.25 * x * x;
  double term = 1.0, sum = 1.0;
  for (int k = 1; k < 500; ++k) {
    term *= quarter_x2 / (static_cast<double>(k) * k);
    const double next = sum + term;
    if (next == sum) break;
    sum = next;
  }
  return sum;
}

double KaiserSincFilter::value(long index, double i0_beta) const {
  // resampy: rolloff * np.sinc(rolloff * linspace(0, num_zeros, n + 1)) * kaiser(2n + 1)[n:].
  // linspace's step num_zeros / n is 1 / table_per_crossing, a power of two: exact.
  const long n = table_size() - 1;
  const double position = static_cast<double>(index) / table_per_crossing;
  const double pi_x = M_PI * (rolloff * position);
  const double sinc = index == 0 ? 1.0 : std::sin(pi_x) / pi_x;
  // scipy.signal.windows.kaiser: i0(beta * sqrt(1 - ((k - alpha) / alpha)^2)) / i0(beta).
  const double r = static_cast<double>(index) / static_cast<double>(n);
  const double window = bessel_i0(beta * std::sqrt(1.0 - r * r)) / i0_beta;
  return window * (rolloff * sinc);
}

}  // namespace cadenza::audio
