#include "audio/load.h"

#include <sndfile.h>
#include <soxr.h>

#include <cmath>
#include <memory>

#include "common/limits.h"

namespace cadenza::audio {
namespace {

struct SndfileCloser {
  void operator()(SNDFILE* file) const { sf_close(file); }
};

std::string describe(const std::filesystem::path& path) { return "'" + path.string() + "'"; }

// The duration and memory cap (common/limits.h), from the header alone: a header declaring a
// 1 Hz rate or billions of frames fails here, before any sample is decoded or resampled.
void check_audio_size(const std::filesystem::path& path, sf_count_t frames, int channels,
                      int rate) {
  const double seconds = static_cast<double>(frames) / rate;
  if (seconds > limits::kMaxAudioSeconds)
    throw AudioError(describe(path) + ": lasts " + std::to_string(std::llround(seconds)) + " s (" +
                     std::to_string(frames) + " frames at " + std::to_string(rate) +
                     " Hz), more than the " +
                     std::to_string(std::llround(limits::kMaxAudioSeconds)) +
                     " s cadenza reads (cut it first, e.g. sox in.wav out.wav trim 0 60)");
  const double bytes = static_cast<double>(frames) * channels * sizeof(float);
  if (bytes > static_cast<double>(limits::kMaxDecodedAudioBytes))
    throw AudioError(describe(path) + ": " + std::to_string(channels) + " channels of " +
                     std::to_string(std::llround(seconds)) + " s at " + std::to_string(rate) +
                     " Hz would take " + std::to_string(std::llround(bytes / (1 << 20))) +
                     " MiB decoded, more than the " +
                     std::to_string(limits::kMaxDecodedAudioBytes >> 20) + " MiB cadenza allows");
}

}  // namespace

Audio load_mono(const std::filesystem::path& path, int target_rate) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) throw AudioError(describe(path) + ": no such file");
  if (std::filesystem::is_directory(path, error))
    throw AudioError(describe(path) + ": is a folder, expected an audio file");
  if (std::filesystem::file_size(path, error) == 0 && !error)
    throw AudioError(describe(path) + ": empty file, expected audio (wav, flac, ogg, au, mp3)");

  SF_INFO info{};
  std::unique_ptr<SNDFILE, SndfileCloser> file(sf_open(path.c_str(), SFM_READ, &info));
  if (!file)
    throw AudioError(describe(path) + ": cannot decode (" + sf_strerror(nullptr) +
                     "); expected a wav, flac, ogg, au or mp3 file");
  if (info.channels < 1 || info.samplerate < 1)
    throw AudioError(describe(path) + ": header declares " + std::to_string(info.channels) +
                     " channels at " + std::to_string(info.samplerate) + " Hz");

  check_audio_size(path, info.frames, info.channels, info.samplerate);

  const int channels = info.channels;
  std::vector<float> interleaved;
  std::vector<float> block(static_cast<size_t>(4096) * channels);
  for (;;) {
    const sf_count_t frames = sf_readf_float(file.get(), block.data(), 4096);
    if (frames <= 0) break;
    interleaved.insert(interleaved.end(), block.begin(), block.begin() + frames * channels);
  }
  if (sf_error(file.get()) != SF_ERR_NO_ERROR)
    throw AudioError(describe(path) + ": decoding failed after " +
                     std::to_string(interleaved.size() / channels) + " frames (" +
                     sf_strerror(file.get()) + ")");

  Audio audio;
  audio.sample_rate = info.samplerate;
  const size_t frames = interleaved.size() / channels;
  audio.samples.resize(frames);
  for (size_t i = 0; i < frames; ++i) {
    // librosa.to_mono: np.mean over channels in float32.
    float sum = 0.0f;
    for (int c = 0; c < channels; ++c) sum += interleaved[i * channels + c];
    audio.samples[i] = channels == 1 ? sum : sum / static_cast<float>(channels);
  }
  for (size_t i = 0; i < frames; ++i)
    if (!std::isfinite(audio.samples[i]))
      throw AudioError(describe(path) + ": sample " + std::to_string(i) +
                       " is not a finite number");
  if (target_rate > 0 && target_rate != audio.sample_rate) {
    audio.samples = resample(audio.samples, audio.sample_rate, target_rate);
    audio.sample_rate = target_rate;
  }
  return audio;
}

std::vector<float> resample(const std::vector<float>& samples, int from_rate, int to_rate) {
  if (from_rate == to_rate || samples.empty()) return samples;
  const double ratio = static_cast<double>(to_rate) / from_rate;
  std::vector<float> out(static_cast<size_t>(std::ceil(samples.size() * ratio)) + 16);
  size_t written = 0;
  const soxr_io_spec_t io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I);
  const soxr_quality_spec_t quality = soxr_quality_spec(SOXR_HQ, 0);
  const soxr_error_t error =
      soxr_oneshot(from_rate, to_rate, 1, samples.data(), samples.size(), nullptr, out.data(),
                   out.size(), &written, &io, &quality, nullptr);
  if (error)
    throw AudioError(std::string("resampling ") + std::to_string(from_rate) + " Hz -> " +
                     std::to_string(to_rate) + " Hz failed: " + error);
  // librosa.resample keeps ceil(n * ratio) samples.
  out.resize(std::min(written, static_cast<size_t>(std::ceil(samples.size() * ratio))));
  return out;
}

}  // namespace cadenza::audio
