// Malformed input: every case throws ParseError naming the file and the byte offset, worked
// out by hand (the header chunk is bytes 0-13, the first track chunk starts at 14 and its
// events at 22).
#include <gtest/gtest.h>

#include <filesystem>

#include "midi/reader.h"
#include "midi/smf_bytes.h"

namespace cadenza::midi {
namespace {

using testing::append;
using testing::Bytes;
using testing::chunk;
using testing::header;
using testing::smf;

// Parses and returns the error; fails the test when nothing is thrown.
ParseError error_of(const Bytes& bytes) {
  try {
    parse(bytes.data(), bytes.size(), "bad.mid");
  } catch (const ParseError& error) {
    return error;
  }
  ADD_FAILURE() << "no ParseError";
  return ParseError("", 0, "");
}

void expect_error(const Bytes& bytes, std::size_t offset, const std::string& message) {
  const ParseError error = error_of(bytes);
  EXPECT_EQ(error.source(), "bad.mid");
  EXPECT_EQ(error.offset(), offset);
  EXPECT_EQ(std::string(error.what()), "bad.mid: byte " + std::to_string(offset) + ": " + message);
}

Bytes track_file(const Bytes& body) { return smf(0, 480, {body}); }

TEST(Malformed, EmptyFile) { expect_error({}, 0, "empty file (not a MIDI file)"); }

TEST(Malformed, NotMidiAtAll) {
  const std::string text = "hello, this is text";
  expect_error(Bytes(text.begin(), text.end()), 0, "not a MIDI file (expected 'MThd')");
  expect_error({'M', 'T'}, 0, "not a MIDI file (expected 'MThd')");
}

TEST(Malformed, HeaderTooShort) {
  expect_error(chunk("MThd", {0, 1, 0, 1}), 4, "header chunk too short (4 bytes, needs 6)");
}

TEST(Malformed, TruncatedHeader) {
  expect_error({'M', 'T', 'h', 'd', 0, 0, 0, 6, 0, 1}, 8,
               "truncated header chunk (needs 6 bytes, 2 left)");
}

TEST(Malformed, UnknownFormat) {
  expect_error(smf(3, 480, {{0x00, 0xFF, 0x2F, 0x00}}), 8, "unknown MIDI file format 3");
}

TEST(Malformed, ZeroDivision) {
  expect_error(smf(1, 0, {{0x00, 0xFF, 0x2F, 0x00}}), 12, "division of 0 ticks per quarter note");
  expect_error(smf(1, 0xE700, {{0x00, 0xFF, 0x2F, 0x00}}), 12,
               "SMPTE division with 0 ticks per frame");
}

TEST(Malformed, TruncatedTrackChunk) {
  Bytes bytes = header(0, 1, 480);
  append(bytes, {'M', 'T', 'r', 'k', 0, 0, 0, 100, 0x00, 0x90, 0x3C, 0x40});
  expect_error(bytes, 14, "truncated track chunk (needs 100 bytes, 4 left)");
}

TEST(Malformed, ImpossibleTrackLengthAllocatesNothing) {
  Bytes bytes = header(0, 1, 480);
  append(bytes, {'M', 'T', 'r', 'k', 0xFF, 0xFF, 0xFF, 0xFF, 0x00});
  expect_error(bytes, 14, "truncated track chunk (needs 4294967295 bytes, 1 left)");
}

TEST(Malformed, NoTrackChunkThoughAnnounced) {
  expect_error(header(1, 2, 480), 14, "no track chunk found (header announces 2)");
}

TEST(Malformed, VariableLengthNumberLongerThanFourBytes) {
  expect_error(track_file({0x81, 0x80, 0x80, 0x80, 0x00, 0xFF, 0x2F, 0x00}), 22,
               "variable-length number longer than 4 bytes (delta time)");
  // In a meta length: status at 23, type at 24, the length starts at 25.
  expect_error(track_file({0x00, 0xFF, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F}), 25,
               "variable-length number longer than 4 bytes (meta event length)");
}

TEST(Malformed, VariableLengthNumberCutByTheChunkEnd) {
  expect_error(track_file({0x00, 0xFF, 0x01, 0x81}), 26,
               "truncated variable-length number (meta event length)");
  expect_error(track_file({0x00, 0x90, 0x3C, 0x40, 0x83}), 27,
               "truncated variable-length number (delta time)");
}

TEST(Malformed, MetaLongerThanTheChunk) {
  expect_error(track_file({0x00, 0xFF, 0x01, 0x10, 'a', 'b'}), 26,
               "truncated meta event (needs 16 bytes, 2 left)");
  // The largest 4-byte length: refused without allocating it.
  expect_error(track_file({0x00, 0xFF, 0x01, 0xFF, 0xFF, 0xFF, 0x7F, 'a'}), 29,
               "truncated meta event (needs 268435455 bytes, 1 left)");
}

TEST(Malformed, SysExLongerThanTheChunk) {
  expect_error(track_file({0x00, 0xF0, 0x05, 0x7E, 0x7F}), 25,
               "truncated sysex event (needs 5 bytes, 2 left)");
}

TEST(Malformed, ChannelMessageCutByTheChunkEnd) {
  expect_error(track_file({0x00, 0x90, 0x3C}), 25, "unexpected end of data, expected a data byte");
}

TEST(Malformed, DataByteWithoutRunningStatus) {
  expect_error(track_file({0x00, 0x3C, 0x40}), 23, "data byte 0x3C without a running status");
}

TEST(Malformed, MetaAndSysExCancelRunningStatus) {
  // note-on at 23, meta at 27-29, then a data byte at 31 that would need running status.
  expect_error(track_file({0x00, 0x90, 0x3C, 0x40, 0x00, 0xFF, 0x01, 0x00, 0x00, 0x3C, 0x00}), 31,
               "data byte 0x3C without a running status");
  expect_error(track_file({0x00, 0x90, 0x3C, 0x40, 0x00, 0xF0, 0x01, 0xF7, 0x00, 0x3C, 0x00}), 31,
               "data byte 0x3C without a running status");
}

TEST(Malformed, UndefinedStatusByte) {
  expect_error(track_file({0x00, 0xF4, 0x00}), 23, "undefined status byte 0xF4");
}

TEST(Malformed, MetaTypeWithTopBitSet) {
  expect_error(track_file({0x00, 0xFF, 0x90, 0x00}), 24,
               "meta event type 0x90 has the top bit set");
}

TEST(Malformed, SecondTrackTruncatedNamesItsOwnOffset) {
  Bytes bytes = smf(1, 480, {{0x00, 0xFF, 0x2F, 0x00}});  // 14 + 8 + 4 = 26 bytes
  append(bytes, {'M', 'T', 'r', 'k', 0, 0, 0, 9, 0x00, 0x90});
  expect_error(bytes, 26, "truncated track chunk (needs 9 bytes, 2 left)");
}

TEST(Malformed, RiffThatIsNotRmid) {
  expect_error({'R', 'I', 'F', 'F', 4, 0, 0, 0, 'W', 'A', 'V', 'E'}, 8,
               "RIFF file is not RMID (not a MIDI file)");
}

TEST(Malformed, ReadNamesTheMissingPath) {
  const std::filesystem::path path = "/nonexistent/cadenza/song.mid";
  try {
    read(path);
    FAIL() << "no ParseError";
  } catch (const ParseError& error) {
    EXPECT_EQ(error.source(), path.string());
    EXPECT_EQ(std::string(error.what()), path.string() + ": byte 0: cannot open file");
  }
}

TEST(Malformed, ReadRefusesADirectory) {
  EXPECT_THROW(read(std::filesystem::temp_directory_path()), ParseError);
}

TEST(Malformed, EveryTruncationOfAValidFileIsAnErrorOrAValidPrefix) {
  // Cutting a file anywhere must never crash: either a ParseError or a readable file.
  const Bytes full = smf(1, 480,
                         {{0x00, 0xFF, 0x03, 0x01, 'x',  0x00, 0x90, 0x3C, 0x40, 0x60,
                           0x3C, 0x00, 0x00, 0xF0, 0x01, 0xF7, 0x00, 0xFF, 0x2F, 0x00},
                          {0x00, 0xC1, 0x05, 0x00, 0xFF, 0x2F, 0x00}});
  for (std::size_t size = 0; size < full.size(); ++size) {
    const Bytes cut(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(size));
    try {
      const File file = parse(cut.data(), cut.size(), "cut.mid");
      EXPECT_LE(file.tracks.size(), 2u);
    } catch (const ParseError& error) {
      EXPECT_LE(error.offset(), size) << error.what();
    }
  }
}

}  // namespace
}  // namespace cadenza::midi
