#include "serve/studio.h"

#include <httplib.h>
#include <stdlib.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <new>
#include <sstream>
#include <stdexcept>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "generate/genre_choice.h"
#include "midi/reader.h"
#include "serve/job_pool.h"
#include "serve/piece_notes.h"
#include "serve/requests.h"
#include "serve/web_assets.h"

namespace cadenza::serve {
namespace {

using httplib::Request;
using httplib::Response;
using nlohmann::json;

constexpr int kMaxEventStreams = 8;  // each holds one of the server's threads
constexpr std::size_t kServerThreads = 24;
constexpr std::size_t kMaxModels = 200;
const std::string kId = "([0-9a-f]{32})";

void send_json(Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace), "application/json");
}

void send_error(Response& res, int status, const std::string& message) {
  send_json(res, status, {{"error", message}});
}

std::string shortened(const std::string& s) { return s.size() > 80 ? s.substr(0, 80) + "..." : s; }

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string lowercase(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

json status_json(const JobStatus& status) {
  json body = {{"id", status.id},
               {"kind", status.kind},
               {"state", to_string(status.state)},
               {"stage", status.stage},
               {"files", status.files},
               {"result", status.result},
               {"seconds", std::round(status.seconds * 1000) / 1000}};
  if (status.state == JobState::kQueued) body["queue_position"] = status.queue_position;
  if (!status.error.empty()) body["error"] = status.error;
  return body;
}

const char* content_type_of(const std::string& name) {
  if (ends_with(name, ".mid")) return "audio/midi";
  if (ends_with(name, ".wav")) return "audio/wav";
  if (ends_with(name, ".png")) return "image/png";
  if (ends_with(name, ".txt")) return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw HttpError(404, "the file is gone (its job was forgotten)");
  return std::string(std::istreambuf_iterator<char>(in), {});
}

bool is_loopback_name(const std::string& host) {
  return host == "localhost" || host == "::1" || host == "[::1]" || host.rfind("127.", 0) == 0;
}

// The host of a Host header ("localhost:8080" -> "localhost", "[::1]:80" -> "[::1]").
std::string host_of(const std::string& header) {
  if (!header.empty() && header.front() == '[')
    return lowercase(header.substr(0, header.find(']') + 1));
  return lowercase(header.substr(0, header.find(':')));
}

fs::path make_temporary_folder() {
  std::string pattern = (fs::temp_directory_path() / "cadenza-studio-XXXXXX").string();
  if (!mkdtemp(pattern.data()))
    throw std::runtime_error("cannot make a work folder in " + fs::temp_directory_path().string());
  return pattern;
}

// cpp-httplib listens with a backlog of 5: a burst of connections overflows it, and the kernel
// drops (or resets) the extra ones. Listening again on the bound socket raises the backlog.
class Server : public httplib::Server {
 public:
  void raise_backlog() { ::listen(svr_sock_, SOMAXCONN); }
};

struct ModelEntry {
  std::string id, name;
  fs::path path;
  std::uintmax_t bytes = 0;
};

// A checkpoint's genres as read when it had this size and time (reading one means reading the
// whole file, 13 MB for the shipped models, so /api/models does it once per version).
struct KnownGenres {
  std::uintmax_t bytes = 0;
  fs::file_time_type written;
  std::vector<std::string> genres;
  std::string error;  // it could not be read
};

std::string joined(const std::vector<std::string>& names) {
  std::string list;
  for (const auto& name : names) list += (list.empty() ? "" : ", ") + name;
  return list;
}

}  // namespace

struct Studio::Impl {
  StudioOptions options;
  Backend backend;
  fs::path made_work_dir;  // removed at the end when the studio made it
  std::unique_ptr<JobPool> pool;
  Server server;
  std::atomic<int> event_streams{0};
  bool audio = false;
  mutable std::mutex genres_mutex;
  mutable std::map<fs::path, KnownGenres> genres_read;

