// Tables of token feature columns ("tokens.<span>.<name>", the token genre judge): read without
// a segment length, refused when mixed with GTZAN columns, saved and loaded with segment 0.
#include <gtest/gtest.h>

#include "classify/classifier.h"
#include "classify/model_factory.h"
#include "classify/training.h"
#include "test_data.h"

namespace cadenza::classify {
namespace {

using testing::TempDir;
using testing::write_text;

TEST(TokenColumns, ATableOfTokenColumnsHasNoSegmentLength) {
  TempDir dir;
  write_text(dir / "tokens.csv",
             "filename,length,tokens.first32.a,tokens.first32.b,label\n"
             "x/1.mid,32,0.25,1,folk\n"
             "x/2.mid,32,0.5,2,pop\n");
  ReadOptions read;
  read.any_labels = true;
  const FeatureTable table = read_feature_csv(dir / "tokens.csv", read);
  EXPECT_EQ(table.columns, (std::vector<std::string>{"tokens.first32.a", "tokens.first32.b"}));
  EXPECT_EQ(table.segment_seconds, 0);
  EXPECT_EQ(table.x(1, 0), 0.5);
  EXPECT_EQ(table.labels, (std::vector<std::string>{"folk", "pop"}));
  EXPECT_TRUE(are_token_columns(table.columns));
  EXPECT_FALSE(are_token_columns({"tokens.first32.a", "tempo"}));
  EXPECT_FALSE(are_token_columns({"tokens."}));
  EXPECT_FALSE(are_token_columns({}));
}

TEST(TokenColumns, MixedWithGtzanColumnsIsRefused) {
  TempDir dir;
  write_text(dir / "mixed.csv", "filename,length,tokens.first32.a,tempo,label\nx,32,1,2,folk\n");
  try {
    read_feature_csv(dir / "mixed.csv");
    ADD_FAILURE() << "a table of token and GTZAN columns was read";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("mixed.csv:1: "), std::string::npos) << e.what();
  }
}

Classifier two_class_model(const std::vector<std::string>& columns, int segment_seconds) {
  Matrix x(4, 2);
  x << 0, 0, 0, 1, 5, 5, 5, 6;
  Classifier c;
  c.labels = {"folk", "pop"};
  c.columns = columns;
  c.segment_seconds = segment_seconds;
  c.scaler.fit(x);
  c.pca.fit(c.scaler.transform(x));
  c.model = make_model("logreg", {});
  c.model->fit(c.preprocess(x), {0, 0, 1, 1}, 2);
  return c;
}

TEST(TokenColumns, AModelOnTokenColumnsLoadsWithSegmentZero) {
  TempDir dir;
  two_class_model({"tokens.all.a", "tokens.all.b"}, 0).save(dir / "tokens.cdz");
  const Classifier loaded = Classifier::load(dir / "tokens.cdz");
  EXPECT_EQ(loaded.segment_seconds, 0);
  EXPECT_EQ(loaded.columns, (std::vector<std::string>{"tokens.all.a", "tokens.all.b"}));
  Matrix row(1, 2);
  row << 5, 6;
  EXPECT_EQ(loaded.predict(row), (Labels{1}));
  // Segment 0 is only for token columns: an audio model must say 3 or 30 s.
  two_class_model({"tempo", "rms_mean"}, 0).save(dir / "audio.cdz");
  try {
    Classifier::load(dir / "audio.cdz");
    ADD_FAILURE() << "an audio model without a segment length was loaded";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("audio.cdz"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("inconsistent classifier header"), std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace cadenza::classify
