#pragma once
// A progress line for long work: items done, rate, ETA and an optional live message.
// It draws on a terminal (stderr) at most ~10 times a second and stays silent otherwise,
// so logs and CI output are not flooded. Thread-safe: workers may call advance() at once.
#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>

namespace cadenza {

class Progress {
 public:
  Progress(std::string label, std::size_t total, std::string unit = "items");
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void advance(std::size_t count = 1);
  void set_message(std::string message);  // e.g. "loss 3.21"
  void finish();                          // draws the final line and a newline

  // Forces drawing on/off (default: only when stderr is a terminal).
  static void set_enabled(bool enabled);

 private:
  void draw_locked(bool final_line);

  std::string label_, unit_, message_;
  std::size_t total_, done_ = 0;
  std::chrono::steady_clock::time_point start_, last_draw_;
  bool finished_ = false;
  std::mutex mutex_;
};

}  // namespace cadenza
