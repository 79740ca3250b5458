#pragma once
// What scikit-learn's accuracy_score, classification_report and confusion_matrix print.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "classify/types.h"

namespace cadenza::classify {

struct ClassMetrics {
  double precision = 0, recall = 0, f1 = 0;  // 0 where undefined, as sklearn's zero_division
  int support = 0;
};

struct Evaluation {
  std::vector<std::string> labels;
  double accuracy = 0;
  std::vector<std::vector<int>> confusion;  // [true][predicted]
  std::vector<ClassMetrics> per_class;
  ClassMetrics macro, weighted;
};

Evaluation evaluate(const Labels& truth, const Labels& predicted,
                    const std::vector<std::string>& labels);

// The classification report and the confusion matrix as aligned text.
std::string to_text(const Evaluation& evaluation);
nlohmann::json to_json(const Evaluation& evaluation);

}  // namespace cadenza::classify
