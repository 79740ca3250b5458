#include "common/progress.h"

#include <unistd.h>

#include <cstdio>
#include <optional>

namespace cadenza {
namespace {
std::optional<bool> forced_enabled;

bool enabled() {
  if (forced_enabled) return *forced_enabled;
  static const bool is_terminal = isatty(STDERR_FILENO) == 1;
  return is_terminal;
}

std::string format_duration(double seconds) {
  if (!(seconds >= 0) || seconds > 1e7) return "--:--";
  const long s = static_cast<long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  else
    std::snprintf(buf, sizeof buf, "%02ld:%02ld", s / 60, s % 60);
  return buf;
}
}  // namespace

void Progress::set_enabled(bool on) { forced_enabled = on; }

Progress::Progress(std::string label, std::size_t total, std::string unit)
    : label_(std::move(label)),
      unit_(std::move(unit)),
      total_(total),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

Progress::~Progress() { finish(); }

void Progress::advance(std::size_t count) {
  std::lock_guard<std::mutex> lock(mutex_);
  done_ += count;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ >= std::chrono::milliseconds(100)) {
    last_draw_ = now;
    draw_locked(false);
  }
}

void Progress::set_message(std::string message) {
  std::lock_guard<std::mutex> lock(mutex_);
  message_ = std::move(message);
}

void Progress::finish() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (finished_) return;
  finished_ = true;
  draw_locked(true);
}

void Progress::draw_locked(bool final_line) {
  if (!enabled()) return;
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double rate = elapsed > 0 ? done_ / elapsed : 0.0;
  const double eta = rate > 0 && total_ > done_ ? (total_ - done_) / rate : 0.0;
  constexpr int width = 24;
  const int filled = total_ ? static_cast<int>(width * double(done_) / double(total_)) : 0;
  std::string bar(static_cast<std::size_t>(std::min(filled, width)), '#');
  bar.resize(width, '.');
  std::fprintf(stderr, "\r\033[K%s [%s] %zu/%zu %s  %.1f %s/s  %s %s  %s", label_.c_str(),
               bar.c_str(), done_, total_, unit_.c_str(), rate, unit_.c_str(),
               final_line ? "in" : "ETA", format_duration(final_line ? elapsed : eta).c_str(),
               message_.c_str());
  if (final_line) std::fputc('\n', stderr);
  std::fflush(stderr);
}

}  // namespace cadenza
