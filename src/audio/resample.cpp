#include "audio/resample.h"

#include <immintrin.h>
#include <soxr.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <numeric>
#include <stdexcept>
#include <tuple>

#include "audio/kaiser_filter.h"

namespace cadenza::audio {
namespace {

std::string rates(int from_rate, int to_rate) {
  return std::to_string(from_rate) + " Hz -> " + std::to_string(to_rate) + " Hz";
}

// ---- libsoxr -------------------------------------------------------------------------------

std::vector<float> resample_soxr(const std::vector<float>& samples, int from_rate, int to_rate,
                                 std::size_t length) {
  std::vector<float> out(length + 16);
  size_t written = 0;
  const soxr_io_spec_t io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I);
  const soxr_quality_spec_t quality = soxr_quality_spec(SOXR_HQ, 0);
  const soxr_error_t error =
      soxr_oneshot(from_rate, to_rate, 1, samples.data(), samples.size(), nullptr, out.data(),
                   out.size(), &written, &io, &quality, nullptr);
  if (error)
    throw std::runtime_error("resampling " + rates(from_rate, to_rate) + " failed: " + error);
  out.resize(std::min(written, length));
  return out;
}

// ---- resampy -------------------------------------------------------------------------------
//
// resampy's loop, per output sample t: time = t * (from / to) in input samples (numpy's float64
// product), n = int(time), f = time - n; the left wing weighs x[n - i] with the table at
// offset + i * step, the right wing x[n + 1 + k] at the offset of (1 - f), where the table is
// read at scale * f * per_crossing and linearly interpolated (eta); step = int(scale *
// per_crossing), scale = min(1, to / from), and the table is multiplied by to / from when
// downsampling. Both wings end where the table ends, or at the signal's ends, which is the same
// as zero padding. The weights depend only on f, and f takes `up` = to / gcd values (the phase
// t * from mod up), so each phase's weights are computed once as one kernel over
// x[n - max_left + 1 ...] and every output is one dot product.

struct KaiserPlan {
  const KaiserSincFilter* filter;
  double i0_beta;
  double ratio, scale, time_increment;
  long step, table_size;
  long long up, down;  // to / gcd, from / gcd
  int max_left, kernel_length;
  std::vector<double> kernels;  // up rows of kernel_length, row r for f = r / up; empty when
                                // there are too many phases (then one kernel per output)
  std::vector<double> table;    // the filter's whole table, only when `kernels` is empty

