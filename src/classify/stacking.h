#pragma once
// Stacking as scikit-learn's StackingClassifier(estimators=[KNN, SVM, RF, XGBoost],
// final_estimator=LogisticRegression()): the final estimator learns from out-of-fold outputs
// of the members (5-fold StratifiedKFold without shuffling, folds assigned exactly as sklearn
// does), the members are then refitted on all rows. Member outputs: probabilities, the SVM's
// one-vs-rest decision function.
#include "classify/logistic_regression.h"
#include "classify/model.h"
#include "classify/model_options.h"

namespace cadenza::classify {

class Stacking final : public Model {
 public:
  explicit Stacking(const ModelOptions& options = {});
  std::string kind() const override { return "stacking"; }
  void fit(const Matrix& x, const Labels& y, int n_classes) override;
  Matrix predict_proba(const Matrix& x) const override;
  void save(ArchiveWriter& out) const override;
  void load(ArchiveReader& in) override;

 private:
  Matrix member_outputs(const Matrix& x) const;
  ModelOptions options_;
  std::vector<std::unique_ptr<Model>> members_;
  LogisticRegression final_;
};

// scikit-learn's StratifiedKFold(n_splits, shuffle=False) test fold of every row.
std::vector<int> stratified_kfold(const Labels& y, int n_splits);

}  // namespace cadenza::classify
