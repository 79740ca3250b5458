#include "audio/resample.h"

#include <immintrin.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <numeric>
#include <stdexcept>
#include <tuple>

#include "audio/kaiser_filter.h"
#include "audio/soxr_library.h"

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
  const SoxrLibrary& library = soxr();
  const soxr_io_spec_t io = library.io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I);
  const soxr_quality_spec_t quality = library.quality_spec(SOXR_HQ, 0);
  const soxr_error_t error =
      library.oneshot(from_rate, to_rate, 1, samples.data(), samples.size(), nullptr, out.data(),
                      out.size(), &written, &io, &quality, nullptr);
  if (error)
    throw std::runtime_error("resampling " + rates(from_rate, to_rate) + " failed: " + error);
  out.resize(std::min(written, length));
  out.resize(length, 0.0f);  // librosa's fix_length pads a short output with zeros
  return out;
}

// ---- resampy -------------------------------------------------------------------------------
//
// resampy 0.4.2's loop (resampy/interpn.py), output by output, with its arithmetic: time = t *
// (from / to) (numpy's float64 product), n = int(time); the left wing adds x[n - i] times the
// table at offset + i * step, the right wing x[n + 1 + k] at the offset of the complementary
// fraction, where offset + eta = scale * fraction * per_crossing and each weight is win + eta *
// delta (the table linearly interpolated); step = int(scale * per_crossing), scale = min(1, to
// / from), the table multiplied by to / from when downsampling. Every product is added to a
// float32 output (y[t] += weight * x: a float64 sum rounded to float32 each time), so this
// does the same, in the same order, and gives resampy's samples bit for bit. Both wings end
// where the table ends or at the signal's ends; the second is zero padding here (adding 0
// changes nothing).
//
// Speed: outputs t = r, r + up, r + 2 up, ... (one phase r of up = to / gcd) read the same
// table entries at inputs down = from / gcd apart, so 64 (AVX-512) or 16 (AVX2) of them run at
// once in SIMD lanes, each with its own eta, reading x from `down` interleaved copies where
// those inputs are adjacent. The rare outputs whose float time lands on another offset (or just
// below a whole sample, where n is one less) run one at a time, with the same arithmetic.

// Table entries for one offset: win[i] = W(offset + i * step) and delta[i] = W(... + 1) - win[i]
// (0 past the end), W the (scaled) table: resampy's interp_win and interp_delta at the taps.
struct TableRow {
  std::vector<double> win, delta;
};

// Where resampy reads the table for output t.
struct Position {
  long n;
  long left_offset, right_offset;
  double left_eta, right_eta;
};

struct KaiserPlan {
  const KaiserSincFilter* filter;
  double i0_beta, ratio, scale, time_increment, per_crossing;
  long step, table_size, max_taps;
  long long up, down;             // to / gcd, from / gcd
  std::map<long, TableRow> rows;  // every phase's rows by offset; empty in table mode
  std::vector<double> table;      // W over the whole table, when there are too many phases

  KaiserPlan(const KaiserSincFilter& kaiser, int from_rate, int to_rate);
  double scaled(long index) const {
    const double v = table.empty() ? filter->value(index, i0_beta) : table[index];
    return ratio < 1.0 ? ratio * v : v;
  }
  TableRow make_row(long offset) const;
  Position position(long long t) const;
};

constexpr long long kMaxPhaseRows = 4096;  // more phases: compute the whole table once

