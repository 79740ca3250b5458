#pragma once
// `cadenza generate` for a model trained on REMI tokens (compose() hands it over): options ->
// arrange() -> multi-track MIDI, piano roll, tokens and WAV per piece.
#include "generate/compose.h"

namespace cadenza::model {
struct LoadedModel;
}

namespace cadenza::generate {

ComposeResult compose_arrangement(const ComposeOptions& options, model::LoadedModel& loaded);

// The multi-track MIDI of REMI token texts (as MidiTok decodes them), with the piano roll,
// the token list and the WAV beside it as write_piece() does for the paper's tokens.
std::vector<fs::path> write_remi_piece(const std::vector<std::string>& tokens,
                                       const fs::path& midi_path, const PieceOutput& output);

}  // namespace cadenza::generate
