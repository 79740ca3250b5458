// The studio's HTTP API against a fake backend: routes, validation, the job pool, errors as
// JSON with their status, and the server still answering after every bad request.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <fstream>
#include <iterator>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "midi/writer.h"
#include "score/score.h"
#include "serve/studio.h"

namespace cadenza::serve {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

// Two notes: middle C on a piano at 0 s, a bass E2 at 0.5 s (120 BPM, 480 ticks per quarter).
score::Score two_note_score() {
  score::Score s;
  s.tempos.push_back({});
  score::Note piano;
  piano.pitch = 60;
  piano.velocity = 90;
  piano.start_tick = 0;
  piano.end_tick = 480;
  score::Note bass;
  bass.pitch = 40;
  bass.velocity = 70;
  bass.channel = 1;
  bass.program = 32;
  bass.track = 1;
  bass.start_tick = 480;
  bass.end_tick = 1440;
  s.notes = {piano, bass};
  return s;
}

std::string file_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// A backend that writes two_note_score() where compose is asked to, remembering the options;
// with `hold` set, compose waits until release().
struct FakeBackend {
  std::mutex mutex;
  std::condition_variable changed;
  bool hold = false;
  int running = 0;
  std::vector<generate::ComposeOptions> composed;
  std::vector<std::string> primes;  // bytes of the prime each compose saw
  std::string fail_with;

  void release() {
    std::lock_guard lock(mutex);
    hold = false;
    changed.notify_all();
  }
  void wait_running(int n) {
    std::unique_lock lock(mutex);
    changed.wait_for(lock, std::chrono::seconds(10), [&] { return running >= n; });
  }

