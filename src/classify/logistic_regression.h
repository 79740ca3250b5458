#pragma once
// Multinomial logistic regression as scikit-learn's LogisticRegression() fits it: L2 penalty
// 1/(2C) |W|^2 on the weights (not the intercepts), summed cross-entropy, L-BFGS from zero with
// at most 100 iterations and gradient tolerance 1e-4.
#include "classify/model.h"
#include "classify/model_options.h"

namespace cadenza::classify {

class LogisticRegression final : public Model {
 public:
  explicit LogisticRegression(const ModelOptions& options = {});
  std::string kind() const override { return "logreg"; }
  void fit(const Matrix& x, const Labels& y, int n_classes) override;
  Matrix predict_proba(const Matrix& x) const override;
  void save(ArchiveWriter& out) const override;
  void load(ArchiveReader& in) override;

  // x W^T + b: one score per class.
  Matrix decision_function(const Matrix& x) const;
  int iterations() const { return iterations_; }
  bool converged() const { return converged_; }

 private:
  double c_, tol_;
  int max_iter_;
  Matrix weights_;  // n_classes x features
  Vector bias_;
  int iterations_ = 0;
  bool converged_ = false;
};

}  // namespace cadenza::classify
