#include "data/validation_list.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/shared_data.h"

namespace cadenza::data {
namespace {

namespace fs = std::filesystem;

fs::path write_list(const std::string& name, const std::string& text) {
  const fs::path path = fs::path(::testing::TempDir()) / name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

TEST(ValidationList, CommentsAndBlankLinesAreSkipped) {
  const fs::path path = write_list(
      "list.txt", "# header\n\nwjazzd_solos/A.mid\r\n  # indented comment\n b/C D.mid \n");
  const ValidationList list = read_validation_list(path);
  ASSERT_EQ(list.entries.size(), 2u);
  EXPECT_EQ(list.entries[0].name, "wjazzd_solos/A.mid");
  EXPECT_EQ(list.entries[0].line, 3u);
  EXPECT_EQ(list.entries[1].name, "b/C D.mid");  // inner spaces belong to the name
  EXPECT_EQ(list.entries[1].line, 5u);
}

TEST(ValidationList, EntryMatchesWithOrWithoutItsCollection) {
  EXPECT_TRUE(validation_entry_matches("wjazzd_solos/A.mid", "A.mid"));
  EXPECT_TRUE(validation_entry_matches("wjazzd_solos/A.mid", "wjazzd_solos/A.mid"));
  EXPECT_TRUE(validation_entry_matches("wjazzd_solos/A.mid", "midi/wjazzd_solos/A.mid"));
  EXPECT_TRUE(validation_entry_matches("midkar/sub/B.mid", "sub/B.mid"));
  EXPECT_FALSE(validation_entry_matches("wjazzd_solos/A.mid", "AA.mid"));
  EXPECT_FALSE(validation_entry_matches("wjazzd_solos/A.mid", "other/A.mid"));
  EXPECT_FALSE(validation_entry_matches("wjazzd_solos/A.mid", "xwjazzd_solos/A.mid"));
  EXPECT_FALSE(validation_entry_matches("wjazzd_solos/A.mid", "A"));
}

TEST(ValidationList, MarksTheMatchingDocuments) {
  const ValidationList list = read_validation_list(write_list("marks.txt", "c1/A.mid\nc2/B.mid\n"));
  const std::vector<bool> marks =
      mark_validation_documents(list, {"A.mid", "C.mid", "c2/B.mid", "AB.mid"});
  EXPECT_EQ(marks, (std::vector<bool>{true, false, true, false}));
}

TEST(ValidationList, AnEntryThatMatchesNothingNamesTheListAndLine) {
  const ValidationList list =
      read_validation_list(write_list("missing.txt", "# x\nc1/A.mid\nc1/Gone.mid\n"));
  try {
    mark_validation_documents(list, {"A.mid"}, "corpus.txt");
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("missing.txt:3: 'c1/Gone.mid' matches no document of corpus.txt"),
              std::string::npos)
        << message;
  }
}

TEST(ValidationList, BadFilesAreRefusedWithTheirName) {
  EXPECT_THROW(read_validation_list(fs::path(::testing::TempDir()) / "no-such-list.txt"),
               std::runtime_error);
  const fs::path empty = write_list("empty.txt", "# only a comment\n\n");
  try {
    read_validation_list(empty);
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("empty.txt: no entry"), std::string::npos) << e.what();
  }
  const fs::path binary = write_list("binary.txt", std::string("a.mid\nb\0c.mid\n", 14));
  try {
    read_validation_list(binary);
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("binary.txt:2: control character NUL"), std::string::npos)
        << e.what();
  }
}

TEST(ValidationList, TheJazzListHasOneEntryPerTenthFile) {
  const fs::path path = fs::path(CADENZA_SOURCE_DIR) / "docs/data/jazz_validation.txt";
  const ValidationList list = read_validation_list(path);
  ASSERT_EQ(list.entries.size(), 106u);
  EXPECT_EQ(list.entries.front().name, "wjazzd_solos/ArtPepper_Stardust-2_FINAL.mid");
}

}  // namespace
}  // namespace cadenza::data
