#pragma once
// Shared vocabulary of the classify module: rows are samples, columns are features.
#include <Eigen/Dense>

#include <vector>

namespace cadenza::classify {

using Matrix = Eigen::MatrixXd;
using Vector = Eigen::VectorXd;
// Class indices 0..n_classes-1, in the order of the label names they index.
using Labels = std::vector<int>;

}  // namespace cadenza::classify
