#pragma once
// REMI as MidiTok 2.1.8 makes it with programs, tempos and time signatures (REMI+): per bar a
// Bar token and the bar's TimeSig, per onset a Position (1/8 beats into the bar), then
// Tempo / TimeSig changes and Program Pitch Velocity Duration per note. Decoding is in
// miditok_decoder.h.
#include <vector>

#include "tokens/miditok_preprocess.h"
#include "tokens/miditok_token.h"

namespace cadenza::tokens::miditok {

std::vector<Token> remi_encode(const PreparedStream& stream,
                               const Config& config = default_config());

}  // namespace cadenza::tokens::miditok
