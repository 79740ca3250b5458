#pragma once
// One interface for every genre classifier: fit on preprocessed rows, then class
// probabilities per row. Models that only vote (SVM without Platt scaling, hard voting) still
// return a row-stochastic matrix, documented per model, so `predict` and the Table 2 averaging
// work the same for all. Saving writes only the model's own parameters; the Classifier
// (classifier.h) adds the scaler, PCA, label names and the file header around it.
#include <memory>
#include <string>

#include "classify/archive.h"
#include "classify/types.h"

namespace cadenza::classify {

// Most classes a model file may declare (GTZAN has 10): bounds every per-class allocation.
inline constexpr int kMaxClasses = 1000;

class Model {
 public:
  virtual ~Model() = default;

  // The name used on the command line and in model files ("knn", "svm", ...).
  virtual std::string kind() const = 0;

  // `y` holds class indices in [0, n_classes); every class has at least one row.
  virtual void fit(const Matrix& x, const Labels& y, int n_classes) = 0;

  // rows x n_classes, each row sums to 1.
  virtual Matrix predict_proba(const Matrix& x) const = 0;

  // The class of each row; by default the first class of highest probability.
  virtual Labels predict(const Matrix& x) const;

  // What a stacking ensemble feeds its final estimator (scikit-learn's stack_method "auto":
  // probabilities where the model has them, else its decision function).
  virtual Matrix stacking_features(const Matrix& x) const { return predict_proba(x); }

  virtual void save(ArchiveWriter& out) const = 0;
  // Validates every size, index and value it reads (ArchiveReader::fail on the first wrong one):
  // a damaged or crafted file must not crash or predict silently wrong.
  virtual void load(ArchiveReader& in) = 0;

  int n_classes() const { return n_classes_; }

 protected:
  // Checks shapes at the start of fit (throws std::invalid_argument).
  void check_fit_input(const Matrix& x, const Labels& y, int n_classes);
  // Reads the class count written by save (2..kMaxClasses).
  void load_class_count(ArchiveReader& in, const char* what);
  int n_classes_ = 0;
};

// Index of the first maximum of each row.
Labels argmax_rows(const Matrix& scores);

}  // namespace cadenza::classify