KaiserPlan::KaiserPlan(const KaiserSincFilter& kaiser, int from_rate, int to_rate)
    : filter(&kaiser), i0_beta(bessel_i0(kaiser.beta)) {
  ratio = static_cast<double>(to_rate) / from_rate;
  scale = std::min(1.0, ratio);
  time_increment = 1.0 / ratio;
  per_crossing = kaiser.table_per_crossing;
  step = static_cast<long>(scale * kaiser.table_per_crossing);
  if (step < 1)  // resampy divides by zero there
    throw std::invalid_argument("cannot resample " + rates(from_rate, to_rate) + ": more than " +
                                std::to_string(kaiser.table_per_crossing) + " times down");
  table_size = kaiser.table_size();
  max_taps = table_size / step;
  const long long divisor = std::gcd(from_rate, to_rate);
  up = to_rate / divisor;
  down = from_rate / divisor;
  if (up > kMaxPhaseRows) {
    table.resize(table_size);
    for (long i = 0; i < table_size; ++i) table[i] = kaiser.value(i, i0_beta);
    return;
  }
  for (long long r = 0; r < up; ++r) {
    // the offsets of fraction r / up, as resampy computes them from its float time
    const double frac = scale * (static_cast<double>(r) / static_cast<double>(up));
    for (const double f : {frac, scale - frac}) {
      const long offset = static_cast<long>(f * per_crossing);
      if (!rows.count(offset)) rows[offset] = make_row(offset);
    }
  }
}

TableRow KaiserPlan::make_row(long offset) const {
  TableRow row;
  const long taps = (table_size - offset) / step;
  row.win.resize(taps);
  row.delta.resize(taps);
  for (long i = 0; i < taps; ++i) {
    const long index = offset + i * step;
    row.win[i] = scaled(index);
    row.delta[i] = index + 1 < table_size ? scaled(index + 1) - row.win[i] : 0.0;
  }
  return row;
}

Position KaiserPlan::position(long long t) const {
  Position p;
  const double time = static_cast<double>(t) * time_increment;
  p.n = static_cast<long>(time);
  const double frac = scale * (time - static_cast<double>(p.n));
  const double left = frac * per_crossing;
  p.left_offset = static_cast<long>(left);
  p.left_eta = left - static_cast<double>(p.left_offset);
  const double right = (scale - frac) * per_crossing;
  p.right_offset = static_cast<long>(right);
  p.right_eta = right - static_cast<double>(p.right_offset);
  return p;
}

// Rows by offset: the plan's, or made on first use (offsets no phase has, table mode).
class RowCache {
 public:
  explicit RowCache(const KaiserPlan& plan) : plan_(plan) {}
  const TableRow& operator()(long offset) {
    const auto found = plan_.rows.find(offset);
    if (found != plan_.rows.end()) return found->second;
    TableRow& row = extra_[offset];
    if (row.win.empty()) row = plan_.make_row(offset);
    return row;
  }

 private:
  const KaiserPlan& plan_;
  std::map<long, TableRow> extra_;
};

// The signal between zeros: x[j] at index j + front, 0 before and after, so every tap reads a
// value (resampy stops at the ends: adding 0 is the same).
struct PaddedSignal {
  const std::vector<float>& samples;
  long front;
  long size() const { return static_cast<long>(samples.size()) + 2 * front + 2; }
  double operator()(long q) const {
    const long j = q - front;
    return j >= 0 && j < static_cast<long>(samples.size()) ? samples[j] : 0.0;
  }
};

// resampy's sum for one output. No fused multiply-add: resampy (numba) rounds the product and
// the sum separately.
#if defined(__clang__)
#define CADENZA_NO_FMA
#else
#define CADENZA_NO_FMA __attribute__((optimize("fp-contract=off")))
#endif
template <typename Input>  // Input(q): the input at padded index q, as double
CADENZA_NO_FMA float resampy_output(const Input& input, long q, const Position& p,
                                    const TableRow& left, const TableRow& right) {
#if defined(__clang__)
#pragma clang fp contract(off)
#endif
  float sum = 0.0f;
  for (std::size_t i = 0; i < left.win.size(); ++i) {
    const double weight = left.win[i] + p.left_eta * left.delta[i];
    sum = static_cast<float>(static_cast<double>(sum) + weight * input(q - static_cast<long>(i)));
  }
  for (std::size_t k = 0; k < right.win.size(); ++k) {
    const double weight = right.win[k] + p.right_eta * right.delta[k];
    sum =
        static_cast<float>(static_cast<double>(sum) + weight * input(q + 1 + static_cast<long>(k)));
  }
  return sum;
}

