#include "classify/archive.h"

#include <cstring>
#include <stdexcept>

namespace cadenza::classify {
namespace {
// Sizes above this are treated as corruption rather than allocated.
constexpr std::uint64_t kMaxCount = std::uint64_t{1} << 31;
}  // namespace

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

void ArchiveReader::fail(const std::string& message) const {
  throw std::runtime_error(name_ + ": byte " + std::to_string(offset_) + ": " + message);
}
void ArchiveReader::raw(void* data, std::size_t size, const char* what) {
  in_.read(static_cast<char*>(data), static_cast<std::streamsize>(size));
  if (static_cast<std::size_t>(in_.gcount()) != size)
    fail(std::string("file ends early, expected ") + what);
  offset_ += size;
}
std::size_t ArchiveReader::count(const char* what) {
  const std::int64_t n = i64(what);
  if (n < 0 || static_cast<std::uint64_t>(n) > kMaxCount)
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
  for (auto& value : values) value = static_cast<int>(i64(what));
  return values;
}
std::vector<double> ArchiveReader::doubles(const char* what) {
  std::vector<double> values(count(what));
  raw(values.data(), values.size() * sizeof(double), what);
  return values;
}
Matrix ArchiveReader::matrix(const char* what) {
  const std::size_t rows = count(what), cols = count(what);
  if (rows * cols > kMaxCount) fail(std::string("implausible matrix size for ") + what);
  Matrix value(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(cols));
  raw(value.data(), rows * cols * sizeof(double), what);
  return value;
}
Vector ArchiveReader::vector(const char* what) {
  Vector value(static_cast<Eigen::Index>(count(what)));
  raw(value.data(), static_cast<std::size_t>(value.size()) * sizeof(double), what);
  return value;
}

}  // namespace cadenza::classify