  Backend backend(bool shipped, bool classifier) {
    Backend b;
    b.compose = [this](const generate::ComposeOptions& options) {
      std::unique_lock lock(mutex);
      composed.push_back(options);
      primes.push_back(options.prime ? file_bytes(*options.prime) : "");
      ++running;
      changed.notify_all();
      changed.wait(lock, [&] { return !hold; });
      --running;
      if (!fail_with.empty()) throw std::runtime_error(fail_with);
      midi::write(score::to_midi(two_note_score()), options.output);
      generate::ComposeResult result;
      result.written = {{options.output}};
      result.notes = {"composed by the fake"};
      return result;
    };
    b.interpolate = [](const generate::InterpolateOptions& options) {
      generate::ComposeResult result;
      for (int step = 1; step <= options.steps; ++step) {
        const fs::path path = options.output_dir / ("step_0" + std::to_string(step) + ".mid");
        midi::write(score::to_midi(two_note_score()), path);
        result.written.push_back({path});
      }
      return result;
    };
    b.default_model = [shipped]() -> fs::path {
      if (!shipped) throw std::runtime_error("the shipped model is missing (looked in nowhere)");
      return "/models/jazz.cdz";
    };
    // tunes.cdz is a genre model; a file named broken.cdz cannot be read.
    b.model_genres = [](const fs::path& checkpoint) {
      if (checkpoint.filename() == "broken.cdz")
        throw std::runtime_error(checkpoint.string() + ": section 'vocab' fails its checksum");
      return checkpoint.filename() == "tunes.cdz" ? std::vector<std::string>{"folk", "jazz", "pop"}
                                                  : std::vector<std::string>{};
    };
    if (classifier) {
      b.genre_labels = {"jazz", "rock"};
      b.genre_description = "fake, 3 s windows";
      b.genre = [](const fs::path& midi) {
        if (file_bytes(midi).compare(0, 4, "MThd") != 0) throw std::runtime_error("not MIDI");
        return GenreProbabilities{{"jazz", "rock"}, {0.75, 0.25}};
      };
    }
    return b;
  }
};

class StudioTest : public ::testing::Test {
 protected:
  void start(bool shipped = false, bool classifier = false, std::size_t queue = 16) {
    root = fs::temp_directory_path() /
           ("cadenza-studio-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root);
    fs::create_directories(root / "models");
    std::ofstream(root / "models/tiny.cdz") << "CDZ1 a checkpoint";
    std::ofstream(root / "models/tunes.cdz") << "CDZ1 a genre model";
    std::ofstream(root / "models/knn.cdz") << "CDZGENRE a classifier";
    std::ofstream(root / "models/readme.txt") << "not a model";
    StudioOptions options;
    options.port = 0;
    options.models_dir = root / "models";
    options.work_dir = root / "work";
    options.queue_limit = queue;
    options.max_upload_bytes = 64 << 10;
    studio = std::make_unique<Studio>(options, fake.backend(shipped, classifier));
    port = studio->bind();
    server = std::thread([this] { studio->run(); });
    client = std::make_unique<httplib::Client>("127.0.0.1", port);
    client->set_read_timeout(20);
  }

  void TearDown() override {
    fake.release();
    if (studio) studio->stop();
    if (server.joinable()) server.join();
    studio.reset();
    fs::remove_all(root);
  }

  json post(const std::string& path, const std::string& body, int expected,
            const std::string& type = "application/json") {
    auto res = client->Post(path.c_str(), body, type.c_str());
    EXPECT_TRUE(res) << path;
    if (!res) return json();
    EXPECT_EQ(res->status, expected) << path << " " << body << " -> " << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
    return json::parse(res->body);
  }

  json get(const std::string& path, int expected) {
    auto res = client->Get(path.c_str());
    EXPECT_TRUE(res) << path;
    if (!res) return json();
    EXPECT_EQ(res->status, expected) << path << " -> " << res->body;
    return json::parse(res->body, nullptr, false);
  }

  // The error of a request that must fail with `status`, then a check that the server answers.
  std::string error_of(const httplib::Result& res, int status) {
    EXPECT_TRUE(res);
    if (!res) return "";
    EXPECT_EQ(res->status, status) << res->body;
    const json body = json::parse(res->body, nullptr, false);
    EXPECT_TRUE(body.is_object() && body.contains("error") && body["error"].is_string())
        << res->body;
    EXPECT_EQ(get("/api/models", 200)["models"].size(), 3u) << "the server stopped answering";
    return body.value("error", "");
  }

  json wait_done(const std::string& id) {
    json status;
    for (int i = 0; i < 500; ++i) {
      status = get("/api/jobs/" + id, 200);
      const std::string state = status.value("state", "");
      if (state != "queued" && state != "running") return status;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ADD_FAILURE() << "job " << id << " never finished";
    return status;
  }

  std::string generated_piece() {
    const json job = post("/api/generate", R"({"model": "tiny.cdz"})", 202);
    EXPECT_EQ(wait_done(job["id"])["state"], "done");
    return job["id"];
  }

  FakeBackend fake;
  fs::path root;
  std::unique_ptr<Studio> studio;
  std::thread server;
  int port = 0;
  std::unique_ptr<httplib::Client> client;
};

TEST_F(StudioTest, ModelsListCheckpointsAndSayWhenTheShippedOneIsMissing) {
  start();
  const json info = get("/api/models", 200);
  // shipped, tiny.cdz and tunes.cdz (not the classifier, not .txt)
  ASSERT_EQ(info["models"].size(), 3u);
  EXPECT_EQ(info["models"][0]["id"], "shipped");
  EXPECT_EQ(info["models"][0]["available"], false);
  EXPECT_EQ(info["models"][0]["error"], "the shipped model is missing (looked in nowhere)");
  EXPECT_EQ(info["models"][0]["genres"], json::array());
  EXPECT_EQ(info["models"][1]["id"], "tiny.cdz");
  EXPECT_EQ(info["models"][1]["name"], "tiny");
  EXPECT_EQ(info["models"][1]["genres"], json::array());
  EXPECT_TRUE(info["models"][1]["default_genre"].is_null());
  EXPECT_EQ(info["models"][1]["temperature"], 0.7);  // SamplingOptions' default, the paper's
  EXPECT_EQ(info["models"][2]["id"], "tunes.cdz");
  EXPECT_EQ(info["models"][2]["genres"], json::array({"folk", "jazz", "pop"}));
  EXPECT_EQ(info["models"][2]["default_genre"], "jazz");
  EXPECT_EQ(info["models"][2]["temperature"], 1.0);  // generate::kGenreModelTemperature
  EXPECT_EQ(info["genres"], json::array({"folk", "jazz", "pop"}));
  EXPECT_EQ(info["default"], "tiny.cdz");
  EXPECT_TRUE(info["genre_classifier"].is_null());
  EXPECT_EQ(info["limits"]["upload_bytes"], 64 << 10);
}

TEST_F(StudioTest, GenerateRunsAJobAndServesItsFilesAndNotes) {
  start();
  const json job = post("/api/generate",
                        R"({"model": "tiny.cdz", "temperature": 0.5, "top_k": 5, "top_p": 0.9,
                            "seed": 42, "length": 20})",
                        202);
  const std::string id = job["id"];
  EXPECT_EQ(id.size(), 32u);
  const json done = wait_done(id);
  EXPECT_EQ(done["state"], "done");
  EXPECT_EQ(done["files"], json::array({"piece.mid"}));
  EXPECT_EQ(done["result"]["seed"], 42);

