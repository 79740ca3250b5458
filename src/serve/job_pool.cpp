#include "serve/job_pool.h"

#include <algorithm>
#include <cstdio>
#include <random>
#include <system_error>
#include <utility>

namespace cadenza::serve {

using Clock = std::chrono::steady_clock;

struct JobPool::Job {
  std::string id, kind;
  fs::path folder;
  JobState state = JobState::kQueued;
  std::string stage = "queued";
  std::string error;
  std::vector<std::pair<std::string, fs::path>> files;  // name -> path
  nlohmann::json result;
  Work work;
  Clock::time_point submitted = Clock::now(), ended{};
};

const char* to_string(JobState state) {
  switch (state) {
    case JobState::kQueued:
      return "queued";
    case JobState::kRunning:
      return "running";
    case JobState::kDone:
      return "done";
    case JobState::kFailed:
      return "failed";
    case JobState::kCancelled:
      return "cancelled";
  }
  return "unknown";
}

std::string random_job_id() {
  static thread_local std::random_device device;
  std::string id;
  for (int word = 0; word < 4; ++word) {
    char hex[9];
    std::snprintf(hex, sizeof hex, "%08x", static_cast<unsigned>(device()));
    id += hex;
  }
  return id;
}

JobPool::JobPool(JobPoolOptions options) : options_(std::move(options)) {
  options_.workers = std::max<std::size_t>(1, options_.workers);
  options_.keep_finished = std::max<std::size_t>(1, options_.keep_finished);
  fs::create_directories(options_.root);
  for (std::size_t i = 0; i < options_.workers; ++i)
    workers_.emplace_back([this] { run_worker(); });
}

JobPool::~JobPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    for (auto& job : queue_) job->state = JobState::kCancelled;
    queue_.clear();
  }
  changed_.notify_all();
  for (auto& worker : workers_) worker.join();
  std::error_code ignored;
  for (auto& [id, job] : jobs_) fs::remove_all(job->folder, ignored);
}

std::shared_ptr<JobPool::Job> JobPool::create(const std::string& kind) {
  auto job = std::make_shared<Job>();
  do job->id = random_job_id();
  while (jobs_.count(job->id));
  job->kind = kind;
  job->folder = options_.root / job->id;
  fs::create_directories(job->folder);
  return job;
}

std::string JobPool::submit(const std::string& kind, Work work, const Prepare& prepare) {
  std::shared_ptr<Job> job;
  {
    std::lock_guard lock(mutex_);
    if (queue_.size() >= options_.queue_limit)
      throw QueueFull("the queue is full (" + std::to_string(options_.queue_limit) +
                      " jobs waiting); try again when one has finished");
    job = create(kind);
  }
  if (prepare) {
    try {
      prepare(job->folder);
    } catch (...) {
      std::error_code ignored;
      fs::remove_all(job->folder, ignored);
      throw;
    }
  }
  {
    std::lock_guard lock(mutex_);
    if (queue_.size() >= options_.queue_limit || stopping_) {
      std::error_code ignored;
      fs::remove_all(job->folder, ignored);
      throw QueueFull("the queue is full (" + std::to_string(options_.queue_limit) +
                      " jobs waiting); try again when one has finished");
    }
    job->work = std::move(work);
    jobs_[job->id] = job;
    queue_.push_back(job);
  }
  changed_.notify_all();
  return job->id;
}

std::string JobPool::add_done(const std::string& kind, const Work& work) {
  std::shared_ptr<Job> job;
  {
    std::lock_guard lock(mutex_);
    job = create(kind);
  }
  JobOutcome outcome;
  try {
    JobContext context(
        job->folder, [](const std::string&) {}, [] { return false; });
    outcome = work(context);
  } catch (...) {
    std::error_code ignored;
    fs::remove_all(job->folder, ignored);
    throw;
  }
  {
    std::lock_guard lock(mutex_);
    job->state = JobState::kRunning;
    jobs_[job->id] = job;
  }
  finish(*job, std::move(outcome), "");
  return job->id;
}

