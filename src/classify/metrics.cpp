#include "classify/metrics.h"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace cadenza::classify {

Evaluation evaluate(const Labels& truth, const Labels& predicted,
                    const std::vector<std::string>& labels) {
  if (truth.size() != predicted.size() || truth.empty())
    throw std::invalid_argument("evaluate: need equally many (and some) true and predicted labels");
  const std::size_t k = labels.size();
  Evaluation out;
  out.labels = labels;
  out.confusion.assign(k, std::vector<int>(k, 0));
  int correct = 0;
  for (std::size_t i = 0; i < truth.size(); ++i) {
    ++out.confusion.at(static_cast<std::size_t>(truth[i]))
          .at(static_cast<std::size_t>(predicted[i]));
    correct += truth[i] == predicted[i];
  }
  out.accuracy = static_cast<double>(correct) / static_cast<double>(truth.size());
  for (std::size_t c = 0; c < k; ++c) {
    int predicted_c = 0, actual_c = 0;
    for (std::size_t o = 0; o < k; ++o) {
      predicted_c += out.confusion[o][c];
      actual_c += out.confusion[c][o];
    }
    ClassMetrics m;
    const double tp = out.confusion[c][c];
    m.support = actual_c;
    m.precision = predicted_c ? tp / predicted_c : 0.0;
    m.recall = actual_c ? tp / actual_c : 0.0;
    m.f1 = m.precision + m.recall > 0 ? 2 * m.precision * m.recall / (m.precision + m.recall) : 0.0;
    out.per_class.push_back(m);
    out.macro.precision += m.precision / static_cast<double>(k);
    out.macro.recall += m.recall / static_cast<double>(k);
    out.macro.f1 += m.f1 / static_cast<double>(k);
    const double w = static_cast<double>(m.support) / static_cast<double>(truth.size());
    out.weighted.precision += w * m.precision;
    out.weighted.recall += w * m.recall;
    out.weighted.f1 += w * m.f1;
  }
  out.macro.support = out.weighted.support = static_cast<int>(truth.size());
  return out;
}

std::string to_text(const Evaluation& e) {
  std::size_t width = 12;
  for (const auto& label : e.labels) width = std::max(width, label.size() + 1);
  const int w = static_cast<int>(width);
  std::string out;
  char line[512];
  std::snprintf(line, sizeof line, "accuracy %.4f (%d rows)\n\n%*s %9s %9s %9s %8s\n", e.accuracy,
                e.macro.support, w, "", "precision", "recall", "f1", "support");
  out += line;
  const auto row = [&](const std::string& name, const ClassMetrics& m) {
    std::snprintf(line, sizeof line, "%*s %9.3f %9.3f %9.3f %8d\n", w, name.c_str(), m.precision,
                  m.recall, m.f1, m.support);
    out += line;
  };
  for (std::size_t c = 0; c < e.labels.size(); ++c) row(e.labels[c], e.per_class[c]);
  row("macro avg", e.macro);
  row("weighted avg", e.weighted);
  out += "\nconfusion matrix (rows: true, columns: predicted)\n";
  std::snprintf(line, sizeof line, "%*s", w, "");
  out += line;
  for (const auto& label : e.labels) {
    std::snprintf(line, sizeof line, " %5.5s", label.c_str());
    out += line;
  }
  out += "\n";
  for (std::size_t c = 0; c < e.labels.size(); ++c) {
    std::snprintf(line, sizeof line, "%*s", w, e.labels[c].c_str());
    out += line;
    for (int count : e.confusion[c]) {
      std::snprintf(line, sizeof line, " %5d", count);
      out += line;
    }
    out += "\n";
  }
  return out;
}

nlohmann::json to_json(const Evaluation& e) {
  nlohmann::json classes = nlohmann::json::object();
  const auto metrics = [](const ClassMetrics& m) {
    return nlohmann::json{
        {"precision", m.precision}, {"recall", m.recall}, {"f1", m.f1}, {"support", m.support}};
  };
  for (std::size_t c = 0; c < e.labels.size(); ++c) classes[e.labels[c]] = metrics(e.per_class[c]);
  return {{"accuracy", e.accuracy},
          {"labels", e.labels},
          {"per_class", classes},
          {"macro_avg", metrics(e.macro)},
          {"weighted_avg", metrics(e.weighted)},
          {"confusion", e.confusion}};
}

}  // namespace cadenza::classify
