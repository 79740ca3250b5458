// cadenza tokenize: MIDI files -> the paper's token corpus (music21-compatible), or MidiTok
// 2.1.8's REMI / TSD tokens (--format remi|tsd, tokenize_miditok.cpp), in parallel.
#include <chrono>
#include <cstdio>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <unordered_set>

#include "command.h"
#include "common/progress.h"
#include "common/same_file.h"
#include "midi/truncation.h"
#include "tokenize_miditok.h"
#include "tokens/batch.h"
#include "tokens/corpus.h"

namespace {

struct TokenizeArgs {
  std::vector<std::string> inputs;
  std::string output;
  std::string format = "cadenza";
  std::string tokenizer = "paper";
  std::string ids_path, vocab_path;  // remi / tsd only
  std::string genre;                 // remi only
  unsigned threads = 0;
  bool quiet = false;
};

void run_tokenize(const TokenizeArgs& options) {
  using namespace cadenza::tokens;
  const bool miditok_format = options.format == "remi" || options.format == "tsd";
  if (miditok_format || options.tokenizer == "remi" || options.tokenizer == "tsd") {
    if (options.format == "paper")
      throw std::runtime_error("--format paper writes the paper's tokens only");
    cadenza::app::MidiTokTokenizeArgs m;
    m.inputs = options.inputs;
    m.output = options.output;
    m.scheme = miditok_format ? options.format : options.tokenizer;
    m.ids_path = options.ids_path;
    m.vocab_path = options.vocab_path;
    m.genre = options.genre;
    m.threads = options.threads;
    m.quiet = options.quiet;
    cadenza::app::run_miditok_tokenize(m);
    return;
  }
  if (!options.genre.empty())
    throw std::invalid_argument("--genre: genre tokens are for REMI corpora (--format remi)");
  const auto start = std::chrono::steady_clock::now();
  const std::vector<MidiInput> files = collect_midi_files(
      std::vector<std::filesystem::path>(options.inputs.begin(), options.inputs.end()));
  if (files.empty()) throw std::runtime_error("no .mid, .midi or .kar files in the given inputs");
  std::vector<std::filesystem::path> input_paths;
  for (const MidiInput& file : files) input_paths.push_back(file.path);
  cadenza::refuse_output_over_input(options.output, input_paths);
  const unsigned threads = options.threads ? options.threads : cadenza::app::default_threads();

  cadenza::Progress progress("tokenize", files.size(), "files");
  std::mutex stderr_mutex;
  const auto results = tokenize_files(files, threads, [&](const FileTokens& r) {
    if (!r.error.empty()) {
      std::lock_guard<std::mutex> lock(stderr_mutex);
      // The error names the file and the byte offset.
      std::fprintf(stderr, "cadenza tokenize: skipped: %s\n", r.error.c_str());
    }
    progress.advance();
  });
  progress.finish();

  Corpus corpus;
  std::size_t failed = 0, empty = 0, music21_refuses = 0;
  std::unordered_set<std::string> vocabulary;
  for (const FileTokens& r : results) {
    if (!r.error.empty()) {
      ++failed;
      continue;
    }
    try {  // the policy for files cut short (midi/truncation.h): refused, as render refuses them
      cadenza::midi::check_not_truncated(r.input.path);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "cadenza tokenize: skipped: %s\n", e.what());
      ++failed;
      continue;
    }
    if (r.tokens.empty()) ++empty;
    if (!r.music21_failure.empty()) ++music21_refuses;
    vocabulary.insert(r.tokens.begin(), r.tokens.end());
    corpus.documents.push_back({r.input.name, r.tokens});
  }
  const std::size_t ok = results.size() - failed;
  if (ok == 0)
    throw std::runtime_error("all " + std::to_string(failed) + " files failed; no output written");
  if (options.format == "paper")
    write_paper_format(corpus, options.output);
  else
    write_corpus(corpus, options.output);

  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!options.quiet) {
    std::printf(
        "files: %zu ok (%zu with no tokens, %zu that music21 9.1 cannot read), %zu failed\n", ok,
        empty, music21_refuses, failed);
    std::printf("tokens: %zu, vocabulary: %zu\n", corpus.token_count(), vocabulary.size());
    std::printf("time: %.3f s, %.1f files/s, %.0f tokens/s (%u threads)\n", seconds,
                results.size() / seconds, corpus.token_count() / seconds, threads);
    std::printf("wrote %s (%s format)\n", options.output.c_str(), options.format.c_str());
  }
}

const bool registered = cadenza::app::register_command(
    {"tokenize",
     "MIDI files -> the paper's token corpus (music21 9.1 compatible) or MidiTok REMI / TSD",
     [](CLI::App& sub) {
       auto options = std::make_shared<TokenizeArgs>();
       sub.add_option("inputs", options->inputs,
                      "MIDI files or folders (searched recursively for .mid/.midi/.kar)")
           ->required();
       sub.add_option("-o,--output", options->output, "corpus file to write (atomically)")
           ->required();
       sub.add_option("--format", options->format,
                      "cadenza: one document per file (keeps file boundaries); paper: one token "
                      "per line, like jazz.txt; remi / tsd: MidiTok 2.1.8's REMI / TSD tokens "
                      "of every track (cadenza layout, plus OUTPUT.ids and OUTPUT.vocab.json)")
           ->check(CLI::IsMember({"cadenza", "paper", "remi", "tsd"}));
       sub.add_option("--tokenizer", options->tokenizer,
                      "paper: music21's notes and normal-order chords, as the paper made them; "
                      "remi / tsd: as --format remi / tsd")
           ->check(CLI::IsMember({"paper", "remi", "tsd"}));
       sub.add_option("--ids", options->ids_path,
                      "remi / tsd: token ids file to write (default OUTPUT.ids; see "
                      "docs/tokenizer.md)");
       sub.add_option("--vocab", options->vocab_path,
                      "remi / tsd: vocabulary to write, in MidiTok's save_params layout (default "
                      "OUTPUT.vocab.json)");
       sub.add_option("--genre", options->genre,
                      "remi: start every document with the token Genre_<GENRE> (a genre model's "
                      "corpus; docs/genre.md)");
       sub.add_option("--threads", options->threads, "files in parallel (0: all cores)");
       sub.add_flag("-q,--quiet", options->quiet, "print no summary");
       sub.footer(
           "A file that cannot be read is reported on stderr and skipped. The exit status is 0 "
           "when at least one file was tokenized (even if others failed) and 1 when none was.");
       sub.callback([options] { run_tokenize(*options); });
     }});

}  // namespace