  ASSERT_EQ(fake.composed.size(), 1u);
  const generate::ComposeOptions& options = fake.composed[0];
  EXPECT_EQ(options.source.checkpoint, root / "models/tiny.cdz");
  EXPECT_DOUBLE_EQ(options.generation.sampling.temperature, 0.5);
  EXPECT_EQ(options.generation.sampling.top_k, 5);
  EXPECT_DOUBLE_EQ(options.generation.sampling.top_p, 0.9);
  EXPECT_EQ(options.generation.length, 20);
  EXPECT_EQ(options.seed, 42u);
  EXPECT_EQ(options.output.filename(), "piece.mid");
  EXPECT_FALSE(options.prime);
  // Arrangement fields the request did not set stay the library's defaults.
  EXPECT_TRUE(options.arrangement.instruments.empty());
  EXPECT_FALSE(options.arrangement.tempo);
  EXPECT_EQ(options.arrangement.bars, generate::ArrangementOptions().bars);

  auto midi = client->Get(("/api/jobs/" + id + "/files/piece.mid").c_str());
  ASSERT_TRUE(midi);
  EXPECT_EQ(midi->status, 200);
  EXPECT_EQ(midi->get_header_value("Content-Type"), "audio/midi");
  EXPECT_EQ(midi->body, file_bytes(root / "work/jobs" / id / "piece.mid"));

  const json notes = get("/api/jobs/" + id + "/notes/piece.mid", 200);
  EXPECT_EQ(notes["notes"], json::parse("[[0, 0.5, 60, 90, 0], [0.5, 1.0, 40, 70, 1]]"));
  EXPECT_EQ(notes["parts"][0]["name"], "Acoustic Grand Piano");
  EXPECT_EQ(notes["parts"][1]["name"], "Acoustic Bass");
  EXPECT_EQ(notes["seconds"], 1.5);
  EXPECT_EQ(notes["lowest"], 40);
  EXPECT_EQ(notes["highest"], 60);
}

TEST_F(StudioTest, ArrangementFieldsReachTheLibraryOnlyWhenSet) {
  start(/*shipped=*/true);
  wait_done(post("/api/generate",
                 R"({"instruments": ["Acoustic Bass", "Drums"], "bars": 8, "tempo": 96.5,
                     "time_signature": "3/4"})",
                 202)["id"]);
  ASSERT_EQ(fake.composed.size(), 1u);
  const generate::ComposeOptions& options = fake.composed[0];
  EXPECT_EQ(options.source.checkpoint, "/models/jazz.cdz");  // no model: the shipped one
  EXPECT_EQ(options.arrangement.instruments, (std::vector<std::string>{"Acoustic Bass", "Drums"}));
  EXPECT_EQ(options.arrangement.bars, 8);
  EXPECT_EQ(options.arrangement.tempo, 96.5);
  EXPECT_EQ(options.arrangement.time_signature, "3/4");
}

