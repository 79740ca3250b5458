// cadenza detokenize: a REMI / TSD token corpus -> one multi-track MIDI file per document
// (docs/tokenizer.md). Any token sequence decodes; skipped tokens are counted by reason.
#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <stdexcept>

#include "command.h"
#include "midi/writer.h"
#include "tokens/corpus.h"
#include "tokens/miditok_decoder.h"

namespace cadenza::app {
namespace {

struct DetokenizeOptions {
  std::filesystem::path corpus, output;
  std::string format = "auto";
  std::int64_t ticks_per_beat = 384;
  bool miditok_bars = false;
  bool quiet = false;
};

// REMI has Bar / Position tokens, TSD has TimeShift tokens.
tokens::miditok::Scheme guess_scheme(const tokens::Corpus& corpus) {
  for (const auto& doc : corpus.documents)
    for (const std::string& t : doc.tokens) {
      if (t.rfind("Bar_", 0) == 0 || t.rfind("Position_", 0) == 0)
        return tokens::miditok::Scheme::Remi;
      if (t.rfind("TimeShift_", 0) == 0) return tokens::miditok::Scheme::Tsd;
    }
  return tokens::miditok::Scheme::Remi;
}

// "sub/song.mid" -> "sub_song.mid": one flat folder, one file per document.
std::string file_name_for(const std::string& document) {
  std::string name = document;
  for (char& c : name)
    if (c == '/' || c == '\\') c = '_';
  const auto dot = name.rfind('.');
  if (dot != std::string::npos && dot > 0) name.resize(dot);
  if (name.empty() || name == "." || name == "..") name = "document";
  return name + ".mid";
}

void run(const DetokenizeOptions& options) {
  using namespace tokens::miditok;
  const auto start = std::chrono::steady_clock::now();
  const tokens::Corpus corpus = tokens::read_corpus(options.corpus);
  if (corpus.documents.empty())
    throw std::runtime_error(options.corpus.string() + ": no documents");
  const Scheme scheme = options.format == "auto"  ? guess_scheme(corpus)
                        : options.format == "tsd" ? Scheme::Tsd
                                                  : Scheme::Remi;
  std::filesystem::create_directories(options.output);
  std::map<std::string, std::size_t> skipped;
  std::map<std::string, int> used_names;
  std::size_t notes = 0, tokens_total = 0;
  for (const auto& doc : corpus.documents) {
    const DecodedPiece piece =
        decode(doc.tokens, scheme, options.ticks_per_beat, options.miditok_bars);
    for (const auto& [reason, count] : piece.skipped) skipped[reason] += count;
    notes += piece.note_count();
    tokens_total += doc.tokens.size();
    std::string name = file_name_for(doc.name);
    if (const int seen = used_names[name]++; seen > 0)
      name = name.substr(0, name.size() - 4) + "-" + std::to_string(seen) + ".mid";
    midi::write(score::to_midi(to_score(piece)), options.output / name);
  }
  if (options.quiet) return;
  std::size_t skipped_total = 0;
  for (const auto& [reason, count] : skipped) skipped_total += count;
  std::printf("documents: %zu (%s), tokens: %zu, notes: %zu, skipped tokens: %zu\n",
              corpus.documents.size(), scheme_name(scheme), tokens_total, notes, skipped_total);
  for (const auto& [reason, count] : skipped)
    std::printf("  skipped: %zu %s\n", count, reason.c_str());
  std::printf("wrote %zu MIDI files to %s (%.3f s)\n", corpus.documents.size(),
              options.output.string().c_str(),
              std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
}

void setup(CLI::App& sub) {
  auto options = std::make_shared<DetokenizeOptions>();
  sub.add_option("corpus", options->corpus, "token corpus (cadenza tokenize --format remi|tsd)")
      ->required()
      ->check(CLI::ExistingFile);
  sub.add_option("-o,--output", options->output, "folder for the MIDI files")->required();
  sub.add_option("--format", options->format, "remi, tsd, or auto (from the tokens)")
      ->check(CLI::IsMember({"auto", "remi", "tsd"}));
  sub.add_option("--ticks-per-beat", options->ticks_per_beat,
                 "time division of the files written (a multiple of 8)");
  sub.add_flag("--miditok-bars", options->miditok_bars,
               "REMI: count bars after an off-grid time signature as MidiTok 2.1.8's decoder "
               "does (default: as its encoder does, which puts the notes back where they were)");
  sub.add_flag("-q,--quiet", options->quiet, "print no summary");
  sub.callback([options] { run(*options); });
}

const bool registered = register_command(
    {"detokenize", "REMI / TSD tokens -> one multi-track MIDI file per document", setup});

}  // namespace
}  // namespace cadenza::app
