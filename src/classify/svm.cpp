#include "classify/svm.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <numeric>
#include <stdexcept>

#include "classify/probabilities.h"
#include "classify/svm_library.h"

namespace cadenza::classify {
namespace {

void silent(const char*) {}

struct ModelDeleter {
  void operator()(svm_model* model) const { libsvm().free_and_destroy_model(&model); }
};

}  // namespace

Svm::Svm(const ModelOptions& options)
    : c_(options.svm_c),
      gamma_(options.svm_gamma),
      tol_(options.svm_tol),
      cache_mb_(options.svm_cache_mb) {}

void Svm::fit(const Matrix& x, const Labels& y, int n_classes) {
  check_fit_input(x, y, n_classes);
  // Stable order by class: libsvm numbers classes by first appearance, scikit-learn's fork by
  // value; grouping rows by class in their original order makes both the same.
  std::vector<int> order(y.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return y[static_cast<std::size_t>(a)] < y[static_cast<std::size_t>(b)];
  });
  const auto n = static_cast<std::size_t>(x.rows());
  const auto d = static_cast<std::size_t>(x.cols());
  std::vector<svm_node> nodes(n * (d + 1));
  std::vector<svm_node*> rows(n);
  std::vector<double> targets(n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto src = static_cast<Eigen::Index>(order[i]);
    svm_node* row = &nodes[i * (d + 1)];
    for (std::size_t j = 0; j < d; ++j)
      row[j] = svm_node{static_cast<int>(j + 1), x(src, static_cast<Eigen::Index>(j))};
    row[d] = svm_node{-1, 0.0};
    rows[i] = row;
    targets[i] = y[static_cast<std::size_t>(src)];
  }
  svm_problem problem{static_cast<int>(n), targets.data(), rows.data()};
  svm_parameter param{};
  param.svm_type = C_SVC;
  param.kernel_type = RBF;
  param.degree = 3;
  param.gamma = gamma_;
  param.coef0 = 0.0;
  param.cache_size = cache_mb_;
  param.eps = tol_;
  param.C = c_;
  param.nu = 0.5;
  param.p = 0.1;
  param.shrinking = 1;
  param.probability = 0;
  if (const char* error = libsvm().check_parameter(&problem, &param))
    throw std::invalid_argument(std::string("svm: ") + error);
  libsvm().set_print_string_function(&silent);
  std::unique_ptr<svm_model, ModelDeleter> model(libsvm().train(&problem, &param));
  if (!model) throw std::runtime_error("svm: libsvm training failed");
  if (model->nr_class != n_classes)
    throw std::invalid_argument("svm: every class needs training rows");

  const int l = model->l;
  support_.resize(l, x.cols());
  for (int s = 0; s < l; ++s)
    for (const svm_node* node = model->SV[s]; node->index != -1; ++node)
      support_(s, node->index - 1) = node->value;
  coef_.resize(n_classes - 1, l);
  for (int k = 0; k < n_classes - 1; ++k)
    for (int s = 0; s < l; ++s) coef_(k, s) = model->sv_coef[k][s];
  const int pairs = n_classes * (n_classes - 1) / 2;
  rho_.resize(pairs);
  for (int p = 0; p < pairs; ++p) rho_(p) = model->rho[p];
  start_.assign(static_cast<std::size_t>(n_classes) + 1, 0);
  for (int k = 0; k < n_classes; ++k) {
    if (model->label[k] != k) throw std::logic_error("svm: libsvm reordered the classes");
    start_[static_cast<std::size_t>(k) + 1] = start_[static_cast<std::size_t>(k)] + model->nSV[k];
  }
}