TEST_F(StudioTest, ALibraryErrorFailsTheJobWithItsMessage) {
  start();
  fake.fail_with = "model.cdz: a paper-token model cannot arrange instruments";
  const json done = wait_done(post("/api/generate", R"({"instruments": ["Flute"]})", 202)["id"]);
  EXPECT_EQ(done["state"], "failed");
  EXPECT_EQ(done["error"], "model.cdz: a paper-token model cannot arrange instruments");
  EXPECT_TRUE(done["files"].empty());
  get("/api/models", 200);
}

TEST_F(StudioTest, TheShippedModelMissingIsAClearError) {
  start();
  EXPECT_EQ(
      error_of(client->Post("/api/generate", R"({"model": "shipped"})", "application/json"), 400),
      "the shipped model is missing (looked in nowhere)");
  EXPECT_EQ(
      error_of(client->Post("/api/generate", R"({"model": "../knn.cdz"})", "application/json"),
               400),
      "model '../knn.cdz': no such model (GET /api/models lists them)");
  error_of(client->Post("/api/generate", R"({"model": "knn.cdz"})", "application/json"), 400);
  EXPECT_TRUE(fake.composed.empty());
}

TEST_F(StudioTest, UploadsAreCheckedByContentAndSize) {
  start();
  EXPECT_EQ(error_of(client->Post("/api/upload", "RIFF....WAVEfmt ", "audio/midi"), 415),
            "not a MIDI file: it does not start with MThd");
  EXPECT_EQ(error_of(client->Post("/api/upload", "MTh", "audio/midi"), 415),
            "not a MIDI file: it does not start with MThd");
  std::string big(65 << 10, 'x');
  big.replace(0, 4, "MThd");
  EXPECT_EQ(error_of(client->Post("/api/upload", big, "audio/midi"), 413),
            "the request body is larger than 64 KiB");
  const std::string truncated("MThd\0\0\0\6\0\1", 10);
  EXPECT_NE(
      error_of(client->Post("/api/upload", truncated, "audio/midi"), 400).find("uploaded file"),
      std::string::npos);
  const auto bytes = midi::serialize(score::to_midi(two_note_score()));
  const std::string midi(bytes.begin(), bytes.end());
  // A form post (which any web page can make) is refused; httplib rejects a broken multipart.
  error_of(client->Post("/api/upload", midi, "application/x-www-form-urlencoded"), 415);
  error_of(client->Post("/api/upload", midi, "multipart/form-data; boundary=x"), 400);
  const json job = post("/api/upload", midi, 201, "audio/midi");
  EXPECT_EQ(job["state"], "done");
  EXPECT_EQ(job["files"], json::array({"upload.mid"}));
  EXPECT_EQ(job["result"]["notes"], 2);
  EXPECT_EQ(
      get("/api/jobs/" + job["id"].get<std::string>() + "/notes/upload.mid", 200)["notes"].size(),
      2u);
}

TEST_F(StudioTest, NoRequestReachesAFileTheJobDidNotReport) {
  start();
  const std::string id = generated_piece();
  std::ofstream(root / "work/jobs" / id / "secret.txt") << "not reported";
  std::ofstream(root / "work/secret.txt") << "outside the job";
  for (const std::string& name : std::vector<std::string>{
           "secret.txt", "..%2Fsecret.txt", "..%2f..%2fsecret.txt", "%2e%2e%2fsecret.txt",
           "piece.mid%00", "piece.mid%2f..%2fsecret.txt", "%2Fetc%2Fpasswd", "..", ".", "%2e%2e",
           "PIECE.MID", "piece.mid.", "piece.mid%20"}) {
    const std::string path = "/api/jobs/" + id + "/files/" + name;
    const std::string error = error_of(client->Get(path.c_str()), 404);
    EXPECT_FALSE(error.empty()) << path;
    error_of(client->Get(("/api/jobs/" + id + "/notes/" + name).c_str()), 404);
  }
  for (const std::string& path : std::vector<std::string>{
           "/api/jobs/" + id + "/files/../../secret.txt", "/api/jobs/../work/secret.txt",
           "/../../etc/passwd", "/api/jobs/" + id + "/files/"})
    error_of(client->Get(path.c_str()), 404);
}

