#pragma once
// Principal component analysis with all components, as scikit-learn's PCA() with its "full"
// solver: centre, thin SVD, components = rows of V^T with svd_flip's sign rule (the largest
// |u| of each component positive). With all components this is a rotation: distances, and so
// KNN and the RBF SVM, do not change; trees and linear models see rotated axes.
#include "classify/archive.h"
#include "classify/types.h"

namespace cadenza::classify {

class Pca {
 public:
  void fit(const Matrix& x);
  Matrix transform(const Matrix& x) const;
  void save(ArchiveWriter& out) const;
  void load(ArchiveReader& in);
  const Matrix& components() const { return components_; }  // components x features
  const Vector& explained_variance() const { return explained_variance_; }

 private:
  Vector mean_, explained_variance_;
  Matrix components_;
};

}  // namespace cadenza::classify
