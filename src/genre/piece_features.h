#pragma once
// Feature rows of a piece as the feature classifiers hear it in `classify predict` and
// `genre-check`: the samples of piece_samples (MIDI rendered by FluidSynth from its first note,
// the first `seconds`), cut into the windows of audio_windows.h, one GTZAN feature row per
// window. A table of these rows trains a classifier (`cadenza classify train`) on exactly what
// it will hear when it judges a piece.
#include <filesystem>
#include <string>
#include <vector>

#include "features/table.h"
#include "genre/audio_prediction.h"

namespace cadenza::genre {

// One row per window of `segment_seconds` (3 or 30), labelled `label`. Names: a piece of one
// window is named after its file ("tune.mid"), windows of a longer piece "<stem>.<k>.wav" as
// `cadenza features` names windows (so a by-song split keeps them together); 3 s windows always
// "<stem>.<k>.wav". Throws std::runtime_error naming the file when it cannot be used.
std::vector<features::FeatureRow> piece_feature_rows(const std::filesystem::path& file,
                                                     const std::string& label,
                                                     const PieceOptions& options,
                                                     int segment_seconds, bool extra = false);

}  // namespace cadenza::genre
