#include "generate/session.h"

#include "midi/writer.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <optional>
#include <stdexcept>

#include "common/atomic_file.h"
#include "data/split.h"
#include "midi/truncation.h"
#include "model/checkpoint_file.h"
#include "score/piano_roll.h"
#include "tokens/corpus.h"
#include "tokens/paper_tokens.h"

namespace cadenza::generate {
namespace fs = std::filesystem;
namespace {

nlohmann::json training_json(const fs::path& checkpoint) {
  const auto sections = model::read_checkpoint_file(checkpoint);
  const auto found = sections.find("training");
  if (found == sections.end()) return {};
  try {
    return nlohmann::json::parse(found->second);
  } catch (const nlohmann::json::exception&) {
    return {};  // an unreadable training record only loses the defaults it would give
  }
}

}  // namespace

std::optional<fs::path> checkpoint_corpus(const fs::path& checkpoint) {
  const nlohmann::json training = training_json(checkpoint);
  for (const auto* key : {"corpus"}) {
    if (training.contains("options") && training["options"].contains(key) &&
        training["options"][key].is_string())
      return fs::path(training["options"][key].get<std::string>());
    if (training.contains(key) && training[key].is_string())
      return fs::path(training[key].get<std::string>());
  }
  return std::nullopt;
}

double checkpoint_validation_fraction(const fs::path& checkpoint) {
  const nlohmann::json training = training_json(checkpoint);
  if (training.contains("options") && training["options"].contains("validation_fraction") &&
      training["options"]["validation_fraction"].is_number())
    return training["options"]["validation_fraction"].get<double>();
  return 0.1;
}

CorpusSplit load_corpus_split(const fs::path& corpus_path, const tokens::Vocab& vocab,
                              double validation_fraction) {
  const tokens::Corpus corpus = tokens::read_corpus(corpus_path);
  if (corpus.token_count() == 0)
    throw std::runtime_error(corpus_path.string() + ": the corpus has no tokens");
  data::Split split;
  try {
    split = data::split_corpus(corpus, vocab, validation_fraction);
  } catch (const std::out_of_range& e) {
    throw std::runtime_error(corpus_path.string() + ": " + e.what() +
                             " (pass the corpus the model was trained on)");
  }
  CorpusSplit out;
  out.train = std::move(split.train);
  out.held_out = std::move(split.validation);
  out.method = split.method;
  for (const Ids& s : out.train) out.train_tokens.push_back(vocab.decode(s));
  return out;
}

MappedPrime read_prime(const fs::path& midi, const tokens::Vocab& vocab) {
  std::error_code error;
  if (fs::is_directory(midi, error))
    throw std::runtime_error(midi.string() + ": is a folder, expected one MIDI file");
  if (!fs::exists(midi, error)) throw std::runtime_error(midi.string() + ": no such file");
  if (!fs::is_regular_file(midi, error))
    throw std::runtime_error(midi.string() + ": not a regular file, expected a MIDI file");
  midi::check_not_truncated(midi);
  const tokens::Encoding tokenized = tokens::PaperTokenizer().encode_file(midi);
  if (tokenized.tokens.empty())
    throw std::runtime_error(midi.string() +
                             ": no notes or chords in the part the paper's tokenizer reads (the "
                             "first instrument part)");
  try {
    return map_to_vocab(tokenized.tokens, vocab, midi.string());
  } catch (const std::invalid_argument& e) {
    throw std::runtime_error(e.what());
  }
}

std::vector<fs::path> write_piece(const std::vector<std::string>& tokens, const fs::path& midi_path,
                                  const PieceOutput& output) {
  return write_score_piece(tokens::PaperTokenizer(output.midi).decode(tokens), tokens, midi_path,
                           output);
}

std::vector<fs::path> write_score_piece(const score::Score& score,
                                        const std::vector<std::string>& tokens,
                                        const fs::path& midi_path, const PieceOutput& output) {
  std::vector<fs::path> written;
  // The audio first: rendering is what can fail (soundfont, duration), and then no file of the
  // piece may be left behind.
  std::optional<audio::StereoAudio> rendered;
  if (output.wav) rendered = audio::render_score(score, output.synth);
  if (midi_path.has_parent_path()) fs::create_directories(midi_path.parent_path());
  midi::write(score::to_midi(score), midi_path);
  written.push_back(midi_path);
  fs::path stem = midi_path;
  stem.replace_extension();
  if (output.piano_roll) {
    const fs::path png = stem.string() + ".png";
    score::write_piano_roll_png(score, png);
    written.push_back(png);
  }
  const fs::path text = stem.string() + ".tokens.txt";
  std::string lines;
  for (const auto& t : tokens) lines += t + '\n';
  write_file_atomically(text, lines);
  written.push_back(text);
  if (output.wav) {
    const fs::path wav = stem.string() + ".wav";
    audio::write_wav(*rendered, wav);
    written.push_back(wav);
  }
  return written;
}

std::vector<fs::path> piece_paths(const fs::path& midi_path, const PieceOutput& output) {
  fs::path stem = midi_path;
  stem.replace_extension();
  std::vector<fs::path> paths = {midi_path};
  if (output.piano_roll) paths.push_back(stem.string() + ".png");
  paths.push_back(stem.string() + ".tokens.txt");
  if (output.wav) paths.push_back(stem.string() + ".wav");
  return paths;
}

fs::path numbered_path(const fs::path& path, std::size_t index, std::size_t count) {
  if (count <= 1) return path;
  char suffix[32];
  std::snprintf(suffix, sizeof suffix, "_%02zu", index + 1);
  fs::path stem = path;
  stem.replace_extension();
  return stem.string() + suffix + path.extension().string();
}

}  // namespace cadenza::generate
