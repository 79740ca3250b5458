// cadenza serve: the studio, a page and JSON API for composing, listening and checking genre in
// the browser (docs/studio.md).
#include <signal.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <memory>
#include <optional>
#include <thread>

#include "command.h"
#include "serve/studio.h"
#include "torch_commands.h"

namespace cadenza::app {
namespace {

struct ServeArgs {
  serve::StudioOptions studio;
  std::optional<std::filesystem::path> models, classifier;
};

volatile std::sig_atomic_t stop_requested = 0;
extern "C" void request_stop(int) { stop_requested = 1; }

void serve(const ServeArgs& args) {
  serve::StudioOptions options = args.studio;
  options.models_dir = args.models;
  serve::Studio studio(options, serve::library_backend(args.classifier));
  const int port = studio.bind();
  const bool ipv6 = options.host.find(':') != std::string::npos;
  std::printf("cadenza studio: listening on http://%s%s%s:%d/ (Ctrl-C stops)\n", ipv6 ? "[" : "",
              options.host.c_str(), ipv6 ? "]" : "", port);
  std::fflush(stdout);
  // SIGINT / SIGTERM end the server cleanly (job folders removed): the handler sets a flag
  // that a watcher thread turns into stop() (which is not safe inside a signal handler).
  struct sigaction action = {};
  action.sa_handler = request_stop;
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
  std::atomic<bool> running{true};
  std::thread watcher([&] {
    while (running && !stop_requested) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    studio.stop();
  });
  studio.run();
  running = false;
  watcher.join();
}

void setup(CLI::App& sub) {
  auto args = std::make_shared<ServeArgs>();
  serve::StudioOptions& o = args->studio;
  sub.add_option("--host", o.host,
                 "address to listen on (anything but loopback is reachable "
                 "from the network: there is no login)")
      ->capture_default_str();
  sub.add_option("--port", o.port, "port (0: any free port, printed)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  sub.add_option("--models", args->models, "folder of *.cdz models offered besides the shipped one")
      ->check(CLI::ExistingDirectory);
  sub.add_option("--jobs", o.workers, "jobs running at once")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  sub.add_option("--queue", o.queue_limit, "jobs waiting before requests are refused (503)")
      ->check(CLI::Range(1, 10000))
      ->capture_default_str();
  sub.add_option("--classifier", args->classifier,
                 "genre model (`cadenza classify train`) for the page's genre chart")
      ->check(CLI::ExistingFile);
  sub.add_option("--work-dir", o.work_dir,
                 "folder for the jobs' files (default: a new temporary "
                 "folder, removed at the end)");
  sub.add_option("--threads", o.torch_threads, "torch and OpenBLAS threads per job")
      ->capture_default_str();
  sub.add_option("--device", o.device, "cpu, cuda or cuda:N")->capture_default_str();
  sub.add_option("--soundfont", o.soundfont, "SoundFont 2 file for the WAV renders")
      ->capture_default_str();
  sub.callback([args] { serve(*args); });
}

const bool registered = register_command({"serve", torch_command_summary("serve"), setup});
}  // namespace
}  // namespace cadenza::app
