// Every model on data with known answers, and save/load giving identical predictions.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "classify/knn.h"
#include "classify/logistic_regression.h"
#include "classify/mlp.h"
#include "classify/model_factory.h"
#include "classify/naive_bayes.h"
#include "classify/random_forest.h"
#include "classify/stacking.h"
#include "classify/svm.h"
#include "test_data.h"

namespace cadenza::classify {
namespace {

using testing::blobs;

double accuracy(const Labels& a, const Labels& b) {
  int same = 0;
  for (std::size_t i = 0; i < a.size(); ++i) same += a[i] == b[i];
  return static_cast<double>(same) / static_cast<double>(a.size());
}

ModelOptions small_options() {
  ModelOptions options;
  options.forest_trees = 20;
  options.xgb_rounds = 20;
  options.mlp_epochs = 30;
  options.mlp_batch = 16;
  options.svm_gamma = 0.5;
  options.threads = 1;
  return options;
}

class EveryModel : public ::testing::TestWithParam<std::string> {};

TEST_P(EveryModel, SeparatesBlobsAndSavesLosslessly) {
  if (GetParam() == "mlp" && !mlp_available()) GTEST_SKIP() << "built without libtorch";
  Matrix train_x, test_x;
  Labels train_y, test_y;
  blobs(20, 1, train_x, train_y);
  blobs(10, 2, test_x, test_y);
  auto model = make_model(GetParam(), small_options());
  EXPECT_EQ(model->kind(), GetParam());
  model->fit(train_x, train_y, 3);
  const Labels predicted = model->predict(test_x);
  EXPECT_EQ(accuracy(predicted, test_y), 1.0) << GetParam();
  const Matrix proba = model->predict_proba(test_x);
  ASSERT_EQ(proba.rows(), test_x.rows());
  ASSERT_EQ(proba.cols(), 3);
  for (Eigen::Index r = 0; r < proba.rows(); ++r) {
    EXPECT_NEAR(proba.row(r).sum(), 1.0, 1e-6);
    EXPECT_GE(proba.row(r).minCoeff(), 0.0);
  }

  std::stringstream buffer;
  ArchiveWriter writer(buffer);
  model->save(writer);
  auto loaded = make_model(GetParam(), small_options());
  ArchiveReader reader(buffer, "memory");
  loaded->load(reader);
  EXPECT_EQ(loaded->predict(test_x), predicted);
  EXPECT_EQ((loaded->predict_proba(test_x) - proba).cwiseAbs().maxCoeff(), 0.0) << GetParam();
}

INSTANTIATE_TEST_SUITE_P(Classify, EveryModel, ::testing::ValuesIn(model_kinds()),
                         [](const auto& info) { return info.param; });

TEST(Knn, NearestNeighbourAndFractions) {
  Matrix x(4, 1);
  x << 0, 1, 10, 11;
  Knn one(1);
  one.fit(x, {0, 0, 1, 1}, 2);
  Matrix q(2, 1);
  q << 4, 7;
  EXPECT_EQ(one.predict(q), (Labels{0, 1}));
  Knn three(3);
  three.fit(x, {0, 0, 1, 1}, 2);
  const Matrix p = three.predict_proba(q);
  EXPECT_NEAR(p(0, 0), 2.0 / 3.0, 1e-15);
  EXPECT_NEAR(p(1, 1), 2.0 / 3.0, 1e-15);
  EXPECT_THROW(Knn(5).fit(x, {0, 0, 1, 1}, 2), std::invalid_argument);
}

// Reference values from scikit-learn 1.2.1 (GaussianNB, LogisticRegression, SVC, see
// docs/classify.md); two-class and three-class data sets.
TEST(NaiveBayes, MatchesScikitLearn) {
  Matrix x(6, 2);
  x << 0, 1, 1, 1, 2, 3, 5, 5, 6, 5, 7, 8;
  NaiveBayes nb;
  nb.fit(x, {0, 0, 0, 1, 1, 1}, 2);
  Matrix q(2, 2);
  q << 3, 3, 4, 4;
  const Matrix p = nb.predict_proba(q);
  EXPECT_NEAR(p(0, 0), 0.9955281226652717, 1e-12);
  EXPECT_NEAR(p(1, 1), 0.9955351056490563, 1e-12);
}

TEST(LogisticRegression, MatchesScikitLearn) {
  Matrix x(6, 2);
  x << 0, 1, 1, 1, 2, 3, 5, 5, 6, 5, 7, 8;
  LogisticRegression binary;
  binary.fit(x, {0, 0, 0, 1, 1, 1}, 2);
  Matrix q(1, 2);
  q << 3, 3;
  EXPECT_NEAR(binary.predict_proba(q)(0, 0), 0.6925848110041213, 1e-4);

  Matrix x3(9, 2);
  x3 << 0, 0, 1, 0, 0, 1, 5, 5, 6, 5, 5, 6, 0, 5, 1, 6, 0, 6;
  LogisticRegression three;
  three.fit(x3, {0, 0, 0, 1, 1, 1, 2, 2, 2}, 3);
  Matrix q3(1, 2);
  q3 << 2, 2;
  const Matrix p = three.predict_proba(q3);
  EXPECT_NEAR(p(0, 0), 0.7304958771977914, 1e-4);
  EXPECT_NEAR(p(0, 1), 0.1646259352507295, 1e-4);
  EXPECT_NEAR(p(0, 2), 0.10487818755147907, 1e-4);
  EXPECT_TRUE(three.converged());
}

TEST(Svm, DecisionFunctionMatchesScikitLearn) {
  Matrix x3(9, 2);
  x3 << 0, 0, 1, 0, 0, 1, 5, 5, 6, 5, 5, 6, 0, 5, 1, 6, 0, 6;
  Svm svm;  // C=100, gamma=1 as the paper
  svm.fit(x3, {0, 0, 0, 1, 1, 1, 2, 2, 2}, 3);
  Matrix q(2, 2);
  q << 2, 2, 4, 4;
  const Matrix d = svm.decision_function(q);
  const double expected[2][3] = {{2.006540128652138, -0.003303283535317908, 0.9966983593059318},
                                 {-0.022500264257137054, 2.0421537459130055, 0.9775011996432776}};
  for (int r = 0; r < 2; ++r)
    for (int c = 0; c < 3; ++c) EXPECT_NEAR(d(r, c), expected[r][c], 1e-3);
  EXPECT_EQ(svm.predict(q), (Labels{0, 1}));
}

TEST(RandomForest, IsDeterministicAndIndependentOfThreads) {
  Matrix x, q;
  Labels y, qy;
  blobs(15, 3, x, y);
  blobs(5, 4, q, qy);
  RandomForest one(10, 7, 1), two(10, 7, 2), other(10, 8, 1);
  one.fit(x, y, 3);
  two.fit(x, y, 3);
  other.fit(x, y, 3);
  EXPECT_EQ((one.predict_proba(q) - two.predict_proba(q)).cwiseAbs().maxCoeff(), 0.0);
  EXPECT_EQ(one.trees().size(), 10u);
  // Leaves of fully grown trees on separable data are pure.
  for (const auto& tree : one.trees())
    for (Eigen::Index l = 0; l < tree.leaf_value.rows(); ++l)
      EXPECT_DOUBLE_EQ(tree.leaf_value.row(l).maxCoeff(), 1.0);
  bool differs = false;
  for (std::size_t t = 0; t < 10; ++t)
    differs |= one.trees()[t].threshold != other.trees()[t].threshold;
  EXPECT_TRUE(differs) << "another seed should grow other trees";
}

TEST(RandomForest, SplitsAtTheMidpoint) {
  Matrix x(4, 1);
  x << 1, 2, 4, 8;
  const std::vector<double> weight{1, 1, 1, 1};
  const DecisionTree tree = grow_tree(x, {0, 0, 1, 1}, 2, weight, 1, 1);
  ASSERT_EQ(tree.feature.size(), 3u);
  EXPECT_EQ(tree.feature[0], 0);
  EXPECT_DOUBLE_EQ(tree.threshold[0], 3.0);
}

TEST(Stacking, FoldsMatchScikitLearnsStratifiedKFold) {
  const Labels y{2, 0, 1, 0, 2, 2, 1, 0, 0, 1, 2, 2, 0, 1, 1, 0, 2, 0, 1, 2, 0, 0};
  const std::vector<int> expected{0, 0, 0, 0, 0, 1, 1, 1, 2, 1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4};
  EXPECT_EQ(stratified_kfold(y, 5), expected);
}

TEST(Stacking, NeedsFiveRowsPerClass) {
  Matrix x, q;
  Labels y;
  blobs(4, 1, x, y);
  EXPECT_THROW(make_model("stacking", small_options())->fit(x, y, 3), std::invalid_argument);
}

TEST(Factory, RejectsUnknownKinds) {
  try {
    make_model("cnn", {});
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("unknown model kind 'cnn'"), std::string::npos);
  }
}

}  // namespace
}  // namespace cadenza::classify
