#include "train/training_checkpoint.h"

#include <algorithm>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <string>

namespace cadenza::train {
namespace {

std::string save_optimizer(torch::optim::Optimizer& optimizer) {
  torch::serialize::OutputArchive archive;
  optimizer.save(archive);
  std::ostringstream out;
  archive.save_to(out);
  return out.str();
}

void load_optimizer(torch::optim::Optimizer& optimizer, const std::string& bytes,
                    const torch::Device& device) {
  std::istringstream in(bytes);
  torch::serialize::InputArchive archive;
  archive.load_from(in, device);
  optimizer.load(archive);
}

std::string save_torch_rng() {
  auto generator = at::detail::getDefaultCPUGenerator();
  std::lock_guard<std::mutex> lock(generator.mutex());
  torch::Tensor state = generator.get_state();
  return std::string(static_cast<const char*>(state.data_ptr()),
                     static_cast<std::size_t>(state.numel()));
}

void load_torch_rng(const std::string& bytes) {
  auto generator = at::detail::getDefaultCPUGenerator();
  std::lock_guard<std::mutex> lock(generator.mutex());
  torch::Tensor state = torch::empty({static_cast<std::int64_t>(bytes.size())}, torch::kUInt8);
  std::copy(bytes.begin(), bytes.end(), static_cast<char*>(state.data_ptr()));
  generator.set_state(state);
}

}  // namespace

void write_training_checkpoint(const std::filesystem::path& path, const model::ModelConfig& config,
                               const tokens::Vocab& vocab, model::VaeModelImpl& net,
                               torch::optim::Optimizer& optimizer, const TrainOptions& options,
                               const TrainingState& state, bool for_resume) {
  std::string vocab_text;
  for (const auto& t : vocab.tokens()) vocab_text += t + '\n';
  model::CheckpointSections sections = {{"config", model::to_json(config)},
                                        {"vocab", vocab_text},
                                        {"training", training_section(state, options).dump()},
                                        {"weights", model::save_module(net)}};
  if (for_resume) {  // the best checkpoint is for generation: no optimizer state (2/3 of it)
    sections["optimizer"] = save_optimizer(optimizer);
    sections["torch_rng"] = save_torch_rng();
  }
  model::write_checkpoint_file(path, sections);
}

void restore_training_state(const model::CheckpointSections& checkpoint,
                            const std::filesystem::path& path, const torch::Device& device,
                            model::VaeModelImpl& net, torch::optim::Optimizer& optimizer,
                            const std::string& data_rng_text, std::mt19937_64& data_rng) {
  try {
    model::load_module(net, model::checkpoint_section(checkpoint, "weights", path), device);
    load_optimizer(optimizer, model::checkpoint_section(checkpoint, "optimizer", path), device);
  } catch (const std::exception& e) {
    std::string what = e.what();
    throw std::runtime_error(
        path.string() + ": cannot restore the training state: " + what.substr(0, what.find('\n')));
  }
  load_torch_rng(model::checkpoint_section(checkpoint, "torch_rng", path));
  std::istringstream(data_rng_text) >> data_rng;
}

void initialise_from_checkpoint(model::VaeModelImpl& net, const std::filesystem::path& path,
                                const tokens::Vocab& vocab) {
  const model::CheckpointSections sections = model::read_checkpoint_file(path);
  const model::ModelConfig old_config =
      model::model_config_from_json(model::checkpoint_section(sections, "config", path));
  model::ModelConfig same = old_config;
  same.vocab_size = net.config().vocab_size;
  if (model::to_json(same) != model::to_json(net.config()))
    throw std::runtime_error(path.string() +
                             ": --init-from needs a model of the same kind and size (only the "
                             "vocabulary may grow); it holds " +
                             model::to_json(old_config));
  const tokens::Vocab old_vocab = model::checkpoint_vocab(sections, path);
  const auto old_size = static_cast<std::int64_t>(old_vocab.size());
  for (std::int64_t id = 0; id < old_size; ++id)
    if (id >= static_cast<std::int64_t>(vocab.size()) || vocab.token(id) != old_vocab.token(id))
      throw std::runtime_error(path.string() +
                               ": its vocabulary is not the start of the new one (token " +
                               std::to_string(id) + " is " + old_vocab.token(id) + ")");
  model::VaeModel old = model::make_model(old_config);
  model::load_module(*old, model::checkpoint_section(sections, "weights", path), torch::kCPU);
  torch::NoGradGuard no_grad;
  const auto old_parameters = old->named_parameters();
  for (auto& item : net.named_parameters()) {
    const torch::Tensor* source = old_parameters.find(item.key());
    if (!source) throw std::runtime_error(path.string() + ": has no parameter " + item.key());
    torch::Tensor target = item.value();
    if (source->sizes() == target.sizes())
      target.copy_(*source);
    else if (source->dim() == target.dim() && source->size(0) < target.size(0) &&
             source->sizes().slice(1) == target.sizes().slice(1))
      target.narrow(0, 0, source->size(0)).copy_(*source);
    else
      throw std::runtime_error(path.string() + ": parameter " + item.key() + " has another shape");
  }
}

}  // namespace cadenza::train
