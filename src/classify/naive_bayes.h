#pragma once
// Gaussian naive Bayes as scikit-learn's GaussianNB: per-class means and (biased) variances,
// plus var_smoothing times the largest feature variance; priors are the class frequencies.
#include "classify/model.h"

namespace cadenza::classify {

class NaiveBayes final : public Model {
 public:
  explicit NaiveBayes(double var_smoothing = 1e-9) : var_smoothing_(var_smoothing) {}
  std::string kind() const override { return "nb"; }
  void fit(const Matrix& x, const Labels& y, int n_classes) override;
  Matrix predict_proba(const Matrix& x) const override;
  void save(ArchiveWriter& out) const override;
  void load(ArchiveReader& in) override;

  // log P(class) + log p(x | class), per row and class.
  Matrix joint_log_likelihood(const Matrix& x) const;

 private:
  double var_smoothing_;
  Matrix mean_, variance_;  // n_classes x features
  Vector log_prior_;
};

}  // namespace cadenza::classify
