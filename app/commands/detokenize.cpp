// cadenza detokenize: a REMI / TSD token corpus -> one multi-track MIDI file per document
// (docs/tokenizer.md). Any token sequence decodes; skipped tokens are counted by reason.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <stdexcept>

#include "command.h"
#include "midi/writer.h"
#include "tokens/miditok_decoder.h"

namespace cadenza::app {
namespace {

struct DetokenizeArgs {
  std::filesystem::path corpus, output;
  std::string format = "auto";
  std::int64_t ticks_per_beat = 384;
  bool miditok_bars = false;
  bool quiet = false;
};

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

void run(const DetokenizeArgs& options) {
  using namespace tokens::miditok;
  const auto start = std::chrono::steady_clock::now();
  // One document at a time, so that a corpus of any size decodes in little memory.
  std::ifstream in(options.corpus, std::ios::binary);
  if (!in) throw std::runtime_error(options.corpus.string() + ": cannot open corpus");
  std::filesystem::create_directories(options.output);
  std::map<std::string, std::size_t> skipped;
  std::map<std::string, int> used_names;
  std::size_t documents = 0, notes = 0, tokens_total = 0, failed = 0;
  std::string name = options.corpus.stem().string();
  std::vector<std::string> document;
  bool cadenza_format = false, have_document = false;
  Scheme last_scheme = Scheme::Remi;
  auto flush = [&] {
    if (!have_document) return;
    const Scheme scheme = options.format == "auto"  ? guess_scheme(document)
                          : options.format == "tsd" ? Scheme::Tsd
                                                    : Scheme::Remi;
    last_scheme = scheme;
    const DecodedPiece piece =
        decode(document, scheme, options.ticks_per_beat, options.miditok_bars);
    for (const auto& [reason, count] : piece.skipped) skipped[reason] += count;
    notes += piece.note_count();
    tokens_total += document.size();
    std::string file = file_name_for(name);
    if (const int seen = used_names[file]++; seen > 0)
      file = file.substr(0, file.size() - 4) + "-" + std::to_string(seen) + ".mid";
    try {
      midi::write(score::to_midi(to_score(piece)), options.output / file);
    } catch (const std::invalid_argument& e) {  // e.g. a time gap beyond MIDI's 28-bit deltas
      std::fprintf(stderr, "cadenza detokenize: skipped %s: %s\n", name.c_str(), e.what());
      ++failed;
    }
    ++documents;
    document.clear();
  };
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (number == 1 && line.rfind("#cadenza-corpus", 0) == 0) {
      cadenza_format = true;
      continue;
    }
    if (cadenza_format && line.rfind("@doc ", 0) == 0) {
      flush();
      name = line.substr(5);
      have_document = true;
      continue;
    }
    if (line.empty()) continue;
    have_document = true;  // the paper's format: one document named after the file
    document.push_back(line);
  }
  if (in.bad()) throw std::runtime_error(options.corpus.string() + ": read error");
  flush();
  if (documents == 0) throw std::runtime_error(options.corpus.string() + ": no documents");
  if (options.quiet) return;
  std::size_t skipped_total = 0;
  for (const auto& [reason, count] : skipped) skipped_total += count;
  std::printf("documents: %zu (%s), tokens: %zu, notes: %zu, skipped tokens: %zu\n", documents,
              options.format == "auto" ? "auto" : scheme_name(last_scheme), tokens_total, notes,
              skipped_total);
  for (const auto& [reason, count] : skipped)
    std::printf("  skipped: %zu %s\n", count, reason.c_str());
  std::printf("wrote %zu MIDI files to %s (%.3f s)\n", documents - failed,
              options.output.string().c_str(),
              std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
}

void setup(CLI::App& sub) {
  auto options = std::make_shared<DetokenizeArgs>();
  sub.add_option("corpus", options->corpus, "token corpus (cadenza tokenize --format remi|tsd)")
      ->required()
      ->check(CLI::ExistingFile);
  sub.add_option("-o,--output", options->output, "folder for the MIDI files")->required();
  sub.add_option("--format", options->format,
                 "remi, tsd, or auto (per document: REMI if it has Bar / Position tokens, TSD if "
                 "it has TimeShift tokens)")
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
