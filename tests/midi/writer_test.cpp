// The writer: exact bytes for a small file, variable-length boundaries, round trips through the
// reader, and what it refuses.
#include "midi/writer.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "midi/reader.h"
#include "midi/smf_bytes.h"

namespace cadenza::midi {
namespace {

using testing::Bytes;

Event channel(std::uint64_t tick, EventKind kind, int ch, int d1, int d2 = 0) {
  Event e;
  e.tick = tick;
  e.kind = kind;
  e.channel = static_cast<std::uint8_t>(ch);
  e.data1 = static_cast<std::uint8_t>(d1);
  e.data2 = static_cast<std::uint8_t>(d2);
  return e;
}

Event meta_event(std::uint64_t tick, std::uint8_t type, const std::string& data) {
  Event e;
  e.tick = tick;
  e.kind = EventKind::Meta;
  e.meta_type = type;
  e.data = data;
  return e;
}

File one_track(std::vector<Event> events, int ppq = 96) {
  File file;
  file.format = 0;
  file.division.ticks_per_quarter = ppq;
  file.tracks.push_back(Track{std::move(events)});
  return file;
}

TEST(Writer, ExactBytesOfASmallFile) {
  const File file =
      one_track({channel(0, EventKind::NoteOn, 0, 60, 100),
                 channel(96, EventKind::NoteOff, 0, 60, 0), meta_event(96, meta::kText, "hi")});
  const Bytes expected = {'M',  'T',  'h',  'd',  0,    0,    0,    6,    0,    0,
                          0,    1,    0,    0x60, 'M',  'T',  'r',  'k',  0,    0,
                          0,    18,   0x00, 0x90, 0x3C, 0x64, 0x60, 0x80, 0x3C, 0x00,
                          0x00, 0xFF, 0x01, 0x02, 'h',  'i',  0x00, 0xFF, 0x2F, 0x00};
  EXPECT_EQ(serialize(file), expected);
}

TEST(Writer, VariableLengthBoundaries) {
  const std::pair<std::uint64_t, Bytes> cases[] = {{0, {0x00}},
                                                   {0x7F, {0x7F}},
                                                   {0x80, {0x81, 0x00}},
                                                   {0x3FFF, {0xFF, 0x7F}},
                                                   {0x4000, {0x81, 0x80, 0x00}},
                                                   {0x0FFFFFFF, {0xFF, 0xFF, 0xFF, 0x7F}}};
  for (const auto& [delta, encoded] : cases) {
    const Bytes bytes = serialize(one_track({channel(delta, EventKind::ProgramChange, 0, 1)}));
    const Bytes body(bytes.begin() + 22, bytes.begin() + 22 + static_cast<long>(encoded.size()));
    EXPECT_EQ(body, encoded) << delta;
    EXPECT_EQ(bytes[22 + encoded.size()], 0xC0) << delta;
  }
  EXPECT_THROW(serialize(one_track({channel(0x10000000, EventKind::ProgramChange, 0, 1)})),
               std::invalid_argument);
}

TEST(Writer, RoundTripKeepsEveryEvent) {
  Event sysex;
  sysex.kind = EventKind::SysEx;
  sysex.tick = 5;
  sysex.data = std::string("\x7E\x7F\x09\x01\xF7", 5);
  Event escape = sysex;
  escape.sysex_status = 0xF7;
  escape.data = "\xF8";
  File file;
  file.format = 1;
  file.division.ticks_per_quarter = 55440;  // written with the top bit set, read back as PPQ
  file.tracks.push_back(
      Track{{meta_event(0, meta::kTempo, std::string("\x07\xA1\x20", 3)),
             meta_event(0, meta::kTimeSignature, std::string("\x03\x02\x18\x08", 4))}});
  file.tracks.push_back(Track{{channel(0, EventKind::ControlChange, 3, 7, 100), sysex, escape,
                               channel(10, EventKind::PitchBend, 3, 0, 64),
                               channel(20, EventKind::ChannelAftertouch, 3, 50),
                               channel(20, EventKind::PolyAftertouch, 3, 60, 70),
                               channel(300, EventKind::NoteOn, 15, 127, 127),
                               channel(70000, EventKind::NoteOn, 15, 127, 0)}});
  const Bytes bytes = serialize(file);
  const File back = parse(bytes.data(), bytes.size());
  EXPECT_EQ(back.format, 1);
  EXPECT_EQ(back.division.ticks_per_quarter, 55440);
  ASSERT_EQ(back.tracks.size(), 2u);
  for (std::size_t t = 0; t < 2; ++t) {
    const auto& written = file.tracks[t].events;
    const auto& read = back.tracks[t].events;
    ASSERT_EQ(read.size(), written.size() + 1) << t;  // + end of track
    for (std::size_t i = 0; i < written.size(); ++i) {
      EXPECT_EQ(read[i].tick, written[i].tick);
      EXPECT_EQ(read[i].kind, written[i].kind);
      EXPECT_EQ(read[i].channel, written[i].channel);
      EXPECT_EQ(read[i].data1, written[i].data1);
      EXPECT_EQ(read[i].data2, written[i].data2);
      EXPECT_EQ(read[i].data, written[i].data);
      if (written[i].kind == EventKind::SysEx) {
        EXPECT_EQ(read[i].sysex_status, written[i].sysex_status);
      } else if (written[i].kind == EventKind::Meta) {
        EXPECT_EQ(read[i].meta_type, written[i].meta_type);
      }
    }
    EXPECT_EQ(read.back().meta_type, meta::kEndOfTrack);
  }
}

TEST(Writer, SmpteDivisionRoundTrips) {
  File file = one_track({});
  file.division.smpte = true;
  file.division.frames_per_second = 25;
  file.division.ticks_per_frame = 40;
  const Bytes bytes = serialize(file);
  EXPECT_EQ(bytes[12], 0xE7);
  EXPECT_EQ(bytes[13], 40);
  const File back = parse(bytes.data(), bytes.size());
  EXPECT_TRUE(back.division.smpte);
  EXPECT_EQ(back.division.frames_per_second, 25);
}

TEST(Writer, EndOfTrackWrittenOnceAtTheLastTick) {
  const File file =
      one_track({meta_event(0, meta::kEndOfTrack, ""),  // misplaced: dropped
                 channel(10, EventKind::NoteOn, 0, 60, 1), meta_event(50, meta::kEndOfTrack, "")});
  const Bytes bytes = serialize(file);
  const File back = parse(bytes.data(), bytes.size());
  ASSERT_EQ(back.tracks[0].events.size(), 2u);
  EXPECT_EQ(back.tracks[0].events[1].tick, 50u);
}

TEST(Writer, RefusesWhatAFileCannotHold) {
  File two = one_track({});
  two.tracks.push_back({});
  EXPECT_THROW(serialize(two), std::invalid_argument);  // format 0 with 2 tracks
  EXPECT_THROW(serialize(one_track({channel(5, EventKind::NoteOn, 0, 60, 1),
                                    channel(4, EventKind::NoteOn, 0, 60, 1)})),
               std::invalid_argument);  // out of order
  EXPECT_THROW(serialize(one_track({channel(0, EventKind::NoteOn, 16, 60, 1)})),
               std::invalid_argument);
  EXPECT_THROW(serialize(one_track({channel(0, EventKind::NoteOn, 0, 128, 1)})),
               std::invalid_argument);
  EXPECT_THROW(serialize(one_track({}, 0)), std::invalid_argument);
  EXPECT_THROW(serialize(one_track({}, 70000)), std::invalid_argument);
  EXPECT_THROW(serialize(one_track({}, 0xE728)), std::invalid_argument);  // reads as SMPTE
  File smpte = one_track({});
  smpte.division.smpte = true;
  smpte.division.frames_per_second = 23;
  smpte.division.ticks_per_frame = 10;
  EXPECT_THROW(serialize(smpte), std::invalid_argument);
}

TEST(Writer, WriteCreatesAReadableFile) {
  const auto dir = std::filesystem::temp_directory_path() / "cadenza_midi_writer_test";
  std::filesystem::create_directories(dir);
  const auto path = dir / "out.mid";
  write(one_track({channel(0, EventKind::NoteOn, 2, 64, 90)}), path);
  const File back = read(path);
  ASSERT_EQ(back.tracks.size(), 1u);
  EXPECT_EQ(back.tracks[0].events[0].channel, 2);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace cadenza::midi
