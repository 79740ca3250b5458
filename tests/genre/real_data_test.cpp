// The audio, MIDI and genre-check paths on the shared data: a KNN (k = 1) trained on every row
// of features_30_sec.csv must find a GTZAN clip itself (window = the whole clip, features equal
// to the CSV row), MIDI is rendered and classified, and bad inputs give one error each.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "genre/audio_prediction.h"
#include "genre/bar_chart_png.h"
#include "genre/generated_pieces.h"
#include "genre/genre_check.h"
#include "genre_test_support.h"
#include "support/png_image.h"
#include "support/shared_data.h"

namespace cadenza::genre {
namespace {

using testing::TempDir;

// The KNN is built once for the suite; every test of the suite needs it, so SetUp skips (or,
// with CADENZA_REQUIRE_DATA=1, fails) each of them cleanly when the data or the KNN is missing,
// instead of letting a test reach a null classifier.
class GenreData : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!cadenza::testing::missing_shared_data("gtzan/features_30_sec.csv").empty()) return;
    try {
      dir_ = new TempDir;
      testing::save_knn_on_all_rows(
          cadenza::testing::shared_data_dir() / "gtzan/features_30_sec.csv", *dir_ / "knn.cdz");
      classifier_ = load_window_classifier(*dir_ / "knn.cdz").release();
    } catch (const std::exception& e) {
      setup_error_ = new std::string(e.what());
    }
  }
  static void TearDownTestSuite() {
    delete classifier_;
    delete dir_;
    delete setup_error_;
    classifier_ = nullptr;
    dir_ = nullptr;
    setup_error_ = nullptr;
  }
  void SetUp() override {
    CADENZA_REQUIRE_SHARED_DATA("gtzan/features_30_sec.csv");
    ASSERT_EQ(setup_error_, nullptr) << "the KNN on all rows failed: " << *setup_error_;
    ASSERT_NE(classifier_, nullptr);
  }
  static fs::path gtzan(const std::string& relative) {
    return cadenza::testing::shared_data_dir() / "gtzan" / relative;
  }
  static TempDir* dir_;
  static WindowClassifier* classifier_;
  static std::string* setup_error_;
};
TempDir* GenreData::dir_ = nullptr;
WindowClassifier* GenreData::classifier_ = nullptr;
std::string* GenreData::setup_error_ = nullptr;

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST_F(GenreData, KnnOnAllRowsFindsEachClipThroughTheAudioPath) {
  CADENZA_REQUIRE_SHARED_DATA("gtzan/audio/jazz/jazz.00000.flac");
  EXPECT_EQ(classifier_->segment_seconds(), 30);
  const std::vector<std::pair<std::string, std::string>> clips = {
      {"audio/jazz/jazz.00000.flac", "jazz"},
      {"audio/classical/classical.00000.flac", "classical"},
      {"audio/rock/rock.00000.flac", "rock"},
      {"audio/blues/blues.00000.wav", "blues"}};
  std::vector<fs::path> files;
  for (const auto& clip : clips) files.push_back(gtzan(clip.first));
  PieceOptions options;
  options.threads = 2;
  const auto pieces = predict_pieces(*classifier_, files, options);
  for (std::size_t i = 0; i < clips.size(); ++i) {
    const PiecePrediction& p = pieces[i];
    ASSERT_TRUE(p.ok()) << p.error;
    EXPECT_EQ(p.windows.rows(), 1) << clips[i].first;
    EXPECT_EQ(p.samples, 661794u) << clips[i].first;
    EXPECT_EQ(classifier_->labels()[static_cast<std::size_t>(p.top())], clips[i].second);
    EXPECT_DOUBLE_EQ(p.mean(p.top()), 1.0) << clips[i].first;
  }
}

TEST_F(GenreData, MidiIsRenderedAndClassified) {
  CADENZA_REQUIRE_FILE(audio::kDefaultSoundfont);
  TempDir dir;
  testing::write_procedural_midi(7, 4, dir / "piece.mid");
  PieceOptions options;
  options.seconds = 6;
  const PiecePrediction p = predict_piece(*classifier_, dir / "piece.mid", options);
  ASSERT_TRUE(p.ok()) << p.error;
  EXPECT_TRUE(p.midi);
  EXPECT_EQ(p.samples, 6u * 22050);  // cut at --seconds (the piece is longer)
  EXPECT_EQ(p.windows.rows(), 1);
  // A 1-nearest-neighbour classifier is sure of its one neighbour: a one-hot row.
  EXPECT_DOUBLE_EQ(p.mean.sum(), 1.0);
  EXPECT_DOUBLE_EQ(p.mean.maxCoeff(), 1.0);
  EXPECT_DOUBLE_EQ(p.mean.minCoeff(), 0.0);
}

