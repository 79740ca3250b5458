#include "generate/arranger.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "tokens/miditok_decoder.h"
#include "tokens/remi_corpus.h"

namespace cadenza::generate {
namespace {

namespace miditok = tokens::miditok;

// Stands in for a model: random logits from a fixed seed, counting what it was fed.
class RandomPredictor : public TokenPredictor {
 public:
  explicit RandomPredictor(std::size_t vocab) : vocab_(vocab) {}
  std::vector<float> start(const std::vector<std::int64_t>& history) override {
    fed = history;
    return logits();
  }
  std::vector<float> push(std::int64_t id) override {
    fed.push_back(id);
    return logits();
  }
  std::vector<std::int64_t> fed;

 private:
  std::vector<float> logits() {
    std::normal_distribution<float> normal(0.0f, 2.0f);
    std::vector<float> out(vocab_);
    for (float& v : out) v = normal(engine_);
    return out;
  }
  std::size_t vocab_;
  std::mt19937 engine_{7};
};

class ArrangerTest : public ::testing::Test {
 protected:
  tokens::Vocab vocab = tokens::remi_vocab();
  RandomPredictor predictor{vocab.size()};
  Sampler sampler{11};
  std::size_t count(const std::vector<std::int64_t>& ids, const std::string& prefix) {
    return static_cast<std::size_t>(std::count_if(ids.begin(), ids.end(), [&](std::int64_t id) {
      return vocab.token(id).rfind(prefix, 0) == 0;
    }));
  }
  miditok::DecodedPiece decode(const std::vector<std::int64_t>& ids) {
    return miditok::decode(vocab.decode(ids), miditok::Scheme::Remi);
  }
};

TEST_F(ArrangerTest, EveryPieceDecodesWithNoSkippedTokenAndHasTheAskedBars) {
  ArrangeRequest request;
  request.bars = 4;
  request.programs = {0, 32, -1};
  request.sampling.temperature = 1.0;
  for (int piece = 0; piece < 20; ++piece) {
    Arrangement a = arrange(predictor, vocab, request, sampler);
    EXPECT_EQ(predictor.fed, a.ids);  // the model saw exactly the piece
    EXPECT_EQ(count(a.ids, "Bar_"), 4u);
    miditok::DecodedPiece decoded = decode(a.ids);
    EXPECT_EQ(decoded.skipped_count(), 0u);
    for (const auto& instrument : decoded.instruments)
      EXPECT_TRUE(request.programs.count(instrument.program)) << instrument.program;
  }
}

// A model that (like a real one after the first bar) all but never writes a tempo.
class TempoShyPredictor : public TokenPredictor {
 public:
  TempoShyPredictor(TokenPredictor& inner, const tokens::Vocab& vocab) : inner_(inner) {
    for (std::size_t id = 0; id < vocab.size(); ++id)
      if (vocab.token(static_cast<std::int64_t>(id)).rfind("Tempo_", 0) == 0)
        tempo_ids_.push_back(id);
  }
  std::vector<float> start(const std::vector<std::int64_t>& history) override {
    return shy(inner_.start(history));
  }
  std::vector<float> push(std::int64_t id) override { return shy(inner_.push(id)); }