TEST_F(StudioTest, UnknownJobsAre404) {
  start();
  const std::string nobody(32, '0');
  EXPECT_EQ(error_of(client->Get(("/api/jobs/" + nobody).c_str()), 404), "no job " + nobody);
  error_of(client->Delete(("/api/jobs/" + nobody).c_str()), 404);
  error_of(client->Get(("/api/jobs/" + nobody + "/files/piece.mid").c_str()), 404);
  error_of(client->Get(("/api/jobs/" + nobody + "/events").c_str()), 404);
  error_of(client->Get("/api/jobs/not-an-id"), 404);
  error_of(client->Post("/api/continue",
                        R"({"source": {"job": ")" + nobody + R"(", "file": "piece.mid"}})",
                        "application/json"),
           404);
  error_of(client->Get("/no/such/page"), 404);
}

TEST_F(StudioTest, BadBodiesAre400WithTheFieldNamed) {
  start();
  const auto bad = [&](const std::string& body) {
    return error_of(client->Post("/api/generate", body, "application/json"), 400);
  };
  EXPECT_EQ(bad("{"), "the body is not valid JSON");
  EXPECT_EQ(bad(""), "the body is not valid JSON");
  EXPECT_EQ(bad("[1, 2]"), "the body must be a JSON object");
  EXPECT_EQ(bad(R"({"temprature": 1})").rfind("unknown field 'temprature'", 0), 0u);
  EXPECT_EQ(bad(R"({"temperature": "hot"})"), "temperature: expected a number from 0 to 5");
  EXPECT_EQ(bad(R"({"temperature": 99})"), "temperature: expected a number from 0 to 5");
  EXPECT_EQ(bad(R"({"length": 2.5})"), "length: expected a whole number from 1 to 4096");
  EXPECT_EQ(bad(R"({"length": 18446744073709551615})"),
            "length: expected a whole number from 1 to 4096");
  EXPECT_EQ(bad(R"({"top_p": 0})"), "top_p: expected a number above 0 and at most 1");
  EXPECT_EQ(bad(R"({"instruments": "piano"})").rfind("instruments:", 0), 0u);
  EXPECT_EQ(bad(R"({"model": "tunes.cdz", "genre": 5})"), "genre: expected a string");
  EXPECT_EQ(bad(R"({"model": "tunes.cdz", "genre": ["jazz"]})"), "genre: expected a string");
  EXPECT_EQ(bad(R"({"model": "tunes.cdz", "genre": {"name": "jazz"}})"),
            "genre: expected a string");
  EXPECT_EQ(bad(R"({"model": "tunes.cdz", "genre": ")" + std::string(5000, 'j') + R"("})"),
            "genre: longer than 64 characters");
  EXPECT_EQ(bad(R"({"model": "tunes.cdz", "genre": "jazz\n"})"),
            "genre: control characters are not allowed");
  EXPECT_EQ(bad(R"({"model": "tiny.cdz\u0000"})"), "model: control characters are not allowed");
  EXPECT_EQ(
      error_of(client->Post("/api/continue", R"({"source": {"job": "x"}})", "application/json"),
               400),
      "source.job: expected a job id (32 hex digits)");
  EXPECT_EQ(error_of(client->Post("/api/generate", "{}", "text/plain"), 415),
            "send the body as JSON (Content-Type: application/json)");
  EXPECT_TRUE(fake.composed.empty());
}

