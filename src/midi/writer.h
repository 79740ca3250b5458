#pragma once
// Writes Standard MIDI Files (format 0 or 1, PPQ division), with running status off so that
// every reader accepts the result. Files are written atomically.
#include <cstdint>
#include <filesystem>
#include <vector>

#include "midi/file.h"

namespace cadenza::midi {

std::vector<std::uint8_t> serialize(const File& file);
void write(const File& file, const std::filesystem::path& path);

}  // namespace cadenza::midi
