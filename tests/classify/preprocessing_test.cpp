#include <gtest/gtest.h>

#include "classify/min_max_scaler.h"
#include "classify/pca.h"

namespace cadenza::classify {
namespace {

TEST(MinMaxScaler, ScalesColumnsToUnitRangeAndKeepsConstantColumns) {
  Matrix x(3, 2);
  x << 1, 5, 3, 5, 2, 5;
  MinMaxScaler scaler;
  scaler.fit(x);
  const Matrix z = scaler.transform(x);
  EXPECT_DOUBLE_EQ(z(0, 0), 0.0);
  EXPECT_DOUBLE_EQ(z(1, 0), 1.0);
  EXPECT_DOUBLE_EQ(z(2, 0), 0.5);
  // Constant column: scale 1, offset -min (scikit-learn's _handle_zeros_in_scale).
  EXPECT_DOUBLE_EQ(z(0, 1), 0.0);
  EXPECT_DOUBLE_EQ(scaler.scale()(1), 1.0);
}

// scikit-learn 1.2.1: PCA().fit(X).components_ and .transform([[1, 2]]).
TEST(Pca, MatchesScikitLearnIncludingSigns) {
  Matrix x(6, 2);
  x << 0, 1, 1, 1, 2, 3, 5, 5, 6, 5, 7, 8;
  Pca pca;
  pca.fit(x);
  Matrix expected(2, 2);
  expected << 0.7287325026774627, 0.6847984663690783, 0.6847984663690783, -0.7287325026774627;
  EXPECT_LT((pca.components() - expected).cwiseAbs().maxCoeff(), 1e-12);
  Matrix q(1, 2);
  q << 1, 2;
  const Matrix t = pca.transform(q);
  EXPECT_NEAR(t(0, 0), -3.0772951117036333, 1e-12);
  EXPECT_NEAR(t(0, 1), -0.37598657768068056, 1e-12);
}

TEST(Pca, WithAllComponentsKeepsDistances) {
  Matrix x(5, 3);
  x << 1, 2, 0, 3, 1, 4, 0, 0, 1, 2, 5, 2, 4, 4, 4;
  Pca pca;
  pca.fit(x);
  const Matrix z = pca.transform(x);
  for (int a = 0; a < 5; ++a)
    for (int b = 0; b < 5; ++b)
      EXPECT_NEAR((z.row(a) - z.row(b)).norm(), (x.row(a) - x.row(b)).norm(), 1e-12);
}

}  // namespace
}  // namespace cadenza::classify
