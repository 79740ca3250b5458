// Feature rows of MIDI pieces rendered as `classify predict` and `genre-check` hear them
// (genre/piece_features.h): the windows, their names and lengths, and that a classifier trained
// on such rows meets exactly those windows again when it classifies the pieces.
#include "genre/piece_features.h"

#include <gtest/gtest.h>

#include <fstream>

#include "features/gtzan.h"
#include "features/table.h"
#include "genre_test_support.h"
#include "midi/writer.h"
#include "score/procedural.h"
#include "support/shared_data.h"

namespace cadenza::genre {
namespace {

using testing::TempDir;

// `bars` bars of 4/4 at 120 BPM: 2 s a bar.
void write_piece(std::uint64_t seed, int bars, const fs::path& path) {
  score::ProceduralOptions options;
  options.bars = bars;
  options.bpm = 120;
  midi::write(score::to_midi(score::make_jazz_like_piece(seed, options)), path);
}

PieceOptions first_seconds(double seconds) {
  PieceOptions options;
  options.seconds = seconds;
  return options;
}

TEST(PieceFeatures, ThreeSecondWindowsAreNamedAsFeaturesNamesThem) {
  CADENZA_REQUIRE_FILE(audio::kDefaultSoundfont);
  TempDir dir;
  write_piece(3, 4, dir / "tune.mid");  // 8 s; the first 6 s are 132,300 samples: 2 windows
  const auto rows = piece_feature_rows(dir / "tune.mid", "folk", first_seconds(6), 3);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].filename, "tune.0.wav");
  EXPECT_EQ(rows[1].filename, "tune.1.wav");
  for (const auto& row : rows) {
    EXPECT_EQ(row.label, "folk");
    ASSERT_EQ(row.values.size(), 58u);  // length + the 57 GTZAN features
    EXPECT_EQ(row.values[0], 66149);
  }
}

TEST(PieceFeatures, AShortPieceIsOneWholeWindowNamedAfterItsFile) {
  CADENZA_REQUIRE_FILE(audio::kDefaultSoundfont);
  TempDir dir;
  write_piece(3, 4, dir / "tune.mid");
  const auto rows = piece_feature_rows(dir / "tune.mid", "jazz", first_seconds(6), 30);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].filename, "tune.mid");
  EXPECT_EQ(rows[0].values[0], 6 * 22050);  // the 30 s model hears the 6 s whole
}

TEST(PieceFeatures, ALongPieceGivesThirtySecondWindows) {
  CADENZA_REQUIRE_FILE(audio::kDefaultSoundfont);
  TempDir dir;
  write_piece(5, 32, dir / "long.mid");  // 64 s: two 30 s windows, the 4 s tail dropped
  const auto rows = piece_feature_rows(dir / "long.mid", "pop", first_seconds(0), 30);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].filename, "long.0.wav");
  EXPECT_EQ(rows[1].filename, "long.1.wav");
  EXPECT_EQ(rows[1].values[0], 661500);
}

TEST(PieceFeatures, AClassifierTrainedOnTheRowsFindsEachPieceAgain) {
  CADENZA_REQUIRE_FILE(audio::kDefaultSoundfont);
  TempDir dir;
  write_piece(11, 4, dir / "a.mid");
  write_piece(12, 4, dir / "b.mid");
  const PieceOptions options = first_seconds(6);
  features::FeatureRows table{features::gtzan_value_columns(), {}};
  for (const char* name : {"a", "b"}) {
    const std::string label = name[0] == 'a' ? "jazz" : "pop";
    const auto rows = piece_feature_rows(dir / (std::string(name) + ".mid"), label, options, 3);
    table.rows.insert(table.rows.end(), rows.begin(), rows.end());
  }
  {
    std::ofstream out(dir / "rows.csv");
    features::write_csv(out, table);
  }
  testing::save_knn_on_all_rows(dir / "rows.csv", dir / "knn.cdz");
  const auto classifier = load_window_classifier(dir / "knn.cdz");
  ASSERT_EQ(classifier->labels(), (std::vector<std::string>{"jazz", "pop"}));
  // k = 1: every window of a piece is its own nearest row, so the piece is itself for sure.
  const PiecePrediction a = predict_piece(*classifier, dir / "a.mid", options);
  const PiecePrediction b = predict_piece(*classifier, dir / "b.mid", options);
  ASSERT_TRUE(a.ok()) << a.error;
  ASSERT_TRUE(b.ok()) << b.error;
  EXPECT_EQ(a.windows.rows(), 2);
  EXPECT_DOUBLE_EQ(a.mean(0), 1.0);
  EXPECT_DOUBLE_EQ(b.mean(1), 1.0);
}

TEST(PieceFeatures, AMissingFileIsOneErrorNamingIt) {
  TempDir dir;
  try {
    piece_feature_rows(dir / "none.mid", "jazz", first_seconds(30), 30);
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("none.mid': no such file"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace cadenza::genre
