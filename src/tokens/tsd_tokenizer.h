#pragma once
// TSD (time shift, duration) as MidiTok 2.1.8 makes it with programs, tempos and time
// signatures: TimeShift tokens between onsets (the nearest of the 64 durations, repeated while
// at least 1/8 beat is left), Tempo / TimeSig changes and Program Pitch Velocity Duration per
// note. Decoding is in miditok_decoder.h.
#include <vector>

#include "tokens/miditok_preprocess.h"
#include "tokens/miditok_token.h"

namespace cadenza::tokens::miditok {

std::vector<Token> tsd_encode(const PreparedStream& stream,
                              const Config& config = default_config());

}  // namespace cadenza::tokens::miditok
