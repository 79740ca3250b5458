#pragma once
// "One MIDI file -> genre probabilities": the one interface of the genre judges, so that a
// table (genre-classify, genre-check) asks every judge the same question. Two kinds:
// - the token judge: a `cadenza classify train` classifier on token feature columns
//   (token_features.h) of the piece's REMI tokens; no soundfont involved;
// - the audio judge: any window classifier (window_classifier.h) hearing the piece rendered
//   with FluidSynth, its windows' probabilities averaged (audio_prediction.h).
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "classify/types.h"
#include "genre/audio_prediction.h"

namespace cadenza::genre {

class PieceJudge {
 public:
  virtual ~PieceJudge() = default;
  // The class names, in the order of the probability entries.
  virtual const std::vector<std::string>& labels() const = 0;
  // "tokens: logreg on 150 token features of the first 32 bars" (for tables and reports).
  virtual std::string describe() const = 0;
  // One sentence of what the judge hears.
  virtual std::string hears() const = 0;
  // The genre probabilities of one MIDI file (they sum to 1). Throws std::runtime_error
  // naming the file when it cannot be judged (missing, not MIDI, no notes ...). Safe to call
  // from several threads.
  virtual classify::Vector probabilities(const std::filesystem::path& midi) const = 0;
};

// Opens a judge by the file's content: a classifier on token feature columns gives the token
// judge; any other genre classifier (GTZAN features, CNN) the audio judge, which renders with
// `options` (soundfont, first seconds, resampler). Anything else throws std::runtime_error with
// one line naming the file and what it is.
std::unique_ptr<PieceJudge> load_piece_judge(const std::filesystem::path& path,
                                             const PieceOptions& options = {});

// The audio judge around a window classifier (for judges made in memory, e.g. in tests).
std::unique_ptr<PieceJudge> make_audio_judge(std::unique_ptr<WindowClassifier> classifier,
                                             const PieceOptions& options);

// The index of the most probable label (the first on ties).
int top_label(const classify::Vector& probabilities);

}  // namespace cadenza::genre
