#pragma once
// Reads Standard MIDI Files. Malformed input throws midi::ParseError naming the file and the
// byte offset; it never crashes, hangs, or allocates more than the input justifies.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "midi/file.h"

namespace cadenza::midi {

class ParseError : public std::runtime_error {
 public:
  ParseError(const std::string& source, std::size_t offset, const std::string& what);
  const std::string& source() const { return source_; }
  std::size_t offset() const { return offset_; }

 private:
  std::string source_;
  std::size_t offset_;
};

// `source` names the data in error messages (usually the path).
File parse(const std::uint8_t* data, std::size_t size, const std::string& source = "<memory>");
File read(const std::filesystem::path& path);

}  // namespace cadenza::midi
