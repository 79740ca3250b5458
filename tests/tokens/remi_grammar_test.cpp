#include "tokens/remi_grammar.h"

#include <gtest/gtest.h>

#include "tokens/remi_corpus.h"

namespace cadenza::tokens {
namespace {

class RemiGrammarTest : public ::testing::Test {
 protected:
  Vocab vocab = remi_vocab();
  RemiGrammar grammar{vocab};
  std::int64_t id(const std::string& text) { return vocab.id(text); }
  void accept_all(const std::vector<std::string>& texts) {
    for (const auto& t : texts) grammar.accept(id(t));
  }
};

TEST_F(RemiGrammarTest, VocabularyIsMidiToksRemi) {
  EXPECT_EQ(vocab.size(), 407u);
  EXPECT_EQ(vocab.token(0), "PAD_None");
  EXPECT_TRUE(is_remi_corpus({{{"a", {"Bar_None", "TimeSig_4/4"}}}}));
  EXPECT_FALSE(is_remi_corpus({{{"a", {"C4", "E4"}}}}));
}

TEST(RemiGenres, GenreTokensFollowMidiToksAndOpenEveryDocument) {
  const Vocab with_genres = remi_vocab({"folk", "jazz"});
  EXPECT_EQ(with_genres.size(), 409u);
  EXPECT_EQ(with_genres.token(407), "Genre_folk");
  EXPECT_EQ(with_genres.token(408), "Genre_jazz");
  EXPECT_EQ(vocab_genres(with_genres), (std::vector<std::string>{"folk", "jazz"}));
  EXPECT_TRUE(vocab_genres(remi_vocab()).empty());
  EXPECT_EQ(genre_of_token("Genre_pop"), std::optional<std::string>("pop"));
  EXPECT_FALSE(genre_of_token("Bar_None"));
  EXPECT_FALSE(genre_of_token("Genre_"));
  EXPECT_THROW(genre_token("Jazz"), std::invalid_argument);
  EXPECT_THROW(genre_token("hip hop"), std::invalid_argument);
  EXPECT_THROW(genre_token(""), std::invalid_argument);

  Corpus corpus{{{"a.mid", {"Genre_pop", "Bar_None"}}, {"b.mid", {"Genre_folk", "Bar_None"}}}};
  EXPECT_TRUE(is_remi_corpus(corpus));
  EXPECT_EQ(corpus_genres(corpus), (std::vector<std::string>{"folk", "pop"}));
  corpus.documents.push_back({"c.mid", {"Bar_None"}});  // one without a genre
  EXPECT_THROW(corpus_genres(corpus), std::runtime_error);
  Corpus late{{{"d.mid", {"Bar_None", "Genre_pop"}}}};
  EXPECT_THROW(corpus_genres(late), std::runtime_error);
  EXPECT_TRUE(corpus_genres(Corpus{{{"e.mid", {"Bar_None"}}}}).empty());
}

TEST_F(RemiGrammarTest, FollowsTheEncodersOrder) {
  // A piece starts with a Bar, then its time signature.
  EXPECT_EQ(grammar.allowed_ids(), std::vector<std::int64_t>{id("Bar_None")});
  accept_all({"Bar_None"});
  for (std::int64_t a : grammar.allowed_ids()) EXPECT_EQ(vocab.token(a).rfind("TimeSig_", 0), 0u);
  accept_all({"TimeSig_3/4", "Position_4", "Tempo_121.29", "Program_32", "Pitch_36", "Velocity_63",
              "Duration_1.0.8"});
  EXPECT_EQ(grammar.bar_positions(), 24);         // 3/4: 24 eighths of a beat
  EXPECT_TRUE(grammar.allows(id("Program_-1")));  // another note at this onset
  EXPECT_TRUE(grammar.allows(id("Position_5")));
  EXPECT_FALSE(grammar.allows(id("Position_4")));   // onsets rise
  EXPECT_FALSE(grammar.allows(id("Position_24")));  // past the end of a 3/4 bar
  EXPECT_TRUE(grammar.allows(id("Bar_None")));
  EXPECT_FALSE(grammar.allows(id("Pitch_60")));  // a pitch needs its Program first
  EXPECT_THROW(grammar.accept(id("Velocity_63")), std::invalid_argument);
  accept_all({"Bar_None", "TimeSig_3/4", "Bar_None"});  // an empty bar
  EXPECT_EQ(grammar.bars(), 3);
}

TEST_F(RemiGrammarTest, NotesAreProgramPitchVelocityDurationInThatOrder) {
  accept_all({"Bar_None", "TimeSig_4/4", "Position_0", "Program_0"});
  for (std::int64_t a : grammar.allowed_ids()) EXPECT_EQ(vocab.token(a).rfind("Pitch_", 0), 0u);
  accept_all({"Pitch_60"});
  for (std::int64_t a : grammar.allowed_ids()) EXPECT_EQ(vocab.token(a).rfind("Velocity_", 0), 0u);
  accept_all({"Velocity_63"});
  for (std::int64_t a : grammar.allowed_ids()) EXPECT_EQ(vocab.token(a).rfind("Duration_", 0), 0u);
}

TEST_F(RemiGrammarTest, NarrowsProgramsTimeSignaturesAndTempo) {
  grammar.allow_programs({0, -1});
  grammar.allow_time_signatures({{4, 4}});
  grammar.allow_tempo_changes(false);
  accept_all({"Bar_None"});
  EXPECT_EQ(grammar.allowed_ids(), std::vector<std::int64_t>{id("TimeSig_4/4")});
  accept_all({"TimeSig_4/4", "Position_0"});
  std::vector<std::int64_t> expected = {id("Program_-1"), id("Program_0")};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(grammar.allowed_ids(), expected);  // no Tempo, only the two programs
}

TEST_F(RemiGrammarTest, ObserveFollowsAnySequenceWithoutChecking) {
  grammar.observe(id("Position_7"));  // not allowed first, but observed
  EXPECT_EQ(grammar.position(), 7);
  EXPECT_EQ(grammar.state(), RemiGrammar::State::AfterPosition);
  grammar.observe(-3);  // ids outside the vocabulary change nothing
  EXPECT_EQ(grammar.state(), RemiGrammar::State::AfterPosition);
}

TEST(RemiBarPositions, AreMidiToksTicksPerBarOverTicksPerSample) {
  EXPECT_EQ(remi_bar_positions(4, 4), 32);
  EXPECT_EQ(remi_bar_positions(3, 4), 24);
  EXPECT_EQ(remi_bar_positions(6, 8), 24);
  EXPECT_EQ(remi_bar_positions(5, 4), 40);
}

TEST(RemiCorpus, DocumentsWithTokensOutsideTheVocabularyAreSetAside) {
  Corpus corpus{
      {{"ok.mid", {"Bar_None", "TimeSig_4/4"}}, {"odd.mid", {"Bar_None", "TimeSig_7/8"}}}};
  EXPECT_EQ(remove_documents_outside(corpus, remi_vocab()), std::vector<std::string>{"odd.mid"});
  ASSERT_EQ(corpus.documents.size(), 1u);
  EXPECT_EQ(corpus.documents[0].name, "ok.mid");
}

}  // namespace
}  // namespace cadenza::tokens
