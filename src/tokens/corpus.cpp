#include "tokens/corpus.h"

#include <fstream>
#include <stdexcept>

#include "common/atomic_file.h"
#include "common/limits.h"
#include "common/text_lines.h"

namespace cadenza::tokens {
namespace {
constexpr const char* kMagic = "#cadenza-corpus 1";
constexpr const char* kDocPrefix = "@doc ";

bool valid_token(const std::string& token) {
  if (token.empty() || token[0] == '@' || token[0] == '#') return false;
  for (char c : token)
    if (c == '\n' || c == '\r' || c == ' ' || c == '\t') return false;
  return true;
}
}  // namespace

std::size_t Corpus::token_count() const {
  std::size_t n = 0;
  for (const auto& doc : documents) n += doc.tokens.size();
  return n;
}

Corpus read_corpus(const std::filesystem::path& path) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error))
    throw std::runtime_error(path.string() + ": is a folder, expected a token corpus file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path.string() + ": cannot open corpus");
  Corpus corpus;
  std::string line;
  std::size_t line_number = 0;
  bool cadenza_format = false;
  const auto where = [&] { return path.string() + ":" + std::to_string(line_number) + ": "; };
  for (;;) {
    const LineRead read = read_line(in, line, limits::kMaxCorpusLineBytes);
    if (read == LineRead::kEnd) break;
    ++line_number;
    if (read == LineRead::kTooLong) {
      const bool binary = line.find('\0') != std::string::npos;
      throw std::runtime_error(
          where() + (binary
                         ? "binary data (NUL bytes), not a token corpus"
                         : "line longer than " + std::to_string(limits::kMaxCorpusLineBytes) +
                               " bytes, not a token corpus (one token or '@doc <name>' per line)"));
    }
    if (line_number == 1) strip_utf8_bom(line);
    if (const std::size_t at = find_control_character(line); at != std::string::npos)
      throw std::runtime_error(
          where() + "control character " + describe_byte(static_cast<unsigned char>(line[at])) +
          " at column " + std::to_string(at + 1) + (line[at] == '\0' ? " (a binary file?)" : "") +
          ", not a token corpus");
    if (line_number == 1 && line.rfind("#cadenza-corpus", 0) == 0) {
      if (line != kMagic)
        throw std::runtime_error(path.string() + ":1: unsupported corpus version '" + line +
                                 "' (expected '" + kMagic + "')");
      cadenza_format = true;
      continue;
    }
    if (cadenza_format && line.rfind(kDocPrefix, 0) == 0) {
      corpus.documents.push_back({line.substr(5), {}});
      continue;
    }
    if (line.empty()) continue;
    if (!valid_token(line))
      throw std::runtime_error(where() + "not a token: '" + line.substr(0, 40) + "'");
    if (corpus.documents.empty()) {
      if (cadenza_format) throw std::runtime_error(where() + "token before the first '@doc' line");
      corpus.documents.push_back({path.stem().string(), {}});
    }
    corpus.documents.back().tokens.push_back(line);
  }
  if (in.bad()) throw std::runtime_error(path.string() + ": read error");
  return corpus;
}

void write_corpus(const Corpus& corpus, const std::filesystem::path& path) {
  write_file_atomically(path, [&](std::ostream& out) {
    out << kMagic << '\n';
    for (const auto& doc : corpus.documents) {
      out << kDocPrefix << doc.name << '\n';
      for (const auto& token : doc.tokens) out << token << '\n';
    }
  });
}

void write_paper_format(const Corpus& corpus, const std::filesystem::path& path) {
  write_file_atomically(path, [&](std::ostream& out) {
    for (const auto& doc : corpus.documents)
      for (const auto& token : doc.tokens) out << token << '\n';
  });
}

}  // namespace cadenza::tokens
