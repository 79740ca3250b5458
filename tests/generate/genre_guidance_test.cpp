#include "generate/genre_guidance.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace cadenza::generate {
namespace {

// Probabilities of the guided step (softmax of guided_logits).
std::vector<double> softmax(const std::vector<float>& logits) {
  double sum = 0;
  for (float v : logits) sum += std::exp(v);
  std::vector<double> out;
  for (float v : logits) out.push_back(std::exp(v) / sum);
  return out;
}

std::vector<float> logs(std::vector<double> p) {
  std::vector<float> out;
  for (double v : p) out.push_back(static_cast<float>(std::log(v)));
  return out;
}

TEST(GenreGuidance, WeightZeroIsTheAskedGenresOwnDistribution) {
  // Logits with different offsets per genre: only their softmax counts.
  const auto p = softmax(guided_logits({{1.0f, 2.0f, 3.0f}, {10.0f, 0.0f, 0.0f}}, 0, 0.0));
  const double z = std::exp(1.0) + std::exp(2.0) + std::exp(3.0);
  EXPECT_NEAR(p[0], std::exp(1.0) / z, 1e-6);
  EXPECT_NEAR(p[2], std::exp(3.0) / z, 1e-6);
}

TEST(GenreGuidance, WeightOneDividesByTheMixtureOfGenres) {
  // Asked (0.5, 0.5), other (0.9, 0.1): mixture (0.7, 0.3); w = 1 gives p^2 / mixture =
  // (0.25 / 0.7, 0.25 / 0.3), normalised (0.3, 0.7) by hand.
  const auto p = softmax(guided_logits({logs({0.5, 0.5}), logs({0.9, 0.1})}, 0, 1.0));
  EXPECT_NEAR(p[0], 0.3, 1e-6);
  EXPECT_NEAR(p[1], 0.7, 1e-6);
}

TEST(GenreGuidance, ATokenEveryGenreAgreesOnKeepsItsUnnormalisedWeight) {
  // Three genres agree on token 0: its weight stays 0.5 while the others are reweighted by hand.
  const auto p = softmax(guided_logits(
      {logs({0.5, 0.4, 0.1}), logs({0.5, 0.1, 0.4}), logs({0.5, 0.25, 0.25})}, 0, 2.0));
  EXPECT_NEAR(p[0], 0.5 / (0.5 + 0.4 * 0.4 * 0.4 / 0.25 / 0.25 + 0.1 * 0.1 * 0.1 / 0.25 / 0.25),
              1e-6);
  EXPECT_GT(p[1] / p[2], 0.4 / 0.1);  // the asked genre's preference sharpened
}

// Two stand-in genres that record what they were fed and answer fixed logits.
class FixedPredictor : public TokenPredictor {
 public:
  explicit FixedPredictor(std::vector<float> logits) : logits_(std::move(logits)) {}
  std::vector<float> start(const std::vector<std::int64_t>& history) override {
    fed = history;
    return logits_;
  }
  std::vector<float> push(std::int64_t id) override {
    fed.push_back(id);
    return logits_;
  }
  std::vector<std::int64_t> fed;

 private:
  std::vector<float> logits_;
};

TEST(GenreGuidance, EveryGenreReadsTheSameTokens) {
  std::vector<std::unique_ptr<TokenPredictor>> genres;
  genres.push_back(std::make_unique<FixedPredictor>(logs({0.9, 0.1})));
  genres.push_back(std::make_unique<FixedPredictor>(logs({0.5, 0.5})));
  auto* first = static_cast<FixedPredictor*>(genres[0].get());
  auto* second = static_cast<FixedPredictor*>(genres[1].get());
  auto guided = make_genre_guided_predictor(std::move(genres), 1, 1.0);
  guided->start({4, 5});
  const auto p = softmax(guided->push(6));
  EXPECT_EQ(first->fed, (std::vector<std::int64_t>{4, 5, 6}));
  EXPECT_EQ(second->fed, (std::vector<std::int64_t>{4, 5, 6}));
  EXPECT_NEAR(p[0], 0.3, 1e-6);  // the asked genre is the second here
}

TEST(GenreGuidance, RefusesWhatItCannotGuide) {
  std::vector<std::unique_ptr<TokenPredictor>> one;
  one.push_back(std::make_unique<FixedPredictor>(logs({0.5, 0.5})));
  EXPECT_THROW(make_genre_guided_predictor(std::move(one), 0, 1.0), std::invalid_argument);
  std::vector<std::unique_ptr<TokenPredictor>> two;
  two.push_back(std::make_unique<FixedPredictor>(logs({0.5, 0.5})));
  two.push_back(std::make_unique<FixedPredictor>(logs({0.5, 0.5})));
  EXPECT_THROW(make_genre_guided_predictor(std::move(two), 2, 1.0), std::invalid_argument);
  EXPECT_THROW(guided_logits({{0.0f, 1.0f}, {0.0f}}, 0, 1.0), std::invalid_argument);
}

}  // namespace
}  // namespace cadenza::generate
