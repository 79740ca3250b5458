#include "classify/prediction.h"

#include <algorithm>
#include <stdexcept>

#include "classify/probabilities.h"

namespace cadenza::classify {

FeatureTable read_features_for(const Classifier& classifier, const std::filesystem::path& csv,
                               bool use_labels) {
  ReadOptions options;
  options.require_labels = false;
  options.any_labels = true;
  options.expected_columns = classifier.columns;
  FeatureTable table = read_feature_csv(csv, options);
  if (!use_labels) table.labels.clear();
  if (table.segment_seconds != classifier.segment_seconds)
    throw std::runtime_error(
        csv.string() + ": features of " + std::to_string(table.segment_seconds) +
        " s segments, but the model was trained on " + std::to_string(classifier.segment_seconds) +
        " s segments (use a model trained on the same segment length)");
  for (std::size_t r = 0; r < table.labels.size(); ++r)
    if (std::find(classifier.labels.begin(), classifier.labels.end(), table.labels[r]) ==
        classifier.labels.end())
      throw std::runtime_error(csv.string() + ":" + std::to_string(table.lines[r]) +
                               ": unknown label '" + table.labels[r] + "' (the model knows only " +
                               std::to_string(classifier.labels.size()) +
                               " labels; --ignore-labels predicts without the label column)");
  return table;
}

Prediction predict_table(const Classifier& classifier, const FeatureTable& table) {
  Prediction out;
  out.labels = classifier.labels;
  out.filenames = table.filenames;
  out.probabilities = classifier.predict_proba(table.x);
  out.mean = average_rows(out.probabilities);
  out.predicted = classifier.predict(table.x);
  if (!table.labels.empty()) {
    int correct = 0;
    for (std::size_t r = 0; r < table.labels.size(); ++r) {
      const int truth = static_cast<int>(
          std::find(out.labels.begin(), out.labels.end(), table.labels[r]) - out.labels.begin());
      out.truth.push_back(truth);
      correct += truth == out.predicted[r];
    }
    out.accuracy = static_cast<double>(correct) / static_cast<double>(table.labels.size());
  }
  return out;
}

}  // namespace cadenza::classify
