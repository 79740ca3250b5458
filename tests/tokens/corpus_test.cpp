#include "tokens/corpus.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "support/shared_data.h"

namespace fs = std::filesystem;
using cadenza::tokens::Corpus;

namespace {
fs::path temp_path(const std::string& name) { return fs::temp_directory_path() / name; }

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}
}  // namespace

TEST(Corpus, RoundTripKeepsDocumentBoundaries) {
  Corpus corpus;
  corpus.documents = {{"a.mid", {"C4", "0.4.7", "E-5"}}, {"sub/b.mid", {}}, {"c.mid", {"F#3"}}};
  const fs::path path = temp_path("cadenza_corpus_roundtrip.txt");
  cadenza::tokens::write_corpus(corpus, path);
  const Corpus back = cadenza::tokens::read_corpus(path);
  ASSERT_EQ(back.documents.size(), 3u);
  EXPECT_EQ(back.documents[0].name, "a.mid");
  EXPECT_EQ(back.documents[0].tokens, (std::vector<std::string>{"C4", "0.4.7", "E-5"}));
  EXPECT_TRUE(back.documents[1].tokens.empty());
  EXPECT_EQ(back.documents[2].name, "c.mid");
  EXPECT_EQ(back.token_count(), 4u);
}

TEST(Corpus, PaperFormatIsOneDocumentNamedAfterFile) {
  const fs::path path = temp_path("cadenza_paper_tokens.txt");
  write_text(path, "C#4\nE4\r\n11.3.6\n");
  const Corpus corpus = cadenza::tokens::read_corpus(path);
  ASSERT_EQ(corpus.documents.size(), 1u);
  EXPECT_EQ(corpus.documents[0].name, "cadenza_paper_tokens");
  EXPECT_EQ(corpus.documents[0].tokens, (std::vector<std::string>{"C#4", "E4", "11.3.6"}));
}

TEST(Corpus, WritePaperFormatConcatenates) {
  Corpus corpus;
  corpus.documents = {{"a", {"C4", "D4"}}, {"b", {"E4"}}};
  const fs::path path = temp_path("cadenza_paper_out.txt");
  cadenza::tokens::write_paper_format(corpus, path);
  std::ifstream in(path);
  std::string all((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(all, "C4\nD4\nE4\n");
}

TEST(Corpus, RejectsTokenBeforeFirstDocAndBadVersion) {
  const fs::path path = temp_path("cadenza_bad_corpus.txt");
  write_text(path, "#cadenza-corpus 1\nC4\n");
  EXPECT_THROW(cadenza::tokens::read_corpus(path), std::runtime_error);
  write_text(path, "#cadenza-corpus 9\n@doc a\nC4\n");
  EXPECT_THROW(cadenza::tokens::read_corpus(path), std::runtime_error);
  write_text(path, "C4\nhas space\n");
  try {
    cadenza::tokens::read_corpus(path);
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(":2:"), std::string::npos) << e.what();
  }
  EXPECT_THROW(cadenza::tokens::read_corpus(temp_path("cadenza_missing_corpus.txt")),
               std::runtime_error);
}

TEST(Corpus, ReadsThePapersJazzCorpus) {
  CADENZA_REQUIRE_SHARED_DATA("tokens/jazz.txt");
  const Corpus corpus =
      cadenza::tokens::read_corpus(cadenza::testing::shared_data_dir() / "tokens/jazz.txt");
  ASSERT_EQ(corpus.documents.size(), 1u);
  EXPECT_EQ(corpus.token_count(), 300793u);  // PAPER.md §1
  EXPECT_EQ(corpus.documents[0].tokens.front(), "C#4");
}
