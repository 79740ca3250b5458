#pragma once
// The studio's long jobs (generation, interpolation, genre check): a bounded pool of worker
// threads behind a bounded queue. Each job owns a folder under the pool's root; the files a job
// reports are the only ones the server will ever send back, looked up by name in memory (no
// request path reaches the file system). Finished jobs are kept up to a limit, then the oldest
// are forgotten and their folders removed.
//
// Cancelling: a queued job is dropped at once; a running job cannot be interrupted (the
// generation loop has no hook), so it is marked cancelled and its files are deleted when its
// work returns.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

namespace cadenza::serve {

namespace fs = std::filesystem;

enum class JobState { kQueued, kRunning, kDone, kFailed, kCancelled };
const char* to_string(JobState state);
inline bool is_finished(JobState state) {
  return state != JobState::kQueued && state != JobState::kRunning;
}

// What a job's work returns: the files it wrote (inside its folder) and JSON for the page.
struct JobOutcome {
  std::vector<fs::path> files;
  nlohmann::json result = nlohmann::json::object();
};

// A copy of a job's state at one moment.
struct JobStatus {
  std::string id, kind;
  JobState state = JobState::kQueued;
  std::string stage;  // what it is doing now ("queued", "composing", ...)
  std::string error;  // set when failed
  std::vector<std::string> files;
  nlohmann::json result;
  std::size_t queue_position = 0;  // jobs ahead of it while queued
  double seconds = 0;              // since it was submitted (until it finished)
};

// Handed to a job's work: its folder, the stage it reports, and whether it was cancelled.
class JobContext {
 public:
  JobContext(fs::path folder, std::function<void(const std::string&)> report_stage,
             std::function<bool()> cancelled)
      : folder_(std::move(folder)),
        report_stage_(std::move(report_stage)),
        cancelled_(std::move(cancelled)) {}
  const fs::path& folder() const { return folder_; }
  void stage(const std::string& what) { report_stage_(what); }
  bool cancelled() const { return cancelled_(); }

 private:
  fs::path folder_;
  std::function<void(const std::string&)> report_stage_;
  std::function<bool()> cancelled_;
};

// Thrown by submit() when the queue holds queue_limit jobs already.
class QueueFull : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct JobPoolOptions {
  fs::path root;                    // created if missing; job folders go inside
  std::size_t workers = 1;          // jobs running at once
  std::size_t queue_limit = 16;     // jobs waiting, beyond which submit() throws QueueFull
  std::size_t keep_finished = 200;  // finished jobs remembered (their files kept)
};

class JobPool {
 public:
  using Work = std::function<JobOutcome(JobContext&)>;
  // Prepares a job's folder before it is queued (copying its inputs); runs on the caller.
  using Prepare = std::function<void(const fs::path& folder)>;

  explicit JobPool(JobPoolOptions options);
  ~JobPool();  // drops queued jobs, waits for running ones, removes every job folder
  JobPool(const JobPool&) = delete;
  JobPool& operator=(const JobPool&) = delete;

  // Queues `work`; returns the new job's id. Throws QueueFull, or what `prepare` throws (then
  // nothing is left behind).
  std::string submit(const std::string& kind, Work work, const Prepare& prepare = {});
  // A job done at once on the caller's thread (an upload): `work` runs now; its exception
  // propagates and nothing is kept.
  std::string add_done(const std::string& kind, const Work& work);

  std::optional<JobStatus> status(const std::string& id) const;
  // The path of a file the job reported, by its name; nothing for any other name.
  std::optional<fs::path> file(const std::string& id, const std::string& name) const;
  // False when there is no such job. Finished jobs stay as they are.
  bool cancel(const std::string& id);
  // Blocks until the job is finished or `timeout` passes (false then, or for an unknown id).
  bool wait(const std::string& id, std::chrono::milliseconds timeout) const;

  std::size_t queued() const;
  const JobPoolOptions& options() const { return options_; }

 private:
  struct Job;
  void run_worker();
  void finish(Job& job, JobOutcome outcome, std::string error);
  std::shared_ptr<Job> create(const std::string& kind);  // with its folder; lock held
  void forget_old_jobs();                                // lock held
  std::size_t position_of(const Job& job) const;         // lock held

  JobPoolOptions options_;
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::map<std::string, std::shared_ptr<Job>> jobs_;
  std::deque<std::shared_ptr<Job>> queue_;
  std::deque<std::string> finished_order_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

// 128 random bits as 32 lowercase hex digits.
std::string random_job_id();

}  // namespace cadenza::serve
