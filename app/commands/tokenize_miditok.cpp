#include "tokenize_miditok.h"

#include <chrono>
#include <cstdio>
#include <mutex>
#include <ostream>
#include <stdexcept>

#include "command.h"
#include "common/atomic_file.h"
#include "common/progress.h"
#include "tokens/miditok_batch.h"
#include "tokens/miditok_ids.h"
#include "tokens/remi_corpus.h"
#include "tokens/token_ids_file.h"

namespace cadenza::app {

void run_miditok_tokenize(const MidiTokTokenizeArgs& options) {
  using namespace cadenza::tokens;
  using namespace cadenza::tokens::miditok;
  const auto start = std::chrono::steady_clock::now();
  const Scheme scheme = options.scheme == "tsd" ? Scheme::Tsd : Scheme::Remi;
  if (!options.genre.empty() && scheme != Scheme::Remi)
    throw std::invalid_argument("--genre: genre tokens are for REMI corpora (--format remi)");
  const std::string genre_line = options.genre.empty() ? "" : genre_token(options.genre) + "\n";
  const std::vector<MidiInput> files = collect_midi_files(
      std::vector<std::filesystem::path>(options.inputs.begin(), options.inputs.end()));
  if (files.empty()) throw std::runtime_error("no .mid, .midi or .kar files in the given inputs");
  const unsigned threads = options.threads ? options.threads : default_threads();
  const std::string ids_path =
      options.ids_path.empty() ? options.output + ".ids" : options.ids_path;
  const std::string vocab_path =
      options.vocab_path.empty() ? options.output + ".vocab.json" : options.vocab_path;

  const MidiTokVocab vocab(scheme);
  CorpusIds corpus_ids(vocab);
  std::vector<std::pair<std::string, std::string>> flagged;  // name, first reason
  std::size_t ok = 0, failed = 0, tokens_total = 0;

  Progress progress("tokenize", files.size(), "files");
  std::mutex stderr_mutex;
  write_file_atomically(options.output, [&](std::ostream& out) {
    out << "#cadenza-corpus 1\n";
    TokenIdsWriter ids_writer(ids_path);
    std::vector<std::uint16_t> ids;
    std::string text;
    tokenize_in_order(
        files, scheme, threads,
        [&](const FileResult& r) {
          if (!r.error.empty()) {
            ++failed;
            return;
          }
          ++ok;
          const Tokenization& t = r.tokenization;
          if (!t.refusals.empty()) flagged.emplace_back(r.input.name, t.refusals.front());
          ids.clear();
          text.clear();
          text += "@doc " + r.input.name + "\n" + genre_line;
          for (const Token& token : t.tokens) {
            const std::uint16_t id = corpus_ids.id(token);
            text += corpus_ids.text(id);
            text += '\n';
            ids.push_back(id);
          }
          tokens_total += t.tokens.size();
          out << text;
          ids_writer.add_document(r.input.name, ids);
        },
        [&](const FileResult& r) {
          if (!r.error.empty()) {
            std::lock_guard<std::mutex> lock(stderr_mutex);
            std::fprintf(stderr, "cadenza tokenize: skipped: %s\n", r.error.c_str());
          }
          progress.advance();
        });
    progress.finish();
    if (ok == 0)
      throw std::runtime_error("all " + std::to_string(failed) +
                               " files failed; no output written");
    ids_writer.finish(corpus_ids.size());
  });
  vocab.save_json(vocab_path, corpus_ids.extension_tokens());

  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (options.quiet) return;
  std::printf(
      "files: %zu ok (%zu that MidiTok 2.1.8 refuses, tokenized by the extension), %zu "
      "failed\n",
      ok, flagged.size(), failed);
  for (const auto& [name, why] : flagged)
    std::printf("  flagged: %s: %s\n", name.c_str(), why.c_str());
  std::printf("tokens: %zu, vocabulary: %zu (MidiTok %s) + %zu extension tokens\n", tokens_total,
              vocab.size(), scheme_name(scheme), corpus_ids.extension_tokens().size());
  std::printf("time: %.3f s, %.1f files/s, %.0f tokens/s (%u threads)\n", seconds,
              files.size() / seconds, tokens_total / seconds, threads);
  std::printf("wrote %s (cadenza format, %s tokens), %s (ids), %s (vocabulary)\n",
              options.output.c_str(), scheme_name(scheme), ids_path.c_str(), vocab_path.c_str());
}

}  // namespace cadenza::app
