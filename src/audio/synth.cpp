#include "audio/synth.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>
#include <stdexcept>

#include "audio/fluidsynth_library.h"
#include "audio/sndfile_library.h"
#include "common/atomic_file.h"
#include "common/limits.h"
#include "midi/reader.h"

namespace cadenza::audio {
namespace {

// FluidSynth reports problems through its log; we keep the last error for our message and
// print nothing ourselves.
thread_local std::string last_fluid_error;
void keep_fluid_error(int level, const char* message, void*) {
  if (level <= FLUID_ERR && message) last_fluid_error = message;
}

struct Event {
  std::int64_t frame;
  int order;  // at one frame: note-offs (0) before program changes (1) before note-ons (2)
  int channel, key, velocity_or_program;
};

struct FluidDeleter {
  void operator()(fluid_settings_t* s) const { fluidsynth().delete_settings(s); }
  void operator()(fluid_synth_t* s) const { fluidsynth().delete_synth(s); }
};

// libsndfile virtual IO over a growing byte buffer.
struct MemoryFile {
  std::string bytes;
  sf_count_t position = 0;
};
sf_count_t mem_length(void* user) { return static_cast<MemoryFile*>(user)->bytes.size(); }
sf_count_t mem_seek(sf_count_t offset, int whence, void* user) {
  auto* f = static_cast<MemoryFile*>(user);
  const sf_count_t base = whence == SEEK_SET   ? 0
                          : whence == SEEK_CUR ? f->position
                                               : f->bytes.size();
  f->position = std::max<sf_count_t>(0, base + offset);
  return f->position;
}
sf_count_t mem_read(void* ptr, sf_count_t count, void* user) {
  auto* f = static_cast<MemoryFile*>(user);
  const sf_count_t available =
      std::max<sf_count_t>(0, static_cast<sf_count_t>(f->bytes.size()) - f->position);
  const sf_count_t n = std::min(count, available);
  std::memcpy(ptr, f->bytes.data() + f->position, n);
  f->position += n;
  return n;
}
sf_count_t mem_write(const void* ptr, sf_count_t count, void* user) {
  auto* f = static_cast<MemoryFile*>(user);
  if (static_cast<sf_count_t>(f->bytes.size()) < f->position + count)
    f->bytes.resize(f->position + count);
  std::memcpy(f->bytes.data() + f->position, ptr, count);
  f->position += count;
  return count;
}
sf_count_t mem_tell(void* user) { return static_cast<MemoryFile*>(user)->position; }

}  // namespace

void check_soundfont(const std::filesystem::path& soundfont) {
  const std::string font = soundfont.string();
  if (!std::filesystem::is_regular_file(soundfont))
    throw AudioError(font +
                     ": soundfont not found (install fluid-soundfont-gm or pass --soundfont)");
  // Check the RIFF form ourselves: FluidSynth's loaders print to stderr on foreign files.
  char head[12] = {};
  std::ifstream in(soundfont, std::ios::binary);
  in.read(head, sizeof head);
  if (!in || std::memcmp(head, "RIFF", 4) != 0 || std::memcmp(head + 8, "sfbk", 4) != 0)
    throw AudioError(font + ": not a SoundFont 2 file (expected RIFF sfbk at byte 0)");
}

std::string score_too_long_message(double seconds) {
  return "the score lasts " + std::to_string(std::llround(std::min(seconds, 1e15))) +
         " s, more than the " + std::to_string(std::llround(limits::kMaxAudioSeconds)) +
         " s cadenza renders (a note or event far after the others?)";
}

StereoAudio render_score(const score::Score& score, const SynthOptions& options) {
  if (options.sample_rate < 8000 || options.sample_rate > 192000)
    throw std::invalid_argument("sample rate must be 8000-192000 Hz, got " +
                                std::to_string(options.sample_rate));
  if (!(options.gain > 0 && options.gain <= 10) || !(options.release_seconds >= 0))
    throw std::invalid_argument("synth gain must be in (0, 10] and release >= 0");
  // The same duration cap as decoding (common/limits.h), before the soundfont is loaded or any
  // sample allocated: a note of 0x0FFFFFFF ticks would otherwise ask for days of audio.
  double score_end = 0;
  for (const score::Note& n : score.notes)
    score_end = std::max(score_end, n.start_seconds + n.duration_seconds);
  if (!(score_end <= limits::kMaxAudioSeconds)) throw AudioError(score_too_long_message(score_end));
  const std::string font = options.soundfont.string();
  check_soundfont(options.soundfont);
  const FluidSynthLibrary& fluid = fluidsynth();
  for (int level : {FLUID_PANIC, FLUID_ERR, FLUID_WARN, FLUID_INFO, FLUID_DBG})
    fluid.set_log_function(level, keep_fluid_error, nullptr);
  std::unique_ptr<fluid_settings_t, FluidDeleter> settings(fluid.new_settings());
  if (!settings) throw AudioError("FluidSynth: could not create settings");
  fluid.settings_setnum(settings.get(), "synth.sample-rate", options.sample_rate);
  fluid.settings_setnum(settings.get(), "synth.gain", options.gain);
  fluid.settings_setint(settings.get(), "synth.reverb.active", options.reverb ? 1 : 0);
  fluid.settings_setint(settings.get(), "synth.chorus.active", options.chorus ? 1 : 0);
  fluid.settings_setint(settings.get(), "synth.polyphony", 512);
  fluid.settings_setint(settings.get(), "synth.dynamic-sample-loading", 1);
  std::unique_ptr<fluid_synth_t, FluidDeleter> synth(fluid.new_synth(settings.get()));
  if (!synth) throw AudioError("FluidSynth: could not create a synthesizer");
  last_fluid_error.clear();
  if (fluid.sfload(synth.get(), font.c_str(), 1) == FLUID_FAILED)
    throw AudioError(font + ": not a usable soundfont" +
                     (last_fluid_error.empty() ? "" : " (" + last_fluid_error + ")"));

  const double rate = options.sample_rate;
  std::vector<Event> events;
  double end_seconds = 0;
  for (const score::Note& n : score.notes) {
    const auto on = static_cast<std::int64_t>(std::llround(n.start_seconds * rate));
    const auto off = std::max(
        on + 1,
        static_cast<std::int64_t>(std::llround((n.start_seconds + n.duration_seconds) * rate)));
    const int channel = std::clamp(n.channel, 0, 15);
    if (!n.is_drum()) events.push_back({on, 1, channel, 0, std::clamp(n.program, 0, 127)});
    events.push_back({on, 2, channel, std::clamp(n.pitch, 0, 127), std::clamp(n.velocity, 1, 127)});
    events.push_back({off, 0, channel, std::clamp(n.pitch, 0, 127), 0});
    end_seconds = std::max(end_seconds, n.start_seconds + n.duration_seconds);
  }
  std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
    return a.frame != b.frame ? a.frame < b.frame : a.order < b.order;
  });

  StereoAudio audio;
  audio.sample_rate = options.sample_rate;
  const auto total =
      static_cast<std::int64_t>(std::ceil((end_seconds + options.release_seconds) * rate));
  audio.samples.assign(static_cast<std::size_t>(std::max<std::int64_t>(total, 1)) * 2, 0.0f);
  std::int64_t rendered = 0;
  const auto render_until = [&](std::int64_t frame) {
    frame = std::min(frame, total);
    while (rendered < frame) {
      const int block = static_cast<int>(std::min<std::int64_t>(frame - rendered, 4096));
      float* out = audio.samples.data() + 2 * rendered;
      if (fluid.write_float(synth.get(), block, out, 0, 2, out, 1, 2) != FLUID_OK)
        throw AudioError("FluidSynth: rendering failed");
      rendered += block;
    }
  };
  std::vector<int> programs(16, -1);
  for (const Event& e : events) {
    render_until(e.frame);
    if (e.order == 0) {
      fluid.noteoff(synth.get(), e.channel, e.key);
    } else if (e.order == 1) {
      if (programs[e.channel] != e.velocity_or_program) {
        fluid.program_change(synth.get(), e.channel, e.velocity_or_program);
        programs[e.channel] = e.velocity_or_program;
      }
    } else {
      fluid.noteon(synth.get(), e.channel, e.key, e.velocity_or_program);
    }
  }
  render_until(total);
  return audio;
}

void write_wav(const StereoAudio& audio, const std::filesystem::path& path) {
  MemoryFile file;
  SF_VIRTUAL_IO io{mem_length, mem_seek, mem_read, mem_write, mem_tell};
  SF_INFO info{};
  info.samplerate = audio.sample_rate;
  info.channels = 2;
  info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
  const SndfileLibrary& sf = sndfile();
  SNDFILE* encoder = sf.open_virtual(&io, SFM_WRITE, &info, &file);
  if (!encoder) throw AudioError(path.string() + ": cannot encode WAV: " + sf.strerror(nullptr));
  sf.command(encoder, SFC_SET_CLIPPING, nullptr, SF_TRUE);
  const auto frames = static_cast<sf_count_t>(audio.frames());
  const sf_count_t written = sf.writef_float(encoder, audio.samples.data(), frames);
  sf.close(encoder);
  if (written != frames) throw AudioError(path.string() + ": cannot encode WAV");
  write_file_atomically(path, file.bytes);
}

void render_midi_file(const std::filesystem::path& midi, const std::filesystem::path& wav,
                      const SynthOptions& options) {
  const score::Score score = score::from_midi(midi::read(midi));
  write_wav(render_score(score, options), wav);
}

}  // namespace cadenza::audio