TEST_F(GenreData, GenreCheckWritesTablesAndChart) {
  CADENZA_REQUIRE_SHARED_DATA("midi/wjazzd_solos");
  CADENZA_REQUIRE_FILE(audio::kDefaultSoundfont);
  TempDir dir;
  const fs::path solos = cadenza::testing::shared_data_dir() / "midi/wjazzd_solos";
  const std::vector<fs::path> real = {solos / "ArtPepper_Anthropology_FINAL.mid",
                                      solos / "ArtPepper_BluesForBlanche_FINAL.mid"};
  for (const auto& f : real) ASSERT_TRUE(fs::is_regular_file(f)) << f;
  testing::write_procedural_midi(1, 4, dir / "gen_a.mid");
  testing::write_procedural_midi(2, 4, dir / "gen_b.mid");
  GenreCheckOptions options;
  options.piece.seconds = 4;
  options.piece.threads = 2;
  const GenreCheckResult r =
      genre_check(*classifier_, real, {dir / "gen_a.mid", dir / "gen_b.mid"}, options);
  ASSERT_TRUE(r.errors.empty());
  ASSERT_EQ(r.rows.size(), 4u);
  EXPECT_EQ(r.real.pieces, 2u);
  EXPECT_EQ(r.generated.pieces, 2u);
  // GTZAN's ten genres in alphabetical order: jazz is the sixth column.
  ASSERT_EQ(r.labels.size(), 10u);
  EXPECT_EQ(r.labels[5], "jazz");
  // A 1-nearest-neighbour classifier gives one-hot rows: each piece's p(jazz) is 1 when its
  // neighbour is a jazz clip and 0 otherwise, and a group's mean is its share of jazz verdicts.
  double jazz_real = 0, jazz_generated = 0;
  for (std::size_t i = 0; i < r.rows.size(); ++i) {
    const auto& row = r.rows[i];
    ASSERT_EQ(row.probabilities.size(), 10) << row.name;
    EXPECT_DOUBLE_EQ(row.probabilities.sum(), 1.0) << row.name;
    EXPECT_DOUBLE_EQ(row.probabilities.maxCoeff(), 1.0) << row.name;
    Eigen::Index top = 0;
    row.probabilities.maxCoeff(&top);
    EXPECT_DOUBLE_EQ(row.probability, top == 5 ? 1.0 : 0.0) << row.name;
    (i < 2 ? jazz_real : jazz_generated) += top == 5 ? 0.5 : 0.0;
    EXPECT_NEAR(row.seconds, 4.0, 1e-9) << row.name;
  }
  EXPECT_DOUBLE_EQ(r.real.mean, jazz_real);
  EXPECT_DOUBLE_EQ(r.generated.mean, jazz_generated);

  write_genre_check_csv(r, dir / "genre_check.csv");
  write_genre_check_json(r, dir / "genre_check.json");
  write_genre_check_png(r, dir / "genre_check.png");
  const auto csv = lines_of(read_text(dir / "genre_check.csv"));
  ASSERT_EQ(csv.size(), 5u);
  EXPECT_EQ(csv[0].rfind("group,name,file,windows,seconds,p_jazz,top_genre,p_top,p_blues,", 0), 0u);
  EXPECT_EQ(csv[1].rfind("real,ArtPepper_Anthropology_FINAL,", 0), 0u) << csv[1];
  EXPECT_EQ(csv[2].rfind("real,ArtPepper_BluesForBlanche_FINAL,", 0), 0u) << csv[2];
  EXPECT_EQ(csv[3].rfind("generated,gen_a,", 0), 0u) << csv[3];
  EXPECT_EQ(csv[4].rfind("generated,gen_b,", 0), 0u) << csv[4];
  const auto json = nlohmann::json::parse(read_text(dir / "genre_check.json"));
  EXPECT_EQ(json["genre"], "jazz");
  EXPECT_EQ(json["groups"]["real"]["pieces"], 2);
  EXPECT_EQ(json["groups"]["generated"]["pieces"], 2);
  EXPECT_NEAR(json["groups"]["real"]["mean"].get<double>(), r.real.mean, 1e-12);
  EXPECT_EQ(json["pieces"].size(), 4u);
  EXPECT_EQ(json["pieces"][2]["group"], "generated");
  const cadenza::testing::DecodedPng chart =
      cadenza::testing::decode_png_file(dir / "genre_check.png");
  EXPECT_GT(chart.width, 4 * 2);  // four bars and the two group means at least
  EXPECT_GT(chart.height, 0);
  const std::string table = format_genre_check(r);
  EXPECT_NE(table.find("mean p(jazz) +- std"), std::string::npos) << table;
}

