// generate / interpolate / evaluate end to end on a tiny checkpoint written here, and the
// clear errors for a missing or corrupt checkpoint, a missing corpus and a missing soundfont.
#include "generate/compose.h"

#include <gtest/gtest.h>

#include <fstream>

#include "midi/writer.h"
#include "model/checkpoint_file.h"
#include "model/vae_model.h"
#include "score/procedural.h"
#include "tokens/corpus.h"

namespace cadenza::generate {
namespace {

const std::vector<std::string> kNotes = {"C4",  "C#4", "D4",  "E-4", "E4",  "F4",
                                         "F#4", "G4",  "G#4", "A4",  "B-4", "B4"};

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
  EXPECT_TRUE(fs::exists(dir_ / "out" / "piece_01.png"));
  std::ifstream tokens(dir_ / "out" / "piece_02.tokens.txt");
  int lines = 0;
  for (std::string line; std::getline(tokens, line);) ++lines;
  EXPECT_EQ(lines, 24);
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
  EXPECT_TRUE(fs::exists(dir_ / "interp" / "step_03.mid"));
}

TEST_F(ComposeTest, EvaluateTableHasEveryTemperatureAndHeldOut) {
  EvaluateOptions e;
  e.source.checkpoint = checkpoint_path();
  e.source.corpus = corpus_path();
  e.pieces = 3;
  e.generation.length = 20;
  e.temperatures = {0, 0.7};
  const std::string table = evaluate(e);
  EXPECT_NE(table.find("argmax"), std::string::npos) << table;
  EXPECT_NE(table.find("T=0.7"), std::string::npos) << table;
  EXPECT_NE(table.find("held-out"), std::string::npos) << table;
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
