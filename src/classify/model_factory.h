#pragma once
// Builds an empty model of a kind named on the command line or read from a model file.
#include <memory>
#include <string>
#include <vector>

#include "classify/model.h"
#include "classify/model_options.h"

namespace cadenza::classify {

// knn svm rf logreg nb xgboost mlp voting stacking
const std::vector<std::string>& model_kinds();

// Throws std::invalid_argument naming the option for a hyper-parameter out of range, NaN or
// infinite (a model trained with --svm-gamma nan would predict "-nan%").
void validate_model_options(const ModelOptions& options);

// Throws std::invalid_argument for an unknown kind, invalid options (validate_model_options),
// and for "mlp" in a build without libtorch.
std::unique_ptr<Model> make_model(const std::string& kind, const ModelOptions& options);

}  // namespace cadenza::classify