 private:
  std::vector<float> shy(std::vector<float> logits) const {
    for (std::size_t id : tempo_ids_) logits[id] -= 40.0f;
    return logits;
  }
  TokenPredictor& inner_;
  std::vector<std::size_t> tempo_ids_;
};

TEST_F(ArrangerTest, ANewPieceOpensWithATempoTheModelChooses) {
  TempoShyPredictor shy(predictor, vocab);
  ArrangeRequest request;
  request.bars = 2;
  for (int piece = 0; piece < 5; ++piece) {
    Arrangement a = arrange(shy, vocab, request, sampler);
    // Bar, TimeSig, the first Position, then a tempo: the one tempo of the piece.
    ASSERT_GE(a.ids.size(), 4u);
    EXPECT_EQ(vocab.token(a.ids[2]).rfind("Position_", 0), 0u) << vocab.token(a.ids[2]);
    EXPECT_EQ(vocab.token(a.ids[3]).rfind("Tempo_", 0), 0u) << vocab.token(a.ids[3]);
    EXPECT_EQ(count(a.ids, "Tempo_"), 1u);
  }
  // A continuation keeps the prime's tempo: none is forced.
  request.prime = {vocab.id("Bar_None"),      vocab.id("TimeSig_4/4"), vocab.id("Position_0"),
                   vocab.id("Program_0"),     vocab.id("Pitch_60"),    vocab.id("Velocity_63"),
                   vocab.id("Duration_1.0.8")};
  EXPECT_EQ(count(arrange(shy, vocab, request, sampler).ids, "Tempo_"), 0u);
}

TEST_F(ArrangerTest, FixedTempoAndTimeSignature) {
  ArrangeRequest request;
  request.bars = 3;
  request.tempo = 10;
  request.time_signature = std::make_pair(3, 4);
  Arrangement a = arrange(predictor, vocab, request, sampler);
  EXPECT_EQ(count(a.ids, "Tempo_"), 1u);
  EXPECT_EQ(vocab.token(a.ids[3]), miditok::token_text({miditok::TokenKind::Tempo, 10}));
  EXPECT_EQ(count(a.ids, "TimeSig_"), count(a.ids, "TimeSig_3/4"));
  EXPECT_EQ(count(a.ids, "TimeSig_3/4"), 3u);
  EXPECT_EQ(decode(a.ids).skipped_count(), 0u);
}

TEST_F(ArrangerTest, MinSecondsAddsWholeBarsUntilThePieceLastsThatLong) {
  ArrangeRequest request;
  request.bars = 2;
  request.tempo = 0;                              // MidiTok's first tempo: 40 BPM
  request.time_signature = std::make_pair(1, 4);  // a bar is one quarter: 1.5 s
  request.min_seconds = 10;                       // 6 bars are 9 s, 7 are 10.5 s
  Arrangement a = arrange(predictor, vocab, request, sampler);
  EXPECT_EQ(count(a.ids, "Bar_"), 7u);
  EXPECT_EQ(decode(a.ids).skipped_count(), 0u);
  request.min_seconds = 1000;  // never long enough: at most 4x the bars asked for
  EXPECT_EQ(count(arrange(predictor, vocab, request, sampler).ids, "Bar_"), 8u);
  request.time_signature = std::make_pair(4, 4);  // 6 s a bar: 2 bars are enough
  request.min_seconds = 10;
  EXPECT_EQ(count(arrange(predictor, vocab, request, sampler).ids, "Bar_"), 2u);
}

TEST_F(ArrangerTest, ContinuationKeepsThePrimeAndAddsTheAskedBars) {
  ArrangeRequest first;
  first.bars = 2;
  const Arrangement prime = arrange(predictor, vocab, first, sampler);
  ArrangeRequest request;
  request.bars = 3;
  request.prime = prime.ids;
  Arrangement a = arrange(predictor, vocab, request, sampler);
  ASSERT_GE(a.ids.size(), prime.ids.size());
  EXPECT_TRUE(std::equal(prime.ids.begin(), prime.ids.end(), a.ids.begin()));
  EXPECT_EQ(count(a.ids, "Bar_"), 5u);
  EXPECT_EQ(decode(a.ids).skipped_count(), 0u);
}

TEST_F(ArrangerTest, AddedPartLeavesTheGivenNotesUnchanged) {
  ArrangeRequest first;
  first.bars = 4;
  first.programs = {0, -1};
  first.sampling.temperature = 1.0;
  const Arrangement piece = arrange(predictor, vocab, first, sampler);
  ArrangeRequest request;
  request.prime = piece.ids;
  request.add_program = 32;
  request.sampling.temperature = 1.5;
  Arrangement a = arrange(predictor, vocab, request, sampler);
  EXPECT_GT(a.generated, 0u);
  // The piece's tokens come out in order, as a subsequence.
  std::size_t matched = 0;
  for (std::int64_t id : a.ids)
    if (matched < piece.ids.size() && id == piece.ids[matched]) ++matched;
  EXPECT_EQ(matched, piece.ids.size());
  const miditok::DecodedPiece before = decode(piece.ids), after = decode(a.ids);
  EXPECT_EQ(after.skipped_count(), 0u);
  for (const auto& old : before.instruments) {
    auto same = std::find_if(after.instruments.begin(), after.instruments.end(),
                             [&](const auto& i) { return i.program == old.program; });
    ASSERT_NE(same, after.instruments.end());
    ASSERT_EQ(same->notes.size(), old.notes.size());
    for (std::size_t n = 0; n < old.notes.size(); ++n) {
      EXPECT_EQ(same->notes[n].pitch, old.notes[n].pitch);
      EXPECT_EQ(same->notes[n].start, old.notes[n].start);
      EXPECT_EQ(same->notes[n].end, old.notes[n].end);
    }
  }
  std::set<int> programs;
  for (const auto& i : after.instruments) programs.insert(i.program);
  EXPECT_TRUE(programs.count(32));
}

// A model that wants one more note at the same onset forever.
class PilingPredictor : public TokenPredictor {
 public:
  explicit PilingPredictor(const tokens::Vocab& vocab) : logits_(vocab.size(), 0.0f) {
    for (const char* t : {"Program_0", "Pitch_60", "Velocity_63", "Duration_0.2.8"})
      logits_[static_cast<std::size_t>(vocab.id(t))] = 50.0f;
  }
  std::vector<float> start(const std::vector<std::int64_t>&) override { return logits_; }
  std::vector<float> push(std::int64_t) override { return logits_; }

