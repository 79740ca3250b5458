// tokenize(), detokenize(), vocabulary() and the Tokens class: MidiTok 2.1.8's REMI and TSD
// tokens and the paper's music21 tokens, through the functions `cadenza tokenize` and
// `cadenza detokenize` call. Many files are tokenized on all cores (common/parallel.h).
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "bindings.h"
#include "common/parallel.h"
#include "errors.h"
#include "inputs.h"
#include "midi/truncation.h"
#include "records.h"
#include "score_object.h"
#include "tokens/batch.h"
#include "tokens/corpus.h"
#include "tokens/miditok_decoder.h"
#include "tokens/miditok_ids.h"
#include "tokens/miditok_tokenizer.h"
#include "tokens/paper_decoder.h"
#include "tokens/paper_tokenizer.h"
#include "tokens/vocab.h"

namespace cadenza::python {
namespace py = pybind11;
namespace miditok = tokens::miditok;
namespace {

enum class Format { Remi, Tsd, Paper };

Format parse_format(const std::string& name) {
  if (name == "remi") return Format::Remi;
  if (name == "tsd") return Format::Tsd;
  if (name == "paper") return Format::Paper;
  throw BadInput("format '" + name + "': expected 'remi', 'tsd' or 'paper'");
}

const char* format_name(Format format) {
  return format == Format::Remi ? "remi" : format == Format::Tsd ? "tsd" : "paper";
}

miditok::Scheme scheme_of(Format format) {
  return format == Format::Tsd ? miditok::Scheme::Tsd : miditok::Scheme::Remi;
}

const miditok::MidiTokVocab& vocab_of(miditok::Scheme scheme) {
  static const miditok::MidiTokVocab remi(miditok::Scheme::Remi);
  static const miditok::MidiTokVocab tsd(miditok::Scheme::Tsd);
  return scheme == miditok::Scheme::Tsd ? tsd : remi;
}

struct TokensObject {
  std::string format, name;
  py::list tokens;
  py::array_t<std::uint16_t> ids;
  std::vector<std::string> warnings;
};

// One MIDI file to tokenize: a path, or bytes (given, or a Score's).
struct MidiSource {
  std::string name;
  std::filesystem::path path;
  std::string bytes;
  std::shared_ptr<ScoreObject> score;
};

struct SourceTokens {
  miditok::Tokenization miditok;
  tokens::PaperTokenization paper;
  std::string error;
};

const std::uint8_t* data_of(const std::string& bytes) {
  return reinterpret_cast<const std::uint8_t*>(bytes.data());
}

// As `cadenza tokenize` does per file (for the paper's tokens: then refuse a file cut short).
SourceTokens tokenize_source(const MidiSource& source, Format format) {
  SourceTokens out;
  try {
    const std::string& bytes = source.score ? source.score->bytes : source.bytes;
    if (format == Format::Paper) {
      if (!source.path.empty()) {
        out.paper = tokens::paper_tokenize_file(source.path);
        midi::check_not_truncated(source.path);
      } else {
        out.paper = tokens::paper_tokenize(data_of(bytes), bytes.size(), source.name);
        midi::check_not_truncated(data_of(bytes), bytes.size(), source.name);
      }
    } else if (source.score) {
      out.miditok = miditok::tokenize(source.score->file, scheme_of(format));
    } else if (!source.path.empty()) {
      out.miditok = miditok::tokenize_file(source.path, scheme_of(format));
    } else {
      out.miditok =
          miditok::tokenize_bytes(data_of(bytes), bytes.size(), scheme_of(format), source.name);
    }
  } catch (const std::exception& e) {
    out.error = e.what();
  }
  return out;
}

MidiSource source_of(const py::handle& item) {
  MidiSource source;
  if (py::isinstance<ScoreObject>(item)) {
    source.score = item.cast<std::shared_ptr<ScoreObject>>();
    source.name = source.score->source;
  } else if (is_bytes(item)) {
    source.bytes = to_bytes(item);
    source.name = "<bytes>";
  } else if (is_path(item)) {
    source.path = to_path(item);
    require_exists(source.path);
    source.name = source.path.filename().string();
  } else {
    throw py::type_error(
        "tokenize() takes a Score, a path, the bytes of a MIDI file, or a list of these");
  }
  return source;
}

TokensObject tokens_object(Format format, const MidiSource& source, const SourceTokens& result,
                           const std::vector<std::uint16_t>& ids,
                           const std::vector<py::str>& strings) {
  TokensObject out;
  out.format = format_name(format);
  out.name = source.name;
  out.tokens = py::list(ids.size());
  for (std::size_t k = 0; k < ids.size(); ++k) out.tokens[k] = strings[ids[k]];
  out.ids = column(ids);
  out.warnings = result.miditok.refusals;
  if (!result.paper.music21_failure.empty())
    out.warnings.push_back("music21 9.1 refuses it: " + result.paper.music21_failure);
  return out;
}

// MidiTok's ids, tokens outside its vocabulary after it in order of first use over the call's
// files (as `cadenza tokenize` numbers its ids file), one Python str per distinct token shared
// by every list (a file has thousands of tokens, the vocabulary hundreds).
class MidiTokObjects {
 public:
  explicit MidiTokObjects(Format format) : format_(format), ids_(vocab_of(scheme_of(format))) {}

