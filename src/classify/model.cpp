#include "classify/model.h"

#include <stdexcept>

namespace cadenza::classify {

Labels Model::predict(const Matrix& x) const { return argmax_rows(predict_proba(x)); }

void Model::check_fit_input(const Matrix& x, const Labels& y, int n_classes) {
  if (x.rows() == 0 || x.cols() == 0) throw std::invalid_argument(kind() + ": no training rows");
  if (static_cast<Eigen::Index>(y.size()) != x.rows())
    throw std::invalid_argument(kind() + ": " + std::to_string(x.rows()) + " rows but " +
                                std::to_string(y.size()) + " labels");
  if (n_classes < 2) throw std::invalid_argument(kind() + ": at least 2 classes are needed");
  for (int label : y)
    if (label < 0 || label >= n_classes)
      throw std::invalid_argument(kind() + ": label index " + std::to_string(label) +
                                  " outside [0, " + std::to_string(n_classes) + ")");
  n_classes_ = n_classes;
}

void Model::load_class_count(ArchiveReader& in, const char* what) {
  n_classes_ = in.index(what, 2, kMaxClasses);
}

Labels argmax_rows(const Matrix& scores) {
  Labels out(static_cast<std::size_t>(scores.rows()));
  for (Eigen::Index r = 0; r < scores.rows(); ++r) {
    Eigen::Index best = 0;
    for (Eigen::Index c = 1; c < scores.cols(); ++c)
      if (scores(r, c) > scores(r, best)) best = c;
    out[static_cast<std::size_t>(r)] = static_cast<int>(best);
  }
  return out;
}

}  // namespace cadenza::classify
