#pragma once
// Turning per-window scores into the paper's Table 2: softmax exactly once (the paper's
// notebook applied it twice, which flattens every table towards 1/n_classes), then the mean
// over windows, then genres by probability.
#include <string>
#include <utility>
#include <vector>

#include "classify/types.h"

namespace cadenza::classify {

// exp(s - max) / sum, per row; stable for large scores.
Matrix softmax_rows(const Matrix& scores);

// Column means: the piece's probability of each class from its windows' probabilities.
Vector average_rows(const Matrix& probabilities);

// (label, probability) sorted by probability, highest first; ties keep label order.
std::vector<std::pair<std::string, double>> ranked(const Vector& probabilities,
                                                   const std::vector<std::string>& labels);

}  // namespace cadenza::classify
