// generate / interpolate / evaluate end to end on a tiny checkpoint written here, and the
// clear errors for a missing or corrupt checkpoint, a missing corpus and a missing soundfont.
#include "generate/compose.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <sstream>

#include "midi/writer.h"
#include "model/checkpoint_file.h"
#include "model/vae_model.h"
#include "score/procedural.h"
#include "support/png_image.h"
#include "tokens/corpus.h"

namespace cadenza::generate {
namespace {

const std::vector<std::string> kNotes = {"C4",  "C#4", "D4",  "E-4", "E4",  "F4",
                                         "F#4", "G4",  "G#4", "A4",  "B-4", "B4"};

std::vector<std::string> read_lines(const fs::path& path) {
  std::vector<std::string> lines;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// "C4" -> 60, "E-4" -> 63, "F#4" -> 66 (music21 names: '-' is flat).
int midi_pitch(const std::string& name) {
  static const std::string letters = "C D EF G A B";
  int pitch = static_cast<int>(letters.find(name.at(0)));
  std::size_t i = 1;
  for (; i < name.size() && (name[i] == '#' || name[i] == '-'); ++i)
    pitch += name[i] == '#' ? 1 : -1;
  return pitch + (std::stoi(name.substr(i)) + 1) * 12;
}

class ComposeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("cadenza_compose_test_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    tokens::Corpus corpus;
    for (int d = 0; d < 10; ++d) {
      tokens::Document doc{"doc" + std::to_string(d), {}};
      for (int i = 0; i < 40; ++i) doc.tokens.push_back(kNotes[(i * (d + 1) + d) % 12]);
      corpus.documents.push_back(doc);
    }
    tokens::write_corpus(corpus, corpus_path());
    const tokens::Vocab vocab = tokens::Vocab::from_corpus(corpus);

    torch::manual_seed(0);
    model::ModelConfig c = model::default_preset("vae-lstm");
    c.vocab_size = static_cast<std::int64_t>(vocab.size());
    c.window = 8;
    c.latent = 4;
    c.embedding = 8;
    c.encoder_hidden = c.decoder_hidden = 16;
    model::VaeModel m = model::make_model(c);
    std::string vocab_text;
    for (const auto& t : vocab.tokens()) vocab_text += t + '\n';
    model::write_checkpoint_file(checkpoint_path(), {{"config", model::to_json(c)},
                                                     {"vocab", vocab_text},
                                                     {"weights", model::save_module(*m)}});
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path corpus_path() const { return dir_ / "corpus.txt"; }
  fs::path checkpoint_path() const { return dir_ / "model.cdz"; }
  ComposeOptions options() const {
    ComposeOptions o;
    o.source.checkpoint = checkpoint_path();
    o.source.corpus = corpus_path();
    o.output = dir_ / "out" / "piece.mid";
    o.generation.length = 24;
    return o;
  }
  fs::path dir_;
};

TEST_F(ComposeTest, GeneratesPiecesWithPianoRollsAndReport) {
  ComposeOptions o = options();
  o.count = 2;
  o.report = true;
  const ComposeResult result = compose(o);
  ASSERT_EQ(result.written.size(), 2u);
  for (const auto& paths : result.written)
    for (const auto& p : paths) EXPECT_TRUE(fs::is_regular_file(p)) << p;
  EXPECT_EQ(read_lines(dir_ / "out" / "piece_02.tokens.txt").size(), 24u);

  // The piano roll of piece 1, against its tokens: 24 single notes of an eighth each (120 BPM)
  // fill 12 quarters at 24 px each (+1 px for the last beat line); 6 px per semitone from 2
  // below the lowest to 2 above the highest pitch; the first note starts at x = 0 in its row,
  // drawn in track 0's colour (86, 180, 233) at velocity 100 (x 0.55 + 0.45 * 100 / 127).
  const std::vector<std::string> tokens = read_lines(dir_ / "out" / "piece_01.tokens.txt");
  ASSERT_EQ(tokens.size(), 24u);
  int low = 127, high = 0;
  for (const auto& t : tokens)
    low = std::min(low, midi_pitch(t)), high = std::max(high, midi_pitch(t));
  const cadenza::testing::DecodedPng roll =
      cadenza::testing::decode_png_file(dir_ / "out" / "piece_01.png");
  EXPECT_EQ(roll.width, 12 * 24 + 1);
  EXPECT_EQ(roll.height, (high - low + 1 + 4) * 6);
  const int first_row = (high + 2 - midi_pitch(tokens[0])) * 6;
  EXPECT_EQ(roll.at(6, first_row + 2), (std::array<int, 3>{78, 163, 211}));
  EXPECT_EQ(roll.at(6, 2), (std::array<int, 3>{24, 24, 28}));  // the empty row above the highest
  EXPECT_NE(result.report.find("held-out"), std::string::npos);

  // The same seed gives the same piece.
  o.output = dir_ / "again" / "piece.mid";
  compose(o);
  std::ifstream a(dir_ / "out" / "piece_01.tokens.txt"), b(dir_ / "again" / "piece_01.tokens.txt");
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(a), {}),
            std::string(std::istreambuf_iterator<char>(b), {}));
}

TEST_F(ComposeTest, PrimeFromPriorFastAndInterpolation) {
  score::ProceduralOptions procedural;
  procedural.bars = 8;
  const fs::path prime = dir_ / "prime.mid";
  midi::write(score::to_midi(score::make_jazz_like_piece(3, procedural)), prime);
  ComposeOptions o = options();
  o.source.corpus.reset();  // a prime needs no corpus
  o.prime = prime;
  o.from_prior = true;
  o.generation.fast = true;
  const ComposeResult result = compose(o);
  ASSERT_EQ(result.written.size(), 1u);
  // The procedural piece's chords are not in this note-only vocabulary: they are mapped.
  EXPECT_NE(result.notes.front().find("mapped to the nearest"), std::string::npos)
      << result.notes.front();

  InterpolateOptions i;
  i.source.checkpoint = checkpoint_path();
  i.a = prime;
  i.b = prime;
  i.steps = 3;
  i.output_dir = dir_ / "interp";
  i.generation.length = 10;
  EXPECT_EQ(interpolate(i).written.size(), 3u);
  // Both ends are the same piece, so the line between their latents is one point and every step
  // (same seed window, same sampler seed) is the same piece of 10 tokens.
  const auto first = read_lines(dir_ / "interp" / "step_01.tokens.txt");
  EXPECT_EQ(first.size(), 10u);
  for (const char* step : {"step_02", "step_03"}) {
    EXPECT_EQ(read_lines(dir_ / "interp" / (std::string(step) + ".tokens.txt")), first) << step;
    EXPECT_TRUE(fs::is_regular_file(dir_ / "interp" / (std::string(step) + ".mid"))) << step;
  }
}

TEST_F(ComposeTest, EvaluateTableHasEveryTemperatureAndHeldOut) {
  EvaluateOptions e;
  e.source.checkpoint = checkpoint_path();
  e.source.corpus = corpus_path();
  e.pieces = 3;
  e.generation.length = 20;
  e.temperatures = {0, 0.7};
  const std::string table = evaluate(e);
  std::vector<std::string> lines;
  std::istringstream in(table);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  ASSERT_EQ(lines.size(), 5u) << table;  // summary, column names, argmax, T=0.7, held-out
  EXPECT_EQ(lines[0].rfind("3 pieces of 20 tokens per temperature", 0), 0u) << table;
  EXPECT_EQ(lines[1].rfind("pieces", 0), 0u) << table;
  EXPECT_EQ(lines[2].rfind("argmax ", 0), 0u) << table;
  EXPECT_EQ(lines[3].rfind("T=0.7 ", 0), 0u) << table;
  EXPECT_EQ(lines[4].rfind("held-out ", 0), 0u) << table;
  // Every document of the corpus steps through the 12 notes by its own interval (1 to 10
  // semitones), so a held-out chunk never repeats a note back to back (longest run 1) and none
  // of its 8-grams occurs in another document (copied share 0).
  std::istringstream held(lines[4].substr(9));
  double top, run, d1, d2, d3, d4, copied, bits;
  held >> top >> run >> d1 >> d2 >> d3 >> d4 >> copied >> bits;
  ASSERT_FALSE(held.fail()) << lines[4];
  EXPECT_EQ(run, 1.0) << lines[4];
  EXPECT_EQ(copied, 0.0) << lines[4];
  EXPECT_LE(bits, 3.585) << lines[4];  // log2(12)
  for (std::size_t r = 2; r < 5; ++r) {
    std::istringstream row(lines[r].substr(9));
    row >> top >> run;
    EXPECT_GT(top, 0.0) << lines[r];
    EXPECT_LE(top, 1.0) << lines[r];
    EXPECT_GE(run, 1.0) << lines[r];
    EXPECT_LE(run, 20.0) << lines[r];
  }
}

void expect_error(const std::function<void()>& f, const std::string& part) {
  try {
    f();
    FAIL() << "expected an error containing: " << part;
  } catch (const std::exception& e) {
    EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what();
  }
}

TEST_F(ComposeTest, BadInputsAreOneClearError) {
  ComposeOptions o = options();
  o.source.checkpoint = dir_ / "missing.cdz";
  expect_error([&] { compose(o); }, "missing.cdz: no such checkpoint file");

  { std::ofstream(dir_ / "corrupt.cdz") << "CDZ1\x02garbage"; }
  o.source.checkpoint = dir_ / "corrupt.cdz";
  expect_error([&] { compose(o); }, "corrupt.cdz");

  o = options();
  o.source.corpus.reset();
  expect_error([&] { compose(o); }, "pass --corpus");

  o = options();
  o.piece.wav = true;
  o.piece.synth.soundfont = dir_ / "none.sf2";
  expect_error([&] { compose(o); }, "none.sf2: soundfont not found");
  EXPECT_FALSE(fs::exists(o.output)) << "nothing is written before the error";

  o = options();
  o.prime = dir_ / "corpus.txt";  // not MIDI
  expect_error([&] { compose(o); }, "corpus.txt");
}

}  // namespace
}  // namespace cadenza::generate