  KaiserPlan(const KaiserSincFilter& kaiser, int from_rate, int to_rate);
  double value(long index) const {
    const double v = table.empty() ? filter->value(index, i0_beta) : table[index];
    return ratio < 1.0 ? ratio * v : v;
  }
  // The kernel of fraction f = time - n (resampy's arithmetic, weight = win + eta * delta).
  void build_kernel(double fraction, double* kernel) const;
};

constexpr long kMaxKernelValues = 1L << 21;  // 16 MB of precomputed phases at most

KaiserPlan::KaiserPlan(const KaiserSincFilter& kaiser, int from_rate, int to_rate)
    : filter(&kaiser), i0_beta(bessel_i0(kaiser.beta)) {
  ratio = static_cast<double>(to_rate) / from_rate;
  scale = std::min(1.0, ratio);
  time_increment = 1.0 / ratio;
  step = static_cast<long>(scale * kaiser.table_per_crossing);
  table_size = kaiser.table_size();
  const long long divisor = std::gcd(from_rate, to_rate);
  up = to_rate / divisor;
  down = from_rate / divisor;
  max_left = static_cast<int>(table_size / step);  // the most taps a wing has (offset 0)
  kernel_length = (2 * max_left + 15) / 16 * 16;   // both wings, a multiple of 16 lanes
  if (up * kernel_length <= kMaxKernelValues) {
    kernels.assign(static_cast<std::size_t>(up * kernel_length), 0.0);
    for (long long r = 0; r < up; ++r)
      build_kernel(static_cast<double>(r) / static_cast<double>(up),
                   kernels.data() + r * kernel_length);
  } else {
    table.resize(table_size);
    for (long i = 0; i < table_size; ++i) table[i] = kaiser.value(i, i0_beta);
  }
}

void KaiserPlan::build_kernel(double fraction, double* kernel) const {
  std::fill(kernel, kernel + kernel_length, 0.0);
  const double per_crossing = filter->table_per_crossing;
  auto wing = [&](double frac, auto position) {
    const double index_frac = frac * per_crossing;
    const long offset = static_cast<long>(index_frac);
    const double eta = index_frac - offset;
    const long taps = (table_size - offset) / step;
    for (long i = 0; i < taps; ++i) {
      const long index = offset + i * step;
      const double win = value(index);
      const double delta = index + 1 < table_size ? value(index + 1) - win : 0.0;
      kernel[position(i)] = win + eta * delta;
    }
  };
  const double frac = scale * fraction;
  wing(frac, [&](long i) { return max_left - 1 - i; });      // x[n - i]
  wing(scale - frac, [&](long k) { return max_left + k; });  // x[n + 1 + k]
}

double dot_scalar(const double* kernel, const float* x, int length) {
  double sum[4] = {0, 0, 0, 0};
  for (int j = 0; j < length; j += 4)
    for (int l = 0; l < 4; ++l) sum[l] += kernel[j + l] * x[j + l];
  return (sum[0] + sum[1]) + (sum[2] + sum[3]);
}

__attribute__((target("avx2,fma"))) double dot_avx2(const double* kernel, const float* x,
                                                    int length) {
  __m256d sum0 = _mm256_setzero_pd(), sum1 = sum0, sum2 = sum0, sum3 = sum0;
  for (int j = 0; j < length; j += 16) {
    sum0 = _mm256_fmadd_pd(_mm256_loadu_pd(kernel + j), _mm256_cvtps_pd(_mm_loadu_ps(x + j)), sum0);
    sum1 = _mm256_fmadd_pd(_mm256_loadu_pd(kernel + j + 4),
                           _mm256_cvtps_pd(_mm_loadu_ps(x + j + 4)), sum1);
    sum2 = _mm256_fmadd_pd(_mm256_loadu_pd(kernel + j + 8),
                           _mm256_cvtps_pd(_mm_loadu_ps(x + j + 8)), sum2);
    sum3 = _mm256_fmadd_pd(_mm256_loadu_pd(kernel + j + 12),
                           _mm256_cvtps_pd(_mm_loadu_ps(x + j + 12)), sum3);
  }
  const __m256d sum = _mm256_add_pd(_mm256_add_pd(sum0, sum1), _mm256_add_pd(sum2, sum3));
  const __m128d half = _mm_add_pd(_mm256_castpd256_pd128(sum), _mm256_extractf128_pd(sum, 1));
  return _mm_cvtsd_f64(_mm_add_sd(half, _mm_unpackhi_pd(half, half)));
}

std::shared_ptr<const KaiserPlan> plan_for(const KaiserSincFilter& filter, int from_rate,
                                           int to_rate) {
  static std::mutex mutex;
  static std::map<std::tuple<const KaiserSincFilter*, int, int>, std::shared_ptr<const KaiserPlan>>
      plans;
  const std::lock_guard<std::mutex> lock(mutex);
  auto& plan = plans[{&filter, from_rate, to_rate}];
  if (!plan) plan = std::make_shared<const KaiserPlan>(filter, from_rate, to_rate);
  return plan;
}

std::vector<float> resample_kaiser(const std::vector<float>& samples, int from_rate, int to_rate,
                                   const KaiserSincFilter& filter, std::size_t length) {
  const auto plan = plan_for(filter, from_rate, to_rate);
  const int width = plan->kernel_length;
  // resampy's own length, int(n * to / from); librosa then pads or cuts it to `length`.
  const long long produced =
      static_cast<long long>(static_cast<double>(samples.size()) * static_cast<double>(to_rate) /
                             static_cast<double>(from_rate));
  if (produced < 1)
    throw std::invalid_argument("input signal length=" + std::to_string(samples.size()) +
                                " is too small to resample " + rates(from_rate, to_rate));
  // The signal between zeros: x[n - max_left + 1 .. n - max_left + width] always exists.
  const long pad = plan->max_left - 1;
  std::vector<float> padded(samples.size() + pad + width + 1, 0.0f);
  std::copy(samples.begin(), samples.end(), padded.begin() + pad);

  static const bool has_avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  const auto dot = has_avx2 ? dot_avx2 : dot_scalar;
  std::vector<double> wrapped, own(width);
  std::vector<float> out(length, 0.0f);
  const std::size_t computed = std::min<std::size_t>(produced, length);
  for (std::size_t t = 0; t < computed; ++t) {
    const double time = static_cast<double>(t) * plan->time_increment;
    const long n = static_cast<long>(time);
    const long long position = static_cast<long long>(t) * plan->down;
    const long long phase = position % plan->up, whole = position / plan->up;
    const double* kernel;
    if (!plan->kernels.empty() && n == whole) {
      kernel = plan->kernels.data() + phase * width;
    } else if (!plan->kernels.empty() && phase == 0 && n + 1 == whole) {
      // numpy's product landed just below a whole number of input samples: n one less and f
      // just under 1, where resampy's weights differ from f = 0 (its step is rounded down).
      // Every such output has the same f up to rounding, so one kernel serves them all.
      if (wrapped.empty()) {
        wrapped.resize(width);
        plan->build_kernel(time - static_cast<double>(n), wrapped.data());
      }
      kernel = wrapped.data();
    } else {  // too many phases to precompute: this output's own weights
      plan->build_kernel(time - static_cast<double>(n), own.data());
      kernel = own.data();
    }
    out[t] = static_cast<float>(dot(kernel, padded.data() + n, width));
  }
  return out;
}

}  // namespace

Resampler parse_resampler(const std::string& name) {
  if (name == "kaiser_best") return Resampler::kKaiserBest;
  if (name == "kaiser_fast") return Resampler::kKaiserFast;
  if (name == "soxr") return Resampler::kSoxr;
  throw std::invalid_argument("unknown resampler '" + name + "', expected " + kResamplerChoices);
}

std::string resampler_name(Resampler method) {
  switch (method) {
    case Resampler::kKaiserBest:
      return "kaiser_best";
    case Resampler::kKaiserFast:
      return "kaiser_fast";
    case Resampler::kSoxr:
      return "soxr";
  }
  return "?";
}

std::vector<float> resample(const std::vector<float>& samples, int from_rate, int to_rate,
                            Resampler method) {
  if (from_rate <= 0 || to_rate <= 0)
    throw std::invalid_argument("cannot resample " + rates(from_rate, to_rate) +
                                ": rates must be positive");
  if (from_rate == to_rate || samples.empty()) return samples;
  // librosa.resample(fix=True) keeps ceil(n * ratio) samples.
  const double ratio = static_cast<double>(to_rate) / from_rate;
  const auto length = static_cast<std::size_t>(std::ceil(samples.size() * ratio));
  switch (method) {
    case Resampler::kKaiserBest:
      return resample_kaiser(samples, from_rate, to_rate, kKaiserBest, length);
    case Resampler::kKaiserFast:
      return resample_kaiser(samples, from_rate, to_rate, kKaiserFast, length);
    case Resampler::kSoxr:
      break;
  }
  return resample_soxr(samples, from_rate, to_rate, length);
}

}  // namespace cadenza::audio
