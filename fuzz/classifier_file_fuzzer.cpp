// libFuzzer target: the classifier file loader (Classifier::load_bytes). The checksum would
// stop nearly every mutation at the door, so by default the input is taken as the payload and
// wrapped in a valid header (magic, version, size, checksum): the fuzzer then exercises every
// field check of every model kind. An input starting with 'R' is loaded raw (header paths).
// Loading may only throw std::runtime_error; a loaded model must predict, for rows of its
// width, probabilities that sum to 1 or refuse non-finite ones with std::runtime_error.
#include <cmath>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>

#include "classify/classifier.h"
#include "common/checksum.h"
#include "fuzz_file.h"

using namespace cadenza;

namespace {

std::string with_header(const std::string& payload) {
  std::string file(classify::kClassifierMagic, 8);
  const std::uint32_t version = classify::kClassifierFormatVersion;
  const std::int64_t size = static_cast<std::int64_t>(payload.size());
  const std::uint64_t checksum = fnv1a64(payload);
  file.append(reinterpret_cast<const char*>(&version), 4);
  file.append(reinterpret_cast<const char*>(&size), 8);
  file.append(reinterpret_cast<const char*>(&checksum), 8);
  return file + payload;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const std::string bytes =
      !input.empty() && input[0] == 'R' ? input.substr(1) : with_header(input);
  classify::Classifier classifier;
  try {
    classifier = classify::Classifier::load_bytes(bytes, "fuzz.cdz");
  } catch (const std::runtime_error&) {
    return 0;
  }
  const auto columns = static_cast<Eigen::Index>(classifier.columns.size());
  classify::Matrix rows(2, columns);
  rows.row(0).setConstant(0.5);
  rows.row(1).setLinSpaced(-3.0, 7.0);
  classify::Matrix proba;
  try {
    proba = classifier.predict_proba(rows);
  } catch (const std::invalid_argument&) {
    fuzz::finding("a loaded model refused a row of its own width");
  } catch (const std::runtime_error&) {
    return 0;  // non-finite probabilities, refused with a message
  }
  if (proba.rows() != 2 || proba.cols() != static_cast<Eigen::Index>(classifier.labels.size()))
    fuzz::finding("probabilities of the wrong shape");
  for (Eigen::Index r = 0; r < 2; ++r)
    if (!proba.row(r).allFinite() || std::abs(proba.row(r).sum() - 1.0) > 1e-6)
      fuzz::finding("probabilities that are not a distribution");
  return 0;
}
