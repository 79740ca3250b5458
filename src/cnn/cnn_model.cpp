#include "cnn/cnn_model.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "cnn/model_impl.h"
#include "common/atomic_file.h"
#include "model/device.h"

namespace cadenza::cnn {

namespace {

constexpr char kMagic[] = "CDZCNN";  // then a u32 format version
constexpr std::size_t kMagicSize = 6;
constexpr std::uint32_t kVersion = 2;  // 2 added the pooling and the validation record

// Little-endian fixed-width numbers and length-prefixed strings and float arrays.
class Writer {
 public:
  explicit Writer(std::ostream& out) : out_(out) {}
  void u32(std::uint32_t v) { bytes(v, 4); }
  void i64(std::int64_t v) { bytes(static_cast<std::uint64_t>(v), 8); }
  void f64(double v) {
    std::uint64_t bits;
    std::memcpy(&bits, &v, 8);
    bytes(bits, 8);
  }
  void str(const std::string& s) {
    i64(static_cast<std::int64_t>(s.size()));
    out_.write(s.data(), static_cast<std::streamsize>(s.size()));
  }
  void floats(const float* data, std::size_t count) {
    i64(static_cast<std::int64_t>(count));
    for (std::size_t i = 0; i < count; ++i) {
      std::uint32_t bits;
      std::memcpy(&bits, data + i, 4);
      bytes(bits, 4);
    }
  }

 private:
  void bytes(std::uint64_t v, int n) {
    char b[8];
    for (int i = 0; i < n; ++i) b[i] = static_cast<char>((v >> (8 * i)) & 0xFF);
    out_.write(b, n);
  }
  std::ostream& out_;
};

class Reader {
 public:
  Reader(std::istream& in, std::string name, std::uint64_t offset)
      : in_(in), name_(std::move(name)), offset_(offset) {}
  std::uint32_t u32(const char* what) { return static_cast<std::uint32_t>(bytes(4, what)); }
  std::int64_t i64(const char* what) { return static_cast<std::int64_t>(bytes(8, what)); }
  double f64(const char* what) {
    const std::uint64_t bits = bytes(8, what);
    double v;
    std::memcpy(&v, &bits, 8);
    return v;
  }
  std::int64_t count(const char* what, std::int64_t max) {
    const std::int64_t n = i64(what);
    if (n < 0 || n > max) fail("implausible " + std::string(what) + " " + std::to_string(n));
    return n;
  }
  std::string str(const char* what) {
    std::string s(static_cast<std::size_t>(count(what, 1 << 16)), '\0');
    raw(s.data(), s.size(), what);
    return s;
  }
  std::vector<float> floats(const char* what, std::int64_t max = std::int64_t{1} << 28) {
    std::vector<float> v(static_cast<std::size_t>(count(what, max)));
    for (float& x : v) {
      const auto bits = static_cast<std::uint32_t>(bytes(4, what));
      std::memcpy(&x, &bits, 4);
    }
    return v;
  }
  void raw(char* data, std::size_t size, const char* what) {
    in_.read(data, static_cast<std::streamsize>(size));
    if (static_cast<std::size_t>(in_.gcount()) != size)
      fail("truncated file (expected " + std::string(what) + ")");
    offset_ += size;
  }
  void expect_end() {
    if (in_.peek() != std::char_traits<char>::eof()) fail("unexpected bytes after the model");
  }
  [[noreturn]] void fail(const std::string& message) const {
    throw std::runtime_error(name_ + ": byte " + std::to_string(offset_) + ": " + message);
  }

