#pragma once
// How the library's exceptions reach Python: each kind of failure as the built-in exception a
// Python user catches for it, with the library's own message.
//   FileNotFoundError  a path that does not exist (FileMissing)
//   ValueError         input that cannot be used: bad MIDI or audio bytes, a damaged model file,
//                      a token that is no token, a bad argument (BadInput, midi::ParseError,
//                      audio::AudioError, cadenza::UsageError, std::invalid_argument)
//   OSError            a file that cannot be written (WriteFailure)
//   RuntimeError       anything else (a bug, or work that needs libtorch)
#include <pybind11/pybind11.h>

#include <filesystem>
#include <stdexcept>
#include <string>

namespace cadenza::python {

class FileMissing : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class BadInput : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class WriteFailure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws FileMissing "<path>: no such file" (or folder) when nothing is at `path`.
void require_exists(const std::filesystem::path& path);

void register_exceptions(pybind11::module_& m);

}  // namespace cadenza::python
