#include "model/checkpoint_file.h"

#include <cstdint>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

#include "common/atomic_file.h"
#include "common/checksum.h"

namespace cadenza::model {
namespace {
constexpr char kMagic[4] = {'C', 'D', 'Z', '1'};

std::uint64_t fnv1a(const std::string& bytes) { return fnv1a64(bytes); }

template <typename T>
void put(std::ostream& out, T value) {
  unsigned char bytes[sizeof(T)];
  for (std::size_t i = 0; i < sizeof(T); ++i)
    bytes[i] = static_cast<unsigned char>(value >> (8 * i));
  out.write(reinterpret_cast<const char*>(bytes), sizeof(T));
}

class Reader {
 public:
  Reader(const std::string& data, const std::filesystem::path& path) : data_(data), path_(path) {}
  template <typename T>
  T get(const char* what) {
    need(sizeof(T), what);
    T value = 0;
    for (std::size_t i = 0; i < sizeof(T); ++i)
      value |= static_cast<T>(static_cast<unsigned char>(data_[pos_ + i])) << (8 * i);
    pos_ += sizeof(T);
    return value;
  }
  std::string bytes(std::uint64_t size, const char* what) {
    need(size, what);
    std::string out = data_.substr(pos_, size);
    pos_ += size;
    return out;
  }
  [[noreturn]] void fail(const std::string& message) const {
    throw std::runtime_error(path_.string() + ": byte " + std::to_string(pos_) +
                             ": corrupt checkpoint: " + message);
  }

 private:
  void need(std::uint64_t size, const char* what) const {
    if (size > data_.size() - pos_) fail(std::string("file ends inside ") + what + " (truncated?)");
  }
  const std::string& data_;
  const std::filesystem::path& path_;
  std::size_t pos_ = 0;
};
}  // namespace

void write_checkpoint_file(const std::filesystem::path& path, const CheckpointSections& sections) {
  write_file_atomically(path, [&](std::ostream& out) {
    out.write(kMagic, 4);
    put<std::uint32_t>(out, static_cast<std::uint32_t>(sections.size()));
    for (const auto& [name, bytes] : sections) {
      put<std::uint32_t>(out, static_cast<std::uint32_t>(name.size()));
      out.write(name.data(), static_cast<std::streamsize>(name.size()));
      put<std::uint64_t>(out, bytes.size());
      put<std::uint64_t>(out, fnv1a(bytes));
      out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    }
  });
}

CheckpointSections read_checkpoint_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path.string() + ": cannot open checkpoint");
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw std::runtime_error(path.string() + ": read error");
  Reader reader(data, path);
  if (data.size() < 4 || data.compare(0, 4, kMagic, 4) != 0)
    throw std::runtime_error(path.string() +
                             ": byte 0: not a cadenza checkpoint (expected magic 'CDZ1')");
  reader.bytes(4, "magic");
  auto count = reader.get<std::uint32_t>("section count");
  if (count > 64) reader.fail("implausible section count " + std::to_string(count));
  CheckpointSections sections;
  for (std::uint32_t s = 0; s < count; ++s) {
    auto name_size = reader.get<std::uint32_t>("section name length");
    if (name_size > 64) reader.fail("implausible section name length");
    std::string name = reader.bytes(name_size, "section name");
    auto size = reader.get<std::uint64_t>("section size");
    auto checksum = reader.get<std::uint64_t>("section checksum");
    std::string bytes = reader.bytes(size, ("section '" + name + "'").c_str());
    if (fnv1a(bytes) != checksum) reader.fail("section '" + name + "' fails its checksum");
    sections[name] = std::move(bytes);
  }
  return sections;
}

const std::string& checkpoint_section(const CheckpointSections& sections, const std::string& name,
                                      const std::filesystem::path& path) {
  auto it = sections.find(name);
  if (it == sections.end())
    throw std::runtime_error(path.string() + ": checkpoint has no '" + name + "' section");
  return it->second;
}

tokens::Vocab checkpoint_vocab(const CheckpointSections& sections,
                               const std::filesystem::path& path) {
  std::vector<std::string> tokens;
  std::istringstream text(checkpoint_section(sections, "vocab", path));
  for (std::string line; std::getline(text, line);) tokens.push_back(line);
  return tokens::Vocab(std::move(tokens));
}

}  // namespace cadenza::model
