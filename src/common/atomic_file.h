#pragma once
// Writes outputs so that good data is never lost: the content goes to a temporary file in the
// same folder, which is renamed over the target only after it was written and flushed
// completely. A failure (disk full, exception) leaves the old file untouched and no temp file.
#include <filesystem>
#include <functional>
#include <ostream>
#include <string>

namespace cadenza {

// Calls write(stream) on a temporary file beside `path`, then renames it to `path`.
// Throws std::runtime_error naming the path when anything fails.
void write_file_atomically(const std::filesystem::path& path,
                           const std::function<void(std::ostream&)>& write);

void write_file_atomically(const std::filesystem::path& path, const std::string& content);

// Removes the temporary files that writes of `path` by processes no longer alive left behind
// (".<name>.tmp<pid>.<n>" after a kill -9), and returns how many. Temporary files of running
// processes are kept. Long-running commands (train) call it for their outputs at start.
std::size_t remove_stale_temp_files(const std::filesystem::path& path);

}  // namespace cadenza
