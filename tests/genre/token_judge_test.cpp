// The token judge (token_features.h, piece_judge.h): the features of a hand-made piece against
// values computed by hand, the shipped judge on held-out real pieces, the audio judge adapter on
// a classifier that knows two rendered pieces, and the errors of bad judge files.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>

#include "classify/model_factory.h"
#include "features/gtzan.h"
#include "genre/piece_judge.h"
#include "genre/token_features.h"
#include "genre/window_classifier.h"
#include "genre_test_support.h"
#include "midi/writer.h"
#include "score/score.h"
#include "support/shared_data.h"

namespace cadenza::genre {
namespace {

using testing::TempDir;

// 4/4 at 120 BPM, piano, velocity 100 (MidiTok's bin 99), `lead_bars` empty bars first:
//   bar 1: beat 1 C4 E4 G4 (quarters), beat 2 C5 (quarter), beat 3 B4 (eighth),
//          beat 3.5 A4 (eighth), beat 4 G4 (quarter);   bar 2: C4 (whole note).
void write_hand_made_piece(const fs::path& path, int lead_bars = 0) {
  score::Score s;
  s.ticks_per_quarter = 480;
  s.tempos = {{0, 500000}};
  s.time_signatures = {{0, 4, 4}};
  s.tracks = {score::TrackInfo{}};
  const std::int64_t bar = 4 * 480, offset = lead_bars * bar;
  auto note = [&](int pitch, double beat, double beats) {
    score::Note n;
    n.pitch = pitch;
    n.velocity = 100;
    n.start_tick = offset + static_cast<std::int64_t>(beat * 480);
    n.end_tick = n.start_tick + static_cast<std::int64_t>(beats * 480);
    s.notes.push_back(n);
  };
  note(60, 0, 1);
  note(64, 0, 1);
  note(67, 0, 1);
  note(72, 1, 1);
  note(71, 2, 0.5);
  note(69, 2.5, 0.5);
  note(67, 3, 1);
  note(60, 4, 4);
  midi::write(score::to_midi(s), path);
}

std::map<std::string, double> features_by_name(const fs::path& midi, int bars) {
  const std::vector<std::string> columns = token_feature_columns(bars);
  const std::vector<double> values = token_features_of_file(midi, bars);
  EXPECT_EQ(values.size(), columns.size());
  std::map<std::string, double> out;
  const std::string prefix = token_column_prefix(bars);
  for (std::size_t i = 0; i < columns.size() && i < values.size(); ++i)
    out[columns[i].substr(prefix.size())] = values[i];
  return out;
}

TEST(TokenFeatures, HandMadePieceHasTheHandComputedHistograms) {
  TempDir dir;
  write_hand_made_piece(dir / "piece.mid");
  auto f = features_by_name(dir / "piece.mid", 32);
  // Every column not named here is 0.
  const std::map<std::string, double> expected = {
      // 8 notes: seven in octave 4, C5 in octave 5; mean pitch 530/8 = 66.25 (/127); range 12/88.
      {"pitch.octave4", 7.0 / 8},
      {"pitch.octave5", 1.0 / 8},
      {"pitch.mean", 66.25 / 127},
      {"pitch.range", 12.0 / 88},
      // C x3, E, G x2, A, B; the most frequent class is C, so relative = absolute.
      {"pitch_class.abs0", 3.0 / 8},
      {"pitch_class.abs4", 1.0 / 8},
      {"pitch_class.abs7", 2.0 / 8},
      {"pitch_class.abs9", 1.0 / 8},
      {"pitch_class.abs11", 1.0 / 8},
      {"pitch_class.rel0", 3.0 / 8},
      {"pitch_class.rel4", 1.0 / 8},
      {"pitch_class.rel7", 2.0 / 8},
      {"pitch_class.rel9", 1.0 / 8},
      {"pitch_class.rel11", 1.0 / 8},
      // Top notes of the 6 onsets: 67 72 71 69 67 60: steps 5 1 2 2 7.
      {"interval.step1", 1.0 / 5},
      {"interval.step2", 2.0 / 5},
      {"interval.step5", 1.0 / 5},
      {"interval.step7", 1.0 / 5},
      {"interval.mean", 17.0 / 60},
      // The one chord C E G: a third and a fifth above the bass.
      {"chord.above_bass4", 0.5},
      {"chord.above_bass7", 0.5},
      // Onsets at positions 0 8 16 20 24 (bar 1) and 0 (bar 2), in 1/8 beats.
      {"position.eighth0", 5.0 / 6},
      {"position.eighth4", 1.0 / 6},
      {"position.beat0", 2.0 / 6},
      {"position.beat1", 1.0 / 6},
      {"position.beat2", 2.0 / 6},
      {"position.beat3", 1.0 / 6},
      // Five quarters, two eighths, one whole note.
      {"duration.beats1", 5.0 / 8},
      {"duration.beats0.5", 2.0 / 8},
      {"duration.beats4", 1.0 / 8},
      // Velocity 99 (bin 99 / 16 = 6), one distinct value of 32.
      {"velocity.bin6", 1.0},
      {"velocity.distinct", 1.0 / 32},
      {"program.piano", 1.0},
      {"program.count", 1.0 / 16},
      // 120 BPM -> MidiTok's nearest tempo 121.29 = 40 + 12 * 210 / 31.
      {"tempo.bpm", 12.0 / 31},
      {"timesig.4_4", 1.0},
      // 2 bars: 4 notes and 3 onsets a bar, 8 notes on 6 onsets, one of them a chord.
      {"density.notes_per_bar", std::log1p(4.0)},
      {"density.onsets_per_bar", std::log1p(3.0)},
      {"density.notes_per_onset", 8.0 / 6},
      {"density.chord_onsets", 1.0 / 6}};
  const double pitches[] = {60, 64, 67, 72, 71, 69, 67, 60};
  double variance = 0;
  for (double p : pitches) variance += (p - 66.25) * (p - 66.25) / (127.0 * 127.0);
  f["pitch.std"] -= std::sqrt(variance / 8);  // checked here, so that 0 is expected below
  double entropy = 0;
  for (double p : {3.0 / 8, 1.0 / 8, 2.0 / 8, 1.0 / 8, 1.0 / 8}) entropy -= p * std::log2(p);
  f["pitch_class.entropy"] -= entropy / std::log2(12.0);
  for (const auto& [name, value] : f) {
    const auto it = expected.find(name);
    EXPECT_NEAR(value, it == expected.end() ? 0.0 : it->second, 1e-4) << name;
  }
  for (const auto& [name, value] : expected) EXPECT_TRUE(f.count(name)) << name;
}

TEST(TokenFeatures, TheSpanStartsAtTheBarOfTheFirstNote) {
  TempDir dir;
  write_hand_made_piece(dir / "plain.mid");
  write_hand_made_piece(dir / "late.mid", 3);  // three empty bars first
  const std::vector<double> plain = token_features_of_file(dir / "plain.mid", 1);
  const std::vector<double> late = token_features_of_file(dir / "late.mid", 1);
  ASSERT_EQ(plain.size(), late.size());
  for (std::size_t i = 0; i < plain.size(); ++i) EXPECT_NEAR(plain[i], late[i], 1e-12) << i;
  // The first bar only: 7 notes on 5 onsets.
  auto f = features_by_name(dir / "late.mid", 1);
  EXPECT_NEAR(f["density.notes_per_bar"], std::log1p(7.0), 1e-12);
  EXPECT_NEAR(f["density.notes_per_onset"], 7.0 / 5, 1e-12);
  EXPECT_NEAR(f["duration.beats4"], 0.0, 1e-12);
}

TEST(TokenFeatures, ColumnsNameTheirSpan) {
  EXPECT_EQ(token_feature_columns(32).front(), "tokens.first32.pitch.octave0");
  EXPECT_EQ(token_feature_columns(0, {"tempo"}),
            (std::vector<std::string>{"tokens.all.tempo.bpm", "tokens.all.tempo.changes_per_bar"}));
  EXPECT_EQ(token_columns_bars(token_feature_columns(16)), 16);
  EXPECT_EQ(token_columns_bars(token_feature_columns(0)), 0);
  EXPECT_THROW(token_columns_bars({"tokens.first16.pitch.mean", "tokens.all.pitch.mean"}),
               std::runtime_error);
  EXPECT_THROW(token_columns_bars({"chroma_stft_mean"}), std::runtime_error);
  EXPECT_THROW(token_feature_columns(16, {"timbre"}), std::invalid_argument);
}

TEST(TokenFeatures, AFileWithoutNotesOrNotMidiNamesTheFile) {
  TempDir dir;
  score::Score empty;
  empty.tracks = {score::TrackInfo{}};
  midi::write(score::to_midi(empty), dir / "empty.mid");
  std::ofstream(dir / "text.mid") << "not a MIDI file";
  for (const char* name : {"empty.mid", "text.mid", "missing.mid"}) {
    try {
      token_features_of_file(dir / name, 32);
      ADD_FAILURE() << name << " was accepted";
    } catch (const std::runtime_error& e) {
      EXPECT_NE(std::string(e.what()).find(name), std::string::npos) << e.what();
    }
  }
}

fs::path shipped_token_judge() {
  return fs::path(CADENZA_SOURCE_DIR) / "models" / "genre_tokens.cdz";
}

TEST(TokenJudge, TheShippedJudgeKnowsHeldOutRealPieces) {
  CADENZA_REQUIRE_SHARED_DATA("midi/pop909");
  const std::unique_ptr<PieceJudge> judge = load_piece_judge(shipped_token_judge());
  EXPECT_EQ(judge->labels(), (std::vector<std::string>{"folk", "jazz", "pop"}));
  EXPECT_NE(judge->describe().find("tokens: "), std::string::npos) << judge->describe();
  EXPECT_NE(judge->hears().find("REMI tokens"), std::string::npos) << judge->hears();
  // Held-out pieces of docs/data/genre_heldout.txt, never trained on.
  const std::vector<std::pair<std::string, std::string>> pieces = {
      {"jazz", "wjazzd_solos/ArtPepper_Stardust-2_FINAL.mid"},
      {"jazz", "midkar_jazz/a_fine_romance_mw.mid"},
      {"folk", "nottingham_folk/ashover14.mid"},
      {"pop", "pop909/006.mid"}};
  for (const auto& [genre, name] : pieces) {
    const fs::path file = cadenza::testing::shared_data_dir() / "midi" / name;
    const classify::Vector p = judge->probabilities(file);
    ASSERT_EQ(p.size(), 3);
    EXPECT_NEAR(p.sum(), 1.0, 1e-9);
    EXPECT_EQ(judge->labels()[static_cast<std::size_t>(top_label(p))], genre) << name;
  }
}

TEST(TokenJudge, BadJudgeFilesGiveOneClearError) {
  TempDir dir;
  write_hand_made_piece(dir / "piece.mid");
  std::ofstream(dir / "checkpoint.cdz") << "CDZ1 a generative checkpoint";
  const std::vector<std::pair<fs::path, std::string>> cases = {
      {dir / "none.cdz", "no such genre judge file"},
      {dir.path(), "a folder"},
      {dir / "piece.mid", "piece.mid"},
      {dir / "checkpoint.cdz", "generative model checkpoint"}};
  for (const auto& [path, why] : cases) {
    try {
      load_piece_judge(path);
      ADD_FAILURE() << path << " was accepted";
    } catch (const std::runtime_error& e) {
      EXPECT_NE(std::string(e.what()).find(why), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find(path.filename().string()), std::string::npos)
          << e.what();
    }
  }
  // An audio path given the token judge says what it is.
  try {
    load_window_classifier(shipped_token_judge());
    ADD_FAILURE() << "the token judge was opened as an audio classifier";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("a token genre judge"), std::string::npos) << e.what();
  }
  // The token judge names the MIDI file it cannot judge.
  const std::unique_ptr<PieceJudge> judge = load_piece_judge(shipped_token_judge());
  try {
    judge->probabilities(dir / "nothing.mid");
    ADD_FAILURE() << "a missing MIDI file was judged";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("nothing.mid"), std::string::npos) << e.what();
  }
}

