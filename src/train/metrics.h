#pragma once
// What each epoch measured, kept in the checkpoint (so --resume continues the history) and
// written as CSV and a loss-curve PNG next to the checkpoint. Losses are in nats: per
// predicted token for cross-entropies, per sequence for KL.
#include <filesystem>
#include <string>
#include <vector>

namespace cadenza::train {

struct EpochMetrics {
  int epoch = 0;  // 1-based
  double train_reconstruction = 0, train_kl = 0, train_total = 0;
  double validation_reconstruction = 0, validation_kl = 0, validation_total = 0;
  double validation_ce = 0, validation_accuracy = 0;  // next-token, z = mu
  double kl_weight = 0;                               // beta at the end of the epoch
  double train_tokens_per_second = 0;
  double seconds = 0;          // this epoch, training + validation
  double elapsed_seconds = 0;  // since the run started, over resumes
};

std::string metrics_to_json(const std::vector<EpochMetrics>& history);
std::vector<EpochMetrics> metrics_from_json(const std::string& json);

std::string metrics_csv(const std::vector<EpochMetrics>& history);
void write_metrics_csv(const std::filesystem::path& path, const std::vector<EpochMetrics>& history);
// Train and validation total loss and validation CE per epoch, as a line plot.
void write_loss_plot(const std::filesystem::path& path, const std::vector<EpochMetrics>& history);

}  // namespace cadenza::train