 private:
  std::uint64_t bytes(int n, const char* what) {
    unsigned char b[8];
    raw(reinterpret_cast<char*>(b), static_cast<std::size_t>(n), what);
    std::uint64_t v = 0;
    for (int i = n - 1; i >= 0; --i) v = (v << 8) | b[i];
    return v;
  }
  std::istream& in_;
  std::string name_;
  std::uint64_t offset_;
};

std::string read_magic(std::istream& in) {
  char magic[8] = {};
  in.read(magic, 8);
  return std::string(magic, static_cast<std::size_t>(std::max<std::streamsize>(0, in.gcount())));
}

}  // namespace

std::size_t window_samples_for(double segment_seconds) {
  if (!(segment_seconds > 0) || segment_seconds > 3600)
    throw std::invalid_argument("--segment " + std::to_string(segment_seconds) +
                                ": expected seconds in (0, 3600]");
  return gtzan::segment_samples(segment_seconds);
}

std::string describe(const ModelValidation& v) {
  if (v.protocol.empty())
    return "not recorded (a model file of format version 1, or not made by train-cnn)";
  char text[160];
  std::snprintf(text, sizeof text,
                ": %zu test songs (%zu windows), window accuracy %.4f, song accuracy %.4f",
                v.test_songs, v.test_windows, v.window_accuracy, v.song_accuracy);
  return v.protocol + text;
}

std::size_t Probabilities::argmax(std::size_t row) const {
  const double* r = values.data() + row * classes;
  return static_cast<std::size_t>(std::max_element(r, r + classes) - r);
}

NetConfig net_config(const ModelSpec& spec) {
  NetConfig config;
  config.bands = spec.bands;
  config.classes = static_cast<int>(spec.labels.size());
  config.channels = spec.channels;
  config.dropout = spec.dropout;
  config.global_pool = spec.global_pool;
  return config;
}

void CnnModel::Impl::update_normalisation() {
  const auto bands = static_cast<std::int64_t>(spec.bands);
  std::vector<float> mean_values = spec.mean, std_values = spec.stddev;
  mean_values.resize(static_cast<std::size_t>(bands), 0.0f);
  std_values.resize(static_cast<std::size_t>(bands), 1.0f);
  mean = torch::tensor(mean_values).reshape({1, 1, bands, 1}).to(device);
  stddev = torch::tensor(std_values).reshape({1, 1, bands, 1}).to(device);
}

torch::Tensor CnnModel::Impl::input(const ImageSet& images, std::size_t first,
                                    std::size_t count) const {
  const torch::Tensor raw = torch::from_blob(
      const_cast<float*>(images.image(first)),
      {static_cast<std::int64_t>(count), 1, images.bands, images.frames}, torch::kFloat32);
  return (raw.to(device) - mean) / stddev;
}

CnnModel::CnnModel() : impl_(std::make_unique<Impl>()) {}

CnnModel::CnnModel(const ModelSpec& spec) : impl_(std::make_unique<Impl>()) {
  if (spec.labels.size() < 2) throw std::invalid_argument("cnn: at least two classes are needed");
  impl_->spec = spec;
  impl_->net = CnnNet(net_config(spec));
  impl_->update_normalisation();
}

CnnModel::~CnnModel() = default;
CnnModel::CnnModel(CnnModel&&) noexcept = default;
CnnModel& CnnModel::operator=(CnnModel&&) noexcept = default;

const ModelSpec& CnnModel::spec() const { return impl_->spec; }

void CnnModel::set_validation(const ModelValidation& validation) {
  impl_->spec.validation = validation;
}

void CnnModel::to_device(const std::string& device) {
  impl_->device = model::parse_device(device);
  if (impl_->net) impl_->net->to(impl_->device);
  impl_->update_normalisation();
}

std::string CnnModel::device() const { return impl_->device.str(); }

Probabilities CnnModel::probabilities(const ImageSet& images, int batch) const {
  const Impl& m = *impl_;
  if (!m.net) throw std::logic_error("cnn: the model has no network");
  if (images.size() > 0 && images.bands != m.spec.bands)
    throw std::invalid_argument("cnn: images of " + std::to_string(images.bands) +
                                " mel bands, the model takes " + std::to_string(m.spec.bands));
  const int min_frames = net_config(m.spec).min_frames();
  if (images.size() > 0 && images.frames < min_frames)
    throw std::invalid_argument("cnn: images of " + std::to_string(images.frames) +
                                " frames are too short (at least " + std::to_string(min_frames) +
                                ")");
  Probabilities out;
  out.rows = images.size();
  out.classes = m.spec.labels.size();
  out.values.reserve(out.rows * out.classes);
  torch::NoGradGuard no_grad;
  m.net->eval();
  const std::size_t step = static_cast<std::size_t>(std::max(1, batch));
  for (std::size_t first = 0; first < images.size(); first += step) {
    const std::size_t count = std::min(step, images.size() - first);
    // Softmax in double precision, so every row sums to 1 to rounding.
    const torch::Tensor p =
        torch::softmax(
            m.net->forward(m.input(images, first, count)).to(torch::kCPU, torch::kFloat64), 1)
            .contiguous();
    out.values.insert(out.values.end(), p.data_ptr<double>(), p.data_ptr<double>() + p.numel());
  }
  return out;
}

void CnnModel::save(const std::filesystem::path& path) const {
  const Impl& m = *impl_;
  if (!m.net) throw std::logic_error("cnn: the model has no network");
  write_file_atomically(path, [&](std::ostream& stream) {
    Writer out(stream);
    stream.write(kMagic, kMagicSize);
    out.u32(kVersion);
    const ModelSpec& s = m.spec;
    out.i64(static_cast<std::int64_t>(s.labels.size()));
    for (const auto& label : s.labels) out.str(label);
    out.f64(s.segment_seconds);
    out.i64(static_cast<std::int64_t>(s.window_samples));
    out.i64(s.bands);
    out.i64(s.frames);
    out.i64(static_cast<std::int64_t>(s.channels.size()));
    for (int c : s.channels) out.i64(c);
    out.f64(s.dropout);
    out.u32(s.global_pool ? 1 : 0);
    out.str(s.validation.protocol);
    out.i64(static_cast<std::int64_t>(s.validation.test_songs));
    out.i64(static_cast<std::int64_t>(s.validation.test_windows));
    out.f64(s.validation.window_accuracy);
    out.f64(s.validation.song_accuracy);
    out.floats(s.mean.data(), s.mean.size());
    out.floats(s.stddev.data(), s.stddev.size());
    const auto state = net_state(*m.net);
    out.i64(static_cast<std::int64_t>(state.size()));
    for (const auto& [name, tensor] : state) {
      out.str(name);
      out.i64(tensor.dim());
      for (std::int64_t d : tensor.sizes()) out.i64(d);
      const torch::Tensor flat =
          tensor.detach().to(torch::kCPU, torch::kFloat32).contiguous().view(-1);
      out.floats(flat.data_ptr<float>(), static_cast<std::size_t>(flat.numel()));
    }
  });
}

CnnModel CnnModel::load(const std::filesystem::path& path, const std::string& device) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path.string() + ": cannot open the CNN model file");
  const std::string magic = read_magic(in);
  if (magic.rfind(kMagic, 0) != 0) {
    if (magic == "CDZGENRE")
      throw std::runtime_error(path.string() +
                               ": a feature classifier made by `cadenza classify train` "
                               "(CDZGENRE), not a CNN model");
    throw std::runtime_error(path.string() +
                             ": not a cadenza CNN model (expected a file made by `cadenza "
                             "classify train-cnn`, starting with CDZCNN)");
  }
  in.clear();
  in.seekg(static_cast<std::streamoff>(kMagicSize));
  Reader r(in, path.string(), kMagicSize);
  const std::uint32_t version = r.u32("format version");
  if (version != 1 && version != kVersion)
    throw std::runtime_error(path.string() + ": CNN model format version " +
                             std::to_string(version) + ", this cadenza reads versions 1 to " +
                             std::to_string(kVersion) + " (retrain the model)");
  ModelSpec s;
  const std::int64_t classes = r.count("class count", 100000);
  for (std::int64_t c = 0; c < classes; ++c) s.labels.push_back(r.str("label"));
  s.segment_seconds = r.f64("segment seconds");
  s.window_samples = static_cast<std::size_t>(r.count("window samples", std::int64_t{1} << 40));
  s.bands = static_cast<int>(r.count("mel bands", 4096));
  s.frames = static_cast<int>(r.count("frames", std::int64_t{1} << 30));
  s.channels.resize(static_cast<std::size_t>(r.count("block count", 16)));
  for (int& c : s.channels) c = static_cast<int>(r.count("channels", 1 << 16));
  s.dropout = r.f64("dropout");
  if (version >= 2) {
    const std::uint32_t pool = r.u32("pooling");
    if (pool > 1) r.fail("unknown pooling " + std::to_string(pool));
    s.global_pool = pool == 1;
    s.validation.protocol = r.str("validation protocol");
    s.validation.test_songs =
        static_cast<std::size_t>(r.count("test songs", std::int64_t{1} << 40));
    s.validation.test_windows =
        static_cast<std::size_t>(r.count("test windows", std::int64_t{1} << 40));
    s.validation.window_accuracy = r.f64("window accuracy");
    s.validation.song_accuracy = r.f64("song accuracy");
  }
  s.mean = r.floats("band means", 4096);
  s.stddev = r.floats("band deviations", 4096);
  if (s.labels.size() < 2 || s.channels.empty() || (s.bands >> s.channels.size()) < 1 ||
      s.mean.size() != static_cast<std::size_t>(s.bands) ||
      s.stddev.size() != static_cast<std::size_t>(s.bands) || !(s.dropout >= 0 && s.dropout < 1))
    r.fail("inconsistent model description");
  CnnModel model(s);
  auto state = net_state(*model.impl_->net);
  if (r.count("tensor count", 100000) != static_cast<std::int64_t>(state.size()))
    r.fail("the network has another number of tensors than this cadenza's CNN");
  torch::NoGradGuard no_grad;
  for (auto& [name, tensor] : state) {
    if (r.str("tensor name") != name) r.fail("unexpected tensor (expected '" + name + "')");
    const std::int64_t dims = r.count("tensor rank", 8);
    std::vector<std::int64_t> sizes;
    for (std::int64_t d = 0; d < dims; ++d) sizes.push_back(r.count("tensor size", 1 << 28));
    if (sizes != tensor.sizes().vec()) r.fail("tensor '" + name + "' has the wrong shape");
    const std::vector<float> values = r.floats("tensor values");
    if (static_cast<std::int64_t>(values.size()) != tensor.numel())
      r.fail("tensor '" + name + "' has the wrong number of values");
    tensor.copy_(torch::tensor(values).reshape(tensor.sizes()).to(tensor.dtype()));
  }
  r.expect_end();
  model.to_device(device);
  return model;
}

bool is_cnn_model_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return in && read_magic(in).rfind(kMagic, 0) == 0;
}

}  // namespace cadenza::cnn
