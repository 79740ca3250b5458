// The reader on tiny files built byte by byte, with the events worked out by hand.
#include "midi/reader.h"

#include <gtest/gtest.h>

#include "midi/smf_bytes.h"

namespace cadenza::midi {
namespace {

using testing::append;
using testing::Bytes;
using testing::chunk;
using testing::header;
using testing::smf;

File parse_bytes(const Bytes& bytes) { return parse(bytes.data(), bytes.size(), "test.mid"); }

const Bytes kEndOfTrack = {0x00, 0xFF, 0x2F, 0x00};

TEST(Reader, Format0WithRunningStatusAndVelocityZeroNoteOff) {
  const Bytes body = {0x00, 0xFF, 0x03, 0x04, 'L',  'e',  'a',  'd',  // track name "Lead"
                      0x00, 0xFF, 0x51, 0x03, 0x07, 0xA1, 0x20,       // tempo 500000 us
                      0x00, 0xC0, 0x05,                               // program 5 on channel 0
                      0x00, 0x90, 0x3C, 0x64,        // tick 0: note-on 60 velocity 100
                      0x60, 0x3C, 0x00,              // tick 96: running status, velocity 0
                      0x00, 0x3E, 0x50,              // tick 96: running status, note-on 62
                      0x81, 0x40, 0x80, 0x3E, 0x40,  // tick 96+192: note-off 62
                      0x00, 0xFF, 0x2F, 0x00};
  const File file = parse_bytes(smf(0, 96, {body}));
  EXPECT_EQ(file.format, 0);
  EXPECT_FALSE(file.division.smpte);
  EXPECT_EQ(file.division.ticks_per_quarter, 96);
  ASSERT_EQ(file.tracks.size(), 1u);
  const auto& ev = file.tracks[0].events;
  ASSERT_EQ(ev.size(), 8u);
  EXPECT_EQ(ev[0].kind, EventKind::Meta);
  EXPECT_EQ(ev[0].meta_type, meta::kTrackName);
  EXPECT_EQ(ev[0].data, "Lead");
  EXPECT_EQ(ev[1].meta_type, meta::kTempo);
  EXPECT_EQ(ev[1].data, std::string("\x07\xA1\x20", 3));
  EXPECT_EQ(ev[2].kind, EventKind::ProgramChange);
  EXPECT_EQ(ev[2].data1, 5);
  EXPECT_TRUE(ev[3].is_note_on());
  EXPECT_EQ(ev[3].data1, 60);
  EXPECT_EQ(ev[3].data2, 100);
  EXPECT_EQ(ev[4].tick, 96u);
  EXPECT_EQ(ev[4].kind, EventKind::NoteOn);
  EXPECT_TRUE(ev[4].is_note_off());
  EXPECT_EQ(ev[5].tick, 96u);
  EXPECT_TRUE(ev[5].is_note_on());
  EXPECT_EQ(ev[5].data1, 62);
  EXPECT_EQ(ev[5].data2, 0x50);
  EXPECT_EQ(ev[6].tick, 288u);
  EXPECT_EQ(ev[6].kind, EventKind::NoteOff);
  EXPECT_EQ(ev[6].data2, 0x40);
  EXPECT_EQ(ev[7].meta_type, meta::kEndOfTrack);
  EXPECT_EQ(ev[7].tick, 288u);
  EXPECT_TRUE(file.warnings.empty());
}

TEST(Reader, AllChannelMessages) {
  const Bytes body = {0x00, 0x83, 0x10, 0x20,  // note-off ch 3
                      0x00, 0x94, 0x11, 0x21,  // note-on ch 4
                      0x00, 0xA5, 0x12, 0x22,  // poly aftertouch ch 5
                      0x00, 0xB6, 0x07, 0x64,  // control change ch 6: volume 100
                      0x00, 0xC7, 0x28,        // program change ch 7: 40
                      0x00, 0xD8, 0x30,        // channel aftertouch ch 8
                      0x00, 0xE9, 0x00, 0x40,  // pitch bend ch 9: centre
                      0x00, 0xFF, 0x2F, 0x00};
  const File file = parse_bytes(smf(0, 480, {body}));
  const auto& ev = file.tracks[0].events;
  ASSERT_EQ(ev.size(), 8u);
  const EventKind kinds[] = {EventKind::NoteOff,        EventKind::NoteOn,
                             EventKind::PolyAftertouch, EventKind::ControlChange,
                             EventKind::ProgramChange,  EventKind::ChannelAftertouch,
                             EventKind::PitchBend};
  for (int i = 0; i < 7; ++i) {
    EXPECT_EQ(ev[i].kind, kinds[i]) << i;
    EXPECT_EQ(ev[i].channel, 3 + i) << i;
  }
  EXPECT_EQ(ev[3].data1, 7);
  EXPECT_EQ(ev[3].data2, 100);
  EXPECT_EQ(ev[4].data1, 40);
  EXPECT_EQ(ev[5].data1, 0x30);
  EXPECT_EQ(ev[6].data1, 0x00);
  EXPECT_EQ(ev[6].data2, 0x40);
}

TEST(Reader, SysExAndEscapesAndMetaKeepTheirPayload) {
  const Bytes body = {0x00, 0xF0, 0x05, 0x7E, 0x7F, 0x09, 0x01, 0xF7,  // GM on
                      0x10, 0xF7, 0x02, 0xF3, 0x01,                    // escape: raw bytes
                      0x00, 0xFF, 0x05, 0x02, 'l',  'a',               // lyric
                      0x00, 0xFF, 0x58, 0x04, 0x03, 0x02, 0x18, 0x08,  // 3/4
                      0x00, 0xFF, 0x59, 0x02, 0xFE, 0x01,              // 2 flats, minor
                      0x00, 0xFF, 0x2F, 0x00};
  const File file = parse_bytes(smf(1, 480, {body}));
  const auto& ev = file.tracks[0].events;
  ASSERT_EQ(ev.size(), 6u);
  EXPECT_EQ(ev[0].kind, EventKind::SysEx);
  EXPECT_EQ(ev[0].sysex_status, 0xF0);
  EXPECT_EQ(ev[0].data, std::string("\x7E\x7F\x09\x01\xF7", 5));
  EXPECT_EQ(ev[1].sysex_status, 0xF7);
  EXPECT_EQ(ev[1].tick, 16u);
  EXPECT_EQ(ev[1].data, std::string("\xF3\x01", 2));
  EXPECT_EQ(ev[2].meta_type, meta::kLyric);
  EXPECT_EQ(ev[2].data, "la");
  EXPECT_EQ(ev[3].meta_type, meta::kTimeSignature);
  EXPECT_EQ(ev[3].data, std::string("\x03\x02\x18\x08", 4));
  EXPECT_EQ(ev[4].meta_type, meta::kKeySignature);
  EXPECT_EQ(ev[4].data, std::string("\xFE\x01", 2));
}

TEST(Reader, VariableLengthDeltaTimes) {
  // Deltas 0x7F, 0x80 (81 00), 0x3FFF (FF 7F), 0x0FFFFFFF (FF FF FF 7F): ticks accumulate.
  const Bytes body = {0x7F, 0xFF, 0x01, 0x00,        //
                      0x81, 0x00, 0xFF, 0x01, 0x00,  //
                      0xFF, 0x7F, 0xFF, 0x01, 0x00,  //
                      0xFF, 0xFF, 0xFF, 0x7F, 0xFF, 0x2F, 0x00};
  const File file = parse_bytes(smf(0, 480, {body}));
  const auto& ev = file.tracks[0].events;
  ASSERT_EQ(ev.size(), 4u);
  EXPECT_EQ(ev[0].tick, 0x7Fu);
  EXPECT_EQ(ev[1].tick, 0x7Fu + 0x80u);
  EXPECT_EQ(ev[2].tick, 0x7Fu + 0x80u + 0x3FFFu);
  EXPECT_EQ(ev[3].tick, 0x7Fu + 0x80u + 0x3FFFu + 0x0FFFFFFFu);
}

TEST(Reader, MissingEndOfTrackIsAccepted) {
  const File file = parse_bytes(smf(0, 480, {{0x00, 0x90, 0x3C, 0x40, 0x60, 0x80, 0x3C, 0x00}}));
  ASSERT_EQ(file.tracks[0].events.size(), 2u);
  EXPECT_EQ(file.tracks[0].events[1].tick, 96u);
}

TEST(Reader, BytesAfterEndOfTrackInsideTheChunkAreIgnored) {
  Bytes body = kEndOfTrack;
  append(body, {0x00, 0x90, 0x3C});  // would be truncated if read
  EXPECT_EQ(parse_bytes(smf(0, 480, {body})).tracks[0].events.size(), 1u);
}

TEST(Reader, TrailingJunkAfterTheLastChunkIsIgnored) {
  Bytes bytes = smf(0, 480, {kEndOfTrack});
  append(bytes, {0x00, 0x00, 0x1A, 0x1A, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00});
  EXPECT_EQ(parse_bytes(bytes).tracks.size(), 1u);
  Bytes short_junk = smf(0, 480, {kEndOfTrack});
  append(short_junk, {'M', 'T', 'r'});
  EXPECT_EQ(parse_bytes(short_junk).tracks.size(), 1u);
}

TEST(Reader, UnknownChunksAreSkipped) {
  Bytes bytes = header(1, 2, 480);
  append(bytes, chunk("MTrk", kEndOfTrack));
  append(bytes, chunk("XFIH", {1, 2, 3, 4, 5}));
  append(bytes, chunk("MTrk", {0x00, 0xFF, 0x01, 0x01, 'x', 0x00, 0xFF, 0x2F, 0x00}));
  const File file = parse_bytes(bytes);
  ASSERT_EQ(file.tracks.size(), 2u);
  EXPECT_EQ(file.tracks[1].events[0].data, "x");
}

TEST(Reader, TrackCountInTheHeaderIsNotTrusted) {
  Bytes more = header(1, 1, 480);  // announces 1, holds 3
  for (int i = 0; i < 3; ++i) append(more, chunk("MTrk", kEndOfTrack));
  EXPECT_EQ(parse_bytes(more).tracks.size(), 3u);
  Bytes fewer = header(1, 5, 480);  // announces 5, holds 2
  for (int i = 0; i < 2; ++i) append(fewer, chunk("MTrk", kEndOfTrack));
  EXPECT_EQ(parse_bytes(fewer).tracks.size(), 2u);
}

TEST(Reader, Format2KeepsEveryTrack) {
  const File file = parse_bytes(smf(2, 480, {kEndOfTrack, kEndOfTrack}));
  EXPECT_EQ(file.format, 2);
  EXPECT_EQ(file.tracks.size(), 2u);
}

TEST(Reader, SmpteDivisions) {
  const std::pair<std::uint16_t, std::pair<int, int>> cases[] = {
      {0xE728, {25, 40}}, {0xE250, {30, 80}}, {0xE804, {24, 4}}, {0xE364, {29, 100}}};
  for (const auto& [raw, expected] : cases) {
    const File file = parse_bytes(smf(0, raw, {kEndOfTrack}));
    EXPECT_TRUE(file.division.smpte) << raw;
    EXPECT_EQ(file.division.frames_per_second, expected.first) << raw;
    EXPECT_EQ(file.division.ticks_per_frame, expected.second) << raw;
  }
}

TEST(Reader, TopBitPpqThatIsNotAnSmpteRateIsPpq) {
  // WJazzD writes 55440 ticks per quarter as 0xD890: high byte -40 is no SMPTE frame rate.
  const File file = parse_bytes(smf(1, 0xD890, {kEndOfTrack}));
  EXPECT_FALSE(file.division.smpte);
  EXPECT_EQ(file.division.ticks_per_quarter, 55440);
  EXPECT_EQ(parse_bytes(smf(1, 0x8000, {kEndOfTrack})).division.ticks_per_quarter, 32768);
}

TEST(Reader, RealTimeBytesAreSkippedAndKeepRunningStatus) {
  const Bytes body = {0x00, 0x90, 0x3C, 0x40,  // note-on
                      0x00, 0xF8,              // timing clock (real-time, no data)
                      0x10, 0x3C, 0x00,        // running status still 0x90
                      0x00, 0xFF, 0x2F, 0x00};
  const File file = parse_bytes(smf(0, 480, {body}));
  const auto& ev = file.tracks[0].events;
  ASSERT_EQ(ev.size(), 3u);
  EXPECT_TRUE(ev[1].is_note_off());
  EXPECT_EQ(ev[1].tick, 16u);
}

TEST(Reader, OutOfRangeDataByteIsClampedWithAWarning) {
  // Real files (midkar) hold a velocity of 0x80; music21 reads it as a note.
  const Bytes body = {0x00, 0x92, 0x30, 0x80, 0x07, 0x82, 0x30, 0x40, 0x00, 0xFF, 0x2F, 0x00};
  const File file = parse_bytes(smf(0, 480, {body}));
  const auto& ev = file.tracks[0].events;
  ASSERT_EQ(ev.size(), 3u);
  EXPECT_TRUE(ev[0].is_note_on());
  EXPECT_EQ(ev[0].data2, 127);
  ASSERT_EQ(file.warnings.size(), 1u);
  EXPECT_EQ(file.warnings[0], "byte 25: data byte 0x80 after status 0x92 clamped to 127");
}

TEST(Reader, RiffRmidWrapperIsUnwrapped) {
  const Bytes midi = smf(0, 480, {{0x00, 0x90, 0x3C, 0x40, 0x00, 0xFF, 0x2F, 0x00}});
  Bytes riff = {'R', 'I', 'F', 'F'};
  Bytes content = {'R', 'M', 'I', 'D'};
  append(content, chunk("data", midi));
  const std::uint32_t size = static_cast<std::uint32_t>(content.size());
  append(riff, {std::uint8_t(size), std::uint8_t(size >> 8), std::uint8_t(size >> 16),
                std::uint8_t(size >> 24)});
  append(riff, content);
  // RIFF sizes are little-endian but the 'data' chunk length above was written big-endian
  // by chunk(); fix it to little-endian.
  const std::uint32_t length = static_cast<std::uint32_t>(midi.size());
  riff[16] = std::uint8_t(length);
  riff[17] = std::uint8_t(length >> 8);
  riff[18] = std::uint8_t(length >> 16);
  riff[19] = std::uint8_t(length >> 24);
  const File file = parse_bytes(riff);
  ASSERT_EQ(file.tracks.size(), 1u);
  EXPECT_TRUE(file.tracks[0].events[0].is_note_on());
}

TEST(Reader, HeaderWithZeroTracksAndNoChunksIsAnEmptyFile) {
  EXPECT_TRUE(parse_bytes(header(1, 0, 480)).tracks.empty());
}

}  // namespace
}  // namespace cadenza::midi
