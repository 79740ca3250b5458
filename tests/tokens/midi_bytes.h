#pragma once
// Builds Standard MIDI File bytes by hand for tokenizer tests, so every test states exactly the
// events it feeds in (status bytes included) without depending on the MIDI writer.
#include <cstdint>
#include <string>
#include <vector>

namespace cadenza::testing {

class TrackBytes {
 public:
  // Delta time since the previous event, then the raw event bytes.
  TrackBytes& event(std::uint32_t delta, std::vector<std::uint8_t> bytes) {
    vlq(delta);
    data_.insert(data_.end(), bytes.begin(), bytes.end());
    return *this;
  }
  TrackBytes& note_on(std::uint32_t delta, int channel, int pitch, int velocity = 90) {
    return event(delta, {static_cast<std::uint8_t>(0x90 | channel),
                         static_cast<std::uint8_t>(pitch), static_cast<std::uint8_t>(velocity)});
  }
  TrackBytes& note_off(std::uint32_t delta, int channel, int pitch) {
    return event(delta,
                 {static_cast<std::uint8_t>(0x80 | channel), static_cast<std::uint8_t>(pitch), 0});
  }
  TrackBytes& program(std::uint32_t delta, int channel, int program) {
    return event(delta,
                 {static_cast<std::uint8_t>(0xC0 | channel), static_cast<std::uint8_t>(program)});
  }
  TrackBytes& meta(std::uint32_t delta, std::uint8_t type, const std::string& text) {
    std::vector<std::uint8_t> bytes{0xFF, type, static_cast<std::uint8_t>(text.size())};
    bytes.insert(bytes.end(), text.begin(), text.end());
    return event(delta, bytes);
  }
  TrackBytes& track_name(const std::string& name) { return meta(0, 0x03, name); }
  TrackBytes& time_signature(std::uint32_t delta, int numerator, int power_of_two) {
    return event(delta, {0xFF, 0x58, 4, static_cast<std::uint8_t>(numerator),
                         static_cast<std::uint8_t>(power_of_two), 24, 8});
  }
  TrackBytes& end(std::uint32_t delta = 0) { return event(delta, {0xFF, 0x2F, 0}); }
  const std::vector<std::uint8_t>& data() const { return data_; }

 private:
  void vlq(std::uint32_t v) {
    std::uint8_t buf[5];
    int n = 0;
    buf[n++] = v & 0x7F;
    while (v >>= 7) buf[n++] = static_cast<std::uint8_t>(0x80 | (v & 0x7F));
    while (n) data_.push_back(buf[--n]);
  }
  std::vector<std::uint8_t> data_;
};

inline std::vector<std::uint8_t> smf(int format, std::uint16_t division,
                                     const std::vector<TrackBytes>& tracks) {
  std::vector<std::uint8_t> out{'M',
                                'T',
                                'h',
                                'd',
                                0,
                                0,
                                0,
                                6,
                                0,
                                static_cast<std::uint8_t>(format),
                                0,
                                static_cast<std::uint8_t>(tracks.size()),
                                static_cast<std::uint8_t>(division >> 8),
                                static_cast<std::uint8_t>(division & 0xFF)};
  for (const TrackBytes& t : tracks) {
    const auto& d = t.data();
    const std::uint32_t n = static_cast<std::uint32_t>(d.size());
    out.insert(out.end(), {'M', 'T', 'r', 'k', static_cast<std::uint8_t>(n >> 24),
                           static_cast<std::uint8_t>(n >> 16), static_cast<std::uint8_t>(n >> 8),
                           static_cast<std::uint8_t>(n)});
    out.insert(out.end(), d.begin(), d.end());
  }
  return out;
}

}  // namespace cadenza::testing
