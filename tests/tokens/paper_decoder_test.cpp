#include "tokens/paper_decoder.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "midi/writer.h"
#include "score/score.h"
#include "tokens/paper_tokenizer.h"

using cadenza::tokens::DecodeOptions;
using cadenza::tokens::paper_tokens_to_score;

TEST(PaperDecoder, NotesAndChordsHalfAQuarterApart) {
  const auto score = paper_tokens_to_score({"C4", "0.4.7", "E-5", "Db4"});
  ASSERT_EQ(score.notes.size(), 6u);
  const int ppq = score.ticks_per_quarter;
  EXPECT_EQ(score.notes[0].pitch, 60);
  EXPECT_EQ(score.notes[0].start_tick, 0);
  // The chord's pitch classes land in octave 4: C4 E4 G4, half a quarter later.
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(score.notes[1 + i].pitch, (std::vector<int>{60, 64, 67})[i]);
    EXPECT_EQ(score.notes[1 + i].start_tick, ppq / 2);
  }
  EXPECT_EQ(score.notes[4].pitch, 75);
  EXPECT_EQ(score.notes[4].start_tick, ppq);
  EXPECT_EQ(score.notes[5].pitch, 61);
  EXPECT_DOUBLE_EQ(score.notes[5].start_seconds, 0.75);  // 120 BPM: 1.5 quarters
  EXPECT_EQ(score.notes[5].end_tick - score.notes[5].start_tick, ppq / 2);
  EXPECT_EQ(score.notes[0].program, 0);
}

TEST(PaperDecoder, OptionsSetTempoProgramLengthAndVelocity) {
  DecodeOptions options;
  options.bpm = 60;
  options.program = 65;
  options.note_quarters = 1.0;
  options.step_quarters = 1.0;
  options.velocity = 70;
  const auto score = paper_tokens_to_score({"A4", "B4"}, options);
  ASSERT_EQ(score.notes.size(), 2u);
  EXPECT_DOUBLE_EQ(score.notes[1].start_seconds, 1.0);
  EXPECT_DOUBLE_EQ(score.notes[1].duration_seconds, 1.0);
  EXPECT_EQ(score.notes[1].program, 65);
  EXPECT_EQ(score.notes[1].velocity, 70);
  EXPECT_DOUBLE_EQ(score.tempos.at(0).bpm(), 60.0);
}

TEST(PaperDecoder, UnknownTokensAreNamed) {
  try {
    paper_tokens_to_score({"C4", "X7"});
    FAIL() << "expected an error";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("token 2 'X7'"), std::string::npos) << e.what();
  }
  EXPECT_THROW(paper_tokens_to_score({"0.12"}), std::invalid_argument);
  EXPECT_THROW(paper_tokens_to_score({"0..4"}), std::invalid_argument);
  EXPECT_THROW(paper_tokens_to_score({"4."}), std::invalid_argument);
  DecodeOptions bad;
  bad.velocity = 0;
  EXPECT_THROW(paper_tokens_to_score({"C4"}, bad), std::invalid_argument);
}

TEST(PaperDecoder, TokensToMidiAndBackGiveTheSameTokens) {
  const std::vector<std::string> tokens{"C4",    "E-4", "0.4.7", "G#3",   "B-5", "11.3.6",   "F#4",
                                        "2.6.9", "A2",  "C#6",   "9.0.4", "D4",  "11.2.5.7", "E5"};
  const auto file = cadenza::score::to_midi(paper_tokens_to_score(tokens));
  const auto bytes = cadenza::midi::serialize(file);
  EXPECT_EQ(cadenza::tokens::paper_tokenize(bytes.data(), bytes.size(), "roundtrip.mid").tokens,
            tokens);
}