// x split by input index mod `down`: values[m * length + j] = padded[m + j * down], in
// double, so the inputs of consecutive outputs of one phase (down apart) are adjacent.
struct Interleaved {
  std::vector<double> values;
  long length;
};

constexpr int kMaxLanes = 64;

Interleaved interleave(const PaddedSignal& x, long long down) {
  Interleaved out;
  out.length = static_cast<long>(x.size() / down) + kMaxLanes + 2;
  out.values.resize(static_cast<std::size_t>(out.length * down));
  double* to = out.values.data();
  for (long long m = 0; m < down; ++m)
    for (long j = 0; j < out.length; ++j) *to++ = x(static_cast<long>(m + j * down));
  return out;
}

// Walks the interleaved copies from input q (residue and place) one input down or up.
struct Cursor {
  long m, j;
  Cursor(long q, long long down) : m(static_cast<long>(q % down)), j(static_cast<long>(q / down)) {}
  void back(long long down) {
    if (m-- == 0) m = static_cast<long>(down) - 1, --j;
  }
  void forward(long long down) {
    if (++m == down) m = 0, ++j;
  }
};

// Outputs t0 + k * up (k < lanes) of one phase, at inputs n0 + k * down (q0 = front + n0),
// with their own etas and the rows of lane 0's offsets: resampy_output's arithmetic, 4 vectors
// of 4 lanes (AVX2) or 8 vectors of 8 lanes (AVX-512) at a time, to hide the latency of the
// sums' conversions.
__attribute__((target("avx2"))) CADENZA_NO_FMA void resampy_lanes_avx2(
    const Interleaved& x, long long down, long q0, const TableRow& left, const TableRow& right,
    const double* left_eta, const double* right_eta, float* out) {
  __m128 sum[4];
  __m256d eta[4];
  for (int v = 0; v < 4; ++v) sum[v] = _mm_setzero_ps(), eta[v] = _mm256_loadu_pd(left_eta + 4 * v);
  auto tap = [&](double win_value, double delta_value, const Cursor& at) {
    const __m256d win = _mm256_set1_pd(win_value), delta = _mm256_set1_pd(delta_value);
    const double* in = x.values.data() + at.m * x.length + at.j;
    for (int v = 0; v < 4; ++v) {
      const __m256d weight = _mm256_add_pd(win, _mm256_mul_pd(eta[v], delta));
      const __m256d product = _mm256_mul_pd(weight, _mm256_loadu_pd(in + 4 * v));
      sum[v] = _mm256_cvtpd_ps(_mm256_add_pd(_mm256_cvtps_pd(sum[v]), product));
    }
  };
  Cursor at(q0, down);
  for (std::size_t i = 0; i < left.win.size(); ++i, at.back(down))
    tap(left.win[i], left.delta[i], at);
  for (int v = 0; v < 4; ++v) eta[v] = _mm256_loadu_pd(right_eta + 4 * v);
  at = Cursor(q0 + 1, down);
  for (std::size_t k = 0; k < right.win.size(); ++k, at.forward(down))
    tap(right.win[k], right.delta[k], at);
  for (int v = 0; v < 4; ++v) _mm_storeu_ps(out + 4 * v, sum[v]);
}

