#pragma once
// A fixed validation list (docs/data/jazz_validation.txt): one entry per line naming a piece as
// "collection/file" (its path under ../shared/data/midi); '#' lines and blank lines are comments.
// Training and evaluation use it to put the same files on the validation side whatever folder
// was tokenized: a corpus document is named by its path relative to the folder given to
// `cadenza tokenize`, so "wjazzd_solos/A.mid" must match a document "A.mid" as well as
// "wjazzd_solos/A.mid" (or "midi/wjazzd_solos/A.mid").
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace cadenza::data {

struct ValidationEntry {
  std::string name;      // "collection/file" as written
  std::size_t line = 0;  // 1-based line in the list file
};

struct ValidationList {
  std::filesystem::path source;
  std::vector<ValidationEntry> entries;
};

// Throws std::runtime_error naming the file when it cannot be read or holds no entry, and
// "<file>:<line>: ..." for a line that cannot be a file name (control characters, over 4 KB).
ValidationList read_validation_list(const std::filesystem::path& path);

// True when `document` names the entry's file: equal to the entry, equal to the entry without
// its first folder ("collection/"), or ending with "/" + entry.
bool validation_entry_matches(const std::string& entry, const std::string& document);

// For each document name, whether it is on the validation side. Throws std::runtime_error
// "<list>:<line>: 'entry' matches no document of <what>" for the first entry that matches
// nothing, so that a list and a corpus that do not belong together are never used silently.
std::vector<bool> mark_validation_documents(const ValidationList& list,
                                            const std::vector<std::string>& documents,
                                            const std::string& what = "the corpus");

}  // namespace cadenza::data
