// features() and melspectrogram(): librosa's GTZAN feature rows and log-mel spectrograms of a
// signal (a NumPy array at any rate) or of audio files, through the functions `cadenza
// features` and `cadenza melspec` call. Many files are done on all cores.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "audio/load.h"
#include "bindings.h"
#include "common/gtzan.h"
#include "common/parallel.h"
#include "errors.h"
#include "features/extract.h"
#include "features/gtzan.h"
#include "features/melspec.h"
#include "inputs.h"
#include "records.h"

namespace cadenza::python {
namespace py = pybind11;
namespace {

using features::FeatureRow;

// A mono signal as float32 samples at 22,050 Hz (resampled as librosa.load does).
std::vector<float> signal_at_gtzan_rate(const py::handle& y, int sr, audio::Resampler resampler) {
  const auto samples = py::array_t<float, py::array::c_style | py::array::forcecast>::ensure(y);
  if (!samples) throw BadInput("y: expected a NumPy array of samples");
  if (samples.ndim() != 1)
    throw BadInput("y: expected a mono signal (1-D array), got " + std::to_string(samples.ndim()) +
                   " dimensions (librosa.to_mono(y) first)");
  if (sr <= 0) throw BadInput("sr " + std::to_string(sr) + ": expected a positive sample rate");
  std::vector<float> out(samples.data(), samples.data() + samples.size());
  py::gil_scoped_release unlocked;
  return audio::resample(out, sr, gtzan::kSampleRate, resampler);
}

features::ExtractOptions extract_options(int segment, bool extra, int threads,
                                         const std::string& resample) {
  if (segment != 30 && segment != 3)
    throw BadInput("segment " + std::to_string(segment) + ": expected 30 or 3 (seconds)");
  features::ExtractOptions options;
  options.segment =
      segment == 3 ? features::SegmentMode::kThreeSeconds : features::SegmentMode::kWhole;
  options.extra = extra;
  options.threads = thread_count(threads);
  options.resampler = audio::parse_resampler(resample);
  return options;
}

// The GTZAN CSV's columns as NumPy arrays: filename, the numbers, label (the names only when
// the rows come from files).
py::dict feature_columns(const std::vector<FeatureRow>& rows, bool extra, bool with_names) {
  py::dict out;
  std::vector<std::string> filenames, labels;
  for (const FeatureRow& row : rows) {
    filenames.push_back(row.filename);
    labels.push_back(row.label);
  }
  if (with_names) out["filename"] = string_column(filenames);
  const std::vector<std::string> names = features::gtzan_value_columns(extra);
  for (std::size_t c = 0; c < names.size(); ++c) {
    py::array_t<double> values(static_cast<py::ssize_t>(rows.size()));
    for (std::size_t r = 0; r < rows.size(); ++r)
      values.mutable_at(static_cast<py::ssize_t>(r)) = rows[r].values[c];
    out[py::str(names[c])] = values;
  }
  if (with_names) out["label"] = string_column(labels);
  return out;
}

std::vector<std::filesystem::path> audio_files(const py::object& input) {
  std::vector<std::string> inputs;
  if (is_sequence(input)) {
    for (const py::object& item : items(input)) inputs.push_back(to_path(item).string());
  } else {
    inputs.push_back(to_path(input).string());
  }
  for (const std::string& path : inputs) require_exists(path);
  return features::collect_audio_files(inputs);
}

bool is_array(const py::handle& object) {
  return py::isinstance<py::array>(object) ||
         (!is_path(object) && !is_sequence(object) && py::hasattr(object, "__array__"));
}

py::dict features_of(const py::object& input, int sr, int segment, bool extra, int threads,
                     const std::string& resample, const std::string& on_error) {
  if (on_error != "raise" && on_error != "skip")
    throw BadInput("on_error '" + on_error + "': expected 'raise' or 'skip'");
  const features::ExtractOptions options = extract_options(segment, extra, threads, resample);
  if (is_array(input) || (is_sequence(input) && py::len(input) > 0 &&
                          !is_path(py::reinterpret_borrow<py::sequence>(input)[0]))) {
    const std::vector<float> y = signal_at_gtzan_rate(input, sr, options.resampler);
    std::vector<FeatureRow> rows;
    try {
      py::gil_scoped_release unlocked;
      rows = features::extract_signal(y, "<array>", "", options);
    } catch (const std::runtime_error& e) {  // too short, a feature that is not finite
      throw BadInput(std::string("y: ") + e.what());
    }
    return feature_columns(rows, extra, false);
  }
  const std::vector<std::filesystem::path> files = audio_files(input);
  if (files.empty()) throw BadInput("no audio files found in the given inputs");
  std::vector<features::FileResult> results;
  {
    py::gil_scoped_release unlocked;
    results = features::extract_files(files, options);
  }
  std::vector<FeatureRow> rows;
  std::size_t failed = 0;
  std::string first;
  for (const features::FileResult& result : results) {
    if (!result.error.empty() && failed++ == 0) first = result.error;
    rows.insert(rows.end(), result.rows.begin(), result.rows.end());
  }
  if (failed > 0 && (on_error == "raise" || rows.empty()))
    throw BadInput(files.size() == 1
                       ? first
                       : std::to_string(failed) + " of " + std::to_string(files.size()) +
                             " files failed, the first: " + first);
  return feature_columns(rows, extra, true);
}

py::array mel_array(const features::LogMel& mel) {
  py::array_t<float> out({mel.bands, mel.frames});
  std::copy(mel.values.begin(), mel.values.end(), out.mutable_data());
  return std::move(out);
}

features::LogMel log_mel_of(const std::vector<float>& y, const std::string& name, int n_mels) {
  if (y.size() < features::kMinimumSamples)
    throw BadInput(name + ": too short: " + std::to_string(y.size()) + " samples, need " +
                   std::to_string(features::kMinimumSamples));
  return features::log_mel_spectrogram(y.data(), y.size(), n_mels);
}

py::object melspectrogram(const py::object& input, int sr, int n_mels, int threads,
                          const std::string& resample) {
  if (n_mels < 1 || n_mels > 512)
    throw BadInput("n_mels " + std::to_string(n_mels) + ": expected 1 to 512");
  const audio::Resampler resampler = audio::parse_resampler(resample);
  if (is_array(input)) {
    const std::vector<float> y = signal_at_gtzan_rate(input, sr, resampler);
    features::LogMel mel;
    {
      py::gil_scoped_release unlocked;
      mel = log_mel_of(y, "y", n_mels);
    }
    return mel_array(mel);
  }
  const std::vector<std::filesystem::path> files = audio_files(input);
  if (files.empty()) throw BadInput("no audio files found in the given inputs");
  std::vector<features::LogMel> mels(files.size());
  std::vector<std::string> errors(files.size());
  {
    py::gil_scoped_release unlocked;
    parallel_for(files.size(), thread_count(threads), [&](std::size_t i) {
      try {
        const audio::Audio audio = audio::load_mono(files[i], gtzan::kSampleRate, resampler);
        mels[i] = log_mel_of(audio.samples, "'" + files[i].string() + "'", n_mels);
      } catch (const std::exception& e) {
        errors[i] = e.what();
      }
    });
  }
  for (const std::string& error : errors)
    if (!error.empty()) throw BadInput(error);
  if (!is_sequence(input) && files.size() == 1 && !std::filesystem::is_directory(to_path(input)))
    return mel_array(mels.front());
  py::list out;
  for (const features::LogMel& mel : mels) out.append(mel_array(mel));
  return std::move(out);
}

py::tuple load(const py::object& path_object, const py::object& sr, const std::string& resample) {
  const std::filesystem::path path = to_path(path_object);
  require_exists(path);
  const int rate = sr.is_none() ? 0 : sr.cast<int>();
  if (rate < 0) throw BadInput("sr " + std::to_string(rate) + ": expected a positive rate or None");
  const audio::Resampler resampler = audio::parse_resampler(resample);
  audio::Audio audio;
  {
    py::gil_scoped_release unlocked;
    audio = audio::load_mono(path, rate, resampler);
  }
  return py::make_tuple(column(audio.samples), audio.sample_rate);
}

}  // namespace

void bind_features(py::module_& m) {
  m.def("load", &load, py::arg("path"), py::arg("sr") = gtzan::kSampleRate,
        py::arg("resample") = "kaiser_best",
        "(y, sr) as librosa.load(path, sr=sr) gives them: mono float32 samples (the mean of the "
        "channels), resampled to sr (None: the file's rate) with resampy's kaiser_best filter.");
  m.attr("GTZAN_SAMPLE_RATE") = gtzan::kSampleRate;
  m.def("feature_names", &features::gtzan_value_columns, py::arg("extra") = false,
        "The numeric columns of features() (the GTZAN CSV's, without filename and label).");
  m.def("features", &features_of, py::arg("y"), py::arg("sr") = gtzan::kSampleRate,
        py::arg("segment") = 30, py::arg("extra") = false, py::arg("threads") = 0,
        py::arg("resample") = "kaiser_best", py::arg("on_error") = "raise",
        "librosa 0.9.2's GTZAN features (the Kaggle CSV's columns) as a dict of NumPy arrays "
        "(pandas.DataFrame(d) is the CSV of `cadenza features --segment SEGMENT`): of a mono "
        "signal y at sr Hz, or of audio files (a path, a list of paths, folders), files on "
        "`threads` threads (0: all cores). segment=30: one row per signal or file; 3: one row "
        "per 3 s window.");
  m.def("melspectrogram", &melspectrogram, py::arg("y"), py::arg("sr") = gtzan::kSampleRate,
        py::arg("n_mels") = 128, py::arg("threads") = 0, py::arg("resample") = "kaiser_best",
        "librosa.power_to_db(librosa.feature.melspectrogram(y, sr=22050, n_mels), ref=np.max) "
        "as `cadenza melspec` writes it: float32 (n_mels, frames), of a signal or a file; a list "
        "of files or a folder gives a list.");
}

}  // namespace cadenza::python
