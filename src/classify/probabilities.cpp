#include "classify/probabilities.h"

#include <algorithm>
#include <stdexcept>

namespace cadenza::classify {

Matrix softmax_rows(const Matrix& scores) {
  Matrix out(scores.rows(), scores.cols());
  for (Eigen::Index r = 0; r < scores.rows(); ++r) {
    const double top = scores.row(r).maxCoeff();
    out.row(r) = (scores.row(r).array() - top).exp();
    out.row(r) /= out.row(r).sum();
  }
  return out;
}

Vector average_rows(const Matrix& probabilities) {
  if (probabilities.rows() == 0) throw std::invalid_argument("no rows to average");
  return probabilities.colwise().mean().transpose();
}

std::vector<std::pair<std::string, double>> ranked(const Vector& probabilities,
                                                   const std::vector<std::string>& labels) {
  if (static_cast<std::size_t>(probabilities.size()) != labels.size())
    throw std::invalid_argument("probabilities and labels differ in length");
  std::vector<std::pair<std::string, double>> out;
  for (std::size_t i = 0; i < labels.size(); ++i)
    out.emplace_back(labels[i], probabilities(static_cast<Eigen::Index>(i)));
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  return out;
}

}  // namespace cadenza::classify