TEST_F(GenreData, BadFilesAreOneErrorEachAndTheRestGoesOn) {
  CADENZA_REQUIRE_SHARED_DATA("gtzan/audio/jazz/jazz.00054.wav");
  TempDir dir;
  std::ofstream(dir / "broken.mid") << "MThd but not really";
  const std::vector<fs::path> files = {gtzan("audio/jazz/jazz.00054.wav"), dir / "missing.flac",
                                       dir / "broken.mid", gtzan("audio/jazz/jazz.00001.flac")};
  const auto pieces = predict_pieces(*classifier_, files, {});
  ASSERT_EQ(pieces.size(), 4u);
  EXPECT_NE(pieces[0].error.find("jazz.00054.wav"), std::string::npos) << pieces[0].error;
  EXPECT_NE(pieces[0].error.find("cannot decode"), std::string::npos) << pieces[0].error;
  EXPECT_NE(pieces[1].error.find("missing.flac': no such file"), std::string::npos)
      << pieces[1].error;
  EXPECT_NE(pieces[2].error.find("broken.mid"), std::string::npos) << pieces[2].error;
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(pieces[static_cast<std::size_t>(i)].error.find('\n'), std::string::npos);
  ASSERT_TRUE(pieces[3].ok()) << pieces[3].error;
  EXPECT_EQ(classifier_->labels()[static_cast<std::size_t>(pieces[3].top())], "jazz");
  const classify::Vector mean = mean_of_pieces(pieces);  // the good file only
  EXPECT_DOUBLE_EQ(mean.maxCoeff(), 1.0);
}

TEST_F(GenreData, GenreCheckRejectsUnknownGenreAndEmptyGroups) {
  CADENZA_REQUIRE_SHARED_DATA("gtzan/features_30_sec.csv");
  GenreCheckOptions options;
  options.genre = "polka";
  EXPECT_THROW(genre_check(*classifier_, {"a.mid"}, {"b.mid"}, options), std::invalid_argument);
  options.genre = "jazz";
  EXPECT_THROW(genre_check(*classifier_, {}, {"b.mid"}, options), std::invalid_argument);
  // Every generated piece failing is an error, not a mean over nothing.
  CADENZA_REQUIRE_SHARED_DATA("gtzan/audio/jazz/jazz.00001.flac");
  try {
    genre_check(*classifier_, {gtzan("audio/jazz/jazz.00001.flac")}, {"/nonexistent/x.mid"},
                options);
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("none of the generated pieces"), std::string::npos);
  }
}

