#include "eval/distribution_compare.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

namespace cadenza::eval {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The expected values come from Debian's python3-scipy 1.10 (/usr/bin/python3):
//   import numpy as np; from scipy import stats, integrate
//   def oa(A, B):  # MGEval's overlap_area, integrated more tightly than quad's default
//       pa, pb = stats.gaussian_kde(A), stats.gaussian_kde(B)
//       return integrate.quad(lambda x: min(pa(x)[0], pb(x)[0]),
//                             min(np.min(A), np.min(B)), max(np.max(A), np.max(B)),
//                             epsabs=1e-13, epsrel=1e-13, limit=500)[0]
const std::vector<double> kA = {0.1, 0.4, 0.35, 0.8, 0.55, 0.6};
const std::vector<double> kB = {0.3, 0.9, 0.75, 0.65, 1.1};

TEST(DistributionCompare, PercentilesAsNumpy) {
  // np.percentile([1, 2, 3, 4, 10], [10, 50, 90]) -> [1.4, 3.0, 7.6]
  const Spread s = spread({10, kNaN, 2, 1, 4, 3});
  EXPECT_EQ(s.count, 5u);
  EXPECT_DOUBLE_EQ(s.p10, 1.4);
  EXPECT_DOUBLE_EQ(s.median, 3.0);
  EXPECT_DOUBLE_EQ(s.p90, 7.6);
  const Spread one = spread({5});
  EXPECT_EQ(one.median, 5);
  EXPECT_EQ(one.p10, 5);
  EXPECT_TRUE(std::isnan(spread({kNaN}).median));
}

TEST(DistributionCompare, KdeAsScipyWithScottsRule) {
  // k = stats.gaussian_kde(A); k(0.5), k(0.0), np.sqrt(k.covariance[0, 0])
  const GaussianKde kde(kA);
  EXPECT_NEAR(kde(0.5), 1.4115467688992274, 1e-12);
  EXPECT_NEAR(kde(0.0), 0.40241781662106163, 1e-12);
  EXPECT_NEAR(kde.bandwidth(), 0.1678155397591768, 1e-12);
  EXPECT_THROW(GaussianKde({1.0}), std::invalid_argument);
  EXPECT_THROW(GaussianKde({2.0, 2.0, 2.0}), std::invalid_argument);
}

TEST(DistributionCompare, OverlappingAreaAsMgeval) {
  EXPECT_NEAR(overlapping_area(kA, kB), 0.598826140973228, 1e-8);  // oa(A, B)
  EXPECT_NEAR(overlapping_area(kB, kA), 0.598826140973228, 1e-8);
  // oa(range(1, 11), range(3, 15))
  EXPECT_NEAR(
      overlapping_area({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, {3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14}),
      0.6850615449473294, 1e-8);
  // Far apart: oa([2, 2.5, 3], [10, 11, 12.5])
  EXPECT_NEAR(overlapping_area({2, 2.5, 3}, {10, 11, 12.5}), 2.1408360511099763e-07, 1e-10);
  // A set against itself is below 1: MGEval integrates only between the smallest and the
  // largest value, and the kernels reach past them. oa(A, A)
  EXPECT_NEAR(overlapping_area(kA, kA), 0.7821237120307685, 1e-8);
}

TEST(DistributionCompare, DegenerateSets) {
  EXPECT_EQ(overlapping_area({1, 1, 1}, {1}), 1.0);
  EXPECT_EQ(overlapping_area({1, 1}, {2, 2}), 0.0);
  EXPECT_EQ(overlapping_area({1, 1}, kA), 0.0);
  EXPECT_TRUE(std::isnan(overlapping_area({}, kA)));
  EXPECT_TRUE(std::isnan(overlapping_area({kNaN}, kA)));
  // NaN values are left out.
  std::vector<double> with_nan = kA;
  with_nan.push_back(kNaN);
  EXPECT_NEAR(overlapping_area(with_nan, kB), 0.598826140973228, 1e-8);
}

}  // namespace
}  // namespace cadenza::eval