  // Frees the result's tokens (the work goes window by window, as the command's).
  TokensObject make(const MidiSource& source, SourceTokens& result) {
    std::vector<std::uint16_t> ids;
    ids.reserve(result.miditok.tokens.size());
    for (const miditok::Token& token : result.miditok.tokens) ids.push_back(ids_.id(token));
    result.miditok.tokens = {};
    while (strings_.size() < ids_.size())
      strings_.emplace_back(ids_.text(static_cast<std::uint16_t>(strings_.size())));
    return tokens_object(format_, source, result, ids, strings_);
  }

 private:
  Format format_;
  miditok::CorpusIds ids_;
  std::vector<py::str> strings_;
};

// The paper's tokens have no fixed vocabulary: ids index the sorted vocabulary of all the
// call's tokens (as `cadenza train` builds it).
void make_paper_objects(const std::vector<MidiSource>& sources, std::vector<SourceTokens>& results,
                        std::vector<TokensObject>& out) {
  tokens::Corpus corpus;
  for (SourceTokens& r : results) corpus.documents.push_back({"", std::move(r.paper.tokens)});
  const tokens::Vocab vocab = tokens::Vocab::from_corpus(corpus);
  if (vocab.size() > 0x10000) throw BadInput("more than 65536 distinct tokens");
  const std::vector<py::str> strings(vocab.tokens().begin(), vocab.tokens().end());
  for (std::size_t i = 0; i < results.size(); ++i) {
    std::vector<std::uint16_t> ids;
    for (const std::string& token : corpus.documents[i].tokens)
      ids.push_back(static_cast<std::uint16_t>(*vocab.find(token)));
    out[i] = tokens_object(Format::Paper, sources[i], results[i], ids, strings);
  }
}

// Raises ValueError for the failed files (on_error 'raise'), or leaves None in their place.
py::object finish(std::vector<TokensObject> objects, const std::vector<std::string>& errors,
                  const std::string& on_error, bool single) {
  std::size_t failed = 0;
  std::string first;
  for (const std::string& error : errors)
    if (!error.empty() && failed++ == 0) first = error;
  if (failed > 0 && (single || on_error == "raise"))
    throw BadInput(single ? first
                          : std::to_string(failed) + " of " + std::to_string(errors.size()) +
                                " files failed, the first: " + first);
  if (single) return py::cast(std::move(objects.front()));
  py::list out;
  for (std::size_t i = 0; i < objects.size(); ++i)
    out.append(errors[i].empty() ? py::cast(std::move(objects[i])) : py::none());
  return std::move(out);
}

py::object tokenize(const py::object& input, const std::string& format_text, int threads,
                    const std::string& on_error) {
  const Format format = parse_format(format_text);
  if (on_error != "raise" && on_error != "skip")
    throw BadInput("on_error '" + on_error + "': expected 'raise' or 'skip'");
  std::vector<MidiSource> sources;
  bool single = true;
  if (is_sequence(input)) {
    single = false;
    for (const py::object& item : items(input)) sources.push_back(source_of(item));
  } else if (is_path(input) && std::filesystem::is_directory(to_path(input))) {
    single = false;  // a folder: its MIDI files as `cadenza tokenize` finds them
    for (tokens::MidiInput& file : tokens::collect_midi_files({to_path(input)}))
      sources.push_back({file.name, file.path, {}, {}});
  } else {
    sources.push_back(source_of(input));
  }
  const unsigned workers = thread_count(threads);
  std::vector<TokensObject> objects(sources.size());
  std::vector<std::string> errors(sources.size());
  // MidiTok's tokens window by window (16 files per thread, as tokens/miditok_batch.h), each
  // turned into Python objects before the next; the paper's all at once (one vocabulary).
  const std::size_t window = format == Format::Paper ? sources.size() + 1 : 16 * workers;
  MidiTokObjects miditok_objects(format);
  std::vector<SourceTokens> results;
  for (std::size_t begin = 0; begin < sources.size(); begin += window) {
    const std::size_t count = std::min(window, sources.size() - begin);
    results.assign(count, SourceTokens{});
    {
      py::gil_scoped_release unlocked;
      parallel_for(count, workers, [&](std::size_t i) {
        results[i] = tokenize_source(sources[begin + i], format);
      });
    }
    for (std::size_t i = 0; i < count; ++i) errors[begin + i] = results[i].error;
    if (format == Format::Paper) {
      make_paper_objects(sources, results, objects);
      continue;
    }
    for (std::size_t i = 0; i < count; ++i)
      if (results[i].error.empty())
        objects[begin + i] = miditok_objects.make(sources[begin + i], results[i]);
  }
  return finish(std::move(objects), errors, on_error, single);
}

// Token strings from a Tokens object, a list of str, or ids of MidiTok's vocabulary.
std::vector<std::string> token_strings(const py::object& input, Format format) {
  if (py::isinstance<TokensObject>(input))
    return input.cast<const TokensObject&>().tokens.cast<std::vector<std::string>>();
  if (py::isinstance<py::array>(input) && !py::isinstance<py::str>(input)) {
    if (format == Format::Paper)
      throw BadInput("ids of the paper's tokens depend on the corpus: pass the token strings");
    const auto ids = py::array_t<std::int64_t, py::array::forcecast>::ensure(input);
    if (!ids || ids.ndim() != 1) throw BadInput("token ids: expected a 1-D array of integers");
    const miditok::MidiTokVocab& vocab = vocab_of(scheme_of(format));
    std::vector<std::string> out;
    for (py::ssize_t i = 0; i < ids.size(); ++i) {
      const std::int64_t id = ids.at(i);
      if (id < 0 || static_cast<std::size_t>(id) >= vocab.size())
        throw BadInput("token id " + std::to_string(id) + " at position " + std::to_string(i) +
                       " is outside MidiTok's " + miditok::scheme_name(vocab.scheme()) +
                       " vocabulary (" + std::to_string(vocab.size()) +
                       " tokens); pass the token strings");
      out.push_back(vocab.text(static_cast<int>(id)));
    }
    return out;
  }
  return input.cast<std::vector<std::string>>();
}

std::shared_ptr<ScoreObject> detokenize(const py::object& input, const std::string& format_text,
                                        std::int64_t ticks_per_beat, bool miditok_bars) {
  std::string name = format_text;
  if (name == "auto" && py::isinstance<TokensObject>(input))
    name = input.cast<const TokensObject&>().format;
  const bool guess = name == "auto";
  const Format format = guess ? Format::Remi : parse_format(name);
  if (guess && py::isinstance<py::array>(input))
    throw BadInput("token ids: give format='remi' or 'tsd'");
  const std::vector<std::string> strings = token_strings(input, format);
  py::gil_scoped_release unlocked;
  if (format == Format::Paper)
    return make_score(score::to_midi(tokens::paper_tokens_to_score(strings)), "", "<paper tokens>");
  const miditok::Scheme scheme = guess ? miditok::guess_scheme(strings) : scheme_of(format);
  if (ticks_per_beat <= 0 || ticks_per_beat % 8 != 0)
    throw BadInput("ticks_per_beat " + std::to_string(ticks_per_beat) +
                   ": expected a positive multiple of 8");
  const miditok::DecodedPiece piece =
      miditok::decode(strings, scheme, ticks_per_beat, miditok_bars);
  auto score = make_score(score::to_midi(miditok::to_score(piece)), "",
                          std::string("<") + miditok::scheme_name(scheme) + " tokens>");
  for (const auto& [reason, count] : piece.skipped)
    score->warnings.push_back("skipped " + std::to_string(count) + " tokens: " + reason);
  return score;
}

py::dict vocabulary(const std::string& format_text, const py::object& corpus) {
  const Format format = parse_format(format_text);
  py::dict out;
  if (format != Format::Paper) {
    const miditok::MidiTokVocab& vocab = vocab_of(scheme_of(format));
    for (std::size_t id = 0; id < vocab.size(); ++id)
      out[py::str(vocab.text(static_cast<int>(id)))] = id;
    return out;
  }
  if (corpus.is_none())
    throw BadInput(
        "the paper's vocabulary is made from a corpus: vocabulary('paper', corpus=tokens) with "
        "the Tokens (or lists of token strings) of the files");
  tokens::Corpus documents;
  for (const py::object& item : items(corpus))
    documents.documents.push_back({"", token_strings(item, Format::Paper)});
  const tokens::Vocab vocab = tokens::Vocab::from_corpus(documents);
  for (std::size_t id = 0; id < vocab.size(); ++id) out[py::str(vocab.tokens()[id])] = id;
  return out;
}

}  // namespace

void bind_tokens(py::module_& m) {
  py::class_<TokensObject>(m, "Tokens",
                           "The tokens of one MIDI file: strings (MidiTok's or the paper's) and "
                           "their ids.")
      .def_readonly("format", &TokensObject::format, "'remi', 'tsd' or 'paper'")
      .def_readonly("name", &TokensObject::name,
                    "the file's name (relative to the folder tokenized), '<bytes>' or the "
                    "Score's source")
      .def_readonly("tokens", &TokensObject::tokens, "token strings, e.g. 'Pitch_60'")
      .def_readonly("ids", &TokensObject::ids, "token ids (numpy.uint16)")
      .def_readonly("warnings", &TokensObject::warnings,
                    "why MidiTok 2.1.8 (or music21 9.1) would refuse the file, which cadenza "
                    "tokenizes anyway (docs/tokenizer.md)")
      .def("__len__", [](const TokensObject& t) { return t.tokens.size(); })
      .def("__iter__", [](const TokensObject& t) { return t.tokens.attr("__iter__")(); })
      .def("__getitem__", [](const TokensObject& t, const py::object& i) { return t.tokens[i]; })
      .def(py::pickle(
          [](const TokensObject& t) {
            return py::make_tuple(t.format, t.name, t.tokens, t.ids, t.warnings);
          },
          [](const py::tuple& state) {
            TokensObject t;
            t.format = state[0].cast<std::string>();
            t.name = state[1].cast<std::string>();
            t.tokens = state[2].cast<py::list>();
            t.ids = state[3].cast<py::array_t<std::uint16_t>>();
            t.warnings = state[4].cast<std::vector<std::string>>();
            return t;
          }))
      .def("__repr__", [](const TokensObject& t) {
        return "<cadenza.Tokens " + t.name + ": " + std::to_string(t.tokens.size()) + " " +
               t.format + " tokens>";
      });

  m.def("tokenize", &tokenize, py::arg("midi"), py::arg("format") = "remi", py::arg("threads") = 0,
        py::arg("on_error") = "raise",
        "Tokens of a MIDI file (a Score, a path or bytes) as `cadenza tokenize --format FORMAT` "
        "makes them; a list of files or a folder gives a list, tokenized on `threads` threads "
        "(0: all cores). on_error='skip' puts None in place of a file that fails.");
  m.def("detokenize", &detokenize, py::arg("tokens"), py::arg("format") = "auto",
        py::arg("ticks_per_beat") = 384, py::arg("miditok_bars") = false,
        "A Score from tokens (Tokens, token strings, or ids of MidiTok's vocabulary), as "
        "`cadenza detokenize` decodes them. format 'auto': a Tokens' own format, else REMI or "
        "TSD by the tokens. Tokens that cannot be decoded are skipped and listed in "
        "Score.warnings.");
  m.def("vocabulary", &vocabulary, py::arg("format") = "remi", py::arg("corpus") = py::none(),
        "{token: id}: MidiTok 2.1.8's REMI (407) or TSD (422) vocabulary, or the paper's sorted "
        "vocabulary of a corpus (a list of Tokens or of token lists).");
}

}  // namespace cadenza::python
