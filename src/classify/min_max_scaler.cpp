#include "classify/min_max_scaler.h"

#include <stdexcept>

namespace cadenza::classify {

void MinMaxScaler::fit(const Matrix& x) {
  if (x.rows() == 0) throw std::invalid_argument("scaler: no rows");
  const Vector low = x.colwise().minCoeff().transpose();
  const Vector range = x.colwise().maxCoeff().transpose() - low;
  scale_.resize(x.cols());
  for (Eigen::Index c = 0; c < x.cols(); ++c) scale_(c) = range(c) == 0.0 ? 1.0 : 1.0 / range(c);
  offset_ = -low.cwiseProduct(scale_);
}

Matrix MinMaxScaler::transform(const Matrix& x) const {
  if (x.cols() != scale_.size()) throw std::invalid_argument("scaler: wrong number of features");
  Matrix out = x;
  for (Eigen::Index c = 0; c < x.cols(); ++c)
    out.col(c) = (x.col(c).array() * scale_(c) + offset_(c)).matrix();
  return out;
}

void MinMaxScaler::save(ArchiveWriter& out) const {
  out.vector(scale_);
  out.vector(offset_);
}

void MinMaxScaler::load(ArchiveReader& in) {
  scale_ = in.vector("scaler scales");
  offset_ = in.vector("scaler offsets");
  if (scale_.size() != offset_.size()) in.fail("inconsistent scaler");
}

}  // namespace cadenza::classify
