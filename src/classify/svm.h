#pragma once
// C-support vector classification with an RBF kernel, trained by libsvm (the library
// scikit-learn's SVC wraps) with SVC's defaults: tol 1e-3, shrinking, 200 MB cache, no Platt
// scaling. Classes are handed to libsvm in ascending order, as scikit-learn's fork does, so the
// one-vs-one pairs and the voting tie-break (first class wins) match SVC.predict.
// predict_proba has no calibrated probabilities (SVC(probability=False) has none either): it
// is the softmax of SVC's one-vs-rest decision function (votes plus scaled confidences).
#include "classify/model.h"
#include "classify/model_options.h"

namespace cadenza::classify {

class Svm final : public Model {
 public:
  explicit Svm(const ModelOptions& options = {});
  std::string kind() const override { return "svm"; }
  void fit(const Matrix& x, const Labels& y, int n_classes) override;
  Matrix predict_proba(const Matrix& x) const override;
  Labels predict(const Matrix& x) const override;
  Matrix stacking_features(const Matrix& x) const override { return decision_function(x); }
  void save(ArchiveWriter& out) const override;
  void load(ArchiveReader& in) override;

  // rows x (n_classes * (n_classes - 1) / 2): libsvm's pairwise decision values, pair (i, j)
  // positive when it votes for i.
  Matrix pairwise_decision(const Matrix& x) const;
  // scikit-learn's decision_function_shape="ovr" transform of the pairwise values.
  Matrix decision_function(const Matrix& x) const;

 private:
  double c_, gamma_, tol_, cache_mb_;
  Matrix support_;          // l x features
  Matrix coef_;             // (n_classes - 1) x l
  Vector rho_;              // one per pair
  std::vector<int> start_;  // first support vector of each class, n_classes + 1 entries
};

}  // namespace cadenza::classify
