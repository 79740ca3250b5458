#include "classify/stacking.h"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "classify/ensemble_members.h"

namespace cadenza::classify {

std::vector<int> stratified_kfold(const Labels& y, int n_splits) {
  // Classes are numbered by first appearance, as sklearn does before allocating.
  std::map<int, int> code;
  std::vector<int> encoded(y.size());
  for (std::size_t i = 0; i < y.size(); ++i) {
    const auto it = code.emplace(y[i], static_cast<int>(code.size())).first;
    encoded[i] = it->second;
  }
  const int k = static_cast<int>(code.size());
  std::vector<int> sorted = encoded;
  std::sort(sorted.begin(), sorted.end());
  std::vector<std::vector<int>> allocation(static_cast<std::size_t>(n_splits),
                                           std::vector<int>(static_cast<std::size_t>(k), 0));
  for (std::size_t i = 0; i < sorted.size(); ++i)
    ++allocation[i % static_cast<std::size_t>(n_splits)][static_cast<std::size_t>(sorted[i])];
  std::vector<int> fold(y.size());
  for (int c = 0; c < k; ++c) {
    int current = 0, left_in_fold = allocation[0][static_cast<std::size_t>(c)];
    for (std::size_t i = 0; i < y.size(); ++i) {
      if (encoded[i] != c) continue;
      while (left_in_fold == 0)
        left_in_fold = allocation[static_cast<std::size_t>(++current)][static_cast<std::size_t>(c)];
      fold[i] = current;
      --left_in_fold;
    }
  }
  return fold;
}

Stacking::Stacking(const ModelOptions& options) : options_(options), final_(options) {}

Matrix Stacking::member_outputs(const Matrix& x) const {
  Matrix out(x.rows(), static_cast<Eigen::Index>(members_.size()) * n_classes_);
  for (std::size_t m = 0; m < members_.size(); ++m)
    out.middleCols(static_cast<Eigen::Index>(m) * n_classes_, n_classes_) =
        members_[m]->stacking_features(x);
  return out;
}

void Stacking::fit(const Matrix& x, const Labels& y, int n_classes) {
  check_fit_input(x, y, n_classes);
  const int folds = options_.stacking_folds;
  std::vector<int> per_class(static_cast<std::size_t>(n_classes), 0);
  for (int label : y) ++per_class[static_cast<std::size_t>(label)];
  if (*std::min_element(per_class.begin(), per_class.end()) < folds)
    throw std::invalid_argument("stacking: every class needs at least " + std::to_string(folds) +
                                " training rows for its " + std::to_string(folds) +
                                "-fold cross-validation");
  const std::vector<int> fold = stratified_kfold(y, folds);
  const int n_members = static_cast<int>(make_ensemble_members(options_).size());
  Matrix meta(x.rows(), n_members * n_classes);
  for (int f = 0; f < folds; ++f) {
    std::vector<Eigen::Index> train_rows, test_rows;
    for (std::size_t i = 0; i < fold.size(); ++i)
      (fold[i] == f ? test_rows : train_rows).push_back(static_cast<Eigen::Index>(i));
    Labels train_y;
    for (Eigen::Index r : train_rows) train_y.push_back(y[static_cast<std::size_t>(r)]);
    const Matrix train_x = x(train_rows, Eigen::all), test_x = x(test_rows, Eigen::all);
    members_ = make_ensemble_members(options_);
    for (auto& member : members_) member->fit(train_x, train_y, n_classes);
    meta(test_rows, Eigen::all) = member_outputs(test_x);
  }
  members_ = make_ensemble_members(options_);
  for (auto& member : members_) member->fit(x, y, n_classes);
  final_.fit(meta, y, n_classes);
}

Matrix Stacking::predict_proba(const Matrix& x) const {
  return final_.predict_proba(member_outputs(x));
}

void Stacking::save(ArchiveWriter& out) const {
  out.i64(n_classes_);
  save_members(out, members_);
  final_.save(out);
}

void Stacking::load(ArchiveReader& in) {
  load_class_count(in, "stacking class count");
  members_ = load_members(in, options_);
  final_.load(in);
  for (const auto& member : members_)
    if (member->n_classes() != n_classes_) in.fail("stacking member with another class count");
  if (final_.n_classes() != n_classes_)
    in.fail("stacking final estimator with another class count");
}

}  // namespace cadenza::classify
