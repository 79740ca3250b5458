#pragma once
// A bounds-checked read position inside a byte range, used by the reader. Every read checks the
// remaining length first and throws ParseError with the absolute byte offset, so no length field
// can make the reader step outside the input or allocate more than the input holds.
#include <cstddef>
#include <cstdint>
#include <string>

#include "midi/reader.h"

namespace cadenza::midi::detail {

class ByteCursor {
 public:
  // [begin, end) are absolute offsets into `data`; errors name `source`.
  ByteCursor(const std::uint8_t* data, std::size_t begin, std::size_t end,
             const std::string& source)
      : data_(data), pos_(begin), end_(end), source_(source) {}

  std::size_t offset() const { return pos_; }
  std::size_t remaining() const { return end_ - pos_; }
  bool at_end() const { return pos_ >= end_; }

  [[noreturn]] void fail(const std::string& what) const { throw ParseError(source_, pos_, what); }
  [[noreturn]] void fail_at(std::size_t offset, const std::string& what) const {
    throw ParseError(source_, offset, what);
  }

  std::uint8_t peek(const char* what) const {
    if (at_end()) fail(std::string("unexpected end of data, expected ") + what);
    return data_[pos_];
  }
  std::uint8_t byte(const char* what) {
    const std::uint8_t value = peek(what);
    ++pos_;
    return value;
  }
  std::uint16_t u16(const char* what) {
    require(2, what);
    const std::uint16_t value = static_cast<std::uint16_t>((data_[pos_] << 8) | data_[pos_ + 1]);
    pos_ += 2;
    return value;
  }
  std::uint32_t u32(const char* what) {
    require(4, what);
    const std::uint32_t value = (std::uint32_t{data_[pos_]} << 24) |
                                (std::uint32_t{data_[pos_ + 1]} << 16) |
                                (std::uint32_t{data_[pos_ + 2]} << 8) | data_[pos_ + 3];
    pos_ += 4;
    return value;
  }

  // A variable-length quantity: 7 bits per byte, at most 4 bytes (values below 2^28).
  std::uint32_t variable_length(const char* what) {
    const std::size_t start = pos_;
    std::uint32_t value = 0;
    for (int i = 0; i < 4; ++i) {
      if (at_end()) fail(std::string("truncated variable-length number (") + what + ")");
      const std::uint8_t b = data_[pos_++];
      value = (value << 7) | (b & 0x7F);
      if ((b & 0x80) == 0) return value;
    }
    fail_at(start, std::string("variable-length number longer than 4 bytes (") + what + ")");
  }

  // `length` bytes as a string; the length was already checked against the remaining input.
  std::string bytes(std::size_t length, const char* what) {
    require(length, what);
    std::string out(reinterpret_cast<const char*>(data_ + pos_), length);
    pos_ += length;
    return out;
  }
  void skip(std::size_t length, const char* what) {
    require(length, what);
    pos_ += length;
  }

  void require(std::size_t length, const char* what) const {
    if (length > remaining()) {
      fail(std::string("truncated ") + what + " (needs " + std::to_string(length) + " bytes, " +
           std::to_string(remaining()) + " left)");
    }
  }

 private:
  const std::uint8_t* data_;
  std::size_t pos_, end_;
  const std::string& source_;
};

}  // namespace cadenza::midi::detail