// GCC 12 warns about the undefined upper halves inside its own AVX-512 conversion intrinsics.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
__attribute__((target("avx512f"))) CADENZA_NO_FMA void resampy_lanes_avx512(
    const Interleaved& x, long long down, long q0, const TableRow& left, const TableRow& right,
    const double* left_eta, const double* right_eta, float* out) {
  __m256 sum[8];
  __m512d eta[8];
  for (int v = 0; v < 8; ++v)
    sum[v] = _mm256_setzero_ps(), eta[v] = _mm512_loadu_pd(left_eta + 8 * v);
  auto tap = [&](double win_value, double delta_value, const Cursor& at) {
    const __m512d win = _mm512_set1_pd(win_value), delta = _mm512_set1_pd(delta_value);
    const double* in = x.values.data() + at.m * x.length + at.j;
    for (int v = 0; v < 8; ++v) {
      const __m512d weight = _mm512_add_pd(win, _mm512_mul_pd(eta[v], delta));
      const __m512d product = _mm512_mul_pd(weight, _mm512_loadu_pd(in + 8 * v));
      sum[v] = _mm512_cvtpd_ps(_mm512_add_pd(_mm512_cvtps_pd(sum[v]), product));
    }
  };
  Cursor at(q0, down);
  for (std::size_t i = 0; i < left.win.size(); ++i, at.back(down))
    tap(left.win[i], left.delta[i], at);
  for (int v = 0; v < 8; ++v) eta[v] = _mm512_loadu_pd(right_eta + 8 * v);
  at = Cursor(q0 + 1, down);
  for (std::size_t k = 0; k < right.win.size(); ++k, at.forward(down))
    tap(right.win[k], right.delta[k], at);
  for (int v = 0; v < 8; ++v) _mm256_storeu_ps(out + 8 * v, sum[v]);
}

#pragma GCC diagnostic pop

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
  // resampy's own length, int(n * to / from); librosa then pads or cuts it to `length`.
  const long long produced =
      static_cast<long long>(static_cast<double>(samples.size()) * static_cast<double>(to_rate) /
                             static_cast<double>(from_rate));
  if (produced < 1)
    throw std::invalid_argument("input signal length=" + std::to_string(samples.size()) +
                                " is too small to resample " + rates(from_rate, to_rate));
  const PaddedSignal x{samples, plan->max_taps + 1};

  std::vector<float> out(length, 0.0f);
  const long long computed = std::min<long long>(produced, static_cast<long long>(length));
  RowCache rows(*plan);
  auto one = [&](long long t, const auto& input) {
    const Position p = plan->position(t);
    out[t] = resampy_output(input, x.front + p.n, p, rows(p.left_offset), rows(p.right_offset));
  };
  static const int simd_lanes = __builtin_cpu_supports("avx512f") ? 64
                                : __builtin_cpu_supports("avx2")  ? 16
                                                                  : 0;
  const auto lanes_function = simd_lanes == 64 ? resampy_lanes_avx512 : resampy_lanes_avx2;
  const long long up = plan->up, down = plan->down;
  if (simd_lanes == 0 || computed / up < 2) {  // one output per phase: nothing to share
    for (long long t = 0; t < computed; ++t) one(t, x);
    return out;
  }
  const Interleaved lanes = interleave(x, down);
  const auto from_lanes = [&](long q) {
    return lanes.values[(q % down) * lanes.length + q / down];
  };
  double left_eta[kMaxLanes], right_eta[kMaxLanes];
  float sums[kMaxLanes];
  bool odd[kMaxLanes];
  // Time blocks outer, phases inner: the phases of one block read the same stretch of x.
  for (long long k = 0; k * up < computed; k += simd_lanes) {
    for (long long r = 0; r < up && r + k * up < computed; ++r) {
      const Position first = plan->position(r + k * up);
      int used = 0;  // lanes with an output (fewer at the end)
      for (int lane = 0; lane < simd_lanes; ++lane) {
        const long long t = r + (k + lane) * up;
        left_eta[lane] = right_eta[lane] = 0.0;
        odd[lane] = false;
        if (t >= computed) continue;
        const Position p = plan->position(t);
        left_eta[lane] = p.left_eta;
        right_eta[lane] = p.right_eta;
        odd[lane] = p.n != first.n + lane * down || p.left_offset != first.left_offset ||
                    p.right_offset != first.right_offset;
        used = lane + 1;
      }
      lanes_function(lanes, down, x.front + first.n, rows(first.left_offset),
                     rows(first.right_offset), left_eta, right_eta, sums);
      for (int lane = 0; lane < used; ++lane) {
        if (odd[lane])
          one(r + (k + lane) * up, from_lanes);
        else
          out[r + (k + lane) * up] = sums[lane];
      }
    }
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
