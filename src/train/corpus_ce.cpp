#include "train/corpus_ce.h"

#include <torch/torch.h>

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "data/batches.h"
#include "data/validation_list.h"
#include "model/device.h"
#include "model/vae_model.h"
#include "tokens/corpus.h"
#include "tokens/remi_corpus.h"
#include "tokens/tokenizer.h"

namespace cadenza::train {

CorpusCe corpus_cross_entropy(const CorpusCeOptions& options) {
  if (options.batch_size < 1) throw std::invalid_argument("--batch-size must be at least 1");
  if (options.max_windows < 0) throw std::invalid_argument("--max-windows must be >= 0");
  const torch::Device device = model::parse_device(options.device);
  model::LoadedModel loaded = model::load_model(options.model, device);
  loaded.model->eval();
  const model::ModelConfig& config = loaded.config;
  const tokens::Vocab& vocab = loaded.vocab;
  CorpusCe result;
  result.model = options.model.string();
  result.corpus = options.corpus.string();
  result.window = config.window;

  tokens::Corpus corpus = tokens::read_corpus(options.corpus);
  const auto tokenizer = tokens::corpus_tokenizer(corpus);
  const bool remi = tokenizer->name() == "remi";
  if (tokenizer->name() != config.tokens)
    throw std::runtime_error(options.corpus.string() + " holds " + (remi ? "REMI" : "the paper's") +
                             " tokens; " + options.model.string() + " reads " + config.tokens +
                             " tokens");
  const std::vector<std::string> model_genres = tokens::vocab_genres(vocab);
  if (remi) {
    const std::vector<std::string> genres = tokens::corpus_genres(corpus);
    if (genres.empty() != model_genres.empty())
      throw std::runtime_error(options.corpus.string() +
                               (model_genres.empty()
                                    ? ": the corpus has genre tokens, the model has none"
                                    : ": the model is a genre model, the corpus has no genre "
                                      "tokens (tokenize with --genre)"));
  }
  result.set_aside = tokens::remove_documents_outside(corpus, vocab);
  std::vector<bool> keep(corpus.documents.size(), true);
  result.selection = "all documents";
  if (!options.validation_list.empty()) {
    const data::ValidationList list = data::read_validation_list(options.validation_list);
    std::vector<std::string> names;
    for (const auto& doc : corpus.documents) names.push_back(doc.name);
    for (const auto& name : result.set_aside) names.push_back(name);  // listed, set aside
    keep = data::mark_validation_documents(list, names, options.corpus.string());
    result.selection = "validation list " + options.validation_list.string();
  }
  std::vector<data::Sequence> sequences;
  std::vector<std::vector<std::size_t>> anchors;
  const std::int64_t bar = remi ? vocab.id("Bar_None") : -1;
  const std::size_t length = static_cast<std::size_t>(config.example_length());
  for (std::size_t d = 0; d < corpus.documents.size(); ++d) {
    if (!keep[d] || corpus.documents[d].tokens.empty()) continue;
    ++result.documents;
    data::Sequence ids = vocab.encode(corpus.documents[d].tokens);
    if (ids.size() < length) {
      ++result.too_short;
      continue;
    }
    anchors.emplace_back();
    for (std::size_t i = 0; i < ids.size(); ++i)
      if (ids[i] == bar) anchors.back().push_back(i);
    sequences.push_back(std::move(ids));
  }
  if (sequences.empty())
    throw std::runtime_error(options.corpus.string() +
                             ": no selected document holds one window of " +
                             std::to_string(length) + " tokens");
  const std::size_t prefix = model_genres.empty() ? 0 : 1;
  const std::int64_t per_example = loaded.model->predictions_per_example();
  const std::size_t stride =
      per_example == 1 ? std::max<std::size_t>(1, static_cast<std::size_t>(config.window) / 10)
                       : static_cast<std::size_t>(config.window);
  const data::WindowSampler sampler(sequences, length, stride, remi ? anchors : decltype(anchors){},
                                    prefix);
  std::vector<data::WindowStart> starts = sampler.epoch(nullptr);
  if (options.max_windows > 0 && starts.size() > static_cast<std::size_t>(options.max_windows)) {
    std::vector<data::WindowStart> spaced;
    const auto cap = static_cast<std::size_t>(options.max_windows);
    for (std::size_t i = 0; i < cap; ++i) spaced.push_back(starts[i * starts.size() / cap]);
    starts = std::move(spaced);
  }
  const auto rows = static_cast<std::size_t>(options.batch_size);
  c10::InferenceMode inference;
  for (std::size_t first = 0; first < starts.size(); first += rows) {
    const data::Batch batch = sampler.batch(starts, first, rows);
    torch::Tensor examples =
        torch::tensor(batch.ids, torch::kInt64)
            .reshape({static_cast<std::int64_t>(batch.rows), static_cast<std::int64_t>(length)})
            .to(device);
    auto [logits, targets] = loaded.model->next_token_predictions(examples);
    // Per window: predictions are laid out window by window.
    torch::Tensor nats = torch::nn::functional::cross_entropy(
        logits, targets, torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kNone));
    torch::Tensor correct = logits.argmax(1).eq(targets).to(torch::kFloat64);
    const std::int64_t per_window = nats.size(0) / static_cast<std::int64_t>(batch.rows);
    nats = nats.to(torch::kCPU, torch::kFloat64).reshape({-1, per_window}).sum(1);
    correct = correct.to(torch::kCPU).reshape({-1, per_window}).sum(1);
    for (std::size_t r = 0; r < batch.rows; ++r) {
      const data::WindowStart& start = starts[first + r];
      const double window_nats = nats[static_cast<std::int64_t>(r)].item<double>();
      const double window_correct = correct[static_cast<std::int64_t>(r)].item<double>();
      for (CeSums* sums : {&result.all, prefix ? &result.genres[*tokens::genre_of_token(vocab.token(
                                                     sequences[start.sequence].front()))]
                                               : nullptr}) {
        if (!sums) continue;
        ++sums->windows;
        sums->predictions += static_cast<double>(per_window);
        sums->nats += window_nats;
        sums->correct += window_correct;
      }
    }
  }
  return result;
}

