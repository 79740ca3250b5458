#pragma once
// Gradient-boosted trees from libxgboost (the library under Python's xgboost), configured as
// XGBClassifier(max_depth=7, n_estimators=200, learning_rate=0.1): objective multi:softprob,
// every other parameter at xgboost's default. The booster is kept as xgboost's own UBJSON
// model bytes, so saving and loading go through xgboost itself.
#include <memory>

#include "classify/model.h"
#include "classify/model_options.h"

namespace cadenza::classify {

class XgboostModel final : public Model {
 public:
  explicit XgboostModel(const ModelOptions& options = {});
  ~XgboostModel() override;
  std::string kind() const override { return "xgboost"; }
  void fit(const Matrix& x, const Labels& y, int n_classes) override;
  Matrix predict_proba(const Matrix& x) const override;
  void save(ArchiveWriter& out) const override;
  void load(ArchiveReader& in) override;

 private:
  void reset_booster();
  ModelOptions options_;
  void* booster_ = nullptr;  // BoosterHandle
  std::string model_bytes_;
};

}  // namespace cadenza::classify
