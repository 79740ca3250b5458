#pragma once
// One policy for MIDI files cut short (a download or copy that stopped half-way): a file whose
// track chunk runs past the end of the file is refused by every command. The strict reader
// (reader.h) always refused it; the paper's tokenizer reads like music21, which would silently
// keep the part before the cut, so `tokenize`, `generate --prime` and `interpolate` call this
// first. The check reads only the chunk headers.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

namespace cadenza::midi {

// Throws ParseError "<file>: byte <offset>: truncated track chunk (needs N bytes, M left): the
// file ends at P% of that track" when a track chunk runs past the end of the data. Data that is
// not an SMF (or is RIFF-wrapped) is left to the reader.
void check_not_truncated(const std::uint8_t* data, std::size_t size, const std::string& source);
void check_not_truncated(const std::filesystem::path& path);

}  // namespace cadenza::midi
