// The job pool alone: ids, forgetting old jobs with their folders, files by reported name only.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "serve/job_pool.h"

namespace cadenza::serve {
namespace {

JobOutcome write_one(JobContext& job, const std::string& name) {
  std::ofstream(job.folder() / name) << "x";
  JobOutcome outcome;
  outcome.files.push_back(job.folder() / name);
  return outcome;
}

TEST(JobPool, ForgetsTheOldestFinishedJobsAndRemovesTheirFolders) {
  const fs::path root =
      fs::temp_directory_path() / ("cadenza-job-pool-" + std::to_string(getpid()));
  {
    JobPoolOptions options;
    options.root = root;
    options.keep_finished = 2;
    JobPool pool(options);
    const auto make = [](JobContext& job) { return write_one(job, "a.mid"); };
    const std::string first = pool.add_done("upload", make);
    const std::string second = pool.add_done("upload", make);
    EXPECT_EQ(first.size(), 32u);
    EXPECT_NE(first, second);
    EXPECT_TRUE(fs::exists(root / first / "a.mid"));
    EXPECT_EQ(pool.file(first, "a.mid"), root / first / "a.mid");
    EXPECT_FALSE(pool.file(first, "b.mid"));
    const std::string third = pool.add_done("upload", make);
    EXPECT_FALSE(pool.status(first));  // forgotten, folder and all
    EXPECT_FALSE(fs::exists(root / first));
    EXPECT_TRUE(pool.status(second));
    EXPECT_TRUE(pool.status(third));
    // A failing job leaves nothing behind.
    EXPECT_THROW(
        pool.add_done("upload", [](JobContext&) -> JobOutcome { throw std::runtime_error("no"); }),
        std::runtime_error);
    EXPECT_EQ(std::distance(fs::directory_iterator(root), fs::directory_iterator()), 2);
  }
  EXPECT_TRUE(fs::is_empty(root));  // the pool removes every job folder when it ends
  fs::remove_all(root);
}

TEST(JobPool, WorkersRunJobsInOrderAndReportFailures) {
  const fs::path root =
      fs::temp_directory_path() / ("cadenza-job-pool-2-" + std::to_string(getpid()));
  JobPoolOptions options;
  options.root = root;
  JobPool pool(options);
  const std::string ok = pool.submit("generate", [](JobContext& job) {
    job.stage("composing");
    return write_one(job, "piece.mid");
  });
  const std::string bad = pool.submit(
      "generate", [](JobContext&) -> JobOutcome { throw std::invalid_argument("bad model"); });
  ASSERT_TRUE(pool.wait(ok, std::chrono::seconds(10)));
  ASSERT_TRUE(pool.wait(bad, std::chrono::seconds(10)));
  EXPECT_EQ(pool.status(ok)->state, JobState::kDone);
  EXPECT_EQ(pool.status(ok)->files, std::vector<std::string>{"piece.mid"});
  EXPECT_EQ(pool.status(bad)->state, JobState::kFailed);
  EXPECT_EQ(pool.status(bad)->error, "bad model");
  fs::remove_all(root);
}

}  // namespace
}  // namespace cadenza::serve
