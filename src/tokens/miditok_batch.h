#pragma once
// MidiTok tokenization of many files on a pool of threads, handed back in sorted path order
// while the work goes on: files are taken in windows of 16 per thread, so memory holds one
// window's tokens whatever the corpus size (`cadenza tokenize --format remi|tsd` streams them
// to disk).
#include <functional>
#include <string>
#include <vector>

#include "tokens/batch.h"
#include "tokens/miditok_tokenizer.h"

namespace cadenza::tokens::miditok {

struct FileResult {
  MidiInput input;
  Tokenization tokenization;
  std::string error;  // non-empty: the file could not be read at all (skipped)
};

// `in_order` is called once per file, in the order of `inputs`, from the calling thread;
// `on_done` (may be empty) once per file as soon as it is finished, one call at a time.
// `threads` 0 counts as 1.
void tokenize_in_order(const std::vector<MidiInput>& inputs, Scheme scheme, unsigned threads,
                       const std::function<void(const FileResult&)>& in_order,
                       const std::function<void(const FileResult&)>& on_done = {},
                       std::size_t window = 0);  // 0: 16 per thread

}  // namespace cadenza::tokens::miditok
