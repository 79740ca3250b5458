// The token ids file: what the writer streams, the memory-mapped reader gives back, and a
// damaged file is refused with a message naming it.
#include "tokens/token_ids_file.h"

#include <gtest/gtest.h>

#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace {

using cadenza::tokens::TokenIdsFile;
using cadenza::tokens::TokenIdsWriter;
namespace fs = std::filesystem;

fs::path temp_path(const std::string& name) {
  return fs::temp_directory_path() / ("cadenza-ids-" + std::to_string(getpid()) + "-" + name);
}

TEST(TokenIdsFile, WritesDocumentsAndReadsThemBackMapped) {
  const fs::path path = temp_path("ok.ids");
  {
    TokenIdsWriter writer(path);
    writer.add_document("a.mid", {4, 189, 406});
    writer.add_document("empty.mid", {});
    writer.add_document("sub/b.mid", {0, 65535 % 407, 12});
    writer.finish(407);
  }
  // 40-byte header, 6 ids of 2 bytes, 4 starts of 8 bytes, names with 4-byte lengths.
  EXPECT_EQ(fs::file_size(path), 40u + 12 + 32 + (4 + 5) + (4 + 9) + (4 + 9));
  const TokenIdsFile file(path);
  EXPECT_EQ(file.vocab_size(), 407u);
  ASSERT_EQ(file.document_count(), 3u);
  EXPECT_EQ(file.token_count(), 6u);
  EXPECT_EQ(file.name(0), "a.mid");
  EXPECT_EQ(file.name(2), "sub/b.mid");
  ASSERT_EQ(file.document_size(0), 3u);
  EXPECT_EQ(file.document(0)[1], 189);
  EXPECT_EQ(file.document_size(1), 0u);
  EXPECT_EQ(file.document(2)[1], 65535 % 407);
  EXPECT_THROW(file.document_start(3), std::out_of_range);
  fs::remove(path);
}

TEST(TokenIdsFile, RefusesAnIdNotBelowTheVocabularySize) {
  const fs::path path = temp_path("big.ids");
  TokenIdsWriter writer(path);
  writer.add_document("a", {407});
  EXPECT_THROW(writer.finish(407), std::runtime_error);
}

TEST(TokenIdsFile, AnUnfinishedWriterLeavesNoFile) {
  const fs::path path = temp_path("unfinished.ids");
  {
    TokenIdsWriter writer(path);
    writer.add_document("a", {1, 2});
  }
  EXPECT_FALSE(fs::exists(path));
}

TEST(TokenIdsFile, RefusesDamagedFiles) {
  const fs::path path = temp_path("damaged.ids");
  {
    TokenIdsWriter writer(path);
    writer.add_document("a", {1, 2, 3});
    writer.finish(10);
  }
  const auto size = fs::file_size(path);
  fs::resize_file(path, size - 10);  // the names cut short
  try {
    TokenIdsFile file(path);
    FAIL() << "a truncated file was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(path.string()), std::string::npos) << e.what();
  }
  { std::ofstream(path, std::ios::binary) << "not a token ids file at all, just text....."; }
  EXPECT_THROW(TokenIdsFile file(path), std::runtime_error);
  fs::remove(path);
}

}  // namespace
