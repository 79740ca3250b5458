#include "audio/load.h"

#include <cmath>
#include <memory>

#include "audio/downmix.h"
#include "audio/sndfile_library.h"
#include "common/limits.h"

namespace cadenza::audio {
namespace {

struct SndfileCloser {
  void operator()(SNDFILE* file) const { sndfile().close(file); }
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

Audio load_mono(const std::filesystem::path& path, int target_rate, Resampler resampler) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) throw AudioError(describe(path) + ": no such file");
  if (std::filesystem::is_directory(path, error))
    throw AudioError(describe(path) + ": is a folder, expected an audio file");
  if (std::filesystem::file_size(path, error) == 0 && !error)
    throw AudioError(describe(path) + ": empty file, expected audio (wav, flac, ogg, au, mp3)");

  const SndfileLibrary& sf = sndfile();
  SF_INFO info{};
  std::unique_ptr<SNDFILE, SndfileCloser> file(sf.open(path.c_str(), SFM_READ, &info));
  if (!file)
    throw AudioError(describe(path) + ": cannot decode (" + sf.strerror(nullptr) +
                     "); expected a wav, flac, ogg, au or mp3 file");
  if (info.channels < 1 || info.samplerate < 1)
    throw AudioError(describe(path) + ": header declares " + std::to_string(info.channels) +
                     " channels at " + std::to_string(info.samplerate) + " Hz");

  check_audio_size(path, info.frames, info.channels, info.samplerate);

  const int channels = info.channels;
  Audio audio;
  audio.sample_rate = info.samplerate;
  if (info.frames > 0 && info.frames < (1LL << 32))  // one allocation (fresh pages are slow)
    audio.samples.reserve(static_cast<size_t>(info.frames));
  std::vector<float> block(static_cast<size_t>(4096) * channels);
  for (;;) {
    const sf_count_t frames = sf.readf_float(file.get(), block.data(), 4096);
    if (frames <= 0) break;
    for (sf_count_t i = 0; i < frames; ++i)  // librosa.to_mono, block by block
      audio.samples.push_back(channel_mean(&block[i * channels], channels));
  }
  if (sf.error(file.get()) != SF_ERR_NO_ERROR)
    throw AudioError(describe(path) + ": decoding failed after " +
                     std::to_string(audio.samples.size()) + " frames (" + sf.strerror(file.get()) +
                     ")");
  const size_t frames = audio.samples.size();
  for (size_t i = 0; i < frames; ++i)
    if (!std::isfinite(audio.samples[i]))
      throw AudioError(describe(path) + ": sample " + std::to_string(i) +
                       " is not a finite number");
  if (target_rate > 0 && target_rate != audio.sample_rate) {
    try {
      audio.samples = resample(audio.samples, audio.sample_rate, target_rate, resampler);
    } catch (const std::exception& e) {
      throw AudioError(describe(path) + ": " + e.what());
    }
    audio.sample_rate = target_rate;
  }
  return audio;
}

}  // namespace cadenza::audio
