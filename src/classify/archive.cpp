#include "classify/archive.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>

namespace cadenza::classify {
void ArchiveWriter::raw(const void* data, std::size_t size) {
  out_.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
}
void ArchiveWriter::u32(std::uint32_t value) { raw(&value, sizeof value); }
void ArchiveWriter::i64(std::int64_t value) { raw(&value, sizeof value); }
void ArchiveWriter::f64(double value) { raw(&value, sizeof value); }
void ArchiveWriter::str(const std::string& value) {
  i64(static_cast<std::int64_t>(value.size()));
  raw(value.data(), value.size());
}
void ArchiveWriter::strings(const std::vector<std::string>& values) {
  i64(static_cast<std::int64_t>(values.size()));
  for (const auto& value : values) str(value);
}
void ArchiveWriter::ints(const std::vector<int>& values) {
  i64(static_cast<std::int64_t>(values.size()));
  for (int value : values) i64(value);
}
void ArchiveWriter::doubles(const std::vector<double>& values) {
  i64(static_cast<std::int64_t>(values.size()));
  raw(values.data(), values.size() * sizeof(double));
}
void ArchiveWriter::matrix(const Matrix& value) {
  i64(value.rows());
  i64(value.cols());
  raw(value.data(), static_cast<std::size_t>(value.size()) * sizeof(double));
}
void ArchiveWriter::vector(const Vector& value) {
  i64(value.size());
  raw(value.data(), static_cast<std::size_t>(value.size()) * sizeof(double));
}

void ArchiveReader::require_finite(const double* values, std::size_t count, const char* what) {
  for (std::size_t i = 0; i < count; ++i)
    if (!std::isfinite(values[i]))
      fail(std::string("non-finite value in ") + what + " (a damaged model file)");
}
void ArchiveReader::require(bool condition, const std::string& what) const {
  if (!condition) fail(what);
}
int ArchiveReader::index(const char* what, std::int64_t lowest, std::int64_t highest) {
  const std::int64_t value = i64(what);
  if (value < lowest || value > highest)
    fail(std::string(what) + " " + std::to_string(value) + " outside [" + std::to_string(lowest) +
         ", " + std::to_string(highest) + "]");
  return static_cast<int>(value);
}
void ArchiveReader::fail(const std::string& message) const {
  throw std::runtime_error(name_ + ": byte " + std::to_string(offset_) + ": " + message);
}
namespace {
std::uint64_t bytes_left(std::istream& in) {
  const std::streampos here = in.tellg();
  if (here < 0) return std::uint64_t{1} << 31;
  in.seekg(0, std::ios::end);
  const std::streampos end = in.tellg();
  in.seekg(here);
  return end >= here ? static_cast<std::uint64_t>(end - here) : 0;
}
}  // namespace

ArchiveReader::ArchiveReader(std::istream& in, std::string name)
    : ArchiveReader(in, std::move(name), bytes_left(in)) {}

std::uint64_t ArchiveReader::left() const { return size_ > offset_ ? size_ - offset_ : 0; }
void ArchiveReader::raw(void* data, std::size_t size, const char* what) {
  in_.read(static_cast<char*>(data), static_cast<std::streamsize>(size));
  if (static_cast<std::size_t>(in_.gcount()) != size)
    fail(std::string("file ends early, expected ") + what);
  offset_ += size;
}
std::size_t ArchiveReader::count(const char* what) {
  const std::int64_t n = i64(what);
  // Every element takes at least one byte, so a count beyond the bytes left is corruption
  // (checked before allocating: a damaged size must not ask for gigabytes).
  if (n < 0 || static_cast<std::uint64_t>(n) > left())
    fail(std::string("implausible size ") + std::to_string(n) + " for " + what);
  return static_cast<std::size_t>(n);
}
std::uint32_t ArchiveReader::u32(const char* what) {
  std::uint32_t value;
  raw(&value, sizeof value, what);
  return value;
}
std::int64_t ArchiveReader::i64(const char* what) {
  std::int64_t value;
  raw(&value, sizeof value, what);
  return value;
}
double ArchiveReader::f64(const char* what) {
  double value;
  raw(&value, sizeof value, what);
  require_finite(&value, 1, what);
  return value;
}
std::string ArchiveReader::bytes(std::size_t size, const char* what) {
  std::string value(size, '\0');
  raw(value.data(), size, what);
  return value;
}
std::string ArchiveReader::str(const char* what) { return bytes(count(what), what); }
std::vector<std::string> ArchiveReader::strings(const char* what) {
  std::vector<std::string> values(count(what));
  for (auto& value : values) value = str(what);
  return values;
}
std::vector<int> ArchiveReader::ints(const char* what) {
  std::vector<int> values(count(what));
  for (auto& value : values)
    value = index(what, std::numeric_limits<int>::min(), std::numeric_limits<int>::max());
  return values;
}
std::vector<double> ArchiveReader::doubles(const char* what) {
  std::vector<double> values(count(what));
  raw(values.data(), values.size() * sizeof(double), what);
  require_finite(values.data(), values.size(), what);
  return values;
}
Matrix ArchiveReader::matrix(const char* what) {
  const std::size_t rows = count(what), cols = count(what);
  if (cols != 0 && rows > left() / sizeof(double) / cols)
    fail(std::string("implausible matrix size for ") + what);
  Matrix value(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(cols));
  raw(value.data(), rows * cols * sizeof(double), what);
  require_finite(value.data(), rows * cols, what);
  return value;
}
Vector ArchiveReader::vector(const char* what) {
  Vector value(static_cast<Eigen::Index>(count(what)));
  raw(value.data(), static_cast<std::size_t>(value.size()) * sizeof(double), what);
  require_finite(value.data(), static_cast<std::size_t>(value.size()), what);
  return value;
}

}  // namespace cadenza::classify
