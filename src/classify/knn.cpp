#include "classify/knn.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace cadenza::classify {

void Knn::fit(const Matrix& x, const Labels& y, int n_classes) {
  check_fit_input(x, y, n_classes);
  if (k_ < 1 || k_ > x.rows())
    throw std::invalid_argument("knn: k=" + std::to_string(k_) +
                                " needs 1 <= k <= " + std::to_string(x.rows()) + " training rows");
  train_x_ = x.transpose();
  train_y_ = y;
}

Matrix Knn::predict_proba(const Matrix& x) const {
  if (x.cols() != train_x_.rows()) throw std::invalid_argument("knn: wrong number of features");
  const Eigen::Index n_train = train_x_.cols();
  Matrix proba = Matrix::Zero(x.rows(), n_classes_);
  std::vector<double> distance(static_cast<std::size_t>(n_train));
  std::vector<Eigen::Index> order(static_cast<std::size_t>(n_train));
  for (Eigen::Index r = 0; r < x.rows(); ++r) {
    const Vector query = x.row(r).transpose();
    for (Eigen::Index t = 0; t < n_train; ++t)
      distance[static_cast<std::size_t>(t)] = (train_x_.col(t) - query).squaredNorm();
    std::iota(order.begin(), order.end(), Eigen::Index{0});
    const auto closer = [&](Eigen::Index a, Eigen::Index b) {
      const double da = distance[static_cast<std::size_t>(a)];
      const double db = distance[static_cast<std::size_t>(b)];
      return da < db || (da == db && a < b);
    };
    std::partial_sort(order.begin(), order.begin() + k_, order.end(), closer);
    for (int i = 0; i < k_; ++i)
      proba(r, train_y_[static_cast<std::size_t>(order[static_cast<std::size_t>(i)])]) += 1.0 / k_;
  }
  return proba;
}

void Knn::save(ArchiveWriter& out) const {
  out.i64(k_);
  out.i64(n_classes_);
  out.matrix(train_x_);
  out.ints(train_y_);
}

void Knn::load(ArchiveReader& in) {
  k_ = in.index("knn k", 1, std::numeric_limits<int>::max());
  load_class_count(in, "knn class count");
  train_x_ = in.matrix("knn training rows");
  train_y_ = in.ints("knn training labels");
  for (int label : train_y_)
    in.require(label >= 0 && label < n_classes_, "knn training label " + std::to_string(label) +
                                                     " outside [0, " + std::to_string(n_classes_) +
                                                     ")");
  if (static_cast<Eigen::Index>(train_y_.size()) != train_x_.cols() || k_ < 1 ||
      k_ > train_x_.cols())
    in.fail("inconsistent knn model");
}

}  // namespace cadenza::classify
