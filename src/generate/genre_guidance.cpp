#include "generate/genre_guidance.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace cadenza::generate {
namespace {

std::vector<double> log_softmax(const std::vector<float>& logits) {
  const double top = *std::max_element(logits.begin(), logits.end());
  double sum = 0;
  for (float v : logits) sum += std::exp(v - top);
  const double log_norm = top + std::log(sum);
  std::vector<double> out(logits.size());
  for (std::size_t i = 0; i < logits.size(); ++i) out[i] = logits[i] - log_norm;
  return out;
}

class GenreGuidedPredictor : public TokenPredictor {
 public:
  GenreGuidedPredictor(std::vector<std::unique_ptr<TokenPredictor>> per_genre, std::size_t asked,
                       double weight)
      : per_genre_(std::move(per_genre)), asked_(asked), weight_(weight) {}

  std::vector<float> start(const std::vector<std::int64_t>& history) override {
    return step([&](TokenPredictor& p) { return p.start(history); });
  }
  std::vector<float> push(std::int64_t id) override {
    return step([&](TokenPredictor& p) { return p.push(id); });
  }

 private:
  template <typename Step>
  std::vector<float> step(Step&& next) {
    std::vector<std::vector<float>> logits;
    logits.reserve(per_genre_.size());
    for (auto& predictor : per_genre_) logits.push_back(next(*predictor));
    return guided_logits(logits, asked_, weight_);
  }

  std::vector<std::unique_ptr<TokenPredictor>> per_genre_;
  std::size_t asked_;
  double weight_;
};

}  // namespace

std::vector<float> guided_logits(const std::vector<std::vector<float>>& per_genre,
                                 std::size_t asked, double weight) {
  const std::size_t genres = per_genre.size();
  std::vector<std::vector<double>> log_p;
  for (const auto& logits : per_genre) {
    if (logits.empty() || logits.size() != per_genre[asked].size())
      throw std::invalid_argument("genre guidance: the genres' predictions differ in size");
    log_p.push_back(log_softmax(logits));
  }
  const std::size_t vocab = log_p[asked].size();
  std::vector<float> out(vocab);
  for (std::size_t i = 0; i < vocab; ++i) {
    double top = log_p[0][i];
    for (std::size_t g = 1; g < genres; ++g) top = std::max(top, log_p[g][i]);
    double sum = 0;
    for (std::size_t g = 0; g < genres; ++g) sum += std::exp(log_p[g][i] - top);
    const double unconditional = top + std::log(sum) - std::log(static_cast<double>(genres));
    out[i] = static_cast<float>(log_p[asked][i] + weight * (log_p[asked][i] - unconditional));
  }
  return out;
}

std::unique_ptr<TokenPredictor> make_genre_guided_predictor(
    std::vector<std::unique_ptr<TokenPredictor>> per_genre, std::size_t asked, double weight) {
  if (per_genre.size() < 2)
    throw std::invalid_argument("genre guidance needs a model of at least two genres");
  if (asked >= per_genre.size())
    throw std::invalid_argument("genre guidance: genre " + std::to_string(asked) +
                                " of a model of " + std::to_string(per_genre.size()));
  if (!(std::isfinite(weight) && weight >= 0))
    throw std::invalid_argument("--genre-guidance must be a number >= 0");
  return std::make_unique<GenreGuidedPredictor>(std::move(per_genre), asked, weight);
}

}  // namespace cadenza::generate
