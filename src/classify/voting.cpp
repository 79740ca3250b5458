#include "classify/voting.h"

#include "classify/ensemble_members.h"

namespace cadenza::classify {

Voting::Voting(const ModelOptions& options) : options_(options) {}

void Voting::fit(const Matrix& x, const Labels& y, int n_classes) {
  check_fit_input(x, y, n_classes);
  members_ = make_ensemble_members(options_);
  for (auto& member : members_) member->fit(x, y, n_classes);
}

Matrix Voting::predict_proba(const Matrix& x) const {
  Matrix votes = Matrix::Zero(x.rows(), n_classes_);
  for (const auto& member : members_) {
    const Labels predicted = member->predict(x);
    for (Eigen::Index r = 0; r < x.rows(); ++r)
      votes(r, predicted[static_cast<std::size_t>(r)]) += 1;
  }
  return votes / static_cast<double>(members_.size());
}

Labels Voting::predict(const Matrix& x) const { return argmax_rows(predict_proba(x)); }

void Voting::save(ArchiveWriter& out) const {
  out.i64(n_classes_);
  save_members(out, members_);
}

void Voting::load(ArchiveReader& in) {
  load_class_count(in, "voting class count");
  members_ = load_members(in, options_);
  for (const auto& member : members_)
    if (member->n_classes() != n_classes_) in.fail("voting member with another class count");
}

}  // namespace cadenza::classify
