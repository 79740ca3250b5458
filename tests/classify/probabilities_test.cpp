#include "classify/probabilities.h"

#include <gtest/gtest.h>

#include <cmath>

namespace cadenza::classify {
namespace {

TEST(Softmax, MatchesHandComputedValues) {
  Matrix scores(2, 3);
  scores << 1.0, 2.0, 3.0,  //
      1000.0, 1000.0, 1000.0;
  const Matrix p = softmax_rows(scores);
  const double z = std::exp(1.0) + std::exp(2.0) + std::exp(3.0);
  EXPECT_NEAR(p(0, 0), std::exp(1.0) / z, 1e-15);
  EXPECT_NEAR(p(0, 1), std::exp(2.0) / z, 1e-15);
  EXPECT_NEAR(p(0, 2), std::exp(3.0) / z, 1e-15);
  // 0.09003057, 0.24472847, 0.66524096 (a well-known triple)
  EXPECT_NEAR(p(0, 2), 0.66524096, 1e-8);
  // Large equal scores do not overflow.
  for (int c = 0; c < 3; ++c) EXPECT_NEAR(p(1, c), 1.0 / 3.0, 1e-15);
}

TEST(Softmax, AppliedTwiceFlattensTheTable) {
  Matrix scores(1, 3);
  scores << 1.0, 2.0, 3.0;
  const Matrix once = softmax_rows(scores);
  const Matrix twice = softmax_rows(once);
  // The paper's notebook: softmax of probabilities squeezes them towards 1/3.
  EXPECT_LT(twice(0, 2), once(0, 2));
  EXPECT_NEAR(twice(0, 2), std::exp(once(0, 2)) / once.array().exp().sum(), 1e-15);
  // Hand-computed: softmax(0.0900306, 0.2447285, 0.6652410) = (0.2535, 0.2959, 0.4506).
  EXPECT_NEAR(twice(0, 0), 0.25349765, 1e-7);
  EXPECT_NEAR(twice(0, 2), 0.45059320, 1e-7);
}

TEST(Average, IsTheColumnMeanOfWindowProbabilities) {
  Matrix p(3, 2);
  p << 0.9, 0.1,  //
      0.5, 0.5,   //
      0.2, 0.8;
  const Vector mean = average_rows(p);
  EXPECT_NEAR(mean(0), (0.9 + 0.5 + 0.2) / 3, 1e-15);
  EXPECT_NEAR(mean(1), (0.1 + 0.5 + 0.8) / 3, 1e-15);
  EXPECT_THROW(average_rows(Matrix(0, 2)), std::invalid_argument);
}

TEST(Ranked, SortsByProbabilityKeepingLabelOrderOnTies) {
  Vector p(4);
  p << 0.1, 0.4, 0.1, 0.4;
  const auto r = ranked(p, {"a", "b", "c", "d"});
  ASSERT_EQ(r.size(), 4u);
  EXPECT_EQ(r[0].first, "b");
  EXPECT_EQ(r[1].first, "d");
  EXPECT_EQ(r[2].first, "a");
  EXPECT_EQ(r[3].first, "c");
}

}  // namespace
}  // namespace cadenza::classify
