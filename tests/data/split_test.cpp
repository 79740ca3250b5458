#include "data/split.h"

#include <gtest/gtest.h>

#include <set>

namespace cadenza::data {
namespace {

TEST(Split, OneStreamIsCutContiguously) {
  tokens::Corpus corpus;
  corpus.documents.push_back({"jazz", {}});
  for (int i = 0; i < 100; ++i) corpus.documents[0].tokens.push_back(i % 2 ? "C4" : "D4");
  tokens::Vocab vocab = tokens::Vocab::from_corpus(corpus);
  Split split = split_corpus(corpus, vocab, 0.1);
  EXPECT_EQ(split.method, "contiguous");
  ASSERT_EQ(split.train.size(), 1u);
  ASSERT_EQ(split.validation.size(), 1u);
  EXPECT_EQ(split.train_tokens(), 90u);
  EXPECT_EQ(split.validation_tokens(), 10u);
  EXPECT_EQ(split.validation[0].front(), vocab.id("D4"));  // token 90 (even)
}

TEST(Split, DocumentsGoWholeToOneSide) {
  tokens::Corpus corpus;
  for (int d = 0; d < 20; ++d) {
    tokens::Document doc{"piece" + std::to_string(d), {}};
    for (int i = 0; i < 50; ++i)
      doc.tokens.push_back("T" + std::to_string(d));  // one token per piece
    corpus.documents.push_back(doc);
  }
  tokens::Vocab vocab = tokens::Vocab::from_corpus(corpus);
  Split split = split_corpus(corpus, vocab, 0.1);
  EXPECT_EQ(split.method, "by-document");
  EXPECT_EQ(split.train.size() + split.validation.size(), 20u);
  EXPECT_EQ(split.validation.size(), 2u);  // 10% of 1000 tokens = two 50-token pieces
  std::set<std::int64_t> train_ids, validation_ids;
  for (const auto& s : split.train) train_ids.insert(s.begin(), s.end());
  for (const auto& s : split.validation) validation_ids.insert(s.begin(), s.end());
  for (auto id : validation_ids) EXPECT_EQ(train_ids.count(id), 0u) << "piece on both sides";
  // The same corpus always splits the same way.
  EXPECT_EQ(split_corpus(corpus, vocab, 0.1).validation, split.validation);
}

TEST(Split, RejectsEmptyCorpusAndBadFraction) {
  tokens::Corpus empty;
  EXPECT_THROW(split_corpus(empty, tokens::Vocab(), 0.1), std::invalid_argument);
  tokens::Corpus corpus{{{"a", {"C4", "D4"}}}};
  EXPECT_THROW(split_corpus(corpus, tokens::Vocab::from_corpus(corpus), 1.0),
               std::invalid_argument);
}

}  // namespace
}  // namespace cadenza::data
