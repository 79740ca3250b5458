#pragma once
// Hyper-parameters of every model, defaulting to the paper's notebooks (PAPER.md §4) and,
// where the paper is silent, to scikit-learn's / xgboost's defaults.
#include <cstdint>

namespace cadenza::classify {

struct ModelOptions {
  std::uint64_t seed = 42;
  unsigned threads = 0;  // 0: all cores (xgboost, libtorch)
  int knn_k = 1;
  double svm_c = 100.0, svm_gamma = 1.0, svm_tol = 1e-3, svm_cache_mb = 200.0;
  int forest_trees = 200;
  double logreg_c = 1.0, logreg_tol = 1e-4;
  int logreg_max_iter = 100;
  double nb_var_smoothing = 1e-9;
  int xgb_depth = 7, xgb_rounds = 200;
  double xgb_learning_rate = 0.1;
  int mlp_epochs = 50, mlp_batch = 128;
  double mlp_learning_rate = 1e-3, mlp_dropout = 0.25;
  int stacking_folds = 5;
};

}  // namespace cadenza::classify
