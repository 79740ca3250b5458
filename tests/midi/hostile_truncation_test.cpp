// A MIDI file cut short (issue 18, cause 14): one policy, refused by every reader, with a
// message that names the file and how much of the track is missing.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "midi/reader.h"
#include "midi/truncation.h"
#include "smf_bytes.h"

namespace cadenza::midi {
namespace {
using cadenza::testing::Bytes;
using cadenza::testing::smf;

// Two tracks; the second has 100 note-on/off pairs (800 bytes of events + end of track).
Bytes two_tracks() {
  Bytes notes;
  for (int i = 0; i < 100; ++i)
    cadenza::testing::append(notes, {0x00, 0x90, 0x3C, 0x40, 0x60, 0x80, 0x3C, 0x00});
  cadenza::testing::append(notes, {0x00, 0xFF, 0x2F, 0x00});
  return smf(1, 480, {Bytes{0x00, 0xFF, 0x2F, 0x00}, notes});
}

std::string error_of(const Bytes& bytes) {
  try {
    check_not_truncated(bytes.data(), bytes.size(), "x.mid");
  } catch (const ParseError& e) {
    return e.what();
  }
  return "";
}

TEST(HostileTruncation, CompleteFilePasses) { EXPECT_EQ(error_of(two_tracks()), ""); }

TEST(HostileTruncation, HalfAFileIsRefusedWithWhatIsLost) {
  const Bytes whole = two_tracks();
  const Bytes half(whole.begin(), whole.begin() + static_cast<long>(whole.size() / 2));
  // Header 14 bytes, track 1: 8 + 4, track 2 starts at byte 26 and declares 804 bytes.
  const std::string error = error_of(half);
  EXPECT_NE(error.find("x.mid: byte 26: truncated track chunk (needs 804 bytes, " +
                       std::to_string(half.size() - 34) + " left): the file ends at 47%"),
            std::string::npos)
      << error;
  // The strict reader (render, classify) refuses the same file at the same byte.
  try {
    parse(half.data(), half.size(), "x.mid");
    FAIL() << "the reader accepted a truncated file";
  } catch (const ParseError& e) {
    EXPECT_EQ(e.offset(), 26u);
  }
}

TEST(HostileTruncation, FromAFileReadingOnlyTheHeaders) {
  const Bytes whole = two_tracks();
  const auto path = std::filesystem::temp_directory_path() /
                    ("cadenza_truncated_" + std::to_string(getpid()) + ".mid");
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(whole.data()), static_cast<long>(whole.size() - 100));
  try {
    check_not_truncated(path);
    FAIL() << "no error";
  } catch (const ParseError& e) {
    EXPECT_NE(std::string(e.what()).find(path.string() + ": byte 26: truncated track chunk"),
              std::string::npos)
        << e.what();
  }
  std::filesystem::remove(path);
}

TEST(HostileTruncation, TrailingJunkIsNotTruncation) {
  Bytes bytes = two_tracks();
  cadenza::testing::append(bytes, {0x00, 0x01, 0x02, 0x03, 0xFF, 0xFF, 0xFF, 0xFF, 0x00});
  EXPECT_EQ(error_of(bytes), "");
}

}  // namespace
}  // namespace cadenza::midi
