// The Tokenizer interface (tokens/tokenizer.h): each implementation gives the reference tokens
// of a real file (music21 9.1.0's for the paper, MidiTok 2.1.8's for REMI and TSD), REMI's
// tokens come back through decode and encode, and the grammars refuse what may not come next.
#include "tokens/tokenizer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <limits>
#include <stdexcept>

#include "midi/writer.h"
#include "miditok_goldens.h"
#include "support/shared_data.h"

namespace cadenza::tokens {
namespace {

using Tokens = std::vector<std::string>;

const char* const kCollection = "kaggle_jazz_subset_lstm_music";
const char* const kPiece = "Summertime";  // 12/8, bass and piano: 124 paper tokens

std::filesystem::path piece_path() {
  return testing::shared_data_dir() / "midi" / kCollection / (std::string(kPiece) + ".mid");
}

Tokens music21_tokens() {
  std::ifstream in(testing::shared_data_dir() / "midi" / (std::string(kCollection) + ".music21") /
                   (std::string(kPiece) + ".txt"));
  Tokens tokens;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) tokens.push_back(line);
  return tokens;
}

std::string miditok_line(const std::string& scheme) {
  const auto path =
      testing::shared_data_dir() / "midi" / (std::string(kCollection) + "." + scheme + ".tsv.gz");
  return testing::read_miditok_goldens(path.string()).at(kPiece);
}

TEST(Tokenizer, PaperEncodesAsMusic21) {
  CADENZA_REQUIRE_SHARED_DATA(std::string("midi/") + kCollection + ".music21");
  const auto paper = make_tokenizer("paper");
  EXPECT_EQ(paper->name(), "paper");
  EXPECT_FALSE(paper->multi_track());
  const Encoding encoded = paper->encode_file(piece_path());
  const Tokens expected = music21_tokens();
  ASSERT_EQ(expected.size(), 124u);
  EXPECT_EQ(encoded.tokens, expected);
  EXPECT_TRUE(encoded.refusals.empty());
}

TEST(Tokenizer, RemiAndTsdEncodeAsMidiTok) {
  CADENZA_REQUIRE_SHARED_DATA(std::string("midi/") + kCollection + ".remi.tsv.gz");
  for (const std::string scheme : {"remi", "tsd"}) {
    const auto tokenizer = make_tokenizer(scheme);
    EXPECT_EQ(tokenizer->name(), scheme);
    EXPECT_TRUE(tokenizer->multi_track());
    const Encoding encoded = tokenizer->encode_file(piece_path());
    EXPECT_EQ(testing::join_tokens(encoded.tokens), miditok_line(scheme)) << scheme;
    EXPECT_TRUE(encoded.refusals.empty()) << scheme;
  }
}

TEST(Tokenizer, RemiTokensSurviveDecodeAndEncode) {
  CADENZA_REQUIRE_SHARED_DATA(std::string("midi/") + kCollection);
  const auto remi = make_tokenizer("remi");
  const Tokens first = remi->encode_file(piece_path()).tokens;
  const score::Score decoded = remi->decode(first);
  EXPECT_FALSE(decoded.notes.empty());
  const auto bytes = midi::serialize(score::to_midi(decoded));
  EXPECT_EQ(remi->encode(bytes.data(), bytes.size(), "decoded.mid").tokens, first);
}

TEST(Tokenizer, PaperDecodesNotesAndChordsOnOneTrack) {
  const score::Score score = make_tokenizer("paper")->decode({"C4", "0.4.7", "B-3"});
  ASSERT_EQ(score.notes.size(), 5u);
  std::vector<int> pitches;
  for (const auto& note : score.notes) pitches.push_back(note.pitch);
  std::sort(pitches.begin(), pitches.end());
  EXPECT_EQ(pitches, (std::vector<int>{58, 60, 60, 64, 67}));
  EXPECT_THROW(make_tokenizer("paper")->decode({"C4", "Bar_None"}), std::invalid_argument);
}

TEST(Tokenizer, RemiGrammarRefusesWhatMayNotComeNext) {
  const auto remi = make_tokenizer("remi");
  const Vocab vocab = remi->vocabulary(Corpus{{{"a.mid", {"Bar_None", "TimeSig_4/4"}}}});
  ASSERT_EQ(vocab.size(), 407u);  // MidiTok's REMI vocabulary, no genres
  const auto grammar = remi->grammar(vocab);
  // A piece opens with a Bar: a note may not come first.
  EXPECT_FALSE(grammar->allows(vocab.id("Pitch_60")));
  EXPECT_THROW(grammar->accept(vocab.id("Pitch_60")), std::invalid_argument);
  for (const char* token : {"Bar_None", "TimeSig_4/4", "Position_8"})
    grammar->accept(vocab.id(token));
  // A Position holds a note (or a Tempo), and a Velocity needs its Pitch first.
  EXPECT_FALSE(grammar->allows(vocab.id("Position_12")));
  EXPECT_FALSE(grammar->allows(vocab.id("Velocity_63")));
  for (const char* token : {"Program_0", "Pitch_60", "Velocity_63", "Duration_1.0.8"})
    grammar->accept(vocab.id(token));
  // Positions only rise within a bar.
  EXPECT_FALSE(grammar->allows(vocab.id("Position_4")));
  EXPECT_TRUE(grammar->allows(vocab.id("Position_12")));
  std::vector<float> logits(vocab.size(), 0.0f);
  grammar->mask(logits);
  EXPECT_EQ(logits[static_cast<std::size_t>(vocab.id("Position_4"))],
            -std::numeric_limits<float>::infinity());
  EXPECT_EQ(logits[static_cast<std::size_t>(vocab.id("Position_12"))], 0.0f);
}

TEST(Tokenizer, PaperAndTsdGrammarsAllowTheWholeVocabulary) {
  const Corpus corpus{{{"a.mid", {"E4", "C4", "0.4.7", "C4"}}}};
  const auto paper = make_tokenizer("paper");
  const Vocab vocab = paper->vocabulary(corpus);
  EXPECT_EQ(vocab.tokens(), (Tokens{"0.4.7", "C4", "E4"}));  // sorted, distinct
  const auto grammar = paper->grammar(vocab);
  for (std::int64_t id = 0; id < 3; ++id) EXPECT_TRUE(grammar->allows(id));
  EXPECT_FALSE(grammar->allows(3));
  EXPECT_THROW(grammar->accept(3), std::invalid_argument);
  std::vector<float> logits(5, 1.0f);
  grammar->mask(logits);
  EXPECT_EQ(logits[2], 1.0f);
  EXPECT_EQ(logits[3], -std::numeric_limits<float>::infinity());

  const Vocab tsd = make_tokenizer("tsd")->vocabulary(corpus);
  EXPECT_EQ(tsd.size(), 422u);  // MidiTok's TSD vocabulary, whatever the corpus
  EXPECT_EQ(tsd.token(0), "PAD_None");
  EXPECT_TRUE(make_tokenizer("tsd")->grammar(tsd)->allows(421));
}

TEST(Tokenizer, RemiVocabularyEndsWithTheCorpusGenres) {
  const Corpus corpus{
      {{"a.mid", {"Genre_pop", "Bar_None"}}, {"b.mid", {"Genre_jazz", "Bar_None"}}}};
  const Vocab vocab = make_tokenizer("remi")->vocabulary(corpus);
  ASSERT_EQ(vocab.size(), 409u);
  EXPECT_EQ(vocab.token(407), "Genre_jazz");
  EXPECT_EQ(vocab.token(408), "Genre_pop");
}

TEST(Tokenizer, CorpusTellsItsTokenizer) {
  EXPECT_EQ(corpus_tokenizer(Corpus{{{"a", {"Bar_None", "TimeSig_4/4"}}}})->name(), "remi");
  EXPECT_EQ(corpus_tokenizer(Corpus{{{"a", {"C4", "0.4.7"}}}})->name(), "paper");
}

TEST(Tokenizer, UnknownNameListsTheKnownOnes) {
  EXPECT_EQ(tokenizer_names(), (Tokens{"paper", "remi", "tsd"}));
  try {
    make_tokenizer("abc");
    FAIL() << "make_tokenizer(\"abc\") did not throw";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "unknown tokenizer 'abc' (known: paper, remi, tsd)");
  }
}

}  // namespace
}  // namespace cadenza::tokens
