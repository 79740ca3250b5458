#pragma once
// cadenza's own exceptions, by who has to act on them. app/main.cpp maps them to exit codes in
// one place: UsageError (and std::invalid_argument) exit 2, any other failure to do the work
// (bad input file, I/O) exits 1, Bug and unexpected exceptions exit 70 with a request to report.
#include <stdexcept>
#include <string>

namespace cadenza {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The user asked for something that cannot be: a bad option value, a missing argument, an
// output that would overwrite an input.
class UsageError : public Error {
 public:
  using Error::Error;
};

// An internal invariant broke: not the user's fault.
class Bug : public Error {
 public:
  using Error::Error;
};

// The work needs the neural-network half of cadenza (libtorch). The torch-free `cadenza`
// program hands the whole command to `cadenza-torch` when it meets this, before it has
// written anything; a build without libtorch reports it as a usage error.
class NeedsTorch : public Error {
 public:
  explicit NeedsTorch(const std::string& what)
      : Error(what + " needs libtorch, which this cadenza was built without") {}
};

}  // namespace cadenza
