#include "classify/classifier.h"

#include <fstream>
#include <stdexcept>

#include "classify/model_factory.h"
#include "common/atomic_file.h"

namespace cadenza::classify {

Matrix Classifier::preprocess(const Matrix& raw) const {
  if (raw.cols() != static_cast<Eigen::Index>(columns.size()))
    throw std::invalid_argument("classifier: expected " + std::to_string(columns.size()) +
                                " feature columns, got " + std::to_string(raw.cols()));
  return pca.transform(scaler.transform(raw));
}

Matrix Classifier::predict_proba(const Matrix& raw) const {
  return model->predict_proba(preprocess(raw));
}

Labels Classifier::predict(const Matrix& raw) const { return model->predict(preprocess(raw)); }

void Classifier::save(const std::filesystem::path& path) const {
  if (!model) throw std::logic_error("classifier: nothing to save, no model");
  write_file_atomically(path, [&](std::ostream& stream) {
    stream.write(kClassifierMagic, 8);
    ArchiveWriter out(stream);
    out.u32(kClassifierFormatVersion);
    out.str(model->kind());
    out.i64(segment_seconds);
    out.strings(labels);
    out.strings(columns);
    scaler.save(out);
    pca.save(out);
    model->save(out);
  });
}

Classifier Classifier::load(const std::filesystem::path& path, const std::string& expected_kind,
                            const ModelOptions& options) {
  std::ifstream stream(path, std::ios::binary);
  if (!stream) throw std::runtime_error(path.string() + ": cannot open the model file");
  ArchiveReader in(stream, path.string());
  std::string magic;
  try {
    magic = in.bytes(8, "magic");
  } catch (const std::runtime_error&) {
  }
  if (magic != std::string(kClassifierMagic, 8))
    throw std::runtime_error(path.string() +
                             ": not a cadenza genre classifier (expected a file made by "
                             "`cadenza classify train`, starting with CDZGENRE)");
  const std::uint32_t version = in.u32("format version");
  if (version != kClassifierFormatVersion)
    throw std::runtime_error(path.string() + ": classifier format version " +
                             std::to_string(version) + ", this cadenza reads version " +
                             std::to_string(kClassifierFormatVersion) + " (retrain the model)");
  Classifier classifier;
  const std::string kind = in.str("model kind");
  if (!expected_kind.empty() && kind != expected_kind)
    throw std::runtime_error(path.string() + ": a '" + kind + "' model, expected '" +
                             expected_kind + "'");
  try {
    classifier.model = make_model(kind, options);
  } catch (const std::invalid_argument& e) {
    in.fail(e.what());
  }
  classifier.segment_seconds = static_cast<int>(in.i64("segment seconds"));
  classifier.labels = in.strings("label names");
  classifier.columns = in.strings("feature columns");
  classifier.scaler.load(in);
  classifier.pca.load(in);
  classifier.model->load(in);
  if (classifier.labels.size() < 2 ||
      static_cast<int>(classifier.labels.size()) != classifier.model->n_classes() ||
      classifier.scaler.scale().size() != static_cast<Eigen::Index>(classifier.columns.size()) ||
      classifier.pca.components().cols() != classifier.scaler.scale().size() ||
      (classifier.segment_seconds != 3 && classifier.segment_seconds != 30))
    in.fail("inconsistent classifier header");
  if (stream.peek() != std::char_traits<char>::eof()) in.fail("unexpected bytes after the model");
  return classifier;
}

}  // namespace cadenza::classify
