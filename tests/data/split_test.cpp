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

#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace cadenza::data {
namespace {

TEST(Split, AValidationListNamesTheDocumentsThatValidate) {
  tokens::Corpus corpus;
  for (const char* name : {"a.mid", "b.mid", "sub/c.mid", "d.mid"})
    corpus.documents.push_back({name, {"X", "Y"}});
  tokens::Vocab vocab = tokens::Vocab::from_corpus(corpus);
  const auto dir =
      std::filesystem::temp_directory_path() / ("cadenza_split_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const auto list = dir / "validation.txt";
  std::ofstream(list) << "# comment\n\ncollection/b.mid\n  sub/c.mid  \n";
  Split split = split_corpus_by_list(corpus, vocab, list);
  EXPECT_EQ(split.train.size(), 2u);
  EXPECT_EQ(split.validation.size(), 2u);
  EXPECT_EQ(split.method, "validation list validation.txt");

  std::ofstream(list) << "missing.mid\n";
  try {
    split_corpus_by_list(corpus, vocab, list);
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("'missing.mid' names no document"), std::string::npos);
  }
  // An entry for a document left out before the split (set aside) is no error.
  std::ofstream(list) << "b.mid\nx/gone.mid\n";
  EXPECT_EQ(split_corpus_by_list(corpus, vocab, list, {"gone.mid"}).validation.size(), 1u);
  std::ofstream(list) << "a.mid\nb.mid\nsub/c.mid\nd.mid\n";
  EXPECT_THROW(split_corpus_by_list(corpus, vocab, list), std::runtime_error);  // none left
  std::ofstream(list) << "# only a comment\n";
  EXPECT_THROW(split_corpus_by_list(corpus, vocab, list), std::runtime_error);
  EXPECT_THROW(split_corpus_by_list(corpus, vocab, dir / "absent.txt"), std::runtime_error);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace cadenza::data
