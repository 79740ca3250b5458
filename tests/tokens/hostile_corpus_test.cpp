// Corpus files a careless or hostile user may give (issue 18, causes 6 and 10): binary and
// sparse files, NUL and control characters, absurdly long lines. Each fails fast with the
// line number; a byte-order mark is accepted.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "tokens/corpus.h"

namespace cadenza::tokens {
namespace {
namespace fs = std::filesystem;

class CorpusFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("cadenza_corpus_" + std::to_string(getpid()) + "_" +
                                        std::to_string(std::random_device{}()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path write(const std::string& name, const std::string& bytes) {
    std::ofstream(dir_ / name, std::ios::binary) << bytes;
    return dir_ / name;
  }
  static std::string error_of(const fs::path& path) {
    try {
      read_corpus(path);
    } catch (const std::runtime_error& e) {
      return e.what();
    }
    return "";
  }
  fs::path dir_;
};

TEST_F(CorpusFile, SparseFileIsRefusedAsBinaryWithoutReadingItWhole) {
  const fs::path path = dir_ / "sparse.txt";
  { std::ofstream(path, std::ios::binary); }
  fs::resize_file(path, std::uintmax_t{1} << 30);  // 1 GB of NUL bytes, no disk used
  const std::string error = error_of(path);
  EXPECT_NE(error.find("sparse.txt:1: binary data (NUL bytes), not a token corpus"),
            std::string::npos)
      << error;
}

TEST_F(CorpusFile, NulInATokenIsRefusedWithTheLineNumber) {
  const std::string error = error_of(write("nul.txt", std::string("C4\nD4\nE\0"
                                                                  "4\nF4\n",
                                                                  13)));
  EXPECT_NE(error.find("nul.txt:3: control character NUL at column 2"), std::string::npos) << error;
}

TEST_F(CorpusFile, EscapeInADocumentNameIsRefused) {
  const std::string error =
      error_of(write("esc.txt", "#cadenza-corpus 1\n@doc a\x1b[31m.mid\nC4\n"));
  EXPECT_NE(error.find("esc.txt:2: control character 0x1B at column 7"), std::string::npos)
      << error;
}

TEST_F(CorpusFile, OverlongLineIsRefused) {
  const std::string error = error_of(write("long.txt", "C4\n" + std::string(5000, 'x') + "\n"));
  EXPECT_NE(error.find("long.txt:2: line longer than 4096 bytes"), std::string::npos) << error;
}

TEST_F(CorpusFile, ByteOrderMarkIsAccepted) {
  const Corpus plain = read_corpus(write("bom.txt",
                                         "\xEF\xBB\xBF"
                                         "C4\nD4\n"));
  ASSERT_EQ(plain.documents.size(), 1u);
  EXPECT_EQ(plain.documents[0].tokens, (std::vector<std::string>{"C4", "D4"}));
  const Corpus cadenza =
      read_corpus(write("bom2.txt", "\xEF\xBB\xBF#cadenza-corpus 1\n@doc a.mid\nE4\n"));
  ASSERT_EQ(cadenza.documents.size(), 1u);
  EXPECT_EQ(cadenza.documents[0].name, "a.mid");
}

TEST_F(CorpusFile, FolderIsNamedAsSuch) {
  EXPECT_NE(error_of(dir_).find("is a folder, expected a token corpus file"), std::string::npos);
}

}  // namespace
}  // namespace cadenza::tokens
