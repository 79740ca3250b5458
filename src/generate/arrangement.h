#pragma once
// `cadenza generate` for a model trained on REMI tokens (compose() hands it over): options ->
// arrange() -> multi-track MIDI, piano roll, tokens and WAV per piece (write_score_piece).
#include "generate/compose.h"

namespace cadenza::model {
struct LoadedModel;
}

namespace cadenza::generate {

ComposeResult compose_arrangement(const ComposeOptions& options, model::LoadedModel& loaded);

}  // namespace cadenza::generate
