// Mapping a prime's tokens into a vocabulary, by the documented nearest-match rules.
#include "generate/prime.h"

#include <gtest/gtest.h>

namespace cadenza::generate {
namespace {

const tokens::Vocab kVocab({"0.4.7", "C4", "E4", "G4", "2.5.9"});

TEST(Prime, KnownTokensKeepTheirIds) {
  const MappedPrime m = map_to_vocab({"C4", "0.4.7", "2.5.9"}, kVocab, "p.mid");
  EXPECT_EQ(m.ids, (std::vector<std::int64_t>{1, 0, 4}));
  EXPECT_EQ(m.mapped, 0u);
}

TEST(Prime, UnknownTokensGoToTheNearestMatch) {
  const MappedPrime m = map_to_vocab({"D4", "0.4", "C#5", "1.6", "5.9.2.0"}, kVocab, "p.mid");
  // D4 (62): C4 and E4 are both 2 away -> the lower, C4. 0.4 -> 0.4.7 (2 of 3 shared).
  // C#5 (73) -> G4 (67). 1.6 shares nothing with any chord -> note nearest C#4 (61): C4.
  // 5.9.2.0 -> 2.5.9 (3 of 4) rather than 0.4.7 (1 of 6).
  EXPECT_EQ(m.ids, (std::vector<std::int64_t>{1, 0, 3, 1, 4}));
  EXPECT_EQ(m.mapped, 5u);
  ASSERT_FALSE(m.examples.empty());
  EXPECT_EQ(m.examples[0], (std::pair<std::string, std::string>{"D4", "C4"}));
}

TEST(Prime, NotesWithoutNotesInTheVocabularyGoToAChord) {
  const tokens::Vocab chords_only({"0.4.7", "2.5.9"});
  EXPECT_EQ(map_to_vocab({"A3"}, chords_only, "p").ids, (std::vector<std::int64_t>{1}));
}

TEST(Prime, UnmappableAndEmptyPrimesAreClearErrors) {
  try {
    map_to_vocab({"C4", "banana"}, kVocab, "p.mid");
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(),
                 "p.mid: token 2 'banana' is not in the model's vocabulary and has no near match");
  }
  EXPECT_THROW(map_to_vocab({}, kVocab, "p.mid"), std::invalid_argument);
}

}  // namespace
}  // namespace cadenza::generate
