#pragma once
// Classifying rows of a features CSV with a saved classifier: per-row probabilities and their
// mean (the paper's Table 2 layout), after checking that the CSV fits the model.
#include <string>
#include <vector>

#include "classify/classifier.h"
#include "classify/feature_table.h"

namespace cadenza::classify {

struct Prediction {
  std::vector<std::string> labels;     // the model's classes
  std::vector<std::string> filenames;  // one per row
  Matrix probabilities;                // rows x classes, softmax applied once where needed
  Vector mean;                         // per class, over all rows
  Labels predicted;                    // per row
  // Set when the CSV has a label column: each row's true class and the accuracy.
  Labels truth;
  double accuracy = -1;
};

// Reads `csv` for `classifier`: same feature columns (any order), same segment length, labels
// (if present) among the model's. Throws std::runtime_error naming the file on a mismatch.
// With use_labels false a label column is ignored (e.g. rows of genres the model never saw).
FeatureTable read_features_for(const Classifier& classifier, const std::filesystem::path& csv,
                               bool use_labels = true);

Prediction predict_table(const Classifier& classifier, const FeatureTable& table);

}  // namespace cadenza::classify