 private:
  std::vector<float> logits_;
};

TEST_F(ArrangerTest, AModelThatPilesNotesOnOneOnsetMustMoveOn) {
  PilingPredictor piling(vocab);
  ArrangeRequest request;
  request.bars = 2;
  Arrangement a = arrange(piling, vocab, request, sampler);
  EXPECT_EQ(count(a.ids, "Bar_"), 2u);
  const miditok::DecodedPiece decoded = decode(a.ids);
  EXPECT_EQ(decoded.skipped_count(), 0u);
  // Never more than 32 notes between two onsets.
  std::size_t notes = 0, most = 0;
  for (std::int64_t id : a.ids) {
    const std::string& t = vocab.token(id);
    if (t.rfind("Position_", 0) == 0 || t.rfind("Bar_", 0) == 0) notes = 0;
    if (t.rfind("Program_", 0) == 0) most = std::max(most, ++notes);
  }
  EXPECT_EQ(most, 32u);
}

// A model that all but never writes some tokens (a real one that leaves the tenor sax out).
class AvoidingPredictor : public TokenPredictor {
 public:
  AvoidingPredictor(TokenPredictor& inner, std::vector<std::int64_t> avoided)
      : inner_(inner), avoided_(std::move(avoided)) {}
  std::vector<float> start(const std::vector<std::int64_t>& history) override {
    return avoid(inner_.start(history));
  }
  std::vector<float> push(std::int64_t id) override { return avoid(inner_.push(id)); }

