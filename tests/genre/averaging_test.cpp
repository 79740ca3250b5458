// Per-window probabilities -> per-piece mean -> mean over pieces, against hand-computed values,
// through real WAV files and a classifier whose answers are known.
#include <gtest/gtest.h>

#include "classify/probabilities.h"
#include "genre/audio_prediction.h"
#include "genre/genre_check.h"
#include "genre_test_support.h"

namespace cadenza::genre {
namespace {

using testing::FakeClassifier;
using testing::TempDir;

// Window a -> (0.7, 0.2, 0.1), b -> (0.1, 0.6, 0.3), c -> (0.5, 0.3, 0.2).
FakeClassifier fake() { return FakeClassifier({0.7, 0.2, 0.1}, {0.1, 0.6, 0.3}, {0.5, 0.3, 0.2}); }

// 200,000 samples: windows a, b, c of 66,149 samples, then a 1,553-sample tail of 0 (which the
// fake classifier would reject, so it must be dropped).
std::vector<float> three_windows() {
  std::vector<float> y(200000, 0.0f);
  for (std::size_t i = 0; i < 3 * 66149; ++i)
    y[i] = i < 66149 ? 0.25f : i < 2 * 66149 ? 0.5f : -0.25f;
  return y;
}

TEST(GenreAveraging, WindowsOfAWavFileAreAveragedOnce) {
  TempDir dir;
  testing::write_mono_wav(three_windows(), dir / "piece.wav");
  const FakeClassifier classifier = fake();
  const PiecePrediction p = predict_piece(classifier, dir / "piece.wav", {});
  ASSERT_TRUE(p.ok()) << p.error;
  EXPECT_FALSE(p.midi);
  EXPECT_EQ(p.samples, 200000u);
  ASSERT_EQ(p.windows.rows(), 3);
  EXPECT_EQ(classifier.lengths, (std::vector<std::size_t>{66149, 66149, 66149}));
  // (0.7 + 0.1 + 0.5) / 3, (0.2 + 0.6 + 0.3) / 3, (0.1 + 0.3 + 0.2) / 3
  ASSERT_EQ(p.mean.size(), 3);
  EXPECT_NEAR(p.mean(0), 1.3 / 3, 1e-12);
  EXPECT_NEAR(p.mean(1), 1.1 / 3, 1e-12);
  EXPECT_NEAR(p.mean(2), 0.6 / 3, 1e-12);
  EXPECT_NEAR(p.mean.sum(), 1.0, 1e-12);
  EXPECT_EQ(p.top(), 0);
  // A second softmax (the paper notebook's mistake) would have flattened the mean.
  const classify::Matrix twice = classify::softmax_rows(p.mean.transpose());
  EXPECT_NEAR(twice(0, 0), 0.36665, 1e-5);  // instead of 0.43333
}

TEST(GenreAveraging, SecondsKeepsTheBeginningAndEachPieceCountsOnce) {
  TempDir dir;
  testing::write_mono_wav(three_windows(), dir / "a.wav");
  std::vector<float> b(70000, 0.5f);  // one window b and a 3,851-sample tail
  testing::write_mono_wav(b, dir / "b.wav");
  const FakeClassifier classifier = fake();
  PieceOptions options;
  options.seconds = 2 * 66149.0 / 22050;  // only windows a and b of a.wav
  const auto pieces = predict_pieces(classifier, {dir / "a.wav", dir / "b.wav"}, options);
  ASSERT_EQ(pieces.size(), 2u);
  ASSERT_TRUE(pieces[0].ok() && pieces[1].ok());
  EXPECT_EQ(pieces[0].windows.rows(), 2);
  EXPECT_EQ(pieces[0].samples, 2u * 66149);
  EXPECT_NEAR(pieces[0].mean(0), 0.4, 1e-12);  // (0.7 + 0.1) / 2
  EXPECT_NEAR(pieces[0].mean(1), 0.4, 1e-12);
  EXPECT_NEAR(pieces[0].mean(2), 0.2, 1e-12);
  EXPECT_EQ(pieces[1].windows.rows(), 1);
  EXPECT_EQ(pieces[1].top(), 1);
  // Mean over pieces, not over windows: ((0.4, 0.4, 0.2) + (0.1, 0.6, 0.3)) / 2.
  const classify::Vector mean = mean_of_pieces(pieces);
  EXPECT_NEAR(mean(0), 0.25, 1e-12);
  EXPECT_NEAR(mean(1), 0.5, 1e-12);
  EXPECT_NEAR(mean(2), 0.25, 1e-12);
}

TEST(GenreAveraging, ShortPieceIsOneWholeWindow) {
  TempDir dir;
  testing::write_mono_wav(std::vector<float>(30000, -0.5f), dir / "short.wav");
  const FakeClassifier classifier = fake();
  const PiecePrediction p = predict_piece(classifier, dir / "short.wav", {});
  ASSERT_TRUE(p.ok()) << p.error;
  EXPECT_EQ(classifier.lengths, (std::vector<std::size_t>{30000}));
  EXPECT_NEAR(p.mean(0), 0.5, 1e-12);
}

TEST(GenreAveraging, TooShortPieceIsOneErrorNamingTheFile) {
  TempDir dir;
  testing::write_mono_wav(std::vector<float>(1000, 0.5f), dir / "tiny.wav");
  const PiecePrediction p = predict_piece(fake(), dir / "tiny.wav", {});
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.error.find("tiny.wav"), std::string::npos) << p.error;
  EXPECT_NE(p.error.find("too short: 1000 samples"), std::string::npos) << p.error;
}

TEST(GenreCheckSummary, MeanStdAndTopsByHand) {
  std::vector<GenreCheckRow> rows;
  const std::vector<std::string> labels = {"blues", "jazz", "rock"};
  const double p[4][3] = {{0.2, 0.5, 0.3}, {0.6, 0.1, 0.3}, {0.1, 0.3, 0.6}, {0.0, 1.0, 0.0}};
  for (int i = 0; i < 4; ++i) {
    GenreCheckRow row;
    row.group = i < 3 ? "real" : "generated";
    row.probabilities = Eigen::Map<const Eigen::VectorXd>(p[i], 3);
    row.probability = p[i][1];
    Eigen::Index top = 0;
    row.probabilities.maxCoeff(&top);
    row.top = labels[static_cast<std::size_t>(top)];
    rows.push_back(row);
  }
  const GroupSummary real = summarize("real", rows, labels, "jazz");
  EXPECT_EQ(real.pieces, 3u);
  EXPECT_NEAR(real.mean, 0.3, 1e-12);  // (0.5 + 0.1 + 0.3) / 3
  EXPECT_NEAR(real.std, 0.2, 1e-12);   // sqrt((0.04 + 0.04 + 0) / 2)
  EXPECT_NEAR(real.sem, 0.2 / std::sqrt(3.0), 1e-12);
  EXPECT_EQ(real.min, 0.1);
  EXPECT_EQ(real.max, 0.5);
  EXPECT_EQ(real.top_is_genre, 1u);
  EXPECT_EQ(real.tops,
            (std::map<std::string, std::size_t>{{"jazz", 1}, {"blues", 1}, {"rock", 1}}));
  EXPECT_NEAR(real.mean_probabilities(0), 0.3, 1e-12);
  EXPECT_NEAR(real.mean_probabilities(2), 0.4, 1e-12);
  const GroupSummary generated = summarize("generated", rows, labels, "jazz");
  EXPECT_EQ(generated.pieces, 1u);
  EXPECT_EQ(generated.mean, 1.0);
  EXPECT_EQ(generated.std, 0.0);
}

}  // namespace
}  // namespace cadenza::genre
