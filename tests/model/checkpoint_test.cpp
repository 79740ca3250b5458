#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "model/checkpoint_file.h"
#include "model/vae_model.h"

namespace cadenza::model {
namespace {
namespace fs = std::filesystem;

class CheckpointTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("cadenza_checkpoint_test_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  ModelConfig config(std::int64_t hidden) {
    ModelConfig c = default_preset("vae-lstm");
    c.vocab_size = 3;
    c.window = 4;
    c.latent = 2;
    c.embedding = 4;
    c.encoder_hidden = c.decoder_hidden = hidden;
    return c;
  }
  // A checkpoint holding `net` but claiming `claimed` as its config.
  fs::path write(VaeModelImpl& net, const ModelConfig& claimed) {
    fs::path path = dir_ / "model.cdz";
    write_checkpoint_file(
        path,
        {{"config", to_json(claimed)}, {"vocab", "C4\nD4\nE4\n"}, {"weights", save_module(net)}});
    return path;
  }
  fs::path dir_;
};

TEST_F(CheckpointTest, SaveAndLoadAreBitExact) {
  torch::manual_seed(5);
  VaeModel net = make_model(config(6));
  LoadedModel loaded = load_model(write(*net, config(6)), torch::kCPU);
  EXPECT_EQ(loaded.vocab.tokens(), (std::vector<std::string>{"C4", "D4", "E4"}));
  EXPECT_EQ(to_json(loaded.config), to_json(config(6)));
  auto original = net->named_parameters();
  auto restored = loaded.model->named_parameters();
  ASSERT_EQ(original.size(), restored.size());
  for (const auto& item : original)
    EXPECT_TRUE(torch::equal(item.value(), restored[item.key()])) << item.key();
}

TEST_F(CheckpointTest, CorruptTruncatedAndMismatchedFilesFailClearly) {
  VaeModel net = make_model(config(6));
  fs::path path = write(*net, config(6));
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  auto expect_error = [&](const std::string& content, const std::string& fragment) {
    {
      std::ofstream out(path, std::ios::binary | std::ios::trunc);
      out << content;
    }
    try {
      load_model(path, torch::kCPU);
      ADD_FAILURE() << "no error for " << fragment;
    } catch (const std::runtime_error& e) {
      EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find(path.string()), std::string::npos) << e.what();
    }
  };
  std::string flipped = bytes;
  flipped[bytes.size() - 10] ^= 0x55;
  expect_error(flipped, "checksum");
  expect_error(bytes.substr(0, bytes.size() / 2), "truncated");
  expect_error("hello", "not a cadenza checkpoint");
  // Weights of an 8-unit model under a config that says 6 units.
  VaeModel other = make_model(config(8));
  fs::path mismatched = write(*other, config(6));
  try {
    load_model(mismatched, torch::kCPU);
    ADD_FAILURE() << "no error for mismatched weights";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("do not match"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace cadenza::model