TEST_F(StudioTest, AGenreModelComposesInTheGenreAsked) {
  start();
  const json pop = wait_done(
      post("/api/generate", R"({"model": "tunes.cdz", "genre": "pop", "seed": 9})", 202)["id"]);
  EXPECT_EQ(pop["state"], "done");
  EXPECT_EQ(pop["result"]["genre"], "pop");
  // The model's default temperature unless one is given, as `generate` without --temperature.
  const json folk =
      wait_done(post("/api/generate",
                     R"({"model": "tunes.cdz", "genre": "folk", "temperature": 0.4})", 202)["id"]);
  EXPECT_EQ(folk["result"]["genre"], "folk");
  // No genre: the library writes the model's default one, which the result names.
  const json plain = wait_done(post("/api/generate", R"({"model": "tunes.cdz"})", 202)["id"]);
  EXPECT_EQ(plain["result"]["genre"], "jazz");
  // "" is no genre (the page's form may send it); a model without genres reports none.
  const json empty =
      wait_done(post("/api/generate", R"({"model": "tiny.cdz", "genre": ""})", 202)["id"]);
  EXPECT_EQ(empty["state"], "done");
  EXPECT_FALSE(empty["result"].contains("genre"));

  // Continuing the pop piece and adding a part to it, in pop.
  const std::string source =
      R"("source": {"job": ")" + pop["id"].get<std::string>() + R"(", "file": "piece.mid"})";
  const json continued = wait_done(post(
      "/api/continue", R"({"model": "tunes.cdz", "genre": "pop", )" + source + "}", 202)["id"]);
  EXPECT_EQ(continued["result"]["genre"], "pop");
  const json with_part = wait_done(post(
      "/api/add-part",
      R"({"model": "tunes.cdz", "genre": "pop", "instrument": "Acoustic Bass", )" + source + "}",
      202)["id"]);
  EXPECT_EQ(with_part["result"]["genre"], "pop");

  ASSERT_EQ(fake.composed.size(), 6u);
  EXPECT_EQ(fake.composed[4].arrangement.genre, "pop");
  EXPECT_TRUE(fake.composed[4].prime);
  EXPECT_EQ(fake.composed[5].arrangement.genre, "pop");
  EXPECT_EQ(fake.composed[5].arrangement.add_part, "Acoustic Bass");
  EXPECT_EQ(fake.composed[0].source.checkpoint, root / "models/tunes.cdz");
  EXPECT_EQ(fake.composed[0].arrangement.genre, "pop");
  EXPECT_TRUE(fake.composed[0].generation.default_temperature);
  EXPECT_EQ(fake.composed[0].seed, 9u);
  EXPECT_EQ(fake.composed[1].arrangement.genre, "folk");
  EXPECT_FALSE(fake.composed[1].generation.default_temperature);
  EXPECT_DOUBLE_EQ(fake.composed[1].generation.sampling.temperature, 0.4);
  EXPECT_FALSE(fake.composed[2].arrangement.genre);
  EXPECT_TRUE(fake.composed[2].generation.default_temperature);
  EXPECT_FALSE(fake.composed[3].arrangement.genre);
}