 private:
  std::vector<float> avoid(std::vector<float> logits) const {
    for (std::int64_t id : avoided_) logits[static_cast<std::size_t>(id)] -= 40.0f;
    return logits;
  }
  TokenPredictor& inner_;
  std::vector<std::int64_t> avoided_;
};

// The bars (from 1) in which each program has a note.
std::map<int, std::set<int>> bars_played(const tokens::Vocab& vocab,
                                         const std::vector<std::int64_t>& ids) {
  std::map<int, std::set<int>> played;
  int bar = 0;
  for (std::int64_t id : ids) {
    const std::string& t = vocab.token(id);
    if (t == "Bar_None") ++bar;
    if (t.rfind("Program_", 0) == 0) played[std::stoi(t.substr(8))].insert(bar);
  }
  return played;
}

TEST_F(ArrangerTest, AnAskedInstrumentTheModelAvoidsStillPlaysInEveryFourBars) {
  AvoidingPredictor no_sax(predictor, {vocab.id("Program_66")});
  ArrangeRequest request;
  request.bars = 8;
  request.programs = {0, 32, -1, 66};  // piano, bass, drums, tenor sax
  request.sampling.temperature = 1.0;
  request.max_rest_bars = -1;  // unsteered, the sax stays silent: the model really avoids it
  for (int piece = 0; piece < 3; ++piece)
    EXPECT_EQ(count(arrange(no_sax, vocab, request, sampler).ids, "Program_66"), 0u);

  request.max_rest_bars = 3;
  for (int piece = 0; piece < 5; ++piece) {
    Arrangement a = arrange(no_sax, vocab, request, sampler);
    EXPECT_EQ(count(a.ids, "Bar_"), 8u);
    EXPECT_EQ(decode(a.ids).skipped_count(), 0u);
    const auto played = bars_played(vocab, a.ids);
    for (int program : request.programs) {
      ASSERT_TRUE(played.count(program)) << "program " << program << " never played";
      // Never more than 3 whole bars of rest: every run of 4 bars holds a note.
      for (int last = 4; last <= 8; ++last) {
        const auto& bars = played.at(program);
        EXPECT_NE(bars.lower_bound(last - 3), bars.upper_bound(last))
            << "program " << program << " rests in bars " << last - 3 << "-" << last;
      }
    }
    // Every sax note is a whole note (Program Pitch Velocity Duration) the sampler drew.
    for (std::size_t i = 0; i < a.ids.size(); ++i)
      if (vocab.token(a.ids[i]) == "Program_66") {
        ASSERT_LT(i + 3, a.ids.size());
        EXPECT_EQ(vocab.token(a.ids[i + 1]).rfind("Pitch_", 0), 0u);
        EXPECT_EQ(vocab.token(a.ids[i + 3]).rfind("Duration_", 0), 0u);
      }
  }
}

TEST_F(ArrangerTest, AShortPieceHearsEveryAskedInstrumentByItsLastBar) {
  AvoidingPredictor no_sax(predictor, {vocab.id("Program_66"), vocab.id("Program_-1")});
  ArrangeRequest request;
  request.bars = 2;  // fewer than max_rest_bars + 1: the last bar's rule makes them play
  request.programs = {0, -1, 66};
  for (int piece = 0; piece < 5; ++piece) {
    Arrangement a = arrange(no_sax, vocab, request, sampler);
    const auto played = bars_played(vocab, a.ids);
    for (int program : request.programs) EXPECT_TRUE(played.count(program)) << program;
    EXPECT_EQ(decode(a.ids).skipped_count(), 0u);
  }
  // A continuation: the rule counts the new bars only, so the prime's notes do not excuse them.
  request.prime = {vocab.id("Bar_None"),      vocab.id("TimeSig_4/4"), vocab.id("Position_0"),
                   vocab.id("Program_66"),    vocab.id("Pitch_60"),    vocab.id("Velocity_63"),
                   vocab.id("Duration_1.0.8")};
  Arrangement a = arrange(no_sax, vocab, request, sampler);
  const std::vector<std::int64_t> added(a.ids.begin() + 7, a.ids.end());
  EXPECT_GE(count(added, "Program_66"), 1u);
  EXPECT_GE(count(added, "Program_-1"), 1u);
  EXPECT_EQ(decode(a.ids).skipped_count(), 0u);
}

TEST_F(ArrangerTest, RefusesWhatTheVocabularyCannotSay) {
  ArrangeRequest request;
  request.time_signature = std::make_pair(7, 8);
  EXPECT_THROW(arrange(predictor, vocab, request, sampler), std::invalid_argument);
  request = ArrangeRequest();
  request.bars = 0;
  EXPECT_THROW(arrange(predictor, vocab, request, sampler), std::invalid_argument);
  request = ArrangeRequest();
  request.add_program = 0;  // no piece given
  EXPECT_THROW(arrange(predictor, vocab, request, sampler), std::invalid_argument);
  ArrangeRequest first;
  first.bars = 2;
  first.programs = {0};
  request.prime = arrange(predictor, vocab, first, sampler).ids;
  EXPECT_THROW(arrange(predictor, vocab, request, sampler), std::invalid_argument);  // has piano
}

}  // namespace
}  // namespace cadenza::generate