void JobPool::run_worker() {
  for (;;) {
    std::shared_ptr<Job> job;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      job = queue_.front();
      queue_.pop_front();
      job->state = JobState::kRunning;
      job->stage = "starting";
    }
    changed_.notify_all();
    JobContext context(
        job->folder,
        [this, job](const std::string& stage) {
          {
            std::lock_guard lock(mutex_);
            job->stage = stage;
          }
          changed_.notify_all();
        },
        [this, job] {
          std::lock_guard lock(mutex_);
          return job->state == JobState::kCancelled;
        });
    JobOutcome outcome;
    std::string error;
    try {
      outcome = job->work(context);
    } catch (const std::exception& e) {
      error = e.what();
      if (error.empty()) error = "the job failed";
    } catch (...) {
      error = "the job failed (unknown exception)";
    }
    finish(*job, std::move(outcome), std::move(error));
  }
}

void JobPool::finish(Job& job, JobOutcome outcome, std::string error) {
  {
    std::lock_guard lock(mutex_);
    job.work = nullptr;  // releases what the work captured
    job.ended = Clock::now();
    if (job.state == JobState::kCancelled) {
      // Cancelled while running: the results are discarded.
      std::error_code ignored;
      for (const auto& file : outcome.files) fs::remove(file, ignored);
      job.stage = "cancelled";
    } else if (!error.empty()) {
      job.state = JobState::kFailed;
      job.error = std::move(error);
      job.stage = "failed";
    } else {
      job.state = JobState::kDone;
      job.stage = "done";
      job.result = std::move(outcome.result);
      for (const auto& file : outcome.files) job.files.emplace_back(file.filename().string(), file);
    }
    finished_order_.push_back(job.id);
    forget_old_jobs();
  }
  changed_.notify_all();
}

void JobPool::forget_old_jobs() {
  while (finished_order_.size() > options_.keep_finished) {
    const auto found = jobs_.find(finished_order_.front());
    finished_order_.pop_front();
    if (found == jobs_.end()) continue;
    std::error_code ignored;
    fs::remove_all(found->second->folder, ignored);
    jobs_.erase(found);
  }
}

std::size_t JobPool::position_of(const Job& job) const {
  for (std::size_t i = 0; i < queue_.size(); ++i)
    if (queue_[i].get() == &job) return i;
  return 0;
}

std::optional<JobStatus> JobPool::status(const std::string& id) const {
  std::lock_guard lock(mutex_);
  const auto found = jobs_.find(id);
  if (found == jobs_.end()) return std::nullopt;
  const Job& job = *found->second;
  JobStatus status;
  status.id = job.id;
  status.kind = job.kind;
  status.state = job.state;
  status.stage = job.stage;
  status.error = job.error;
  for (const auto& file : job.files) status.files.push_back(file.first);
  status.result = job.result;
  if (job.state == JobState::kQueued) status.queue_position = position_of(job);
  const auto end =
      is_finished(job.state) && job.ended != Clock::time_point{} ? job.ended : Clock::now();
  status.seconds = std::chrono::duration<double>(end - job.submitted).count();
  return status;
}

std::optional<fs::path> JobPool::file(const std::string& id, const std::string& name) const {
  std::lock_guard lock(mutex_);
  const auto found = jobs_.find(id);
  if (found == jobs_.end()) return std::nullopt;
  for (const auto& [file_name, path] : found->second->files)
    if (file_name == name) return path;
  return std::nullopt;
}

bool JobPool::cancel(const std::string& id) {
  {
    std::lock_guard lock(mutex_);
    const auto found = jobs_.find(id);
    if (found == jobs_.end()) return false;
    Job& job = *found->second;
    if (job.state == JobState::kQueued) {
      queue_.erase(std::remove(queue_.begin(), queue_.end(), found->second), queue_.end());
      job.state = JobState::kCancelled;
      job.stage = "cancelled";
      job.work = nullptr;
      job.ended = Clock::now();
      finished_order_.push_back(job.id);
      forget_old_jobs();
    } else if (job.state == JobState::kRunning) {
      job.state = JobState::kCancelled;  // the worker discards its results (finish)
      job.stage = "cancelling";
    }
  }
  changed_.notify_all();
  return true;
}

bool JobPool::wait(const std::string& id, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] {
    const auto found = jobs_.find(id);
    return found != jobs_.end() && is_finished(found->second->state) &&
           (found->second->state != JobState::kCancelled || !found->second->work);
  });
}

std::size_t JobPool::queued() const {
  std::lock_guard lock(mutex_);
  return queue_.size();
}

}  // namespace cadenza::serve
