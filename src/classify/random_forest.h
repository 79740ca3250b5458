#pragma once
// A random forest of CART trees as scikit-learn's RandomForestClassifier grows them: bootstrap
// samples (as integer weights), Gini impurity, floor(sqrt(features)) candidate features per
// node (constant ones do not count, as in sklearn), thresholds at midpoints, trees grown until
// pure, probabilities = mean of the leaves' class fractions. Tree t draws from its own
// generator seeded with (seed, t), so results do not depend on the thread count.
#include <cstdint>

#include "classify/model.h"

namespace cadenza::classify {

struct DecisionTree {
  // Node i: feature[i] < 0 marks a leaf whose class fractions are leaf_value.row(leaf[i]).
  std::vector<int> feature, left, right, leaf;
  std::vector<double> threshold;
  Matrix leaf_value;
  int find_leaf(const double* row) const;
};

class RandomForest final : public Model {
 public:
  explicit RandomForest(int trees = 200, std::uint64_t seed = 42, unsigned threads = 0)
      : n_trees_(trees), seed_(seed), threads_(threads) {}
  std::string kind() const override { return "rf"; }
  void fit(const Matrix& x, const Labels& y, int n_classes) override;
  Matrix predict_proba(const Matrix& x) const override;
  void save(ArchiveWriter& out) const override;
  void load(ArchiveReader& in) override;
  const std::vector<DecisionTree>& trees() const { return trees_; }

 private:
  int n_trees_;
  Eigen::Index n_features_ = 0;
  std::uint64_t seed_;
  unsigned threads_;
  std::vector<DecisionTree> trees_;
};

// Grows one tree on rows weighted by `weight` (0 = not in the bootstrap sample).
DecisionTree grow_tree(const Matrix& x, const Labels& y, int n_classes,
                       const std::vector<double>& weight, int max_features, std::uint64_t seed);

}  // namespace cadenza::classify