  Impl(StudioOptions o, Backend b) : options(std::move(o)), backend(std::move(b)) {
    if (options.work_dir.empty()) options.work_dir = made_work_dir = make_temporary_folder();
    std::error_code ec;
    audio = fs::is_regular_file(options.soundfont, ec);
    // One thread per job: a piece is written one token at a time, which more threads do not
    // speed up, while idle OpenBLAS threads spin and slow the other jobs (docs/arrangements.md).
    if (options.torch_threads <= 0) options.torch_threads = 1;
    JobPoolOptions pool_options;
    pool_options.root = options.work_dir / "jobs";
    pool_options.workers = options.workers;
    pool_options.queue_limit = options.queue_limit;
    pool_options.keep_finished = options.keep_finished;
    pool = std::make_unique<JobPool>(pool_options);
    set_up_server();
  }

  ~Impl() {
    server.stop();
    pool.reset();
    std::error_code ignored;
    fs::remove_all(options.work_dir / "jobs", ignored);
    if (!made_work_dir.empty()) fs::remove_all(made_work_dir, ignored);
  }

  // Every route goes through here: the Host check, then the handler inside a catch-all.
  httplib::Server::Handler guarded(std::function<void(const Request&, Response&)> handler) {
    return [this, handler = std::move(handler)](const Request& req, Response& res) {
      try {
        check_host(req);
        handler(req, res);
      } catch (const HttpError& e) {
        send_error(res, e.status(), e.what());
      } catch (const QueueFull& e) {
        res.set_header("Retry-After", "5");
        send_error(res, 503, e.what());
      } catch (const std::bad_alloc&) {
        send_error(res, 500, "out of memory");
      } catch (const std::exception& e) {
        send_error(res, 500, std::string("internal error: ") + e.what());
      } catch (...) {
        send_error(res, 500, "internal error");
      }
    };
  }

  // A page elsewhere may make a browser send requests here; one that names another host (DNS
  // rebinding) is refused when the studio listens on loopback.
  void check_host(const Request& req) const {
    if (!is_loopback_name(options.host) || !req.has_header("Host")) return;
    if (!is_loopback_name(host_of(req.get_header_value("Host"))))
      throw HttpError(403, "this studio answers requests for localhost / 127.0.0.1 only");
  }

  static void require_json(const Request& req) {
    if (lowercase(req.get_header_value("Content-Type")).rfind("application/json", 0) != 0)
      throw HttpError(415, "send the body as JSON (Content-Type: application/json)");
  }

  std::vector<ModelEntry> list_models() const {
    std::vector<ModelEntry> models;
    if (!options.models_dir) return models;
    std::error_code ec;
    for (fs::directory_iterator it(*options.models_dir, ec), end; !ec && it != end;
         it.increment(ec)) {
      const fs::path& path = it->path();
      if (path.extension() != ".cdz" || !it->is_regular_file(ec)) continue;
      char magic[4] = {};
      std::ifstream(path, std::ios::binary).read(magic, 4);
      if (std::string(magic, 4) != "CDZ1") continue;  // a classifier or not a model at all
      models.push_back({path.filename().string(), path.stem().string(), path, it->file_size(ec)});
      if (models.size() >= kMaxModels) break;
    }
    std::sort(models.begin(), models.end(),
              [](const ModelEntry& a, const ModelEntry& b) { return a.id < b.id; });
    return models;
  }

  // The genres of the checkpoint at `path` (Backend::model_genres, remembered while the file
  // stays the same); throws std::runtime_error when it cannot be read.
  std::vector<std::string> genres_of(const fs::path& path) const {
    if (!backend.model_genres) return {};
    std::error_code ec;
    const std::uintmax_t bytes = fs::file_size(path, ec);
    const fs::file_time_type written = fs::last_write_time(path, ec);
    {
      std::lock_guard lock(genres_mutex);
      const auto found = genres_read.find(path);
      if (!ec && found != genres_read.end() && found->second.bytes == bytes &&
          found->second.written == written) {
        if (!found->second.error.empty()) throw std::runtime_error(found->second.error);
        return found->second.genres;
      }
    }
    KnownGenres known{bytes, written, {}, {}};
    try {
      known.genres = backend.model_genres(path);
    } catch (const std::exception& e) {
      known.error = e.what();
    }
    if (!ec) {
      std::lock_guard lock(genres_mutex);
      if (genres_read.size() > 2 * kMaxModels) genres_read.clear();
      genres_read[path] = known;
    }
    if (!known.error.empty()) throw std::runtime_error(known.error);
    return known.genres;
  }

