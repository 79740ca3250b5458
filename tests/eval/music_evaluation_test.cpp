#include "eval/music_evaluation.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "midi/writer.h"
#include "score/score.h"

namespace cadenza::eval {
namespace {

namespace fs = std::filesystem;

// Quarter notes of `pitches` on a piano.
void write_piece(const fs::path& path, const std::vector<int>& pitches, double step = 1) {
  score::Score s;
  s.ticks_per_quarter = 480;
  for (std::size_t i = 0; i < pitches.size(); ++i) {
    score::Note n;
    n.pitch = pitches[i];
    n.start_tick = static_cast<std::int64_t>(i * step * 480);
    n.end_tick = n.start_tick + 480;
    s.notes.push_back(n);
  }
  fs::create_directories(path.parent_path());
  midi::write(score::to_midi(s), path);
}

struct Folders {
  fs::path real, generated;
};

Folders make_folders(const std::string& name) {
  const fs::path root = fs::path(::testing::TempDir()) / name;
  fs::remove_all(root);
  const std::vector<int> scale = {60, 62, 64, 65, 67, 69, 71, 72, 74, 76, 77, 79};
  std::vector<int> up;
  for (int p : scale) up.push_back(p + 2);
  write_piece(root / "real/scale.mid", scale);
  write_piece(root / "real/sub/scale_in_d.mid", up);
  write_piece(root / "generated/chord.mid", {60, 64, 67}, 0);
  std::ofstream(root / "generated/broken.mid") << "MThd not really";
  std::ofstream(root / "generated/notes.txt") << "not MIDI, not read";
  return {root / "real", root / "generated"};
}

const MetricSummary& metric(const MusicEvaluation& e, const std::string& name) {
  for (const MetricSummary& m : e.metrics)
    if (m.name == name) return m;
  throw std::runtime_error("no metric " + name);
}

TEST(MusicEvaluation, TwoSetsSideBySide) {
  const Folders f = make_folders("music_evaluation_sets");
  MusicEvaluationOptions options;
  options.real = {f.real};
  options.generated = {f.generated};
  options.copy_from = {f.real};
  const MusicEvaluation e = evaluate_music(options);
  EXPECT_EQ(e.real_files, 2u);
  EXPECT_EQ(e.generated_files, 1u);
  EXPECT_EQ(e.training_files, 2u);
  EXPECT_EQ(e.training_phrases, 2u * 5);  // 12 notes: 5 phrases each
  ASSERT_EQ(e.skipped.size(), 1u);
  EXPECT_EQ(e.skipped[0].set, "generated");
  EXPECT_NE(e.skipped[0].error.find("broken.mid"), std::string::npos) << e.skipped[0].error;
  EXPECT_EQ(metric(e, "pitch_range").real.median, 19);
  EXPECT_EQ(metric(e, "pitch_range").generated.median, 7);
  EXPECT_EQ(metric(e, "pitch_range").overlapping_area, 0.0);        // two single values apart
  EXPECT_EQ(metric(e, "scale_consistency").overlapping_area, 1.0);  // 1.0 everywhere
  EXPECT_TRUE(metric(e, "scale_consistency").generated_median_in_real_range());
  EXPECT_EQ(metric(e, "polyphony").generated.median, 3);
  EXPECT_EQ(metric(e, "notes_per_bar_piano").real.median, 4);  // 12 quarters: 3 bars
  // The real pieces are the training files; the chord has no phrase of 8 notes.
  EXPECT_EQ(metric(e, kCopyRateMetric).real.median, 1.0);
  EXPECT_EQ(metric(e, kCopyRateMetric).generated.count, 0u);
  EXPECT_EQ(e.metrics.back().name, kCopyRateMetric);

  const fs::path out = f.real.parent_path() / "out";
  const auto written = write_music_evaluation(e, out);
  ASSERT_EQ(written.size(), 4u);
  for (const auto& path : written) EXPECT_GT(fs::file_size(path), 0u) << path;
  std::ifstream csv(out / "metrics.csv");
  std::string header, line;
  std::getline(csv, header);
  EXPECT_EQ(header.rfind("set,file,pitch_range,n_pitch_classes_used,", 0), 0u) << header;
  int rows = 0;
  while (std::getline(csv, line)) ++rows;
  EXPECT_EQ(rows, 3);
  const std::string json = music_evaluation_json(e);
  EXPECT_NE(json.find("\"name\": \"copy_rate_8gram\""), std::string::npos);
  EXPECT_NE(format_music_evaluation(e).find("real (2 files)"), std::string::npos);
}

TEST(MusicEvaluation, ASetWithNoReadableFileIsAnError) {
  const Folders f = make_folders("music_evaluation_unreadable");
  fs::remove(f.generated / "chord.mid");
  MusicEvaluationOptions options;
  options.real = {f.real};
  options.generated = {f.generated};
  try {
    evaluate_music(options);
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("--generated: none of the 1 MIDI files could be read"),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("broken.mid"), std::string::npos) << message;
  }
  options.generated = {f.generated / "notes.txt"};  // named directly, read, and not MIDI
  EXPECT_THROW(evaluate_music(options), std::runtime_error);
  options.generated = {f.real.parent_path() / "no-such-folder"};
  EXPECT_THROW(evaluate_music(options), std::runtime_error);
}

}  // namespace
}  // namespace cadenza::eval