std::string error_of(const fs::path& path) {
  try {
    load_window_classifier(path);
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

TEST(GenreModelFiles, WrongFilesGiveOneClearError) {
  TempDir dir;
  std::ofstream(dir / "text.cdz") << "hello, not a model";
  std::ofstream(dir / "vae.cdz") << std::string("CDZ1\x02\0\0\0", 8) << "more bytes";
  std::ofstream(dir / "v9.cdz") << std::string("CDZGENRE\x09\0\0\0", 12);
  EXPECT_NE(error_of(dir / "text.cdz").find("not a cadenza genre classifier"), std::string::npos);
  EXPECT_NE(error_of(dir / "vae.cdz").find("a generative model checkpoint"), std::string::npos);
  EXPECT_NE(error_of(dir / "v9.cdz").find("classifier format version 9"), std::string::npos);
  EXPECT_NE(error_of(dir / "none.cdz").find("cannot open"), std::string::npos);
  EXPECT_NE(error_of(dir.path()).find("a folder"), std::string::npos);
  for (const char* name : {"text.cdz", "vae.cdz", "v9.cdz"}) {
    const std::string message = error_of(dir / name);
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    EXPECT_NE(message.find(name), std::string::npos) << message;
  }
}

TEST(GenreModelFiles, GenerativeCheckpointCheck) {
  TempDir dir;
  std::ofstream(dir / "clf.cdz") << "CDZGENRE....";
  std::ofstream(dir / "x.cdz") << "something else";
  auto message = [](const fs::path& p) {
    try {
      check_generative_checkpoint(p);
    } catch (const std::runtime_error& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_NE(message(dir / "clf.cdz").find("a genre classifier"), std::string::npos);
  EXPECT_NE(message(dir / "x.cdz").find("not a generative checkpoint"), std::string::npos);
  EXPECT_NE(message(dir / "none.cdz").find("no such checkpoint file"), std::string::npos);
}

TEST(GenreGeneratedPieces, TokensFillTheSeconds) {
  tokens::DecodeOptions midi;  // 120 BPM, an eighth note per token: 0.25 s
  EXPECT_EQ(tokens_to_fill(30, midi), 120);
  EXPECT_EQ(tokens_to_fill(30.1, midi), 121);
  midi.bpm = 90;  // 1/3 s per token
  EXPECT_EQ(tokens_to_fill(30, midi), 90);
}

TEST(GenreBarChart, RendersAPngAndRejectsNoBars) {
  BarChart chart;
  chart.title = "p(jazz)";
  chart.series = {"real", "generated"};
  chart.bars = {{"a", 0.2, 0, -1, false, 0},
                {"b", 1.4, 1, -1, false, 16},
                {"real mean", 0.2, 0, 0.1, true, 32}};
  const std::string png = render_bar_chart(chart);
  EXPECT_EQ(png.substr(0, 8), "\x89PNG\r\n\x1a\n");
  EXPECT_THROW(render_bar_chart(BarChart{}), std::invalid_argument);
  // Many narrow unnamed bars under a caption.
  BarChart many;
  many.bar_width = 2;
  many.bar_gap = 0;
  for (int i = 0; i < 500; ++i) many.bars.push_back({"", i / 500.0, 0, -1, false, 0});
  many.spans = {{"real, sorted", 0, 499}};
  EXPECT_EQ(render_bar_chart(many).substr(0, 8), "\x89PNG\r\n\x1a\n");
  many.spans = {{"outside", 10, 500}};
  EXPECT_THROW(render_bar_chart(many), std::invalid_argument);
}

TEST(GenreBarChart, BarsInTheirSeriesColours) {
  BarChart chart;
  chart.title = "t";
  chart.series = {"real", "generated"};
  chart.bars = {{"a", 0.5, 0, -1, false, 0}, {"mean", 0.5, 1, -1, true, 0}};
  const cadenza::testing::DecodedPng png = cadenza::testing::decode_png(render_bar_chart(chart));
  // Layout (16 px padding, 22 px text lines): the legend at y = 16 + 2 * 22 = 60, the plot from
  // y = 60 + 22 + 24 = 106 to 426 (320 px for 0..1), its axis at x = 16 + 3 * 12 + 10 = 62.
  // Bar "a" at x 72..87 from y = 426 - 160 = 266 in tab10 blue; the wide bar of series 1 at x
  // 92..155 in tab10 orange times 0.65 (255, 127, 14) -> (166, 83, 9).
  EXPECT_EQ(png.at(80, 300), (std::array<int, 3>{31, 119, 180}));
  EXPECT_EQ(png.at(80, 262), (std::array<int, 3>{255, 255, 255}));
  EXPECT_EQ(png.at(120, 400), (std::array<int, 3>{166, 83, 9}));
  EXPECT_EQ(png.at(65, 63), (std::array<int, 3>{31, 119, 180}));  // the legend's swatch
  EXPECT_EQ(png.at(62, 200), (std::array<int, 3>{90, 90, 90}));   // the axis
}

}  // namespace
}  // namespace cadenza::genre