  // An entry of /api/models: with the genres a request may name, the one written when none is
  // named, and the temperature the model samples at when none is given.
  json model_json(json entry, const fs::path& path) const {
    std::vector<std::string> genres;
    try {
      if (!path.empty()) genres = genres_of(path);
    } catch (const std::exception& e) {
      entry["available"] = false;
      entry["error"] = e.what();
    }
    entry["genres"] = genres;
    entry["default_genre"] = genres.empty() ? json(nullptr) : json(generate::default_genre(genres));
    entry["temperature"] =
        genres.empty() ? generate::SamplingOptions().temperature : generate::kGenreModelTemperature;
    return entry;
  }

  json models_json() const {
    json models = json::array();
    json shipped = {{"id", "shipped"}, {"name", "jazz (shipped)"}};
    fs::path shipped_path;
    try {
      shipped_path = backend.default_model();
      shipped["available"] = true;
    } catch (const std::exception& e) {
      shipped["available"] = false;
      shipped["error"] = e.what();
    }
    models.push_back(model_json(shipped, shipped_path));
    std::string first_available = models[0]["available"].get<bool>() ? "shipped" : "";
    std::vector<std::string> all_genres;
    for (const ModelEntry& model : list_models()) {
      models.push_back(model_json(
          {{"id", model.id}, {"name", model.name}, {"available", true}, {"bytes", model.bytes}},
          model.path));
      if (first_available.empty() && models.back()["available"].get<bool>())
        first_available = model.id;
    }
    for (const json& model : models)
      for (const json& genre : model["genres"]) all_genres.push_back(genre);
    std::sort(all_genres.begin(), all_genres.end());
    all_genres.erase(std::unique(all_genres.begin(), all_genres.end()), all_genres.end());
    json genre = nullptr;
    if (backend.genre)
      genre = {{"classifier", backend.genre_description}, {"labels", backend.genre_labels}};
    return {{"models", models},
            {"default", first_available.empty() ? json(nullptr) : json(first_available)},
            {"genres", all_genres},  // of all the models together; each model lists its own
            {"genre_classifier", genre},
            {"audio", audio},
            {"limits",
             {{"upload_bytes", options.max_upload_bytes},
              {"queue", options.queue_limit},
              {"workers", options.workers}}}};
  }

  // "shipped" is the shipped model; no model is the default of /api/models: the shipped one,
  // else the first of --models.
  fs::path model_path(const std::string& id) const {
    const std::vector<ModelEntry> models = list_models();
    if (id.empty() || id == "shipped") {
      try {
        return backend.default_model();
      } catch (const std::exception& e) {
        if (!id.empty() || models.empty()) throw HttpError(400, e.what());
        return models.front().path;
      }
    }
    for (const ModelEntry& model : models)
      if (model.id == id) return model.path;
    throw HttpError(400,
                    "model '" + shortened(id) + "': no such model (GET /api/models lists them)");
  }

  fs::path piece_path(const PieceRef& ref) const {
    const auto status = pool->status(ref.job);
    if (!status) throw HttpError(404, "no job " + ref.job);
    if (status->state != JobState::kDone)
      throw HttpError(409, "job " + ref.job + " is " + to_string(status->state) + ", not done");
    const auto path = pool->file(ref.job, ref.file);
    if (!path)
      throw HttpError(404, "job " + ref.job + " wrote no file '" + shortened(ref.file) + "'");
    if (!ends_with(ref.file, ".mid")) throw HttpError(400, "'" + ref.file + "' is not a MIDI file");
    return *path;
  }

  void prepare_piece_output(generate::PieceOutput& piece) const {
    piece.wav = audio;
    piece.synth.soundfont = options.soundfont;
    piece.piano_roll = true;
  }

  static JobOutcome outcome_of(const generate::ComposeResult& result, const fs::path& folder,
                               std::uint64_t seed) {
    JobOutcome outcome;
    for (const auto& piece : result.written)
      for (const fs::path& file : piece)
        if (file.parent_path() == folder) outcome.files.push_back(file);
    outcome.result = {
        {"seed", seed}, {"notes", result.notes}, {"seconds_generating", result.seconds_generating}};
    return outcome;
  }

  static JobPool::Prepare copy_inputs(std::vector<std::pair<fs::path, std::string>> inputs) {
    return [inputs = std::move(inputs)](const fs::path& folder) {
      for (const auto& [from, name] : inputs) fs::copy_file(from, folder / name);
    };
  }

