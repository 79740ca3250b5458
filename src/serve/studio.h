#pragma once
// `cadenza serve`: the studio's HTTP server (cpp-httplib). One page (web/, embedded in the
// binary) and a JSON API over a JobPool; docs/studio.md lists the routes. Every error is JSON
// {"error": "..."} with its status; each request is handled inside a catch-all, so a bad
// request answers 4xx/500 and the server goes on.
#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "audio/synth.h"
#include "serve/backend.h"

namespace cadenza::serve {

struct StudioOptions {
  std::string host = "127.0.0.1";
  int port = 8080;                         // 0: any free port (bind() says which)
  std::optional<fs::path> models_dir;      // *.cdz checkpoints offered besides the shipped one
  std::size_t workers = 1;                 // jobs running at once
  std::size_t queue_limit = 16;            // jobs waiting before requests get 503
  std::size_t keep_finished = 200;         // finished jobs (and their files) remembered
  fs::path work_dir;                       // job folders; empty: a new temporary folder
  std::size_t max_upload_bytes = 2 << 20;  // uploaded MIDI files, and every request body
  int torch_threads = 1;                   // per job (one token at a time: more do not help)
  std::string device = "cpu";
  fs::path soundfont = audio::kDefaultSoundfont;  // WAV renders when it is a soundfont
};

class Studio {
 public:
  Studio(StudioOptions options, Backend backend);
  ~Studio();  // stops serving; removes the job folders (and the work folder it made)
  Studio(const Studio&) = delete;
  Studio& operator=(const Studio&) = delete;

  // Binds options.host:options.port; returns the port. Throws std::runtime_error when it
  // cannot (port taken, bad address).
  int bind();
  // Serves until stop() (from another thread or a signal handler's thread).
  void run();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cadenza::serve
