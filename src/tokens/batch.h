#pragma once
// Tokenizing many MIDI files: finding them (recursively, .mid/.midi/.kar in any letter case),
// and running the paper tokenizer over them on a pool of threads. A file that fails keeps its
// error message and the others go on; results come back in sorted path order whatever the
// thread count.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace cadenza::tokens {

struct MidiInput {
  std::filesystem::path path;
  std::string name;  // document name: path relative to the folder given, or the file name
};

// Files and folders as given on a command line. Throws std::runtime_error for a path that does
// not exist or cannot be listed. Sorted by path, duplicates removed.
std::vector<MidiInput> collect_midi_files(const std::vector<std::filesystem::path>& inputs);

bool is_midi_file_name(const std::filesystem::path& path);

struct FileTokens {
  MidiInput input;
  std::vector<std::string> tokens;
  std::string error;            // non-empty: the file could not be tokenized
  std::string music21_failure;  // non-empty: music21 9.1 refuses this file (we read it anyway)
};

// `threads` 0 means all cores. `on_done` (may be empty) is called from worker threads, once per
// file, as soon as it is finished.
std::vector<FileTokens> tokenize_files(const std::vector<MidiInput>& inputs, unsigned threads,
                                       const std::function<void(const FileTokens&)>& on_done = {});

}  // namespace cadenza::tokens