TEST_F(StudioTest, AGenreTheModelDoesNotKnowIs400) {
  start(/*shipped=*/true);
  const auto bad = [&](const std::string& body) {
    return error_of(client->Post("/api/generate", body, "application/json"), 400);
  };
  EXPECT_EQ(bad(R"({"model": "tunes.cdz", "genre": "rock"})"),
            "genre 'rock': not a genre of the model 'tunes.cdz' (it knows folk, jazz, pop)");
  EXPECT_EQ(bad(R"({"model": "tunes.cdz", "genre": "Jazz"})"),
            "genre 'Jazz': not a genre of the model 'tunes.cdz' (it knows folk, jazz, pop)");
  EXPECT_EQ(bad(R"({"model": "tiny.cdz", "genre": "jazz"})"),
            "genre 'jazz': the model 'tiny.cdz' has no genre tokens (leave genre out, or choose a "
            "model whose genres GET /api/models lists)");
  EXPECT_EQ(bad(R"({"genre": "jazz"})"),  // no model: the shipped one
            "genre 'jazz': the model 'shipped' has no genre tokens (leave genre out, or choose a "
            "model whose genres GET /api/models lists)");
  EXPECT_EQ(bad(R"({"model": "tunes.cdz", "genre": "jazz", "source": {}})")
                .rfind("unknown field 'source'", 0),
            0u);
  // Continue and add-part check a genre the same way, before they look for the source.
  const std::string source =
      R"("source": {"job": ")" + std::string(32, '0') + R"(", "file": "piece.mid"})";
  EXPECT_EQ(error_of(client->Post("/api/continue",
                                  R"({"model": "tunes.cdz", "genre": "rock", )" + source + "}",
                                  "application/json"),
                     400),
            "genre 'rock': not a genre of the model 'tunes.cdz' (it knows folk, jazz, pop)");
  EXPECT_EQ(
      error_of(client->Post("/api/add-part",
                            R"({"genre": "jazz", "instrument": "Acoustic Bass", )" + source + "}",
                            "application/json"),
               400),
      "genre 'jazz': the model 'shipped' has no genre tokens (leave genre out, or choose a "
      "model whose genres GET /api/models lists)");
  EXPECT_TRUE(fake.composed.empty());
}

TEST_F(StudioTest, ACheckpointWhoseGenresCannotBeReadIsListedAsUnavailable) {
  start();
  std::ofstream(root / "models/broken.cdz") << "CDZ1 cut short";
  const json info = get("/api/models", 200);
  ASSERT_EQ(info["models"].size(), 4u);
  EXPECT_EQ(info["models"][1]["id"], "broken.cdz");
  EXPECT_EQ(info["models"][1]["available"], false);
  EXPECT_EQ(info["models"][1]["error"],
            (root / "models/broken.cdz").string() + ": section 'vocab' fails its checksum");
  EXPECT_EQ(info["default"], "tiny.cdz");  // the first model that can be used
  auto res = client->Post("/api/generate", R"({"model": "broken.cdz", "genre": "jazz"})",
                          "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(json::parse(res->body)["error"], "genre: " + (root / "models/broken.cdz").string() +
                                                 ": section 'vocab' fails its checksum");
  EXPECT_TRUE(fake.composed.empty());
}

TEST_F(StudioTest, AFullQueueAnswers503) {
  start(false, false, /*queue=*/2);
  fake.hold = true;
  const std::string running = post("/api/generate", "{}", 202)["id"];
  fake.wait_running(1);
  post("/api/generate", "{}", 202);
  const json queued = post("/api/generate", "{}", 202);
  EXPECT_EQ(queued["state"], "queued");
  EXPECT_EQ(queued["queue_position"], 1);
  auto res = client->Post("/api/generate", "{}", "application/json");
  EXPECT_EQ(error_of(res, 503).rfind("the queue is full (2 jobs waiting)", 0), 0u);
  EXPECT_EQ(res->get_header_value("Retry-After"), "5");
  fake.release();
  EXPECT_EQ(wait_done(running)["state"], "done");
  EXPECT_EQ(wait_done(queued["id"])["state"], "done");
  post("/api/generate", "{}", 202);  // room again
}

TEST_F(StudioTest, CancellingDropsQueuedJobsAndDiscardsRunningOnes) {
  start();
  fake.hold = true;
  const std::string running = post("/api/generate", "{}", 202)["id"];
  fake.wait_running(1);
  const std::string queued = post("/api/generate", "{}", 202)["id"];
  auto res = client->Delete(("/api/jobs/" + queued).c_str());
  ASSERT_TRUE(res);
  EXPECT_EQ(json::parse(res->body)["state"], "cancelled");
  res = client->Delete(("/api/jobs/" + running).c_str());
  ASSERT_TRUE(res);
  EXPECT_EQ(json::parse(res->body)["state"], "cancelled");
  fake.release();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const json after = get("/api/jobs/" + running, 200);
  EXPECT_EQ(after["state"], "cancelled");
  EXPECT_TRUE(after["files"].empty());
  EXPECT_FALSE(fs::exists(root / "work/jobs" / running / "piece.mid"));
  EXPECT_EQ(fake.composed.size(), 1u);  // the queued one never ran
}

