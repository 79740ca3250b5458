#include "classify/model_factory.h"

#include <cmath>
#include <stdexcept>
#include <string>

#include "classify/knn.h"
#include "classify/logistic_regression.h"
#include "classify/mlp.h"
#include "classify/naive_bayes.h"
#include "classify/random_forest.h"
#include "classify/stacking.h"
#include "classify/svm.h"
#include "classify/voting.h"
#include "classify/xgboost_model.h"

namespace cadenza::classify {

const std::vector<std::string>& model_kinds() {
  static const std::vector<std::string> kinds{"knn",     "svm", "rf",     "logreg",  "nb",
                                              "xgboost", "mlp", "voting", "stacking"};
  return kinds;
}

namespace {

void require_positive(double value, const char* option) {
  if (!(std::isfinite(value) && value > 0))
    throw std::invalid_argument(std::string(option) + " must be a finite number > 0, got " +
                                std::to_string(value));
}
void require_at_least(long long value, long long lowest, const char* option) {
  if (value < lowest)
    throw std::invalid_argument(std::string(option) + " must be at least " +
                                std::to_string(lowest) + ", got " + std::to_string(value));
}

}  // namespace

void validate_model_options(const ModelOptions& o) {
  require_positive(o.svm_c, "--svm-c");
  require_positive(o.svm_gamma, "--svm-gamma");
  require_positive(o.svm_tol, "svm tolerance");
  require_positive(o.svm_cache_mb, "svm cache size");
  require_at_least(o.knn_k, 1, "--k");
  require_at_least(o.forest_trees, 1, "--trees");
  require_positive(o.logreg_c, "logreg C");
  require_positive(o.logreg_tol, "logreg tolerance");
  require_at_least(o.logreg_max_iter, 1, "logreg max iterations");
  if (!(std::isfinite(o.nb_var_smoothing) && o.nb_var_smoothing >= 0))
    throw std::invalid_argument("naive Bayes var smoothing must be a finite number >= 0");
  require_at_least(o.xgb_depth, 1, "xgboost depth");
  require_at_least(o.xgb_rounds, 1, "--xgb-rounds");
  require_positive(o.xgb_learning_rate, "xgboost learning rate");
  require_at_least(o.mlp_epochs, 1, "--epochs");
  require_at_least(o.mlp_batch, 1, "mlp batch size");
  require_positive(o.mlp_learning_rate, "mlp learning rate");
  if (!(o.mlp_dropout >= 0 && o.mlp_dropout < 1))
    throw std::invalid_argument("mlp dropout must lie in [0, 1)");
  require_at_least(o.stacking_folds, 2, "stacking folds");
}

std::unique_ptr<Model> make_model(const std::string& kind, const ModelOptions& options) {
  validate_model_options(options);
  if (kind == "knn") return std::make_unique<Knn>(options.knn_k);
  if (kind == "svm") return std::make_unique<Svm>(options);
  if (kind == "rf")
    return std::make_unique<RandomForest>(options.forest_trees, options.seed, options.threads);
  if (kind == "logreg") return std::make_unique<LogisticRegression>(options);
  if (kind == "nb") return std::make_unique<NaiveBayes>(options.nb_var_smoothing);
  if (kind == "xgboost") return std::make_unique<XgboostModel>(options);
  if (kind == "mlp") return make_mlp(options);
  if (kind == "voting") return std::make_unique<Voting>(options);
  if (kind == "stacking") return std::make_unique<Stacking>(options);
  std::string known;
  for (const auto& name : model_kinds()) known += (known.empty() ? "" : "|") + name;
  throw std::invalid_argument("unknown model kind '" + kind + "' (expected " + known + ")");
}

}  // namespace cadenza::classify
