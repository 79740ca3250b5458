#pragma once
// What the token judge hears: a piece's REMI tokens (tokens/remi_tokenizer.h, MidiTok 2.1.8)
// reduced to normalised histograms and a few statistics of each token family: register and
// pitch classes (absolute and relative to the most frequent one), melodic intervals and chord
// intervals, onset positions, durations, velocities, instrument families (drums included),
// tempo, time signatures, notes per bar and polyphony. Nothing a generated REMI piece lacks:
// no file or track names, no length of the whole song.
//
// The span: the first `bars` bars from the bar of the first note (0: the whole piece), the
// span of a generated piece. It is part of every column name ("tokens.first32.pitch.mean",
// "tokens.all.pitch.mean"), so a classifier trained on these columns knows what it needs.
#include <filesystem>
#include <string>
#include <vector>

#include "tokens/miditok_token.h"

namespace cadenza::genre {

// The feature groups, in column order: pitch pitch_class interval chord position duration
// velocity program tempo timesig density.
const std::vector<std::string>& token_feature_groups();

// "tokens.first32." (bars 32) or "tokens.all." (bars 0).
std::string token_column_prefix(int bars);

// The columns of `groups` (empty: all), in the fixed order, for the span `bars`.
std::vector<std::string> token_feature_columns(int bars,
                                               const std::vector<std::string>& groups = {});

// The span of token columns ("tokens.first32.x" -> 32, "tokens.all.x" -> 0); throws
// std::runtime_error for a name that is not a token column or columns of different spans.
int token_columns_bars(const std::vector<std::string>& columns);

// The values of token_feature_columns(bars) (all groups) for a REMI token stream. A span
// without a pitched or drum note throws std::runtime_error.
std::vector<double> token_features(const std::vector<tokens::miditok::Token>& remi, int bars);

// The same for a MIDI file (tokenized as `cadenza tokenize --scheme remi` does); throws
// std::runtime_error naming the file when it cannot be read or has no notes.
std::vector<double> token_features_of_file(const std::filesystem::path& midi, int bars);

}  // namespace cadenza::genre