TEST_F(StudioTest, ContinueAndAddPartStartFromTheChosenPiece) {
  start();
  const auto bytes = midi::serialize(score::to_midi(two_note_score()));
  const std::string midi(bytes.begin(), bytes.end());
  const std::string upload = post("/api/upload", midi, 201, "audio/midi")["id"];
  const std::string source = R"({"job": ")" + upload + R"(", "file": "upload.mid"})";
  EXPECT_EQ(wait_done(post("/api/continue", R"({"source": )" + source + "}", 202)["id"])["files"],
            json::array({"continued.mid"}));
  EXPECT_EQ(wait_done(post("/api/add-part",
                           R"({"instrument": "Acoustic Bass", "source": )" + source + "}",
                           202)["id"])["files"],
            json::array({"with_part.mid"}));
  ASSERT_EQ(fake.composed.size(), 2u);
  EXPECT_EQ(fake.primes[0], midi);
  EXPECT_EQ(fake.primes[1], midi);
  EXPECT_FALSE(fake.composed[0].arrangement.add_part);
  EXPECT_EQ(fake.composed[1].arrangement.add_part, "Acoustic Bass");
  error_of(client->Post("/api/add-part", R"({"source": )" + source + "}", "application/json"), 400);
  const std::string wrong_file = R"({"job": ")" + upload + R"(", "file": "other.mid"})";
  error_of(client->Post("/api/continue", R"({"source": )" + wrong_file + "}", "application/json"),
           404);
}

TEST_F(StudioTest, InterpolateAndGenreJobs) {
  start(false, /*classifier=*/true);
  const std::string a = generated_piece(), b = generated_piece();
  const json steps = wait_done(post("/api/interpolate",
                                    R"({"steps": 3, "a": {"job": ")" + a +
                                        R"(", "file": "piece.mid"}, "b": {"job": ")" + b +
                                        R"(", "file": "piece.mid"}})",
                                    202)["id"]);
  EXPECT_EQ(steps["files"], json::array({"step_01.mid", "step_02.mid", "step_03.mid"}));
  const json info = get("/api/models", 200);
  EXPECT_EQ(info["genre_classifier"]["labels"], json::array({"jazz", "rock"}));
  const json genre = wait_done(
      post("/api/genre", R"({"source": {"job": ")" + a + R"(", "file": "piece.mid"}})", 202)["id"]);
  EXPECT_EQ(genre["result"]["labels"], json::array({"jazz", "rock"}));
  EXPECT_EQ(genre["result"]["probabilities"], json::array({0.75, 0.25}));
}

TEST_F(StudioTest, EventsStreamTheJobUntilItEnds) {
  start();
  const std::string id = generated_piece();
  auto res = client->Get(("/api/jobs/" + id + "/events").c_str());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/event-stream");
  ASSERT_EQ(res->body.rfind("data: ", 0), 0u) << res->body;
  EXPECT_EQ(json::parse(res->body.substr(6))["state"], "done");
}

TEST_F(StudioTest, ThePageIsServedWithAStrictPolicyAndForeignHostsAreRefused) {
  start();
  auto page = client->Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("<title>cadenza studio</title>"), std::string::npos);
  EXPECT_EQ(page->get_header_value("Content-Security-Policy").rfind("default-src 'self'", 0), 0u);
  auto script = client->Get("/studio.js");
  ASSERT_TRUE(script);
  EXPECT_EQ(script->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(error_of(client->Get("/api/models", {{"Host", "evil.example:80"}}), 403),
            "this studio answers requests for localhost / 127.0.0.1 only");
  auto local = client->Get("/api/models", {{"Host", "localhost:8080"}});
  ASSERT_TRUE(local);
  EXPECT_EQ(local->status, 200);
}

}  // namespace
}  // namespace cadenza::serve
