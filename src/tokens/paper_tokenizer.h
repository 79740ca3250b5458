#pragma once
// The paper's tokenizer (PAPER.md section 1), reproducing music21 9.1.0 token for token:
//   midi = converter.parse(file)
//   parts = instrument.partitionByInstrument(midi)
//   for element in (parts.parts[0].recurse() if parts else midi.flat.notes):
//       Note -> str(pitch) ("C#4", "E-5");  Chord -> '.'.join(normalOrder) ("0.4.7")
// It works from the file's bytes with music21's own reading rules (tokens/music21_midi.h) and
// re-implements the steps of music21's MIDI import that decide which tokens come out and in
// which order: note pairing, chord grouping by onset and release, quantization to 1/4 and 1/3
// of a quarter note, instruments and their partition, and the ties that measures add to notes
// crossing a barline. docs/tokenizer.md lists what is known to differ.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace cadenza::tokens {

struct PaperTokenization {
  std::vector<std::string> tokens;
  // Non-empty when music21 9.1 would have refused the file (we tokenize it anyway).
  std::string music21_failure;
};

// Throws std::runtime_error naming `source` and the byte offset for data that is not MIDI.
PaperTokenization paper_tokenize(const std::uint8_t* data, std::size_t size,
                                 const std::string& source = "<memory>");
PaperTokenization paper_tokenize_file(const std::filesystem::path& path);

}  // namespace cadenza::tokens
