// Many files through tokenize_in_order(): results come back in input order whatever the threads
// and window size, a bad file carries its error and the others go on.
#include "tokens/miditok_batch.h"

#include <gtest/gtest.h>

#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <string>

#include "midi_bytes.h"

namespace {

using namespace cadenza::tokens;
using namespace cadenza::tokens::miditok;
namespace fs = std::filesystem;

TEST(MidiTokBatch, ResultsComeInInputOrderWithErrorsKept) {
  const fs::path dir = fs::temp_directory_path() / ("cadenza-batch-" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::vector<MidiInput> inputs;
  for (int i = 0; i < 7; ++i) {
    const fs::path path = dir / ("f" + std::to_string(i) + ".mid");
    std::ofstream out(path, std::ios::binary);
    if (i == 3) {
      out << "not a MIDI file";
    } else {
      cadenza::testing::TrackBytes t;
      t.note_on(0, 0, 40 + i, 64).note_off(480, 0, 40 + i).end();
      const auto bytes = cadenza::testing::smf(1, 480, {t});
      out.write(reinterpret_cast<const char*>(bytes.data()),
                static_cast<std::streamsize>(bytes.size()));
    }
    inputs.push_back({path, path.filename().string()});
  }
  std::vector<std::string> seen;
  std::size_t done = 0;
  tokenize_in_order(
      inputs, Scheme::Tsd, 2,
      [&](const FileResult& r) {
        seen.push_back(r.input.name);
        if (r.input.name == "f3.mid") {
          EXPECT_NE(r.error.find("f3.mid"), std::string::npos) << r.error;
          return;
        }
        EXPECT_TRUE(r.error.empty()) << r.error;
        const int pitch = 40 + (r.input.name[1] - '0');
        EXPECT_EQ(token_texts(r.tokenization.tokens)[3], "Pitch_" + std::to_string(pitch));
      },
      [&](const FileResult&) { ++done; }, 2);
  const std::vector<std::string> expected = {"f0.mid", "f1.mid", "f2.mid", "f3.mid",
                                             "f4.mid", "f5.mid", "f6.mid"};
  EXPECT_EQ(seen, expected);
  EXPECT_EQ(done, 7u);
  fs::remove_all(dir);
}

}  // namespace
