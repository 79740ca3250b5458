// Real figures on the shared GTZAN features: the deterministic models must reproduce
// scikit-learn 1.2.1 exactly on the fixed split (shared/data/gtzan/SOURCES.md). Scaler and PCA
// are fitted on all rows, as the reference figures were.
#include <gtest/gtest.h>

#include "classify/training.h"
#include "support/shared_data.h"

namespace cadenza::classify {
namespace {

double accuracy_on_30s_split(const std::string& kind) {
  const auto dir = cadenza::testing::shared_data_dir() / "gtzan";
  const FeatureTable table = read_feature_csv(dir / "features_30_sec.csv");
  TrainOptions options;
  options.kind = kind;
  options.protocol =
      parse_protocol("split:" + (dir / "splits/features_30_sec.paper.test.txt").string());
  options.preprocess_fit = PreprocessFit::all_rows;
  const TrainSummary result = train_and_evaluate(table, options);
  EXPECT_EQ(result.split.test.size(), 200u);
  return result.evaluation.accuracy;
}

TEST(GtzanFigures, KnnEqualsScikitLearn) {
  CADENZA_REQUIRE_SHARED_DATA("gtzan/features_30_sec.csv");
  EXPECT_DOUBLE_EQ(accuracy_on_30s_split("knn"), 0.720);
}

TEST(GtzanFigures, SvmEqualsScikitLearn) {
  CADENZA_REQUIRE_SHARED_DATA("gtzan/features_30_sec.csv");
  EXPECT_DOUBLE_EQ(accuracy_on_30s_split("svm"), 0.750);
}

TEST(GtzanFigures, NaiveBayesAndLogisticRegressionEqualScikitLearn) {
  CADENZA_REQUIRE_SHARED_DATA("gtzan/features_30_sec.csv");
  EXPECT_DOUBLE_EQ(accuracy_on_30s_split("nb"), 0.560);
  EXPECT_DOUBLE_EQ(accuracy_on_30s_split("logreg"), 0.660);
}

}  // namespace
}  // namespace cadenza::classify
