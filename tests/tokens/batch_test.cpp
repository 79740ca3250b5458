#include "tokens/batch.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>

#include "midi_bytes.h"

namespace fs = std::filesystem;
using cadenza::testing::smf;
using cadenza::testing::TrackBytes;

namespace {
void write_bytes(const fs::path& path, const std::vector<std::uint8_t>& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()),
             static_cast<std::streamsize>(bytes.size()));
}

std::vector<std::uint8_t> one_note(int pitch) {
  TrackBytes t;
  t.note_on(0, 0, pitch).note_off(480, 0, pitch).end();
  return smf(1, 480, {t});
}
}  // namespace

TEST(Batch, FindsMidiFilesRecursivelyInSortedOrderAndKeepsGoingAfterAFailure) {
  const fs::path dir = fs::temp_directory_path() / "cadenza_batch_test";
  fs::remove_all(dir);
  write_bytes(dir / "b.mid", one_note(62));
  write_bytes(dir / "a" / "x.MIDI", one_note(60));
  write_bytes(dir / "c.Kar", one_note(64));
  write_bytes(dir / "broken.mid", {'j', 'u', 'n', 'k'});
  write_bytes(dir / "notes.txt", {'C', '4'});

  const auto inputs = cadenza::tokens::collect_midi_files({dir});
  ASSERT_EQ(inputs.size(), 4u);
  EXPECT_EQ(inputs[0].name, "a/x.MIDI");
  EXPECT_EQ(inputs[1].name, "b.mid");
  EXPECT_EQ(inputs[2].name, "broken.mid");
  EXPECT_EQ(inputs[3].name, "c.Kar");

  for (unsigned threads : {1u, 3u}) {
    std::atomic<std::size_t> callbacks{0};
    const auto results = cadenza::tokens::tokenize_files(
        inputs, threads, [&](const cadenza::tokens::FileTokens&) { ++callbacks; });
    ASSERT_EQ(results.size(), 4u);
    EXPECT_EQ(results[0].tokens, std::vector<std::string>{"C4"});
    EXPECT_EQ(results[1].tokens, std::vector<std::string>{"D4"});
    EXPECT_NE(results[2].error.find("broken.mid: byte 0"), std::string::npos) << results[2].error;
    EXPECT_EQ(results[3].tokens, std::vector<std::string>{"E4"});
    EXPECT_EQ(callbacks, 4u);
  }
  EXPECT_THROW(cadenza::tokens::collect_midi_files({dir / "missing"}), std::runtime_error);
  fs::remove_all(dir);
}