// The audio judge renders a MIDI file as genre-check does and averages its windows: a KNN
// (k = 1) trained on the GTZAN features of the renderings of two pieces, labelled "a" and "b",
// must find each piece itself with probability 1.
TEST(AudioJudge, FindsTheRenderedPiecesItWasTrainedOn) {
  CADENZA_REQUIRE_FILE(audio::kDefaultSoundfont);
  TempDir dir;
  testing::write_procedural_midi(1, 4, dir / "a.mid");
  testing::write_procedural_midi(2, 4, dir / "b.mid");
  PieceOptions options;  // whole pieces, shorter than one 30 s window: one window each
  // The model's columns: the 57 GTZAN features (gtzan_values() starts with "length").
  std::vector<std::string> columns = features::gtzan_value_columns(false);
  ASSERT_EQ(columns.front(), "length");
  columns.erase(columns.begin());
  classify::Matrix x(2, static_cast<Eigen::Index>(columns.size()));
  for (int row = 0; row < 2; ++row) {
    const std::vector<float> samples = piece_samples(dir / (row == 0 ? "a.mid" : "b.mid"), options);
    const std::vector<double> values = features::gtzan_values(samples.data(), samples.size());
    for (std::size_t c = 0; c < columns.size(); ++c)
      x(row, static_cast<Eigen::Index>(c)) = values[c + 1];
  }
  classify::Classifier c;
  c.labels = {"a", "b"};
  c.columns = columns;
  c.segment_seconds = 30;
  c.scaler.fit(x);
  c.pca.fit(c.scaler.transform(x));
  c.model = classify::make_model("knn", {});
  c.model->fit(c.preprocess(x), {0, 1}, 2);
  c.save(dir / "audio.cdz");

  const std::unique_ptr<PieceJudge> judge = load_piece_judge(dir / "audio.cdz", options);
  EXPECT_NE(judge->describe().find("audio: knn"), std::string::npos) << judge->describe();
  EXPECT_NE(judge->hears().find("FluidSynth"), std::string::npos) << judge->hears();
  const classify::Vector pa = judge->probabilities(dir / "a.mid");
  const classify::Vector pb = judge->probabilities(dir / "b.mid");
  EXPECT_EQ(pa(0), 1.0);
  EXPECT_EQ(pb(1), 1.0);
  try {
    judge->probabilities(dir / "missing.mid");
    ADD_FAILURE() << "a missing file was judged";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("missing.mid"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace cadenza::genre
