// Standard MIDI File writer: every status byte is written (no running status), each track ends
// with exactly one end-of-track event, and anything a file cannot hold is rejected with
// std::invalid_argument before a byte is written.
#include "midi/writer.h"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "common/atomic_file.h"

namespace cadenza::midi {
namespace {

constexpr std::uint32_t kMaxVariableLength = 0x0FFFFFFF;  // 4 bytes of 7 bits

void put_u16(std::vector<std::uint8_t>& out, std::uint32_t value) {
  out.push_back(static_cast<std::uint8_t>(value >> 8));
  out.push_back(static_cast<std::uint8_t>(value));
}

void put_u32(std::vector<std::uint8_t>& out, std::uint32_t value) {
  put_u16(out, value >> 16);
  put_u16(out, value & 0xFFFF);
}

void put_variable_length(std::vector<std::uint8_t>& out, std::uint64_t value, const char* what) {
  if (value > kMaxVariableLength) {
    throw std::invalid_argument(std::string("MIDI writer: ") + what + " " + std::to_string(value) +
                                " exceeds the 28-bit limit");
  }
  std::uint8_t groups[4];
  int count = 0;
  do {
    groups[count++] = static_cast<std::uint8_t>(value & 0x7F);
    value >>= 7;
  } while (value != 0);
  while (count > 1) out.push_back(groups[--count] | 0x80);
  out.push_back(groups[0]);
}

std::uint16_t encode_division(const Division& division) {
  if (division.smpte) {
    const int fps = division.frames_per_second;
    if ((fps != 24 && fps != 25 && fps != 29 && fps != 30) || division.ticks_per_frame < 1 ||
        division.ticks_per_frame > 255) {
      throw std::invalid_argument("MIDI writer: invalid SMPTE division " + std::to_string(fps) +
                                  " fps, " + std::to_string(division.ticks_per_frame) +
                                  " ticks per frame");
    }
    return static_cast<std::uint16_t>(((256 - fps) << 8) | division.ticks_per_frame);
  }
  const int tpq = division.ticks_per_quarter;
  // Above 32767 the top bit is set, as real files do (e.g. 55440); readers that follow the
  // SMPTE rule for -24/-25/-29/-30 would misread the values whose high byte is one of those.
  const int high = tpq >> 8;
  const bool looks_smpte =
      high == 256 - 24 || high == 256 - 25 || high == 256 - 29 || high == 256 - 30;
  if (tpq < 1 || tpq > 0xFFFF || looks_smpte) {
    throw std::invalid_argument("MIDI writer: " + std::to_string(tpq) +
                                " ticks per quarter cannot be written as a MIDI division");
  }
  return static_cast<std::uint16_t>(tpq);
}

void put_channel_event(std::vector<std::uint8_t>& out, const Event& event) {
  static const std::uint8_t kStatus[] = {0x80, 0x90, 0xA0, 0xB0, 0xC0, 0xD0, 0xE0};
  if (event.channel > 15 || event.data1 > 127 || event.data2 > 127) {
    throw std::invalid_argument(
        "MIDI writer: channel event out of range (channel " + std::to_string(event.channel) +
        ", data " + std::to_string(event.data1) + ", " + std::to_string(event.data2) + ")");
  }
  const std::uint8_t status = kStatus[static_cast<int>(event.kind)] | event.channel;
  out.push_back(status);
  out.push_back(event.data1);
  if (event.kind != EventKind::ProgramChange && event.kind != EventKind::ChannelAftertouch) {
    out.push_back(event.data2);
  }
}

void put_track(std::vector<std::uint8_t>& out, const Track& track, std::size_t index) {
  std::vector<std::uint8_t> body;
  std::uint64_t tick = 0;
  for (const Event& event : track.events) {
    if (event.kind == EventKind::Meta && event.meta_type == meta::kEndOfTrack) continue;
    if (event.tick < tick) {
      throw std::invalid_argument(
          "MIDI writer: track " + std::to_string(index) + " has events out of time order (tick " +
          std::to_string(event.tick) + " after " + std::to_string(tick) + ")");
    }
    put_variable_length(body, event.tick - tick, "delta time");
    tick = event.tick;
    switch (event.kind) {
      case EventKind::Meta:
        if (event.meta_type > 0x7F) throw std::invalid_argument("MIDI writer: meta type > 0x7F");
        body.push_back(0xFF);
        body.push_back(event.meta_type);
        put_variable_length(body, event.data.size(), "meta event length");
        body.insert(body.end(), event.data.begin(), event.data.end());
        break;
      case EventKind::SysEx:
        if (event.sysex_status != 0xF0 && event.sysex_status != 0xF7) {
          throw std::invalid_argument("MIDI writer: sysex status must be 0xF0 or 0xF7");
        }
        body.push_back(event.sysex_status);
        put_variable_length(body, event.data.size(), "sysex length");
        body.insert(body.end(), event.data.begin(), event.data.end());
        break;
      default:
        put_channel_event(body, event);
    }
  }
  // The end of track goes at the last event's tick, or later if the caller placed one later.
  std::uint64_t end_tick = tick;
  if (!track.events.empty() && track.events.back().kind == EventKind::Meta &&
      track.events.back().meta_type == meta::kEndOfTrack) {
    end_tick = std::max(end_tick, track.events.back().tick);
  }
  put_variable_length(body, end_tick - tick, "delta time");
  body.insert(body.end(), {0xFF, meta::kEndOfTrack, 0x00});

  out.insert(out.end(), {'M', 'T', 'r', 'k'});
  put_u32(out, static_cast<std::uint32_t>(body.size()));
  out.insert(out.end(), body.begin(), body.end());
}

}  // namespace

std::vector<std::uint8_t> serialize(const File& file) {
  if (file.format < 0 || file.format > 2) {
    throw std::invalid_argument("MIDI writer: format " + std::to_string(file.format) +
                                " is not 0, 1 or 2");
  }
  if (file.format == 0 && file.tracks.size() != 1) {
    throw std::invalid_argument("MIDI writer: format 0 needs exactly one track, not " +
                                std::to_string(file.tracks.size()));
  }
  if (file.tracks.size() > 0xFFFF) throw std::invalid_argument("MIDI writer: too many tracks");
  std::vector<std::uint8_t> out = {'M', 'T', 'h', 'd'};
  put_u32(out, 6);
  put_u16(out, static_cast<std::uint32_t>(file.format));
  put_u16(out, static_cast<std::uint32_t>(file.tracks.size()));
  put_u16(out, encode_division(file.division));
  for (std::size_t i = 0; i < file.tracks.size(); ++i) put_track(out, file.tracks[i], i);
  return out;
}

void write(const File& file, const std::filesystem::path& path) {
  const std::vector<std::uint8_t> bytes = serialize(file);
  write_file_atomically(path, std::string(bytes.begin(), bytes.end()));
}

}  // namespace cadenza::midi
