#include "train/metrics.h"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "common/atomic_file.h"

namespace cadenza::train {
namespace {
// One table of (name, member) drives JSON and CSV alike.
struct Column {
  const char* name;
  double EpochMetrics::*member;
};
constexpr Column kColumns[] = {
    {"train_reconstruction", &EpochMetrics::train_reconstruction},
    {"train_kl", &EpochMetrics::train_kl},
    {"train_total", &EpochMetrics::train_total},
    {"val_reconstruction", &EpochMetrics::validation_reconstruction},
    {"val_kl", &EpochMetrics::validation_kl},
    {"val_total", &EpochMetrics::validation_total},
    {"val_ce", &EpochMetrics::validation_ce},
    {"val_accuracy", &EpochMetrics::validation_accuracy},
    {"kl_weight", &EpochMetrics::kl_weight},
    {"train_tokens_per_s", &EpochMetrics::train_tokens_per_second},
    {"seconds", &EpochMetrics::seconds},
    {"elapsed_s", &EpochMetrics::elapsed_seconds},
};
}  // namespace

std::string metrics_to_json(const std::vector<EpochMetrics>& history) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& m : history) {
    nlohmann::json row = {{"epoch", m.epoch}};
    for (const auto& c : kColumns) row[c.name] = m.*(c.member);
    rows.push_back(row);
  }
  return rows.dump();
}

std::vector<EpochMetrics> metrics_from_json(const std::string& text) {
  std::vector<EpochMetrics> history;
  try {
    for (const auto& row : nlohmann::json::parse(text)) {
      EpochMetrics m;
      m.epoch = row.at("epoch").get<int>();
      for (const auto& c : kColumns) m.*(c.member) = row.at(c.name).get<double>();
      history.push_back(m);
    }
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(std::string("training history: ") + e.what());
  }
  return history;
}

std::string metrics_csv(const std::vector<EpochMetrics>& history) {
  std::ostringstream out;
  out << "epoch";
  for (const auto& c : kColumns) out << ',' << c.name;
  out << '\n';
  char buffer[64];
  for (const auto& m : history) {
    out << m.epoch;
    for (const auto& c : kColumns) {
      std::snprintf(buffer, sizeof buffer, "%.6g", m.*(c.member));
      out << ',' << buffer;
    }
    out << '\n';
  }
  return out.str();
}

void write_metrics_csv(const std::filesystem::path& path,
                       const std::vector<EpochMetrics>& history) {
  write_file_atomically(path, metrics_csv(history));
}

}  // namespace cadenza::train
