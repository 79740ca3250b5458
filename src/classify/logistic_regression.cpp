#include "classify/logistic_regression.h"

#include <cmath>
#include <stdexcept>

#include "classify/lbfgs.h"
#include "classify/probabilities.h"

namespace cadenza::classify {

LogisticRegression::LogisticRegression(const ModelOptions& options)
    : c_(options.logreg_c), tol_(options.logreg_tol), max_iter_(options.logreg_max_iter) {}

void LogisticRegression::fit(const Matrix& x, const Labels& y, int n_classes) {
  check_fit_input(x, y, n_classes);
  const Eigen::Index k = n_classes, d = x.cols();
  Matrix onehot = Matrix::Zero(x.rows(), k);
  for (Eigen::Index r = 0; r < x.rows(); ++r) onehot(r, y[static_cast<std::size_t>(r)]) = 1.0;
  // Two classes: scikit-learn fits one binary weight vector w with penalty w.w / (2C); the
  // multinomial optimum has w0 = -w1 = w / 2, so doubling the penalty gives the same model.
  const double l2 = (n_classes == 2 ? 2.0 : 1.0) / c_;
  const Objective objective = [&](const Vector& w, Vector& gradient) {
    const Eigen::Map<const Matrix> weights(w.data(), k, d);
    const Eigen::Map<const Vector> bias(w.data() + k * d, k);
    Matrix scores = (x * weights.transpose()).rowwise() + bias.transpose();
    double loss = 0.0;
    for (Eigen::Index r = 0; r < scores.rows(); ++r) {
      const double top = scores.row(r).maxCoeff();
      const double log_sum = top + std::log((scores.row(r).array() - top).exp().sum());
      loss += log_sum - scores.row(r).dot(onehot.row(r));
      scores.row(r) = (scores.row(r).array() - log_sum).exp();  // probabilities now
    }
    const Matrix residual = scores - onehot;
    Eigen::Map<Matrix> grad_weights(gradient.data(), k, d);
    Eigen::Map<Vector> grad_bias(gradient.data() + k * d, k);
    grad_weights = residual.transpose() * x + l2 * weights;
    grad_bias = residual.colwise().sum().transpose();
    return loss + 0.5 * l2 * weights.squaredNorm();
  };
  LbfgsOptions options;
  options.max_iter = max_iter_;
  options.gtol = tol_;
  const LbfgsResult result = minimize_lbfgs(objective, Vector::Zero(k * (d + 1)), options);
  weights_ = Eigen::Map<const Matrix>(result.x.data(), k, d);
  bias_ = result.x.tail(k);
  iterations_ = result.iterations;
  converged_ = result.converged;
}

Matrix LogisticRegression::decision_function(const Matrix& x) const {
  if (x.cols() != weights_.cols()) throw std::invalid_argument("logreg: wrong number of features");
  return (x * weights_.transpose()).rowwise() + bias_.transpose();
}

Matrix LogisticRegression::predict_proba(const Matrix& x) const {
  return softmax_rows(decision_function(x));
}

void LogisticRegression::save(ArchiveWriter& out) const {
  out.i64(n_classes_);
  out.matrix(weights_);
  out.vector(bias_);
}

void LogisticRegression::load(ArchiveReader& in) {
  load_class_count(in, "logreg class count");
  weights_ = in.matrix("logreg weights");
  bias_ = in.vector("logreg intercepts");
  if (weights_.rows() != n_classes_ || bias_.size() != n_classes_)
    in.fail("inconsistent logreg model");
}

}  // namespace cadenza::classify
