#include "genre/generated_pieces.h"

#include <cmath>
#include <fstream>
#include <stdexcept>

#include "common/error.h"

#if CADENZA_GENRE_WITH_GENERATE
#include <algorithm>
#include <sstream>

#include "generate/compose.h"
#include "model/checkpoint_file.h"
#include "tokens/remi_corpus.h"
#include "tokens/vocab.h"
#endif

namespace cadenza::genre {

namespace fs = std::filesystem;

std::int64_t tokens_to_fill(double seconds, const tokens::DecodeOptions& midi) {
  if (seconds <= 0) return 120;
  if (!(midi.bpm > 0) || !(midi.step_quarters > 0))
    throw std::invalid_argument("--bpm and --step must be positive");
  const double seconds_per_token = midi.step_quarters * 60.0 / midi.bpm;
  return static_cast<std::int64_t>(std::ceil(seconds / seconds_per_token - 1e-9));
}

void check_generative_checkpoint(const fs::path& path) {
  std::error_code error;
  if (!fs::is_regular_file(path, error))
    throw std::runtime_error(path.string() + ": no such checkpoint file");
  std::ifstream in(path, std::ios::binary);
  char head[8] = {};
  in.read(head, sizeof head);
  const std::string magic(head, static_cast<std::size_t>(in.gcount()));
  if (magic == "CDZGENRE")
    throw std::runtime_error(path.string() +
                             ": a genre classifier (made by `cadenza classify train`); --model "
                             "needs a generative checkpoint made by `cadenza train`");
  if (magic.compare(0, 4, "CDZ1") != 0)
    throw std::runtime_error(path.string() +
                             ": not a generative checkpoint (expected a file made by `cadenza "
                             "train`, starting with CDZ1)");
}

bool generation_available() {
#if CADENZA_GENRE_WITH_GENERATE
  return true;
#else
  return false;
#endif
}

void check_model_genres(const fs::path& checkpoint, const std::vector<std::string>& genres) {
  check_generative_checkpoint(checkpoint);
#if CADENZA_GENRE_WITH_GENERATE
  const model::CheckpointSections sections = model::read_checkpoint_file(checkpoint);
  const std::vector<std::string> known =
      tokens::vocab_genres(model::checkpoint_vocab(sections, checkpoint));
  std::string list;
  for (const auto& genre : known) list += (list.empty() ? "" : ", ") + genre;
  for (const std::string& genre : genres)
    if (std::find(known.begin(), known.end(), genre) == known.end())
      throw std::invalid_argument(
          "--genres " + genre + ": " +
          (known.empty() ? checkpoint.string() + " has no genre tokens (a genre model is trained "
                                                 "on a corpus tokenized with --genre)"
                         : "not a genre of " + checkpoint.string() + " (" + list + ")"));
#else
  (void)genres;
  throw NeedsTorch("checking a model's genres");
#endif
}

GeneratedPieces generate_pieces(const GeneratedPiecesOptions& options) {
  check_generative_checkpoint(options.checkpoint);
#if CADENZA_GENRE_WITH_GENERATE
  generate::ComposeOptions compose;
  compose.source.checkpoint = options.checkpoint;
  compose.source.corpus = options.corpus;
  compose.source.threads = options.threads;
  compose.source.device = options.device;
  compose.output = options.output;
  compose.count = options.count;
  compose.seed = options.seed;
  compose.generation.length =
      options.length > 0 ? options.length : tokens_to_fill(options.seconds, options.midi);
  compose.generation.sampling.temperature = options.temperature;
  compose.generation.sampling.top_k = options.top_k;
  compose.generation.sampling.top_p = options.top_p;
  compose.generation.fast = options.fast;
  compose.generation.fast_where_supported = !options.paper_procedure;
  compose.piece.midi = options.midi;
  compose.arrangement.bars = options.bars;
  compose.arrangement.min_seconds = options.seconds;  // the audio judge hears that much
  compose.arrangement.genre = options.genre;
  compose.arrangement.genre_guidance = options.genre_guidance;
  const generate::ComposeResult composed = generate::compose(compose);
  GeneratedPieces out;
  out.tokens_per_piece = compose.generation.length;
  out.seconds_generating = composed.seconds_generating;
  out.notes = composed.notes;
  for (std::size_t i = 0; i < options.count; ++i)
    out.midi_files.push_back(generate::numbered_path(options.output, i, options.count));
  return out;
#else
  throw NeedsTorch("generating pieces (--model; --generated <MIDI files> does not)");
#endif
}

}  // namespace cadenza::genre
