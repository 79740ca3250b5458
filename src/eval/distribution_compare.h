#pragma once
// How far apart two sets of values of one measure are (real pieces vs generated ones): their
// medians and 10-90 % ranges, and the overlapping area of their densities as MGEval
// (Yang & Lerch 2018, mgeval/utils.py overlap_area) and FIGARO compute it.
#include <cstddef>
#include <vector>

namespace cadenza::eval {

struct Spread {
  std::size_t count = 0;                // values that are numbers (NaN left out)
  double median = 0, p10 = 0, p90 = 0;  // NaN when count is 0
};

// NaN values are left out. Percentiles as numpy.percentile's default (linear between the
// closest ranks: position q * (n - 1) of the sorted values).
Spread spread(std::vector<double> values);
double percentile(const std::vector<double>& sorted, double q);  // q in [0, 1]

// scipy.stats.gaussian_kde of one-dimensional data with its default bandwidth, Scott's rule:
// kernel variance = sample variance (ddof 1) * n^(-2/5).
class GaussianKde {
 public:
  // Needs at least two values that are not all equal (scipy fails on a singular covariance);
  // throws std::invalid_argument otherwise.
  explicit GaussianKde(std::vector<double> values);
  double operator()(double x) const;
  double bandwidth() const { return sigma_; }  // the kernel's standard deviation

 private:
  std::vector<double> values_;
  double sigma_ = 0, norm_ = 0;
};

// MGEval's overlap_area(A, B): the integral of min(kde_A(x), kde_B(x)) from the smallest to the
// largest value of A and B together (scipy.integrate.quad there; adaptive Gauss-Kronrod here,
// to 1e-10). NaN values are left out. A set of fewer than two values, or of one value repeated,
// has no KDE (MGEval fails on it) and counts as a point mass: the area is 1 when both sets are
// the same single value, 0 when only one of them is (or they are two different values), and NaN
// when a set is empty.
double overlapping_area(const std::vector<double>& a, const std::vector<double>& b);

}  // namespace cadenza::eval