  // The genre the piece is written in: the one asked for, checked against the model's genres
  // here so that a wrong one is a 400 rather than a failed job; the model's default when none
  // is asked; "" for a model without genres.
  std::string genre_for(const ComposeRequest& request, const fs::path& checkpoint) const {
    const std::string model = request.model.empty() ? "shipped" : request.model;
    const std::optional<std::string>& asked = request.options.arrangement.genre;
    std::vector<std::string> genres;
    try {
      genres = genres_of(checkpoint);
    } catch (const std::exception& e) {
      if (asked) throw HttpError(400, "genre: " + std::string(e.what()));
      return "";  // the job fails with the library's message
    }
    if (!asked) return generate::default_genre(genres);
    if (genres.empty())
      throw HttpError(400, "genre '" + *asked + "': the model '" + shortened(model) +
                               "' has no genre tokens (leave genre out, or choose a model "
                               "whose genres GET /api/models lists)");
    if (std::find(genres.begin(), genres.end(), *asked) == genres.end())
      throw HttpError(400, "genre '" + *asked + "': not a genre of the model '" + shortened(model) +
                               "' (it knows " + joined(genres) + ")");
    return *asked;
  }

  void submit_compose(const Request& req, Response& res, ComposeKind kind) {
    require_json(req);
    const ComposeRequest request = parse_compose_request(parse_json_object(req.body), kind);
    generate::ComposeOptions options_for_job = request.options;
    options_for_job.source.checkpoint = model_path(request.model);
    const std::string genre = genre_for(request, options_for_job.source.checkpoint);
    options_for_job.source.threads = options.torch_threads;
    options_for_job.source.device = options.device;
    prepare_piece_output(options_for_job.piece);
    std::vector<std::pair<fs::path, std::string>> inputs;
    if (request.source) inputs.emplace_back(piece_path(*request.source), "prime.mid");
    const char* kind_name = kind == ComposeKind::kGenerate   ? "generate"
                            : kind == ComposeKind::kContinue ? "continue"
                                                             : "add-part";
    const std::string stem = kind == ComposeKind::kGenerate   ? "piece"
                             : kind == ComposeKind::kContinue ? "continued"
                                                              : "with_part";
    const bool primed = request.source.has_value();
    const std::string id = pool->submit(
        kind_name,
        [compose = backend.compose, options_for_job, stem, primed, genre](JobContext& job) {
          generate::ComposeOptions o = options_for_job;
          o.output = job.folder() / (stem + ".mid");
          if (primed) o.prime = job.folder() / "prime.mid";
          job.stage("composing");
          JobOutcome outcome = outcome_of(compose(o), job.folder(), o.seed);
          if (!genre.empty()) outcome.result["genre"] = genre;
          return outcome;
        },
        copy_inputs(inputs));
    send_json(res, 202, status_json(*pool->status(id)));
  }

  void submit_interpolate(const Request& req, Response& res) {
    require_json(req);
    const InterpolateRequest request = parse_interpolate_request(parse_json_object(req.body));
    generate::InterpolateOptions options_for_job = request.options;
    options_for_job.source.checkpoint = model_path(request.model);
    options_for_job.source.threads = options.torch_threads;
    options_for_job.source.device = options.device;
    prepare_piece_output(options_for_job.piece);
    const std::vector<std::pair<fs::path, std::string>> inputs = {{piece_path(request.a), "a.mid"},
                                                                  {piece_path(request.b), "b.mid"}};
    const std::string id = pool->submit(
        "interpolate",
        [interpolate = backend.interpolate, options_for_job](JobContext& job) {
          generate::InterpolateOptions o = options_for_job;
          o.a = job.folder() / "a.mid";
          o.b = job.folder() / "b.mid";
          o.output_dir = job.folder();
          job.stage("interpolating");
          return outcome_of(interpolate(o), job.folder(), o.seed);
        },
        copy_inputs(inputs));
    send_json(res, 202, status_json(*pool->status(id)));
  }

