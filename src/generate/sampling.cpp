#include "generate/sampling.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>

namespace cadenza::generate {

void SamplingOptions::validate() const {
  if (!(temperature >= 0) || !std::isfinite(temperature))
    throw std::invalid_argument("temperature must be >= 0, got " + std::to_string(temperature));
  if (top_k < 0) throw std::invalid_argument("top-k must be >= 0, got " + std::to_string(top_k));
  if (!(top_p > 0 && top_p <= 1))
    throw std::invalid_argument("top-p must be in (0, 1], got " + std::to_string(top_p));
}

std::vector<double> sampling_distribution(const std::vector<float>& logits,
                                          const SamplingOptions& options) {
  options.validate();
  if (logits.empty()) throw std::invalid_argument("sampling from an empty logits vector");
  const std::size_t n = logits.size();
  std::vector<double> probs(n, 0.0);
  const auto best =
      static_cast<std::size_t>(std::max_element(logits.begin(), logits.end()) - logits.begin());
  if (options.temperature == 0 || !std::isfinite(logits[best])) {
    probs[best] = 1.0;
    return probs;
  }
  // Softmax with the maximum subtracted, so large logits cannot overflow.
  double total = 0;
  for (std::size_t i = 0; i < n; ++i) {
    probs[i] = std::exp((static_cast<double>(logits[i]) - logits[best]) / options.temperature);
    total += probs[i];
  }
  for (double& p : probs) p /= total;

  if (options.top_k == 0 && options.top_p >= 1) return probs;  // nothing to cut: no sort

  // Rank by probability, ties by index, and keep the top-k / top-p prefix.
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return probs[a] > probs[b]; });
  std::size_t keep = n;
  if (options.top_k > 0) keep = std::min<std::size_t>(keep, options.top_k);
  if (options.top_p < 1) {
    double cumulative = 0;
    std::size_t needed = 0;
    while (needed < keep) {
      cumulative += probs[order[needed++]];
      if (cumulative >= options.top_p) break;
    }
    keep = needed;
  }
  double kept = 0;
  for (std::size_t r = 0; r < keep; ++r) kept += probs[order[r]];
  for (std::size_t r = keep; r < n; ++r) probs[order[r]] = 0;
  for (double& p : probs) p /= kept;
  return probs;
}

double Sampler::uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

double Sampler::gaussian() {
  const double u1 = 1.0 - uniform();  // (0, 1]: log stays finite
  const double u2 = uniform();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
}

std::uint64_t Sampler::below(std::uint64_t n) {
  if (n == 0) throw std::invalid_argument("Sampler::below(0)");
  const std::uint64_t limit =
      std::numeric_limits<std::uint64_t>::max() - std::numeric_limits<std::uint64_t>::max() % n;
  std::uint64_t x;
  do x = engine_();
  while (x >= limit);
  return x % n;
}

std::size_t Sampler::sample(const std::vector<float>& logits, const SamplingOptions& options) {
  const std::vector<double> probs = sampling_distribution(logits, options);
  const double u = uniform();
  double cumulative = 0;
  std::size_t last_kept = 0;
  for (std::size_t i = 0; i < probs.size(); ++i) {
    if (probs[i] <= 0) continue;
    last_kept = i;
    cumulative += probs[i];
    if (u < cumulative) return i;
  }
  return last_kept;  // u fell in the rounding gap at the very top
}

}  // namespace cadenza::generate
