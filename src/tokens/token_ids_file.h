#pragma once
// Token ids for training, in a compact binary file that is read by memory-mapping it, so a
// corpus larger than memory can be trained on. Layout (all integers little-endian):
//
//   offset 0   char[8]   magic "CDZIDS1\0"
//          8   uint32    vocab_size (every id is below it)
//         12   uint32    0 (reserved)
//         16   uint64    document_count (D)
//         24   uint64    token_count (N)
//         32   uint64    index_offset: byte offset of the document index
//         40   uint16    ids[N], the documents one after the other
//   index_offset  uint64 starts[D + 1]: token index where each document starts (starts[D] = N)
//   then per document: uint32 name length, name bytes (UTF-8, as in the text corpus)
//
// The writer streams ids to a temporary file beside the target and renames it on finish(), so
// an interrupted run never leaves a half-written file; only the index (8 bytes and the name per
// document) is held in memory.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace cadenza::tokens {

class TokenIdsWriter {
 public:
  explicit TokenIdsWriter(std::filesystem::path path);
  ~TokenIdsWriter();  // without finish(): the temporary file is removed
  TokenIdsWriter(const TokenIdsWriter&) = delete;
  TokenIdsWriter& operator=(const TokenIdsWriter&) = delete;

  void add_document(const std::string& name, const std::vector<std::uint16_t>& ids);
  // Writes the index and header (vocab_size: every id written must be below it) and renames.
  void finish(std::uint32_t vocab_size);

 private:
  std::filesystem::path path_, temp_;
  std::ofstream out_;
  std::vector<std::uint64_t> starts_{0};
  std::vector<std::string> names_;
  std::uint16_t max_id_ = 0;
  bool finished_ = false;
};

// A read-only memory map of a token ids file; throws std::runtime_error naming the file and
// what is wrong for anything that is not a complete, consistent file.
class TokenIdsFile {
 public:
  explicit TokenIdsFile(const std::filesystem::path& path);
  ~TokenIdsFile();
  TokenIdsFile(const TokenIdsFile&) = delete;
  TokenIdsFile& operator=(const TokenIdsFile&) = delete;

  std::uint32_t vocab_size() const { return vocab_size_; }
  std::size_t document_count() const { return static_cast<std::size_t>(documents_); }
  std::size_t token_count() const { return static_cast<std::size_t>(tokens_); }
  const std::uint16_t* ids() const { return ids_; }  // all documents, one after the other
  std::size_t document_start(std::size_t doc) const;
  std::size_t document_size(std::size_t doc) const;
  const std::uint16_t* document(std::size_t doc) const { return ids_ + document_start(doc); }
  std::string_view name(std::size_t doc) const { return names_.at(doc); }

 private:
  void* map_ = nullptr;
  std::size_t map_size_ = 0;
  std::uint32_t vocab_size_ = 0;
  std::uint64_t documents_ = 0, tokens_ = 0;
  const std::uint16_t* ids_ = nullptr;
  const unsigned char* starts_ = nullptr;  // uint64 little-endian, maybe unaligned
  std::vector<std::string_view> names_;
};

}  // namespace cadenza::tokens
