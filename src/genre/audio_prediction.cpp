#include "genre/audio_prediction.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <stdexcept>

#include "audio/load.h"
#include "classify/probabilities.h"
#include "common/gtzan.h"
#include "common/parallel.h"
#include "genre/audio_windows.h"
#include "midi/reader.h"

namespace cadenza::genre {
namespace {

std::string lower_extension(const fs::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

bool has_midi_extension(const fs::path& path) {
  const std::string ext = lower_extension(path);
  return ext == ".mid" || ext == ".midi" || ext == ".kar";
}

bool has_audio_extension(const fs::path& path) {
  static const std::set<std::string> known = {".wav", ".flac", ".ogg", ".oga", ".au",
                                              ".snd", ".aiff", ".aif", ".mp3"};
  return known.count(lower_extension(path)) > 0;
}

std::size_t samples_for(double seconds) {
  return static_cast<std::size_t>(std::llround(seconds * gtzan::kSampleRate));
}

std::string with_file(const fs::path& file, const std::string& message) {
  if (message.find(file.string()) != std::string::npos) return message;
  return "'" + file.string() + "': " + message;
}

}  // namespace

bool is_midi_file(const fs::path& path) {
  if (has_midi_extension(path)) return true;
  std::ifstream in(path, std::ios::binary);
  char head[4] = {};
  return in.read(head, 4) && std::string(head, 4) == "MThd";
}

std::vector<fs::path> collect_pieces(const std::vector<std::string>& inputs) {
  std::vector<fs::path> files;
  for (const std::string& input : inputs) {
    const fs::path path(input);
    std::error_code error;
    if (!fs::is_directory(path, error)) {
      files.push_back(path);  // existence and format are checked per file, with a clear error
      continue;
    }
    std::vector<fs::path> found;
    for (auto it = fs::recursive_directory_iterator(
             path, fs::directory_options::skip_permission_denied, error);
         !error && it != fs::recursive_directory_iterator(); it.increment(error))
      if (it->is_regular_file(error) &&
          (has_audio_extension(it->path()) || has_midi_extension(it->path())))
        found.push_back(it->path());
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

std::vector<float> render_for_classifier(score::Score score, const PieceOptions& options) {
  if (score.notes.empty()) throw std::runtime_error("no notes to render");
  double first = score.notes.front().start_seconds, end = 0;
  for (const score::Note& n : score.notes) first = std::min(first, n.start_seconds);
  for (const score::Note& n : score.notes)
    end = std::max(end, n.start_seconds + n.duration_seconds - first);
  if (options.seconds <= 0 && end > kMaxRenderSeconds)
    throw std::runtime_error("the piece lasts " + std::to_string(std::lround(end)) +
                             " s from its first note, more than " +
                             std::to_string(std::lround(kMaxRenderSeconds)) +
                             " s (use --seconds to classify its beginning)");
  const double limit = options.seconds > 0 ? options.seconds : kMaxRenderSeconds;
  std::vector<score::Note> kept;
  for (score::Note n : score.notes) {
    n.start_seconds -= first;
    if (n.start_seconds >= limit) continue;
    // Notes sounding past the end are cut there (plus the release), which bounds the work.
    n.duration_seconds = std::min(n.duration_seconds, limit - n.start_seconds);
    kept.push_back(n);
  }
  score.notes = std::move(kept);
  const audio::StereoAudio stereo = audio::render_score(score, options.synth);
  std::vector<float> mono(stereo.frames());
  for (std::size_t i = 0; i < mono.size(); ++i)  // as load_mono: the mean of the channels
    mono[i] = (stereo.samples[2 * i] + stereo.samples[2 * i + 1]) / 2.0f;
  std::vector<float> samples =
      audio::resample(mono, stereo.sample_rate, gtzan::kSampleRate, options.resampler);
  if (options.seconds > 0) {
    // Exactly the first `seconds` of the piece: a rest that reaches the cut is silence, not
    // the end (the piece itself may end sooner, then it ends with its release).
    const std::size_t wanted =
        std::min(samples_for(options.seconds), samples_for(end + options.synth.release_seconds));
    samples.resize(std::max(std::min(samples.size(), samples_for(options.seconds)), wanted), 0.0f);
  }
  return samples;
}

std::vector<float> piece_samples(const fs::path& file, const PieceOptions& options) {
  std::error_code error;
  if (!fs::exists(file, error)) throw std::runtime_error("'" + file.string() + "': no such file");
  if (fs::is_directory(file, error))
    throw std::runtime_error("'" + file.string() + "': a folder without audio or MIDI files");
  if (is_midi_file(file)) return render_for_classifier(score::from_midi(midi::read(file)), options);
  std::vector<float> samples =
      audio::load_mono(file, gtzan::kSampleRate, options.resampler).samples;
  if (options.seconds > 0 && samples.size() > samples_for(options.seconds))
    samples.resize(samples_for(options.seconds));
  return samples;
}

int PiecePrediction::top() const {
  if (mean.size() == 0) return -1;
  Eigen::Index best = 0;
  for (Eigen::Index c = 1; c < mean.size(); ++c)
    if (mean(c) > mean(best)) best = c;
  return static_cast<int>(best);
}

PiecePrediction predict_piece(const WindowClassifier& classifier, const fs::path& file,
                              const PieceOptions& options) {
  PiecePrediction out;
  out.file = file;
  try {
    out.midi = fs::is_regular_file(file) && is_midi_file(file);
    const std::vector<float> samples = piece_samples(file, options);
    out.samples = samples.size();
    out.windows = classifier.probabilities(classifier.windows(samples));
    out.mean = classify::average_rows(out.windows);
  } catch (const std::exception& e) {
    out.windows.resize(0, 0);
    out.mean.resize(0);
    out.error = with_file(file, e.what());
  }
  return out;
}

std::vector<PiecePrediction> predict_pieces(
    const WindowClassifier& classifier, const std::vector<fs::path>& files,
    const PieceOptions& options, const std::function<void(const PiecePrediction&)>& on_done) {
  std::vector<PiecePrediction> results(files.size());
  parallel_for(
      files.size(), options.threads,
      [&](std::size_t i) { results[i] = predict_piece(classifier, files[i], options); },
      [&](std::size_t i) {
        if (on_done) on_done(results[i]);
      });
  return results;
}

classify::Vector mean_of_pieces(const std::vector<PiecePrediction>& pieces) {
  classify::Vector sum;
  std::size_t count = 0;
  for (const PiecePrediction& p : pieces) {
    if (!p.ok()) continue;
    if (count == 0) sum = classify::Vector::Zero(p.mean.size());
    sum += p.mean;
    ++count;
  }
  if (count > 0) sum /= static_cast<double>(count);
  return sum;
}

}  // namespace cadenza::genre
