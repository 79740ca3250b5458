#pragma once
// Genre probabilities of audio and MIDI files: decode (or render MIDI with FluidSynth), cut
// into the model's windows (audio_windows.h), classify each window, average the windows'
// probabilities (softmax is never applied here: the models' rows already sum to 1), rank.
// In parallel over files; a file that cannot be used gets one error message and the others
// go on.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "audio/synth.h"
#include "classify/types.h"
#include "common/limits.h"
#include "genre/window_classifier.h"
#include "score/score.h"

namespace cadenza::genre {

namespace fs = std::filesystem;

struct PieceOptions {
  // Use only the first `seconds` of each piece (0: all of it).
  double seconds = 0;
  // MIDI: rendered at synth.sample_rate (44,100 Hz), the channels averaged, resampled to
  // 22,050 Hz: the samples `cadenza render` + load_mono give, without the 16-bit WAV
  // rounding. Rendering starts at the first note (leading silence is skipped).
  audio::SynthOptions synth;
  // Audio files not at 22,050 Hz and MIDI renderings (librosa.load's kaiser_best by default).
  audio::Resampler resampler = audio::Resampler::kKaiserBest;
  unsigned threads = 1;
};

// Longest MIDI rendering without --seconds (a late stray event can make a file last hours).
// The one duration limit of decoding and rendering (common/limits.h).
inline constexpr double kMaxRenderSeconds = limits::kMaxAudioSeconds;

// .mid / .midi / .kar, or a file that starts with "MThd".
bool is_midi_file(const fs::path& path);

// Files named by `inputs`: files as given (checked when read), folders searched recursively
// for audio (wav flac ogg oga au snd aiff aif mp3) and MIDI (mid midi kar) files, sorted.
std::vector<fs::path> collect_pieces(const std::vector<std::string>& inputs);

// A score rendered as the classifiers hear it: from its first note, at most `seconds` (0: all),
// mono 22,050 Hz. Throws std::runtime_error for a score without notes or one too long.
std::vector<float> render_for_classifier(score::Score score, const PieceOptions& options);

// Mono 22,050 Hz samples of an audio or MIDI file, first options.seconds only.
std::vector<float> piece_samples(const fs::path& file, const PieceOptions& options);

struct PiecePrediction {
  fs::path file;
  bool midi = false;
  std::size_t samples = 0;   // mono 22,050 Hz samples used
  classify::Matrix windows;  // windows x labels
  classify::Vector mean;     // over the windows: the piece's probabilities
  std::string error;         // empty on success; else one line naming the file
  bool ok() const { return error.empty(); }
  int top() const;  // index of the most probable label (first on ties)
};

PiecePrediction predict_piece(const WindowClassifier& classifier, const fs::path& file,
                              const PieceOptions& options);

// All files, options.threads at a time, results in input order; on_done runs after each file
// (from worker threads, one at a time).
std::vector<PiecePrediction> predict_pieces(
    const WindowClassifier& classifier, const std::vector<fs::path>& files,
    const PieceOptions& options, const std::function<void(const PiecePrediction&)>& on_done = {});

// The mean of the successful pieces' probabilities (each piece counts once, whatever its
// number of windows); empty when none succeeded.
classify::Vector mean_of_pieces(const std::vector<PiecePrediction>& pieces);

}  // namespace cadenza::genre
