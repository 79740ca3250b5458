#include "tokens/token_ids_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <stdexcept>
#include <system_error>

namespace cadenza::tokens {
namespace {

constexpr char kMagic[8] = {'C', 'D', 'Z', 'I', 'D', 'S', '1', '\0'};
constexpr std::size_t kHeaderSize = 40;

void put_le(std::string& out, std::uint64_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) out += static_cast<char>((value >> (8 * i)) & 0xFF);
}

std::uint64_t get_le(const unsigned char* p, int bytes) {
  std::uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

}  // namespace

TokenIdsWriter::TokenIdsWriter(std::filesystem::path path) : path_(std::move(path)) {
  const auto dir = path_.has_parent_path() ? path_.parent_path() : std::filesystem::path(".");
  temp_ = dir / ("." + path_.filename().string() + ".tmp" + std::to_string(getpid()));
  out_.open(temp_, std::ios::binary | std::ios::trunc);
  if (!out_) throw std::runtime_error("cannot create " + temp_.string());
  const std::string header(kHeaderSize, '\0');
  out_.write(header.data(), static_cast<std::streamsize>(header.size()));
}

TokenIdsWriter::~TokenIdsWriter() {
  if (!finished_) {
    out_.close();
    std::error_code ignored;
    std::filesystem::remove(temp_, ignored);
  }
}

void TokenIdsWriter::add_document(const std::string& name, const std::vector<std::uint16_t>& ids) {
  std::string bytes;
  bytes.reserve(ids.size() * 2);
  for (std::uint16_t id : ids) {
    put_le(bytes, id, 2);
    if (id > max_id_) max_id_ = id;
  }
  out_.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  starts_.push_back(starts_.back() + ids.size());
  names_.push_back(name);
}

void TokenIdsWriter::finish(std::uint32_t vocab_size) {
  if (starts_.back() > 0 && max_id_ >= vocab_size)
    throw std::runtime_error(path_.string() + ": id " + std::to_string(max_id_) +
                             " not below the vocabulary size " + std::to_string(vocab_size));
  const std::uint64_t index_offset = kHeaderSize + 2 * starts_.back();
  std::string tail;
  for (std::uint64_t s : starts_) put_le(tail, s, 8);
  for (const std::string& name : names_) {
    put_le(tail, name.size(), 4);
    tail += name;
  }
  out_.write(tail.data(), static_cast<std::streamsize>(tail.size()));
  std::string header(kMagic, sizeof kMagic);
  put_le(header, vocab_size, 4);
  put_le(header, 0, 4);
  put_le(header, names_.size(), 8);
  put_le(header, starts_.back(), 8);
  put_le(header, index_offset, 8);
  out_.seekp(0);
  out_.write(header.data(), static_cast<std::streamsize>(header.size()));
  out_.flush();
  if (!out_) throw std::runtime_error("cannot write " + path_.string() + " (disk full?)");
  out_.close();
  std::error_code ec;
  std::filesystem::rename(temp_, path_, ec);
  if (ec) throw std::runtime_error("cannot rename to " + path_.string() + ": " + ec.message());
  finished_ = true;
}

TokenIdsFile::TokenIdsFile(const std::filesystem::path& path) {
  const std::string where = path.string() + ": ";
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) throw std::runtime_error(where + "cannot open: " + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    throw std::runtime_error(where + "cannot stat");
  }
  map_size_ = static_cast<std::size_t>(st.st_size);
  if (map_size_ < kHeaderSize + 8) {
    ::close(fd);
    throw std::runtime_error(where + "too short for a token ids file");
  }
  map_ = ::mmap(nullptr, map_size_, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (map_ == MAP_FAILED) {
    map_ = nullptr;
    throw std::runtime_error(where + "cannot map: " + std::strerror(errno));
  }
  const auto* base = static_cast<const unsigned char*>(map_);
  auto fail = [&](const std::string& what) {
    ::munmap(map_, map_size_);
    map_ = nullptr;
    throw std::runtime_error(where + what);
  };
  if (std::memcmp(base, kMagic, sizeof kMagic) != 0) fail("not a token ids file (magic)");
  vocab_size_ = static_cast<std::uint32_t>(get_le(base + 8, 4));
  documents_ = get_le(base + 16, 8);
  tokens_ = get_le(base + 24, 8);
  const std::uint64_t index_offset = get_le(base + 32, 8);
  if (tokens_ > (map_size_ - kHeaderSize) / 2 || index_offset != kHeaderSize + 2 * tokens_ ||
      documents_ > (map_size_ - index_offset) / 8 ||
      index_offset + 8 * (documents_ + 1) > map_size_)
    fail("inconsistent header (truncated file?)");
  // ids are used in place: the file is little-endian like every host cadenza builds for.
  ids_ = reinterpret_cast<const std::uint16_t*>(base + kHeaderSize);
  starts_ = base + index_offset;
  std::uint64_t previous = 0;
  for (std::uint64_t d = 0; d <= documents_; ++d) {
    const std::uint64_t s = get_le(starts_ + 8 * d, 8);
    if (s < previous || s > tokens_ || (d == 0 && s != 0) || (d == documents_ && s != tokens_))
      fail("document index out of order at document " + std::to_string(d));
    previous = s;
  }
  std::size_t at = static_cast<std::size_t>(index_offset + 8 * (documents_ + 1));
  names_.reserve(static_cast<std::size_t>(documents_));
  for (std::uint64_t d = 0; d < documents_; ++d) {
    if (at + 4 > map_size_) fail("names truncated");
    const auto length = static_cast<std::size_t>(get_le(base + at, 4));
    at += 4;
    if (length > map_size_ - at) fail("names truncated");
    names_.emplace_back(reinterpret_cast<const char*>(base + at), length);
    at += length;
  }
}

TokenIdsFile::~TokenIdsFile() {
  if (map_) ::munmap(map_, map_size_);
}

std::size_t TokenIdsFile::document_start(std::size_t doc) const {
  if (doc >= documents_) throw std::out_of_range("document " + std::to_string(doc));
  return static_cast<std::size_t>(get_le(starts_ + 8 * doc, 8));
}

std::size_t TokenIdsFile::document_size(std::size_t doc) const {
  return static_cast<std::size_t>(get_le(starts_ + 8 * (doc + 1), 8)) - document_start(doc);
}

}  // namespace cadenza::tokens
