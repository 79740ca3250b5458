#include "tokens/vocab.h"

#include <gtest/gtest.h>

namespace cadenza::tokens {
namespace {

TEST(Vocab, FromCorpusIsSortedAndDistinct) {
  Corpus corpus{{{"a", {"E4", "0.4.7", "C4", "E4"}}, {"b", {"C4", "B-3"}}}};
  Vocab vocab = Vocab::from_corpus(corpus);
  EXPECT_EQ(vocab.tokens(), (std::vector<std::string>{"0.4.7", "B-3", "C4", "E4"}));
  EXPECT_EQ(vocab.id("C4"), 2);
  EXPECT_EQ(vocab.token(3), "E4");
  EXPECT_FALSE(vocab.find("D4").has_value());
  EXPECT_EQ(vocab.encode({"E4", "0.4.7"}), (std::vector<std::int64_t>{3, 0}));
  EXPECT_EQ(vocab.decode({1, 2}), (std::vector<std::string>{"B-3", "C4"}));
}

TEST(Vocab, RejectsUnknownTokensAndIds) {
  Vocab vocab({"C4", "D4"});
  EXPECT_THROW(vocab.id("X"), std::out_of_range);
  EXPECT_THROW(vocab.token(2), std::out_of_range);
  EXPECT_THROW(vocab.token(-1), std::out_of_range);
  EXPECT_THROW(Vocab({"C4", "C4"}), std::invalid_argument);
}

}  // namespace
}  // namespace cadenza::tokens
