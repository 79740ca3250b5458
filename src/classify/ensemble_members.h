#pragma once
// The base models of the paper's voting and stacking ensembles, and how a list of member
// models is written to and read from a model file.
#include <memory>
#include <vector>

#include "classify/model.h"
#include "classify/model_options.h"

namespace cadenza::classify {

// KNN, SVM, random forest, XGBoost: the paper's ensemble members.
std::vector<std::unique_ptr<Model>> make_ensemble_members(const ModelOptions& options);

void save_members(ArchiveWriter& out, const std::vector<std::unique_ptr<Model>>& members);
std::vector<std::unique_ptr<Model>> load_members(ArchiveReader& in, const ModelOptions& options);

}  // namespace cadenza::classify
