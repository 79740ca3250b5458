#pragma once
// Reading text files line by line with a bound on the line length, so a binary or sparse file
// (one 1 GB "line" of NUL bytes) is refused after a few kilobytes instead of being read whole.
#include <cstddef>
#include <istream>
#include <string>

namespace cadenza {

enum class LineRead { kLine, kEnd, kTooLong };

// Reads up to '\n' into `line` (without it, and without a trailing '\r'). kTooLong when more
// than `max_bytes` come before the newline (the stream is then left inside that line).
LineRead read_line(std::istream& in, std::string& line, std::size_t max_bytes);

// Removes a UTF-8 byte-order mark from the start of `line` (editors on Windows add one).
void strip_utf8_bom(std::string& line);

// The first control character (below 0x20 other than tab, or 0x7F) in `text`, or npos.
std::size_t find_control_character(const std::string& text);

// "NUL", "0x1B", ...: how to name a control character in a message.
std::string describe_byte(unsigned char byte);

}  // namespace cadenza
