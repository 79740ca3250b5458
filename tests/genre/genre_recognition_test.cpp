#include "genre/genre_recognition.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace cadenza::genre {
namespace {

// A judge that reads the genre from the file name's first word ("jazz_1.mid" -> jazz) and fails
// on names starting with "broken".
class NameJudge : public PieceJudge {
 public:
  const std::vector<std::string>& labels() const override { return labels_; }
  std::string describe() const override { return "by name"; }
  std::string hears() const override { return "the file name"; }
  classify::Vector probabilities(const fs::path& midi) const override {
    const std::string name = midi.filename().string();
    if (name.rfind("broken", 0) == 0) throw std::runtime_error(midi.string() + ": broken");
    classify::Vector p = classify::Vector::Constant(3, 0.1);
    for (int i = 0; i < 3; ++i)
      if (name.rfind(labels_[static_cast<std::size_t>(i)], 0) == 0) p(i) = 0.8;
    return p;
  }

 private:
  std::vector<std::string> labels_ = {"folk", "jazz", "pop"};
};

TEST(GenreRecognition, WilsonIntervalMatchesTheTextbook) {
  // 7 of 10: [0.3968, 0.8922] (Wilson 1927; e.g. Newcombe 1998, table I).
  auto [low, high] = wilson_interval(7, 10);
  EXPECT_NEAR(low, 0.39678, 1e-5);
  EXPECT_NEAR(high, 0.89221, 1e-5);
  std::tie(low, high) = wilson_interval(0, 3);
  EXPECT_NEAR(low, 0.0, 1e-12);
  EXPECT_NEAR(high, 0.56150, 1e-5);
  std::tie(low, high) = wilson_interval(103, 103);
  EXPECT_NEAR(low, 0.96405, 1e-5);
  EXPECT_DOUBLE_EQ(high, 1.0);
  EXPECT_EQ(wilson_interval(0, 0), std::make_pair(0.0, 0.0));
}

TEST(GenreRecognition, RatesPerJudgeGenreAndGroup) {
  NameJudge judge;
  std::vector<RecognitionInput> inputs = {{"jazz",
                                           {"jazz_1.mid", "jazz_2.mid", "pop_3.mid", "broken.mid"},
                                           {"jazz_a.mid", "folk_b.mid"}},
                                          {"folk", {"folk_1.mid"}, {"folk_a.mid"}}};
  int done = 0;
  const RecognitionResult result =
      recognise_genres({{"names.cdz", &judge}}, inputs, 2, [&] { ++done; });
  EXPECT_EQ(done, 8);
  ASSERT_EQ(result.judges.size(), 1u);
  const JudgeReport& report = result.judges[0];
  ASSERT_EQ(report.cells.size(), 4u);
  // jazz real: 2 of the 3 judged (the broken file is left out), generated 1 of 2.
  EXPECT_EQ(report.cells[0].group, "real");
  EXPECT_EQ(report.cells[0].pieces, 3u);
  EXPECT_EQ(report.cells[0].recognised, 2u);
  EXPECT_EQ(report.cells[1].pieces, 2u);
  EXPECT_EQ(report.cells[1].recognised, 1u);
  EXPECT_DOUBLE_EQ(report.ratio.at("jazz"), 0.5 / (2.0 / 3.0));
  EXPECT_DOUBLE_EQ(report.ratio.at("folk"), 1.0);
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_NE(result.errors[0].find("names.cdz: broken.mid: broken"), std::string::npos);

  const std::string table = format_recognition(result, 0.9);
  EXPECT_NE(table.find("jazz     2/3 0.67"), std::string::npos) << table;
  EXPECT_NE(table.find("(below the target)"), std::string::npos);

  const fs::path csv = fs::temp_directory_path() / "cadenza_recognition_test.csv";
  write_recognition_csv(result, csv);
  std::ifstream in(csv);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_NE(text.str().find("names.cdz,jazz,generated,2,1,0.500000,"), std::string::npos)
      << text.str();
  fs::remove(csv);
}

TEST(GenreRecognition, RefusesAGenreAJudgeDoesNotKnow) {
  NameJudge judge;
  try {
    recognise_genres({{"names.cdz", &judge}}, {{"rock", {"a.mid"}, {"b.mid"}}}, 1);
    FAIL() << "no error";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "genre rock: not a genre of the judge names.cdz (folk, jazz, pop)");
  }
  EXPECT_THROW(recognise_genres({{"names.cdz", &judge}}, {{"jazz", {}, {"b.mid"}}}, 1),
               std::invalid_argument);
}

}  // namespace
}  // namespace cadenza::genre
