#include "classify/naive_bayes.h"

#include <cmath>
#include <stdexcept>

#include "classify/probabilities.h"

namespace cadenza::classify {

void NaiveBayes::fit(const Matrix& x, const Labels& y, int n_classes) {
  check_fit_input(x, y, n_classes);
  const Eigen::Index d = x.cols();
  const Vector overall_mean = x.colwise().mean().transpose();
  const double epsilon =
      var_smoothing_ *
      (x.rowwise() - overall_mean.transpose()).array().square().colwise().mean().maxCoeff();
  mean_ = Matrix::Zero(n_classes, d);
  variance_ = Matrix::Zero(n_classes, d);
  Vector count = Vector::Zero(n_classes);
  for (Eigen::Index r = 0; r < x.rows(); ++r) {
    const int c = y[static_cast<std::size_t>(r)];
    mean_.row(c) += x.row(r);
    count(c) += 1.0;
  }
  for (int c = 0; c < n_classes; ++c) {
    if (count(c) == 0) throw std::invalid_argument("nb: class without training rows");
    mean_.row(c) /= count(c);
  }
  for (Eigen::Index r = 0; r < x.rows(); ++r) {
    const int c = y[static_cast<std::size_t>(r)];
    variance_.row(c) += (x.row(r) - mean_.row(c)).array().square().matrix();
  }
  for (int c = 0; c < n_classes; ++c) variance_.row(c) /= count(c);
  variance_.array() += epsilon;
  log_prior_ = (count / static_cast<double>(x.rows())).array().log();
}

Matrix NaiveBayes::joint_log_likelihood(const Matrix& x) const {
  if (x.cols() != mean_.cols()) throw std::invalid_argument("nb: wrong number of features");
  Matrix out(x.rows(), n_classes_);
  for (int c = 0; c < n_classes_; ++c) {
    const double norm = -0.5 * (2.0 * M_PI * variance_.row(c).array()).log().sum();
    const Eigen::ArrayXd inverse = variance_.row(c).array().inverse().transpose();
    for (Eigen::Index r = 0; r < x.rows(); ++r)
      out(r, c) = log_prior_(c) + norm -
                  0.5 * ((x.row(r) - mean_.row(c)).array().square().transpose() * inverse).sum();
  }
  return out;
}

Matrix NaiveBayes::predict_proba(const Matrix& x) const {
  return softmax_rows(joint_log_likelihood(x));
}

void NaiveBayes::save(ArchiveWriter& out) const {
  out.i64(n_classes_);
  out.matrix(mean_);
  out.matrix(variance_);
  out.vector(log_prior_);
}

void NaiveBayes::load(ArchiveReader& in) {
  load_class_count(in, "nb class count");
  mean_ = in.matrix("nb means");
  variance_ = in.matrix("nb variances");
  log_prior_ = in.vector("nb priors");
  if (mean_.rows() != n_classes_ || variance_.rows() != n_classes_ ||
      variance_.cols() != mean_.cols() || log_prior_.size() != n_classes_)
    in.fail("inconsistent nb model");
  in.require((variance_.array() > 0).all(), "nb variances must be positive");
}

}  // namespace cadenza::classify
