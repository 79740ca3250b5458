#include "classify/model_factory.h"

#include <stdexcept>

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

std::unique_ptr<Model> make_model(const std::string& kind, const ModelOptions& options) {
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