std::string format_corpus_ce(const CorpusCe& ce) {
  std::string text = "model " + ce.model + "\ncorpus " + ce.corpus + " (" + ce.selection + ")\n";
  char line[256];
  std::snprintf(
      line, sizeof line,
      "documents %zu (%zu shorter than one window of %lld tokens); %zu of the corpus set aside "
      "(tokens outside the vocabulary)\n",
      ce.documents, ce.too_short, static_cast<long long>(ce.window + 1), ce.set_aside.size());
  text += line;
  const auto row = [&](const std::string& name, const CeSums& s) {
    std::snprintf(line, sizeof line, "%-10s %8zu %12.0f %10.4f %10.2f %9.4f\n", name.c_str(),
                  s.windows, s.predictions, s.cross_entropy(), std::exp(s.cross_entropy()),
                  s.accuracy());
    text += line;
  };
  std::snprintf(line, sizeof line, "%-10s %8s %12s %10s %10s %9s\n", "", "windows", "tokens",
                "CE (nats)", "perplexity", "accuracy");
  text += line;
  row("all", ce.all);
  for (const auto& [genre, sums] : ce.genres) row(genre, sums);
  return text;
}

std::string corpus_ce_json(const CorpusCe& ce) {
  const auto sums = [](const CeSums& s) {
    return nlohmann::json{{"windows", s.windows},
                          {"tokens", s.predictions},
                          {"cross_entropy", s.cross_entropy()},
                          {"perplexity", std::exp(s.cross_entropy())},
                          {"accuracy", s.accuracy()}};
  };
  nlohmann::json j = sums(ce.all);
  j["model"] = ce.model;
  j["corpus"] = ce.corpus;
  j["selection"] = ce.selection;
  j["documents"] = ce.documents;
  j["documents_too_short"] = ce.too_short;
  j["documents_set_aside"] = ce.set_aside.size();
  j["window"] = ce.window;
  if (!ce.genres.empty()) {
    j["genres"] = nlohmann::json::object();
    for (const auto& [genre, s] : ce.genres) j["genres"][genre] = sums(s);
  }
  return j.dump(2) + "\n";
}

}  // namespace cadenza::train
