// A checkpoint whose weights are NaN (a diverged training, issue 18 cause 9) is refused at load
// with the tensor's name, instead of generating one token over and over with exit 0.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <limits>

#include "model/checkpoint_file.h"
#include "model/vae_model.h"

namespace cadenza::model {
namespace {
namespace fs = std::filesystem;

TEST(HostileCheckpoint, NonFiniteWeightsAreRefusedAtLoad) {
  const fs::path path =
      fs::temp_directory_path() / ("cadenza_nan_checkpoint_" + std::to_string(getpid()) + ".cdz");
  ModelConfig config = default_preset("vae-lstm");
  config.vocab_size = 3;
  config.window = 4;
  config.latent = 2;
  config.embedding = 4;
  config.encoder_hidden = config.decoder_hidden = 4;
  const auto write_with = [&](float value) {
    VaeModel net = make_model(config);
    {
      torch::NoGradGuard no_grad;
      net->named_parameters().begin()->value().view(-1)[0].fill_(value);
    }
    write_checkpoint_file(
        path,
        {{"config", to_json(config)}, {"vocab", "C4\nD4\nE4\n"}, {"weights", save_module(*net)}});
    return net->named_parameters().begin()->key();
  };
  for (float bad :
       {std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity()}) {
    const std::string name = write_with(bad);
    try {
      load_model(path, torch::kCPU);
      FAIL() << "loaded a checkpoint holding " << bad;
    } catch (const std::runtime_error& e) {
      EXPECT_NE(std::string(e.what()).find(path.string() + ": weight tensor '" + name +
                                           "' holds NaN or infinite values"),
                std::string::npos)
          << e.what();
    }
  }
  write_with(0.5f);
  EXPECT_NO_THROW(load_model(path, torch::kCPU));
  fs::remove(path);
}

}  // namespace
}  // namespace cadenza::model
