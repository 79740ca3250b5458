#pragma once
// k nearest neighbours, Euclidean, uniform weights (scikit-learn's KNeighborsClassifier
// defaults; brute force, which sklearn's "auto" picks for more than 15 features). Among equal
// distances the earlier training row wins; probabilities are neighbour fractions.
#include "classify/model.h"

namespace cadenza::classify {

class Knn final : public Model {
 public:
  explicit Knn(int k = 1) : k_(k) {}
  std::string kind() const override { return "knn"; }
  void fit(const Matrix& x, const Labels& y, int n_classes) override;
  Matrix predict_proba(const Matrix& x) const override;
  void save(ArchiveWriter& out) const override;
  void load(ArchiveReader& in) override;

 private:
  int k_;
  Matrix train_x_;  // features x rows: one contiguous column per training row
  Labels train_y_;
};

}  // namespace cadenza::classify
