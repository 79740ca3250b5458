#pragma once
// Hard voting over KNN, SVM, random forest and XGBoost (scikit-learn's
// VotingClassifier(voting="hard")): each member predicts a class, the most votes win, ties go
// to the first class. predict_proba returns the vote fractions.
#include "classify/model.h"
#include "classify/model_options.h"

namespace cadenza::classify {

class Voting final : public Model {
 public:
  explicit Voting(const ModelOptions& options = {});
  std::string kind() const override { return "voting"; }
  void fit(const Matrix& x, const Labels& y, int n_classes) override;
  Matrix predict_proba(const Matrix& x) const override;
  Labels predict(const Matrix& x) const override;
  void save(ArchiveWriter& out) const override;
  void load(ArchiveReader& in) override;

 private:
  ModelOptions options_;
  std::vector<std::unique_ptr<Model>> members_;
};

}  // namespace cadenza::classify