  void submit_genre(const Request& req, Response& res) {
    require_json(req);
    const PieceRef ref = parse_genre_request(parse_json_object(req.body));
    if (!backend.genre)
      throw HttpError(400, "this studio has no genre classifier (start it with --classifier FILE)");
    const fs::path piece = piece_path(ref);
    const std::string id = pool->submit(
        "genre",
        [genre = backend.genre](JobContext& job) {
          job.stage("listening");
          const GenreProbabilities g = genre(job.folder() / "piece.mid");
          JobOutcome outcome;
          outcome.result = {{"labels", g.labels}, {"probabilities", g.probabilities}};
          return outcome;
        },
        copy_inputs({{piece, "piece.mid"}}));
    send_json(res, 202, status_json(*pool->status(id)));
  }

  void upload(const Request& req, Response& res) {
    const std::string type = lowercase(req.get_header_value("Content-Type"));
    for (const char* form :
         {"multipart/form-data", "application/x-www-form-urlencoded", "text/plain"})
      if (type.rfind(form, 0) == 0)
        throw HttpError(415, "send the MIDI file's bytes as the body (Content-Type: audio/midi)");
    if (req.body.size() > options.max_upload_bytes)
      throw HttpError(413, "the file is larger than " +
                               std::to_string(options.max_upload_bytes >> 10) + " KiB");
    if (req.body.size() < 4 || req.body.compare(0, 4, "MThd") != 0)
      throw HttpError(415, "not a MIDI file: it does not start with MThd");
    score::Score piece;
    try {
      piece = score::from_midi(midi::parse(reinterpret_cast<const std::uint8_t*>(req.body.data()),
                                           req.body.size(), "the uploaded file"));
    } catch (const std::exception& e) {
      throw HttpError(400, e.what());
    }
    if (piece.notes.empty()) throw HttpError(400, "the uploaded file has no notes");
    const std::string id = pool->add_done("upload", [&](JobContext& job) {
      JobOutcome outcome;
      const fs::path path = job.folder() / "upload.mid";
      std::ofstream out(path, std::ios::binary);
      out.write(req.body.data(), std::streamsize(req.body.size()));
      if (!out.flush()) throw std::runtime_error("cannot store the upload");
      outcome.files.push_back(path);
      outcome.result = {{"notes", piece.notes.size()}, {"seconds", piece.duration_seconds()}};
      return outcome;
    });
    send_json(res, 201, status_json(*pool->status(id)));
  }

  JobStatus job_or_404(const std::string& id) const {
    const auto status = pool->status(id);
    if (!status) throw HttpError(404, "no job " + id);
    return *status;
  }

  fs::path file_or_404(const std::string& id, const std::string& name) const {
    job_or_404(id);
    const auto path = pool->file(id, name);
    if (!path) throw HttpError(404, "job " + id + " wrote no file '" + shortened(name) + "'");
    return *path;
  }

  void events(const Request& req, Response& res) {
    const std::string id = req.matches[1];
    job_or_404(id);
    if (++event_streams > kMaxEventStreams) {
      --event_streams;
      throw HttpError(503, "too many event streams; poll GET /api/jobs/" + id + " instead");
    }
    res.set_header("Cache-Control", "no-store");
    auto last = std::make_shared<std::string>();
    res.set_chunked_content_provider(
        "text/event-stream",
        [this, id, last](std::size_t, httplib::DataSink& sink) {
          const auto status = pool->status(id);
          if (!status) {
            sink.done();
            return true;
          }
          const std::string body = status_json(*status).dump();
          if (body != *last) {
            *last = body;
            const std::string event = "data: " + body + "\n\n";
            if (!sink.write(event.data(), event.size())) return false;
          }
          if (is_finished(status->state)) {
            sink.done();
            return true;
          }
          pool->wait(id, std::chrono::milliseconds(250));
          return server.is_running();
        },
        [this](bool) { --event_streams; });
  }

