#include "tokens/batch.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <exception>
#include <stdexcept>
#include <system_error>
#include <thread>

#include "common/parallel.h"
#include "tokens/paper_tokenizer.h"

namespace cadenza::tokens {
namespace fs = std::filesystem;

bool is_midi_file_name(const fs::path& path) {
  std::string ext = path.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".mid" || ext == ".midi" || ext == ".kar";
}

std::vector<MidiInput> collect_midi_files(const std::vector<fs::path>& inputs) {
  std::vector<MidiInput> found;
  for (const fs::path& input : inputs) {
    std::error_code ec;
    const fs::file_status status = fs::status(input, ec);
    if (ec || !fs::exists(status))
      throw std::runtime_error(input.string() + ": no such file or folder");
    if (fs::is_directory(status)) {
      fs::recursive_directory_iterator it(input, fs::directory_options::skip_permission_denied, ec);
      if (ec) throw std::runtime_error(input.string() + ": cannot list folder: " + ec.message());
      for (const fs::recursive_directory_iterator end; it != end; it.increment(ec)) {
        if (ec) throw std::runtime_error(input.string() + ": cannot list folder: " + ec.message());
        if (!it->is_regular_file(ec) || !is_midi_file_name(it->path())) continue;
        found.push_back({it->path(), it->path().lexically_relative(input).generic_string()});
      }
    } else {
      found.push_back({input, input.filename().string()});
    }
  }
  std::sort(found.begin(), found.end(),
            [](const MidiInput& a, const MidiInput& b) { return a.path < b.path; });
  found.erase(std::unique(found.begin(), found.end(),
                          [](const MidiInput& a, const MidiInput& b) { return a.path == b.path; }),
              found.end());
  return found;
}

std::vector<FileTokens> tokenize_files(const std::vector<MidiInput>& inputs, unsigned threads,
                                       const std::function<void(const FileTokens&)>& on_done) {
  std::vector<FileTokens> results(inputs.size());
  auto work = [&](std::size_t i) {
    FileTokens& result = results[i];
    result.input = inputs[i];
    try {
      PaperTokenization t = paper_tokenize_file(inputs[i].path);
      result.tokens = std::move(t.tokens);
      result.music21_failure = std::move(t.music21_failure);
    } catch (const std::exception& e) {
      result.error = e.what();
    }
  };
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  parallel_for(inputs.size(), threads, work, [&](std::size_t i) {
    if (on_done) on_done(results[i]);
  });
  return results;
}

}  // namespace cadenza::tokens