Matrix Svm::pairwise_decision(const Matrix& x) const {
  if (x.cols() != support_.cols()) throw std::invalid_argument("svm: wrong number of features");
  const int k = n_classes_;
  // RBF kernel of every row with every support vector: |x - s|^2 = |x|^2 + |s|^2 - 2 x.s.
  const Vector support_norms = support_.rowwise().squaredNorm();
  Matrix kernel = -2.0 * (x * support_.transpose());
  kernel.colwise() += x.rowwise().squaredNorm();
  kernel.rowwise() += support_norms.transpose();
  kernel = (-gamma_ * kernel.array().max(0.0)).exp().matrix();
  Matrix out(x.rows(), k * (k - 1) / 2);
  int p = 0;
  for (int i = 0; i < k; ++i)
    for (int j = i + 1; j < k; ++j, ++p) {
      const auto si = static_cast<std::size_t>(i), sj = static_cast<std::size_t>(j);
      const int begin_i = start_[si], count_i = start_[si + 1] - start_[si];
      const int begin_j = start_[sj], count_j = start_[sj + 1] - start_[sj];
      out.col(p) =
          kernel.middleCols(begin_i, count_i) *
              coef_.row(j - 1).segment(begin_i, count_i).transpose() +
          kernel.middleCols(begin_j, count_j) * coef_.row(i).segment(begin_j, count_j).transpose();
      out.col(p).array() -= rho_(p);
    }
  return out;
}

Labels Svm::predict(const Matrix& x) const {
  const Matrix decision = pairwise_decision(x);
  Labels out(static_cast<std::size_t>(x.rows()));
  std::vector<int> votes(static_cast<std::size_t>(n_classes_));
  for (Eigen::Index r = 0; r < x.rows(); ++r) {
    std::fill(votes.begin(), votes.end(), 0);
    int p = 0;
    for (int i = 0; i < n_classes_; ++i)
      for (int j = i + 1; j < n_classes_; ++j, ++p)
        ++votes[static_cast<std::size_t>(decision(r, p) > 0 ? i : j)];
    out[static_cast<std::size_t>(r)] =
        static_cast<int>(std::max_element(votes.begin(), votes.end()) - votes.begin());
  }
  return out;
}

Matrix Svm::decision_function(const Matrix& x) const {
  const Matrix decision = pairwise_decision(x);
  Matrix votes = Matrix::Zero(x.rows(), n_classes_);
  Matrix confidence = Matrix::Zero(x.rows(), n_classes_);
  int p = 0;
  for (int i = 0; i < n_classes_; ++i)
    for (int j = i + 1; j < n_classes_; ++j, ++p)
      for (Eigen::Index r = 0; r < x.rows(); ++r) {
        confidence(r, i) += decision(r, p);
        confidence(r, j) -= decision(r, p);
        votes(r, decision(r, p) < 0 ? j : i) += 1.0;  // as sklearn: 0 votes i
      }
  // Confidences squashed into (-1/3, 1/3) so they only break ties between vote counts.
  return votes.array() + confidence.array() / (3.0 * (confidence.array().abs() + 1.0));
}

Matrix Svm::predict_proba(const Matrix& x) const { return softmax_rows(decision_function(x)); }

void Svm::save(ArchiveWriter& out) const {
  out.i64(n_classes_);
  out.f64(c_);
  out.f64(gamma_);
  out.matrix(support_);
  out.matrix(coef_);
  out.vector(rho_);
  out.ints(start_);
}

void Svm::load(ArchiveReader& in) {
  load_class_count(in, "svm class count");
  c_ = in.f64("svm C");
  gamma_ = in.f64("svm gamma");
  in.require(c_ > 0 && gamma_ > 0, "svm C and gamma must be positive");
  support_ = in.matrix("svm support vectors");
  coef_ = in.matrix("svm coefficients");
  rho_ = in.vector("svm rho");
  start_ = in.ints("svm class offsets");
  const int k = n_classes_;
  if (k < 2 || coef_.rows() != k - 1 || coef_.cols() != support_.rows() ||
      rho_.size() != k * (k - 1) / 2 || static_cast<int>(start_.size()) != k + 1 ||
      start_.front() != 0 || start_.back() != support_.rows())
    in.fail("inconsistent svm model");
  // Each class's support vectors are a range [start_[c], start_[c + 1]) of the rows.
  for (std::size_t c = 0; c + 1 < start_.size(); ++c)
    in.require(start_[c] <= start_[c + 1], "svm class offsets out of order");
}

}  // namespace cadenza::classify
