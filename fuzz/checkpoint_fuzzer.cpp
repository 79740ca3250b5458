// libFuzzer target: the VAE checkpoint loader up to the torch archive: the container
// (model::read_checkpoint_file: magic, section table, sizes, FNV-1a checksums), the model
// config JSON (model_config_from_json + validate) and the vocabulary, as model::load_model reads
// them. The "weights" bytes are handed to libtorch's own archive reader, which is not fuzzed
// here (it is protected by the section checksum). Like the classifier target, an input is
// wrapped by default: its bytes become a "config" section followed by "vocab" text after the
// first NUL, with valid checksums; an input starting with 'R' is read raw. Anything but
// std::runtime_error / std::invalid_argument (what load_model turns into one message) is a
// finding.
#include <cstdint>
#include <stdexcept>
#include <string>

#include <sstream>

#include "common/checksum.h"
#include "fuzz_file.h"
#include "model/checkpoint_file.h"
#include "model/config.h"
#include "tokens/vocab.h"

using namespace cadenza;

namespace {

void put_u32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>(v >> (8 * i)));
}
void put_u64(std::string& out, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>(v >> (8 * i)));
}

std::string container(const std::string& config, const std::string& vocab) {
  std::string out = "CDZ1";
  put_u32(out, 2);
  for (const auto& [name, bytes] : {std::pair<std::string, std::string>{"config", config},
                                    std::pair<std::string, std::string>{"vocab", vocab}}) {
    put_u32(out, static_cast<std::uint32_t>(name.size()));
    out += name;
    put_u64(out, bytes.size());
    put_u64(out, fnv1a64(bytes));
    out += bytes;
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  std::string file;
  if (!input.empty() && input[0] == 'R') {
    file = input.substr(1);
  } else {
    const auto split = input.find('\0');
    file = container(input.substr(0, split),
                     split == std::string::npos ? "" : input.substr(split + 1));
  }
  const auto& path =
      fuzz::write_input(reinterpret_cast<const std::uint8_t*>(file.data()), file.size(), ".cdz");
  try {
    const model::CheckpointSections sections = model::read_checkpoint_file(path);
    const model::ModelConfig config =
        model::model_config_from_json(model::checkpoint_section(sections, "config", path));
    config.validate();
    std::vector<std::string> tokens;
    std::istringstream vocab_text(model::checkpoint_section(sections, "vocab", path));
    for (std::string line; std::getline(vocab_text, line);) tokens.push_back(line);
    const tokens::Vocab vocab(std::move(tokens));
    if (config.vocab_size <= 0 || config.window <= 0) fuzz::finding("validate let a bad config by");
  } catch (const std::runtime_error&) {
  } catch (const std::invalid_argument&) {
  }
  return 0;
}
