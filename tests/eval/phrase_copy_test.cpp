#include "eval/phrase_copy.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace cadenza::eval {
namespace {

// One note per (pitch, onset, duration) in quarters, on `channel` of MIDI track `track`.
score::Score melody(const std::vector<int>& pitches, double step, double duration,
                    double offset = 0, int track = 0, int channel = 0) {
  score::Score s;
  for (std::size_t i = 0; i < pitches.size(); ++i) {
    score::Note n;
    n.pitch = pitches[i];
    n.track = track;
    n.channel = channel;
    n.start_quarters = offset + step * static_cast<double>(i);
    n.duration_quarters = duration;
    n.start_tick = static_cast<std::int64_t>(n.start_quarters * 480);
    n.end_tick = n.start_tick + static_cast<std::int64_t>(duration * 480);
    s.notes.push_back(n);
  }
  return s;
}

const std::vector<int> kTune = {60, 64, 67, 72, 71, 69, 67, 65, 64, 62, 60, 59};

TEST(PhraseCopy, TwelveNotesMakeFivePhrases) {
  EXPECT_EQ(phrase_hashes(melody(kTune, 1, 1)).size(), 5u);
  EXPECT_TRUE(phrase_hashes(melody({60, 62, 64, 65, 67, 69, 71}, 1, 1)).empty());
}

TEST(PhraseCopy, APieceOfTheTrainingSetIsCopiedWhole) {
  PhraseIndex index;
  const score::Score tune = melody(kTune, 1, 1);
  index.add(tune);
  index.add(melody({40, 41, 42, 43, 44, 45, 46, 47, 48}, 0.5, 0.5));
  EXPECT_EQ(phrase_copy_rate(tune, index), 1.0);
}

TEST(PhraseCopy, PhrasesIgnoreKeyAndPlaceInTime) {
  PhraseIndex index;
  index.add(melody(kTune, 1, 1));
  std::vector<int> up_a_fourth;
  for (int p : kTune) up_a_fourth.push_back(p + 5);
  EXPECT_EQ(phrase_copy_rate(melody(up_a_fourth, 1, 1, 6.5), index), 1.0);
  // The first note shortened: only the first phrase holds it.
  score::Score changed = melody(kTune, 1, 1);
  changed.notes[0].duration_quarters = 0.5;  // in the first phrase only
  EXPECT_DOUBLE_EQ(phrase_copy_rate(changed, index), 4.0 / 5);
}

TEST(PhraseCopy, AnUnrelatedPieceSharesNoPhrase) {
  PhraseIndex index;
  index.add(melody(kTune, 1, 1));
  // Repeated eighth notes: interval 0, onset gap 4, duration 4 everywhere.
  EXPECT_EQ(phrase_copy_rate(melody(std::vector<int>(16, 62), 0.5, 0.5), index), 0.0);
  // The tune's pitches in another rhythm.
  EXPECT_EQ(phrase_copy_rate(melody(kTune, 0.75, 0.5), index), 0.0);
}

TEST(PhraseCopy, TracksAreSeparateAndDrumsLeftOut) {
  score::Score two = melody(kTune, 1, 1, 0, 0, 0);
  const score::Score other = melody(kTune, 1, 1, 0.5, 1, 1);
  two.notes.insert(two.notes.end(), other.notes.begin(), other.notes.end());
  EXPECT_EQ(phrase_hashes(two).size(), 10u);  // 5 per track, none across them
  const score::Score drums = melody(kTune, 1, 1, 0, 2, 9);
  EXPECT_TRUE(phrase_hashes(drums).empty());
  EXPECT_TRUE(std::isnan(phrase_copy_rate(drums, PhraseIndex{})));
}

TEST(PhraseCopy, LongGapsAndNotesAreClipped) {
  PhraseIndex index;
  index.add(melody(kTune, 10, 9));  // gaps and lengths past 8 quarters
  EXPECT_EQ(phrase_copy_rate(melody(kTune, 12, 20), index), 1.0);
}

}  // namespace
}  // namespace cadenza::eval
