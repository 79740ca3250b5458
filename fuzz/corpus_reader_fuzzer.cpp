// libFuzzer target: tokens::read_corpus on arbitrary bytes. It may only throw
// std::runtime_error; an accepted corpus must hold only valid tokens (no control characters,
// no '@' or '#' start, at most limits::kMaxCorpusLineBytes) and survive write -> read unchanged.
#include <cstdint>
#include <stdexcept>

#include "common/limits.h"
#include "common/text_lines.h"
#include "fuzz_file.h"
#include "tokens/corpus.h"

using namespace cadenza;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& path = fuzz::write_input(data, size, ".corpus.txt");
  tokens::Corpus corpus;
  try {
    corpus = tokens::read_corpus(path);
  } catch (const std::runtime_error&) {
    return 0;
  }
  for (const auto& doc : corpus.documents) {
    if (find_control_character(doc.name) != std::string::npos) fuzz::finding("control in name");
    for (const auto& token : doc.tokens)
      if (token.empty() || token.size() > limits::kMaxCorpusLineBytes || token[0] == '@' ||
          token[0] == '#' || find_control_character(token) != std::string::npos ||
          token.find(' ') != std::string::npos)
        fuzz::finding("invalid token accepted");
  }
  // Only cadenza-format corpora keep their documents through a write.
  if (size >= 17 && std::string(reinterpret_cast<const char*>(data), 17) == "#cadenza-corpus 1") {
    const auto copy = fuzz::input_file(".copy.txt");
    tokens::write_corpus(corpus, copy);
    const tokens::Corpus again = tokens::read_corpus(copy);
    if (again.documents.size() != corpus.documents.size()) fuzz::finding("documents changed");
    for (std::size_t i = 0; i < corpus.documents.size(); ++i)
      if (again.documents[i].tokens != corpus.documents[i].tokens)
        fuzz::finding("tokens changed through write -> read");
  }
  return 0;
}
