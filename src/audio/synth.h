#pragma once
// Rendering a score to audio with FluidSynth, offline: the score's notes are scheduled by
// their onset and end in seconds (from the score's tempo map), and the synthesizer is run
// block by block between events with fluid_synth_write_float. No audio driver, no MIDI
// player: the same score renders to the same samples every time.
#include <filesystem>
#include <string>
#include <vector>

#include "audio/load.h"  // AudioError
#include "score/score.h"

namespace cadenza::audio {

// Debian's General MIDI soundfont (package fluid-soundfont-gm).
inline const char* const kDefaultSoundfont = "/usr/share/sounds/sf2/FluidR3_GM.sf2";

struct SynthOptions {
  std::filesystem::path soundfont = kDefaultSoundfont;
  int sample_rate = 44100;
  double gain = 0.5;             // FluidSynth master gain (its default 0.2 is quiet)
  double release_seconds = 1.0;  // rendered after the last note ends, for the decay
  bool reverb = true, chorus = false;
};

struct StereoAudio {
  std::vector<float> samples;  // interleaved left, right
  int sample_rate = 0;
  std::size_t frames() const { return samples.size() / 2; }
};

// Throws AudioError naming the soundfont when it is missing or not a soundfont, or when the
// score lasts longer than limits::kMaxAudioSeconds, and std::invalid_argument for options out
// of range.
StereoAudio render_score(const score::Score& score, const SynthOptions& options = {});

// "the score lasts N s, more than the 1200 s cadenza renders (...)".
std::string score_too_long_message(double seconds);

// Throws AudioError unless `soundfont` is a SoundFont 2 file (RIFF sfbk): what render_score
// checks first, for commands that must check every input before writing anything.
void check_soundfont(const std::filesystem::path& soundfont);

// A WAV file, 16-bit PCM (samples clipped to [-1, 1]), written atomically.
void write_wav(const StereoAudio& audio, const std::filesystem::path& path);

// score::from_midi(midi file) -> render_score -> write_wav.
void render_midi_file(const std::filesystem::path& midi, const std::filesystem::path& wav,
                      const SynthOptions& options = {});

}  // namespace cadenza::audio
