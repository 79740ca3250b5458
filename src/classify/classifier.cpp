#include "classify/classifier.h"

#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

#include "classify/feature_table.h"
#include "classify/model_factory.h"
#include "common/atomic_file.h"
#include "common/checksum.h"

namespace cadenza::classify {

Matrix Classifier::preprocess(const Matrix& raw) const {
  if (raw.cols() != static_cast<Eigen::Index>(columns.size()))
    throw std::invalid_argument("classifier: expected " + std::to_string(columns.size()) +
                                " feature columns, got " + std::to_string(raw.cols()));
  return pca.transform(scaler.transform(raw));
}

Matrix Classifier::predict_proba(const Matrix& raw) const {
  Matrix proba = model->predict_proba(preprocess(raw));
  // Finite parameters can still overflow on extreme rows (a crafted file with weights of
  // 1e300): an error, never "nan%".
  if (!proba.allFinite())
    throw std::runtime_error(
        "classifier: the model gives non-finite probabilities (a damaged "
        "model file, or features far outside the training range)");
  return proba;
}

Labels Classifier::predict(const Matrix& raw) const { return model->predict(preprocess(raw)); }

void Classifier::save(const std::filesystem::path& path) const {
  if (!model) throw std::logic_error("classifier: nothing to save, no model");
  std::ostringstream payload_stream;
  ArchiveWriter out(payload_stream);
  out.str(model->kind());
  out.i64(segment_seconds);
  out.strings(labels);
  out.strings(columns);
  scaler.save(out);
  pca.save(out);
  model->save(out);
  const std::string payload = payload_stream.str();
  write_file_atomically(path, [&](std::ostream& stream) {
    stream.write(kClassifierMagic, 8);
    ArchiveWriter header(stream);
    header.u32(kClassifierFormatVersion);
    header.i64(static_cast<std::int64_t>(payload.size()));
    header.i64(static_cast<std::int64_t>(fnv1a64(payload)));
    stream.write(payload.data(), static_cast<std::streamsize>(payload.size()));
  });
}

namespace {

constexpr std::size_t kHeaderBytes = 8 + 4 + 8 + 8;

std::string read_whole_file(const std::filesystem::path& path) {
  std::ifstream stream(path, std::ios::binary);
  if (!stream) throw std::runtime_error(path.string() + ": cannot open the model file");
  // The magic first: a foreign file (a 4 GB video given by mistake) is not read whole.
  std::string bytes(8, '\0');
  stream.read(bytes.data(), 8);
  bytes.resize(static_cast<std::size_t>(stream.gcount()));
  if (bytes != std::string(kClassifierMagic, 8)) return bytes;
  bytes.append(std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>());
  if (stream.bad()) throw std::runtime_error(path.string() + ": read error");
  return bytes;
}

// Magic, version, size and checksum; returns the payload.
std::string checked_payload(const std::string& bytes, const std::string& name) {
  if (bytes.size() < 8 || bytes.compare(0, 8, kClassifierMagic, 8) != 0)
    throw std::runtime_error(name +
                             ": not a cadenza genre classifier (expected a file made by "
                             "`cadenza classify train`, starting with CDZGENRE)");
  std::istringstream header_stream(bytes.substr(8, kHeaderBytes - 8));
  ArchiveReader header(header_stream, name, kHeaderBytes - 8);
  const std::uint32_t version = header.u32("format version");
  if (version != kClassifierFormatVersion)
    throw std::runtime_error(name + ": classifier format version " + std::to_string(version) +
                             ", this cadenza reads version " +
                             std::to_string(kClassifierFormatVersion) + " (retrain the model)");
  const std::int64_t size = header.i64("payload size");
  const auto checksum = static_cast<std::uint64_t>(header.i64("checksum"));
  const std::uint64_t held = bytes.size() - kHeaderBytes;
  if (size < 0 || static_cast<std::uint64_t>(size) != held)
    throw std::runtime_error(
        name + ": the header announces " + std::to_string(size) +
        " bytes of model, the file holds " + std::to_string(held) +
        (static_cast<std::uint64_t>(size) > held ? " (truncated file)" : " (damaged file)"));
  std::string payload = bytes.substr(kHeaderBytes);
  if (fnv1a64(payload) != checksum)
    throw std::runtime_error(name +
                             ": the model fails its checksum (a damaged file; retrain "
                             "or copy it again)");
  return payload;
}

}  // namespace

Classifier Classifier::load(const std::filesystem::path& path, const std::string& expected_kind,
                            const ModelOptions& options) {
  return load_bytes(read_whole_file(path), path.string(), expected_kind, options);
}

Classifier Classifier::load_bytes(const std::string& bytes, const std::string& name,
                                  const std::string& expected_kind, const ModelOptions& options) {
  const std::string payload = checked_payload(bytes, name);
  std::istringstream stream(payload);
  ArchiveReader in(stream, name, payload.size());
  Classifier classifier;
  const std::string kind = in.str("model kind");
  if (!expected_kind.empty() && kind != expected_kind)
    throw std::runtime_error(name + ": a '" + kind + "' model, expected '" + expected_kind + "'");
  try {
    classifier.model = make_model(kind, options);
  } catch (const std::invalid_argument& e) {
    in.fail(e.what());
  }
  classifier.segment_seconds = in.index("segment seconds", 0, 30);
  classifier.labels = in.strings("label names");
  classifier.columns = in.strings("feature columns");
  classifier.scaler.load(in);
  classifier.pca.load(in);
  classifier.model->load(in);
  if (classifier.labels.size() < 2 ||
      static_cast<int>(classifier.labels.size()) != classifier.model->n_classes() ||
      classifier.scaler.scale().size() != static_cast<Eigen::Index>(classifier.columns.size()) ||
      classifier.pca.components().cols() != classifier.scaler.scale().size() ||
      (classifier.segment_seconds != 3 && classifier.segment_seconds != 30 &&
       !(classifier.segment_seconds == 0 && are_token_columns(classifier.columns))))
    in.fail("inconsistent classifier header");
  if (stream.peek() != std::char_traits<char>::eof()) in.fail("unexpected bytes after the model");
  // One row through the whole chain: widths that do not fit between the PCA and the model, or
  // parameters that give no probabilities, fail here rather than at the first prediction.
  Matrix proba;
  try {
    proba = classifier.predict_proba(
        Matrix::Zero(1, static_cast<Eigen::Index>(classifier.columns.size())));
  } catch (const std::exception& e) {
    in.fail(std::string("the model does not run: ") + e.what());
  }
  if (proba.rows() != 1 || proba.cols() != classifier.model->n_classes() || !proba.allFinite())
    in.fail("the model gives no valid probabilities");
  return classifier;
}

}  // namespace cadenza::classify
