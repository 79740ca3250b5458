#include "classify/pca.h"

#include <stdexcept>

namespace cadenza::classify {

void Pca::fit(const Matrix& x) {
  if (x.rows() < 2) throw std::invalid_argument("pca: at least 2 rows are needed");
  mean_ = x.colwise().mean().transpose();
  const Matrix centred = x.rowwise() - mean_.transpose();
  Eigen::BDCSVD<Matrix> svd(centred, Eigen::ComputeThinU | Eigen::ComputeThinV);
  const Matrix& u = svd.matrixU();
  components_ = svd.matrixV().transpose();
  for (Eigen::Index k = 0; k < components_.rows(); ++k) {
    Eigen::Index largest = 0;
    u.col(k).cwiseAbs().maxCoeff(&largest);
    if (u(largest, k) < 0) components_.row(k) *= -1.0;
  }
  explained_variance_ = svd.singularValues().array().square() / static_cast<double>(x.rows() - 1);
}

Matrix Pca::transform(const Matrix& x) const {
  if (x.cols() != mean_.size()) throw std::invalid_argument("pca: wrong number of features");
  return (x.rowwise() - mean_.transpose()) * components_.transpose();
}

void Pca::save(ArchiveWriter& out) const {
  out.vector(mean_);
  out.vector(explained_variance_);
  out.matrix(components_);
}

void Pca::load(ArchiveReader& in) {
  mean_ = in.vector("pca mean");
  explained_variance_ = in.vector("pca explained variance");
  components_ = in.matrix("pca components");
  if (components_.cols() != mean_.size()) in.fail("inconsistent pca");
}

}  // namespace cadenza::classify
