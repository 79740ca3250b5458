// cadenza serve: the studio, a page and JSON API for composing, listening and checking genre in
// the browser (docs/studio.md).
#include <signal.h>

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

void serve(const ServeArgs& args) {
  // SIGINT / SIGTERM end the server cleanly (job folders removed): they are blocked in every
  // thread and a watcher thread waits for them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  serve::StudioOptions options = args.studio;
  options.models_dir = args.models;
  serve::Studio studio(options, serve::library_backend(args.classifier));
  const int port = studio.bind();
  std::printf("cadenza studio: listening on http://%s:%d/ (Ctrl-C stops)\n",
              options.host.find(':') != std::string::npos ? ("[" + options.host + "]").c_str()
                                                          : options.host.c_str(),
              port);
  std::fflush(stdout);
  std::thread watcher([&] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    studio.stop();
  });
  studio.run();
  pthread_kill(watcher.native_handle(), SIGTERM);  // wakes the watcher when run() ended alone
  watcher.join();
}

void setup(CLI::App& sub) {
  auto args = std::make_shared<ServeArgs>();
  serve::StudioOptions& o = args->studio;
  sub.add_option("--host", o.host, "address to listen on (anything but loopback is reachable "
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
  sub.add_option("--work-dir", o.work_dir, "folder for the jobs' files (default: a new temporary "
                                           "folder, removed at the end)");
  sub.add_option("--threads", o.torch_threads, "torch threads per job (0: cores / jobs)")
      ->capture_default_str();
  sub.add_option("--device", o.device, "cpu, cuda or cuda:N")->capture_default_str();
  sub.add_option("--soundfont", o.soundfont, "SoundFont 2 file for the WAV renders")
      ->capture_default_str();
  sub.callback([args] { serve(*args); });
}

const bool registered = register_command({"serve", torch_command_summary("serve"), setup});
}  // namespace
}  // namespace cadenza::app
