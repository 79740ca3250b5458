// Damaged and crafted classifier files (issue 18, causes 7 and 8): every one fails to load with
// one error naming the file; none crashes or predicts silently.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>

#include "classify/classifier.h"
#include "classify/model_factory.h"
#include "classify/training.h"
#include "common/checksum.h"
#include "test_data.h"

namespace cadenza::classify {
namespace {
using testing::gtzan_csv;
using testing::TempDir;
using testing::write_text;

constexpr std::size_t kPayloadStart = 8 + 4 + 8 + 8;  // magic, version, size, checksum

std::string read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::string load_error(const std::string& bytes) {
  try {
    Classifier::load_bytes(bytes, "m.cdz");
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

// Writes an int64 into the payload and fixes the checksum: what a crafted file looks like.
std::string forge(std::string bytes, std::size_t offset, std::int64_t value) {
  std::memcpy(&bytes[offset], &value, sizeof value);
  const std::uint64_t checksum = fnv1a64(bytes.substr(kPayloadStart));
  std::memcpy(&bytes[20], &checksum, sizeof checksum);
  return bytes;
}

std::string trained(const std::string& kind) {
  TempDir dir;
  write_text(dir / "f.csv", gtzan_csv({"jazz", "rock", "pop"}, 6));
  TrainOptions options;
  options.kind = kind;
  train_and_evaluate(read_feature_csv(dir / "f.csv"), options).classifier.save(dir / "m.cdz");
  return read_bytes(dir / "m.cdz");
}

TEST(HostileModelFile, ForgedKnnLabelIsRefused) {
  const std::string good = trained("knn");
  ASSERT_EQ(load_error(good), "");
  // The KNN payload ends with its training labels: the last one becomes 1e8, then -1.
  for (std::int64_t label : {std::int64_t{100000000}, std::int64_t{-1}}) {
    const std::string error = load_error(forge(good, good.size() - 8, label));
    EXPECT_NE(error.find("m.cdz: byte"), std::string::npos) << error;
    EXPECT_NE(error.find("knn training label " + std::to_string(label) + " outside [0, 3)"),
              std::string::npos)
        << error;
  }
}

TEST(HostileModelFile, ForgedSvmClassOffsetIsRefused) {
  const std::string good = trained("svm");
  ASSERT_EQ(load_error(good), "");
  // The SVM payload ends with its class offsets 0, a, b, n: a becomes +-1e8.
  for (std::int64_t offset : {std::int64_t{100000000}, std::int64_t{-100000000}}) {
    const std::string error = load_error(forge(good, good.size() - 24, offset));
    EXPECT_NE(error.find("svm class offsets out of order"), std::string::npos) << error;
  }
}

TEST(HostileModelFile, EverySingleBitFlipIsRefused) {
  const std::string good = trained("svm");
  std::size_t refused = 0, flips = 0;
  for (std::size_t bit = 0; bit < good.size() * 8; bit += 13) {  // ~1/13 of the bits
    std::string bad = good;
    bad[bit / 8] = static_cast<char>(bad[bit / 8] ^ (1 << (bit % 8)));
    ++flips;
    if (!load_error(bad).empty()) ++refused;
  }
  EXPECT_GT(flips, 100u);
  EXPECT_EQ(refused, flips);  // the checksum catches what the field checks cannot
}

TEST(HostileModelFile, FlipInThePayloadFailsTheChecksum) {
  std::string bad = trained("nb");
  bad[kPayloadStart + 40] = static_cast<char>(bad[kPayloadStart + 40] ^ 0x10);
  EXPECT_NE(load_error(bad).find("m.cdz: the model fails its checksum"), std::string::npos);
}

TEST(HostileModelFile, TruncatedFileSaysSo) {
  const std::string good = trained("nb");
  const std::string error = load_error(good.substr(0, good.size() - 5));
  EXPECT_NE(error.find("the file holds " + std::to_string(good.size() - kPayloadStart - 5) +
                       " (truncated file)"),
            std::string::npos)
      << error;
}

TEST(HostileModelFile, ForgedNonFiniteParameterIsRefused) {
  const std::string good = trained("svm");
  // The SVM payload ends with rho (3 doubles for 3 classes), then the offset count and the 4
  // class offsets: the last rho becomes NaN.
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::int64_t bits;
  std::memcpy(&bits, &nan, sizeof bits);
  const std::string error = load_error(forge(good, good.size() - 5 * 8 - 8, bits));
  EXPECT_NE(error.find("non-finite value in svm rho"), std::string::npos) << error;
}

TEST(HostileHyperParameters, NonFiniteValuesAreRejected) {
  const auto error_of = [](auto change) {
    ModelOptions options;
    change(options);
    try {
      validate_model_options(options);
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  const double nan = std::numeric_limits<double>::quiet_NaN(), inf = INFINITY;
  EXPECT_NE(error_of([&](ModelOptions& o) { o.svm_gamma = nan; }).find("--svm-gamma"),
            std::string::npos);
  EXPECT_NE(error_of([&](ModelOptions& o) { o.svm_gamma = inf; }).find("--svm-gamma"),
            std::string::npos);
  EXPECT_NE(error_of([&](ModelOptions& o) { o.svm_c = nan; }).find("--svm-c"), std::string::npos);
  EXPECT_NE(error_of([&](ModelOptions& o) { o.svm_c = -1; }).find("--svm-c"), std::string::npos);
  EXPECT_NE(error_of([&](ModelOptions& o) { o.mlp_dropout = nan; }).find("dropout"),
            std::string::npos);
  EXPECT_EQ(error_of([](ModelOptions&) {}), "");  // the defaults are valid
  EXPECT_THROW(make_model("svm",
                          [] {
                            ModelOptions o;
                            o.svm_gamma = std::numeric_limits<double>::quiet_NaN();
                            return o;
                          }()),
               std::invalid_argument);
}

TEST(HostileFeaturesCsv, ByteOrderMarkIsAccepted) {
  TempDir dir;
  write_text(dir / "bom.csv", "\xEF\xBB\xBF" + gtzan_csv({"jazz", "rock"}, 5));
  const FeatureTable table = read_feature_csv(dir / "bom.csv");
  EXPECT_EQ(table.x.rows(), 10);
  EXPECT_EQ(table.filenames.front(), "jazz.00010.wav");
}

TEST(HostileFeaturesCsv, BinaryFileIsRefusedOnItsFirstLine) {
  TempDir dir;
  write_text(dir / "zeros.csv", std::string(1 << 20, '\0'));
  try {
    read_feature_csv(dir / "zeros.csv");
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(
        std::string(e.what()).find("zeros.csv:1: binary data (NUL bytes), not a features CSV"),
        std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace cadenza::classify
