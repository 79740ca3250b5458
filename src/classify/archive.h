#pragma once
// A small binary archive for model files: little-endian fixed-width numbers, length-prefixed
// strings and matrices. Every read checks the remaining bytes, so a truncated or foreign file
// fails with the file name, the byte offset and what was expected instead of a crash. Numbers
// read as doubles must be finite (no model stores NaN or infinity) and every size is bounded;
// the models check their indices with index() and require().
#include <cstdint>
#include <istream>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "classify/types.h"

namespace cadenza::classify {

class ArchiveWriter {
 public:
  explicit ArchiveWriter(std::ostream& out) : out_(out) {}
  void u32(std::uint32_t value);
  void i64(std::int64_t value);
  void f64(double value);
  void str(const std::string& value);
  void strings(const std::vector<std::string>& values);
  void ints(const std::vector<int>& values);
  void doubles(const std::vector<double>& values);
  void matrix(const Matrix& value);
  void vector(const Vector& value);

 private:
  void raw(const void* data, std::size_t size);
  std::ostream& out_;
};

class ArchiveReader {
 public:
  // `name` (usually the file path) is used in error messages only. `size`, the bytes the
  // stream holds, bounds every count before anything is allocated for it.
  ArchiveReader(std::istream& in, std::string name, std::uint64_t size)
      : in_(in), name_(std::move(name)), size_(size) {}
  // The size is what is left of a seekable stream (unknown: counts up to 2^31 are allowed).
  ArchiveReader(std::istream& in, std::string name);
  std::uint32_t u32(const char* what);
  std::int64_t i64(const char* what);
  double f64(const char* what);
  std::string str(const char* what);
  std::vector<std::string> strings(const char* what);
  std::vector<int> ints(const char* what);
  std::vector<double> doubles(const char* what);
  Matrix matrix(const char* what);
  Vector vector(const char* what);
  // Reads exactly `size` bytes (for magic numbers).
  std::string bytes(std::size_t size, const char* what);

  // An i64 that must lie in [lowest, highest] (a class, a feature, a node index).
  int index(const char* what, std::int64_t lowest, std::int64_t highest);
  // fail(what) unless `condition`.
  void require(bool condition, const std::string& what) const;

  // Throws std::runtime_error "<name>: byte <offset>: <message>".
  [[noreturn]] void fail(const std::string& message) const;
  const std::string& name() const { return name_; }

 private:
  void raw(void* data, std::size_t size, const char* what);
  std::size_t count(const char* what);
  std::uint64_t left() const;
  void require_finite(const double* values, std::size_t count, const char* what);
  std::istream& in_;
  std::string name_;
  std::uint64_t size_;
  std::uint64_t offset_ = 0;
};

}  // namespace cadenza::classify
