#include "eval/distribution_compare.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace cadenza::eval {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kPi = 3.14159265358979323846;

std::vector<double> numbers(const std::vector<double>& values) {
  std::vector<double> out;
  for (double v : values)
    if (!std::isnan(v)) out.push_back(v);
  return out;
}

bool all_equal(const std::vector<double>& values) {
  return std::adjacent_find(values.begin(), values.end(), std::not_equal_to<>()) == values.end();
}

// 7-point Gauss and 15-point Kronrod nodes and weights on [-1, 1] (QUADPACK's qk15).
constexpr double kXgk[8] = {
    0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
    0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
    0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
    0.207784955007898467600689403773245, 0.000000000000000000000000000000000};
constexpr double kWgk[8] = {
    0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
    0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
    0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
    0.204432940075298892414161999234649, 0.209482141084727828012999174891714};
constexpr double kWg[4] = {0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
                           0.381830050505118944950369775488975,
                           0.417959183673469387755102040816327};

struct Estimate {
  double value, error;
};

Estimate kronrod15(const std::function<double(double)>& f, double a, double b) {
  const double center = 0.5 * (a + b), half = 0.5 * (b - a);
  const double fc = f(center);
  double kronrod = fc * kWgk[7], gauss = fc * kWg[3];
  for (int j = 0; j < 7; ++j) {
    const double dx = half * kXgk[j];
    const double sum = f(center - dx) + f(center + dx);
    kronrod += kWgk[j] * sum;
    if (j % 2 == 1) gauss += kWg[j / 2] * sum;
  }
  return {kronrod * half, std::abs((kronrod - gauss) * half)};
}

double adaptive(const std::function<double(double)>& f, double a, double b, double tolerance,
                int depth) {
  const Estimate whole = kronrod15(f, a, b);
  if (whole.error <= tolerance || depth >= 30) return whole.value;
  const double middle = 0.5 * (a + b);
  return adaptive(f, a, middle, tolerance / 2, depth + 1) +
         adaptive(f, middle, b, tolerance / 2, depth + 1);
}

}  // namespace

double percentile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return kNaN;
  const double position = q * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  const double fraction = position - static_cast<double>(below);
  return sorted[below] + (sorted[above] - sorted[below]) * fraction;
}

Spread spread(std::vector<double> values) {
  values = numbers(values);
  std::sort(values.begin(), values.end());
  Spread s;
  s.count = values.size();
  s.median = percentile(values, 0.5);
  s.p10 = percentile(values, 0.1);
  s.p90 = percentile(values, 0.9);
  return s;
}

GaussianKde::GaussianKde(std::vector<double> values) : values_(std::move(values)) {
  const auto n = static_cast<double>(values_.size());
  if (values_.size() < 2 || all_equal(values_))
    throw std::invalid_argument("a kernel density needs two or more values that differ");
  const double mean = std::accumulate(values_.begin(), values_.end(), 0.0) / n;
  double squares = 0;
  for (double v : values_) squares += (v - mean) * (v - mean);
  const double variance = squares / (n - 1);
  const double scott = std::pow(n, -1.0 / 5.0);  // scipy's scotts_factor for d = 1
  sigma_ = std::sqrt(variance) * scott;
  norm_ = 1.0 / (n * sigma_ * std::sqrt(2 * kPi));
}

double GaussianKde::operator()(double x) const {
  double sum = 0;
  for (double v : values_) {
    const double z = (x - v) / sigma_;
    sum += std::exp(-0.5 * z * z);
  }
  return sum * norm_;
}

double overlapping_area(const std::vector<double>& a_in, const std::vector<double>& b_in) {
  const std::vector<double> a = numbers(a_in), b = numbers(b_in);
  if (a.empty() || b.empty()) return kNaN;
  const bool a_point = all_equal(a), b_point = all_equal(b);
  if (a_point && b_point) return a.front() == b.front() ? 1.0 : 0.0;
  // A single value is a point mass: the minimum of it and a density integrates to 0.
  if (a_point || b_point) return 0.0;
  const GaussianKde pdf_a(a), pdf_b(b);
  const double lower =
      std::min(*std::min_element(a.begin(), a.end()), *std::min_element(b.begin(), b.end()));
  const double upper =
      std::max(*std::max_element(a.begin(), a.end()), *std::max_element(b.begin(), b.end()));
  const auto minimum = [&](double x) { return std::min(pdf_a(x), pdf_b(x)); };
  // Pieces no wider than the narrower kernel, so that no peak falls between the nodes.
  const double width = std::min(pdf_a.bandwidth(), pdf_b.bandwidth());
  const int pieces = static_cast<int>(std::clamp(std::ceil((upper - lower) / width), 1.0, 4096.0));
  double area = 0;
  for (int i = 0; i < pieces; ++i) {
    const double from = lower + (upper - lower) * i / pieces;
    const double to = lower + (upper - lower) * (i + 1) / pieces;
    area += adaptive(minimum, from, to, 1e-12, 0);
  }
  return area;
}

}  // namespace cadenza::eval