  void set_up_server() {
    server.new_task_queue = [] { return new httplib::ThreadPool(kServerThreads); };
    server.set_payload_max_length(options.max_upload_bytes);
    server.set_read_timeout(10);
    server.set_write_timeout(10);
    server.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                                {"X-Frame-Options", "DENY"},
                                {"Referrer-Policy", "no-referrer"},
                                {"Cache-Control", "no-store"}});
    server.set_error_handler([this](const Request& req, Response& res) {
      if (!res.body.empty()) return;
      const int status = res.status;
      std::string message = status == 405 ? "method not allowed" : "bad request";
      if (status == 404) message = "no such page: " + shortened(req.path);
      if (status == 413)
        message = "the request body is larger than " +
                  std::to_string(options.max_upload_bytes >> 10) + " KiB";
      send_error(res, status, message);
    });
    server.set_exception_handler([](const Request&, Response& res, std::exception_ptr error) {
      std::string message = "internal error";
      try {
        if (error) std::rethrow_exception(error);
      } catch (const std::exception& e) {
        message += std::string(": ") + e.what();
      } catch (...) {
      }
      send_error(res, 500, message);
    });

    for (const WebAsset& asset : web_assets()) {
      std::string pattern;  // the path as a regular expression matching only itself
      for (const char c : asset.path) {
        if (std::string_view(".+?*()[]{}|^$\\").find(c) != std::string_view::npos) pattern += '\\';
        pattern += c;
      }
      server.Get(pattern, guarded([asset](const Request&, Response& res) {
                   res.set_header(
                       "Content-Security-Policy",
                       "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; "
                       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
                   res.set_content(std::string(asset.body), std::string(asset.content_type));
                 }));
    }
    server.Get("/api/models", guarded([this](const Request&, Response& res) {
                 send_json(res, 200, models_json());
               }));
    server.Post("/api/generate", guarded([this](const Request& req, Response& res) {
                  submit_compose(req, res, ComposeKind::kGenerate);
                }));
    server.Post("/api/continue", guarded([this](const Request& req, Response& res) {
                  submit_compose(req, res, ComposeKind::kContinue);
                }));
    server.Post("/api/add-part", guarded([this](const Request& req, Response& res) {
                  submit_compose(req, res, ComposeKind::kAddPart);
                }));
    server.Post("/api/interpolate", guarded([this](const Request& req, Response& res) {
                  submit_interpolate(req, res);
                }));
    server.Post("/api/genre",
                guarded([this](const Request& req, Response& res) { submit_genre(req, res); }));
    server.Post("/api/upload",
                guarded([this](const Request& req, Response& res) { upload(req, res); }));
    server.Get("/api/jobs/" + kId, guarded([this](const Request& req, Response& res) {
                 send_json(res, 200, status_json(job_or_404(req.matches[1])));
               }));
    server.Delete("/api/jobs/" + kId, guarded([this](const Request& req, Response& res) {
                    const std::string id = req.matches[1];
                    if (!pool->cancel(id)) throw HttpError(404, "no job " + id);
                    send_json(res, 200, status_json(job_or_404(id)));
                  }));
    server.Get("/api/jobs/" + kId + "/events",
               guarded([this](const Request& req, Response& res) { events(req, res); }));
    server.Get("/api/jobs/" + kId + "/files/([^/]+)",
               guarded([this](const Request& req, Response& res) {
                 const std::string name = req.matches[2];
                 const fs::path path = file_or_404(req.matches[1], name);
                 if (req.has_param("download"))
                   res.set_header("Content-Disposition", "attachment; filename=\"" + name + "\"");
                 res.set_content(read_file(path), content_type_of(name));
               }));
    server.Get("/api/jobs/" + kId + "/notes/([^/]+)",
               guarded([this](const Request& req, Response& res) {
                 const std::string name = req.matches[2];
                 const fs::path path = file_or_404(req.matches[1], name);
                 if (!ends_with(name, ".mid")) throw HttpError(400, "'" + name + "' is not MIDI");
                 send_json(res, 200, piece_notes_json(score::from_midi(midi::read(path))));
               }));
  }
};

Studio::Studio(StudioOptions options, Backend backend)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(backend))) {}

Studio::~Studio() = default;

int Studio::bind() {
  const StudioOptions& o = impl_->options;
  if (o.port == 0) {
    const int port = impl_->server.bind_to_any_port(o.host);
    if (port <= 0) throw std::runtime_error("cannot listen on " + o.host + " (any port)");
    impl_->server.raise_backlog();
    return port;
  }
  if (!impl_->server.bind_to_port(o.host, o.port))
    throw std::runtime_error("cannot listen on " + o.host + ":" + std::to_string(o.port) +
                             " (in use, or not an address of this computer)");
  impl_->server.raise_backlog();
  return o.port;
}

void Studio::run() { impl_->server.listen_after_bind(); }

void Studio::stop() { impl_->server.stop(); }

}  // namespace cadenza::serve
