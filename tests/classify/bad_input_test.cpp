// Each kind of bad input fails with one clear message naming the file and what is wrong.
#include <gtest/gtest.h>

#include <fstream>

#include "classify/classifier.h"
#include "classify/prediction.h"
#include "classify/training.h"
#include "test_data.h"

namespace cadenza::classify {
namespace {

using testing::gtzan_csv;
using testing::TempDir;
using testing::write_text;

// Runs `action` and returns the message of the std::exception it throws ("" when none).
template <typename Action>
std::string error_of(Action action) {
  try {
    action();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

std::string replace_first(std::string text, const std::string& from, const std::string& to) {
  text.replace(text.find(from), from.size(), to);
  return text;
}

TEST(FeatureCsv, ReadsTheGtzanLayout) {
  TempDir dir;
  write_text(dir / "f.csv", gtzan_csv({"jazz", "rock"}, 6));
  const FeatureTable table = read_feature_csv(dir / "f.csv");
  EXPECT_EQ(table.x.rows(), 12);
  EXPECT_EQ(table.x.cols(), 57);
  EXPECT_EQ(table.columns, cadenza::gtzan::feature_columns());
  EXPECT_EQ(table.segment_seconds, 30);
  EXPECT_EQ(table.labels.front(), "jazz");
  EXPECT_EQ(table.lines.front(), 2);
}

TEST(FeatureCsv, MissingColumn) {
  TempDir dir;
  write_text(dir / "f.csv",
             replace_first(gtzan_csv({"jazz", "rock"}, 6), "rms_var", "rms_variance"));
  const std::string error = error_of([&] { read_feature_csv(dir / "f.csv"); });
  EXPECT_NE(error.find("f.csv:1: missing feature column 'rms_var'"), std::string::npos) << error;
}

TEST(FeatureCsv, ExtraColumn) {
  TempDir dir;
  std::string csv = gtzan_csv({"jazz", "rock"}, 6);
  csv = replace_first(csv, ",label\n", ",loudness,label\n");
  // every data row gains a field before its label
  std::string out;
  std::size_t start = csv.find('\n') + 1;
  out = csv.substr(0, start);
  while (start < csv.size()) {
    const std::size_t end = csv.find('\n', start);
    std::string line = csv.substr(start, end - start);
    const std::size_t last = line.rfind(',');
    out += line.substr(0, last) + ",1.0" + line.substr(last) + "\n";
    start = end + 1;
  }
  write_text(dir / "f.csv", out);
  const std::string error = error_of([&] { read_feature_csv(dir / "f.csv"); });
  EXPECT_NE(error.find("unexpected column 'loudness'"), std::string::npos) << error;
}

TEST(FeatureCsv, ShortRow) {
  TempDir dir;
  std::string csv = gtzan_csv({"jazz", "rock"}, 6);
  csv += "jazz.00099.wav,661794,1.0,jazz\n";
  write_text(dir / "f.csv", csv);
  const std::string error = error_of([&] { read_feature_csv(dir / "f.csv"); });
  EXPECT_NE(error.find("f.csv:14: expected 60 fields, found 4"), std::string::npos) << error;
}

TEST(FeatureCsv, NotANumber) {
  TempDir dir;
  std::string csv = gtzan_csv({"jazz", "rock"}, 6);
  // The third line's first feature (chroma_stft_mean) becomes NaN.
  std::size_t line3 = csv.find('\n', csv.find('\n') + 1) + 1;
  std::size_t field = csv.find(',', csv.find(',', line3) + 1) + 1;
  csv.replace(field, csv.find(',', field) - field, "nan");
  write_text(dir / "f.csv", csv);
  const std::string error = error_of([&] { read_feature_csv(dir / "f.csv"); });
  EXPECT_NE(error.find("f.csv:3: column 'chroma_stft_mean': nan (NaN"), std::string::npos) << error;
}

TEST(FeatureCsv, UnknownLabel) {
  TempDir dir;
  std::string csv = gtzan_csv({"jazz", "rock"}, 6);
  csv.replace(csv.rfind(",rock\n"), 6, ",rokc\n");
  write_text(dir / "f.csv", csv);
  const std::string error = error_of([&] { read_feature_csv(dir / "f.csv"); });
  EXPECT_NE(error.find("f.csv:13: unknown label 'rokc'"), std::string::npos) << error;
  ReadOptions any;
  any.any_labels = true;
  EXPECT_EQ(read_feature_csv(dir / "f.csv", any).labels.back(), "rokc");
}

TEST(FeatureCsv, MixedSegmentLengths) {
  TempDir dir;
  std::string csv = gtzan_csv({"jazz", "rock"}, 6);
  csv = replace_first(csv, "rock.00010.wav,661794", "rock.00010.wav,66149");
  write_text(dir / "f.csv", csv);
  const std::string error = error_of([&] { read_feature_csv(dir / "f.csv"); });
  EXPECT_NE(error.find("f.csv:8: a 3 s row in a file of 30 s rows"), std::string::npos) << error;
}

TEST(Training, TooFewRowsPerClass) {
  TempDir dir;
  write_text(dir / "f.csv", gtzan_csv({"jazz", "rock"}, 4));
  const FeatureTable table = read_feature_csv(dir / "f.csv");
  const std::string error = error_of([&] { train_and_evaluate(table, TrainOptions{}); });
  EXPECT_NE(error.find("too few rows for class 'jazz': 4 (at least 5"), std::string::npos) << error;
}

TEST(Training, SplitFileNamingAnUnknownRow) {
  TempDir dir;
  write_text(dir / "f.csv", gtzan_csv({"jazz", "rock"}, 6));
  write_text(dir / "test.txt", "jazz.00010.wav\nblues.00001.wav\n");
  const FeatureTable table = read_feature_csv(dir / "f.csv");
  TrainOptions options;
  options.protocol = parse_protocol("split:" + (dir / "test.txt").string());
  const std::string error = error_of([&] { train_and_evaluate(table, options); });
  EXPECT_NE(error.find("test.txt:2: 'blues.00001.wav' is not a row of"), std::string::npos)
      << error;
  EXPECT_NE(error_of([] {
              parse_protocol("random");
            }).find("expected paper, by-song, by-block, by-block:<first test clip> or split:"),
            std::string::npos);
}

class ModelFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    write_text(dir / "f.csv", gtzan_csv({"jazz", "rock", "pop"}, 6));
    TrainOptions options;
    options.kind = "nb";
    TrainSummary result = train_and_evaluate(read_feature_csv(dir / "f.csv"), options);
    EXPECT_EQ(result.evaluation.accuracy, 1.0);
    result.classifier.save(dir / "clf.cdz");
  }
  TempDir dir;
};

TEST_F(ModelFiles, SaveLoadGivesIdenticalProbabilities) {
  const Classifier loaded = Classifier::load(dir / "clf.cdz");
  EXPECT_EQ(loaded.kind(), "nb");
  EXPECT_EQ(loaded.segment_seconds, 30);
  EXPECT_EQ(loaded.labels, (std::vector<std::string>{"jazz", "pop", "rock"}));
  const FeatureTable table = read_features_for(loaded, dir / "f.csv");
  const Prediction prediction = predict_table(loaded, table);
  EXPECT_EQ(prediction.accuracy, 1.0);
  EXPECT_NEAR(prediction.mean.sum(), 1.0, 1e-12);
}

TEST_F(ModelFiles, NotAModelFile) {
  write_text(dir / "other.cdz", "PK\x03\x04 a zip file, say a torch checkpoint");
  const std::string error = error_of([&] { Classifier::load(dir / "other.cdz"); });
  EXPECT_NE(error.find("other.cdz: not a cadenza genre classifier"), std::string::npos) << error;
}

TEST_F(ModelFiles, AnotherFormatVersion) {
  std::fstream file(dir / "clf.cdz", std::ios::in | std::ios::out | std::ios::binary);
  file.seekp(8);
  const std::uint32_t version = kClassifierFormatVersion + 1;
  file.write(reinterpret_cast<const char*>(&version), sizeof version);
  file.close();
  const std::string error = error_of([&] { Classifier::load(dir / "clf.cdz"); });
  EXPECT_NE(error.find("classifier format version 3, this cadenza reads version 2"),
            std::string::npos)
      << error;
}

TEST_F(ModelFiles, AnotherKind) {
  const std::string error = error_of([&] { Classifier::load(dir / "clf.cdz", "svm"); });
  EXPECT_NE(error.find("clf.cdz: a 'nb' model, expected 'svm'"), std::string::npos) << error;
}

TEST_F(ModelFiles, TruncatedFile) {
  std::filesystem::resize_file(dir / "clf.cdz", std::filesystem::file_size(dir / "clf.cdz") - 5);
  const std::string error = error_of([&] { Classifier::load(dir / "clf.cdz"); });
  EXPECT_NE(error.find("(truncated file)"), std::string::npos) << error;
}

TEST_F(ModelFiles, FeaturesOfAnotherSegmentLength) {
  write_text(dir / "short.csv", gtzan_csv({"jazz", "rock"}, 2, 66149));
  const Classifier loaded = Classifier::load(dir / "clf.cdz");
  const std::string error = error_of([&] { read_features_for(loaded, dir / "short.csv"); });
  EXPECT_NE(error.find("features of 3 s segments, but the model was trained on 30 s segments"),
            std::string::npos)
      << error;
}

TEST_F(ModelFiles, LabelTheModelDoesNotKnow) {
  write_text(dir / "blues.csv", gtzan_csv({"jazz", "blues"}, 2));
  const Classifier loaded = Classifier::load(dir / "clf.cdz");
  const std::string error = error_of([&] { read_features_for(loaded, dir / "blues.csv"); });
  EXPECT_NE(error.find("blues.csv:4: unknown label 'blues'"), std::string::npos) << error;
}

}  // namespace
}  // namespace cadenza::classify
