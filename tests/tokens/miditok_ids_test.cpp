#include "tokens/miditok_ids.h"

#include <gtest/gtest.h>

namespace cadenza::tokens::miditok {
namespace {

TEST(CorpusIds, VocabularyTokensKeepMidiToksIds) {
  const MidiTokVocab vocab(Scheme::Remi);
  CorpusIds ids(vocab);
  EXPECT_EQ(ids.id({TokenKind::Bar, 0}), 4);  // PAD BOS EOS MASK, then Bar
  EXPECT_EQ(ids.text(4), "Bar_None");
  EXPECT_EQ(ids.id({TokenKind::Pitch, 21}), 5);  // the lowest pitch follows
  EXPECT_EQ(ids.size(), 407u);
  EXPECT_TRUE(ids.extension_tokens().empty());
}

TEST(CorpusIds, TokensOutsideTheVocabularyAreNumberedAfterItInOrderOfFirstUse) {
  const MidiTokVocab vocab(Scheme::Remi);
  CorpusIds ids(vocab);
  const Token seven_eight{TokenKind::TimeSig, 7, 8}, position_52{TokenKind::Position, 52};
  EXPECT_EQ(ids.id(seven_eight), 407);
  EXPECT_EQ(ids.id(position_52), 408);
  EXPECT_EQ(ids.id(seven_eight), 407);
  EXPECT_EQ(ids.text(407), "TimeSig_7/8");
  EXPECT_EQ(ids.text(408), "Position_52");
  EXPECT_EQ(ids.extension_tokens(), (std::vector<std::string>{"TimeSig_7/8", "Position_52"}));
  EXPECT_EQ(ids.size(), 409u);
}

}  // namespace
}  // namespace cadenza::tokens::miditok
