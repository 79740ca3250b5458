// The extension cadenza._torch: load_model() and the Model and Piece classes, generating with
// the models `cadenza generate` uses (generate::arrange_pieces, the path of compose()). Built
// only when cadenza is built with libtorch, and imported by cadenza/__init__.py on the first
// load_model(), so that `import cadenza` alone never loads libtorch.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/limits.h"
#include "common/shipped_models.h"
#include "errors.h"
#include "generate/arrangement.h"
#include "generate/compose.h"
#include "inputs.h"
#include "model/device.h"
#include "model/threads.h"
#include "model/vae_model.h"
#include "score_object.h"
#include "tokens/remi_corpus.h"
#include "tokens/tokenizer.h"

namespace cadenza::python {
namespace py = pybind11;
namespace fs = std::filesystem;
namespace {

struct ModelObject {
  fs::path path;
  model::LoadedModel loaded;
  std::mutex busy;  // one generate() at a time: its predictor's state lives in the model's calls
};

struct PieceObject {
  std::vector<std::string> tokens;     // REMI tokens, the prime's first
  std::shared_ptr<ScoreObject> score;  // what they decode to
  std::size_t generated = 0;           // tokens drawn from the model
  std::vector<std::string> notes;      // what the request was turned into (tempo, genre, prime)
};

// The shipped model when none is given: $CADENZA_MODEL, else models/jazz.cdz beside the running
// program (common/shipped_models.h; Python is the program here, so that rarely finds it), else
// the source tree's models/jazz.cdz that this module was built from.
fs::path shipped_model() {
  if (const char* env = std::getenv("CADENZA_MODEL"); env && *env)
    return generate::default_model_path();
  const ShippedModel beside_program = find_shipped_model("jazz.cdz");
  if (beside_program.found()) return beside_program.path;
  const fs::path source_tree = fs::path(CADENZA_SOURCE_MODELS) / "jazz.cdz";
  std::error_code error;
  if (fs::is_regular_file(source_tree, error)) return source_tree;
  throw FileMissing("no model given and the shipped model is missing (jazz.cdz; looked in " +
                    beside_program.looked + ", " + source_tree.string() +
                    "); give a model path or set CADENZA_MODEL");
}

std::shared_ptr<ModelObject> load_model(const py::object& path_object, const std::string& device) {
  const fs::path path = path_object.is_none() ? shipped_model() : to_path(path_object);
  require_exists(path);
  std::error_code error;
  if (fs::is_directory(path, error))
    throw BadInput(path.string() + ": is a folder, expected a checkpoint file (.cdz)");
  py::gil_scoped_release unlocked;
  auto object = std::make_shared<ModelObject>();
  object->path = path;
  model::set_compute_threads(1, 1);
  const torch::Device where = model::parse_device(device);
  try {
    object->loaded = model::load_model(path, where);
  } catch (const std::runtime_error& e) {  // not a checkpoint, a damaged one
    throw BadInput(e.what());
  }
  return object;
}

// Instruments as a list of names (or GM program numbers), or one string "piano,bass" as the
// command line's --instruments takes them.
std::vector<std::string> instrument_names(const py::object& instruments) {
  std::vector<std::string> names;
  if (instruments.is_none()) return names;
  if (py::isinstance<py::str>(instruments)) {
    std::string text = instruments.cast<std::string>(), name;
    for (char c : text + ",") {
      if (c != ',') {
        name += c;
      } else if (!name.empty()) {
        names.push_back(name);
        name.clear();
      }
    }
    return names;
  }
  if (!is_sequence(instruments))
    throw BadInput("instruments: expected a list of instrument names, e.g. ['piano', 'bass']");
  for (const py::object& item : items(instruments))
    names.push_back(py::str(item).cast<std::string>());
  return names;
}

py::list generate(ModelObject& self, std::int64_t bars, const py::object& instruments,
                  std::optional<double> tempo, std::optional<std::string> time_signature,
                  std::optional<std::string> genre, std::optional<double> genre_guidance,
                  const py::object& prime, std::optional<std::string> add_part,
                  std::optional<double> temperature, int top_k, double top_p, std::uint64_t seed,
                  std::size_t count, int threads) {
  const auto tokenizer = tokens::make_tokenizer(self.loaded.config.tokens);
  if (!tokenizer->multi_track()) {
    PyErr_SetString(PyExc_NotImplementedError,
                    (self.path.string() + " reads " + tokenizer->description() +
                     ": "
                     "Model.generate() needs a model trained on REMI tokens, such as the shipped "
                     "jazz.cdz; generate from this one with the `cadenza generate` command")
                        .c_str());
    throw py::error_already_set();
  }
  generate::ComposeOptions options;
  options.source.checkpoint = self.path;
  options.arrangement.bars = bars;
  options.arrangement.instruments = instrument_names(instruments);
  options.arrangement.tempo = tempo;
  options.arrangement.time_signature = time_signature;
  options.arrangement.genre = genre;
  options.arrangement.genre_guidance = genre_guidance;  // None: a genre model's default
  options.arrangement.add_part = add_part;
  if (!prime.is_none()) {
    options.prime = to_path(prime);
    require_exists(*options.prime);
  }
  // None: the command's default (0.7; a genre model's 1.0, generate/sampling.h).
  if (temperature)
    options.generation.sampling.temperature = *temperature;
  else
    options.generation.default_temperature = true;
  options.generation.sampling.top_k = top_k;
  options.generation.sampling.top_p = top_p;
  options.generation.sampling.validate();
  if (count == 0 || count > limits::kMaxGeneratePieces)
    throw BadInput("count must lie in [1, " + std::to_string(limits::kMaxGeneratePieces) + "]");
  options.count = count;
  options.seed = seed;

  std::vector<PieceObject> pieces;
  {
    py::gil_scoped_release unlocked;
    const std::lock_guard<std::mutex> lock(self.busy);
    model::set_compute_threads(threads, threads);
    std::vector<std::string> notes;
    const std::string source = "<generated by " + self.path.filename().string() + ">";
    generate::arrange_pieces(
        options, self.loaded,
        [&](generate::ArrangedPiece arranged) {
          PieceObject piece;
          piece.score = make_score(score::to_midi(arranged.score), "", source);
          piece.tokens = std::move(arranged.tokens);
          piece.generated = arranged.generated;
          pieces.push_back(std::move(piece));
        },
        notes);
    for (PieceObject& piece : pieces) piece.notes = notes;
  }
  py::list out;
  for (PieceObject& piece : pieces) out.append(py::cast(std::move(piece)));
  return out;
}

std::string model_repr(const ModelObject& m) {
  std::string genres;
  for (const std::string& genre : tokens::vocab_genres(m.loaded.vocab))
    genres += (genres.empty() ? ", genres " : ", ") + genre;
  return "<cadenza.Model " + m.path.filename().string() + ": " + m.loaded.config.kind + " on " +
         m.loaded.config.tokens + " tokens, vocabulary " + std::to_string(m.loaded.vocab.size()) +
         ", window " + std::to_string(m.loaded.config.window) + genres + ">";
}

}  // namespace
}  // namespace cadenza::python

PYBIND11_MODULE(_torch, m) {
  namespace py = pybind11;
  using namespace cadenza::python;
  m.doc() = "cadenza's generative models (libtorch): load_model(), Model.generate()";
  register_exceptions(m);
  py::module_::import("cadenza._cadenza");  // the Score class that pieces hold

  py::class_<PieceObject>(m, "Piece", "One generated piece: its REMI tokens and their score.")
      .def_readonly("tokens", &PieceObject::tokens, "REMI tokens (a prime's first)")
      .def_readonly("score", &PieceObject::score, "the Score the tokens decode to")
      .def_readonly("generated", &PieceObject::generated, "tokens drawn from the model")
      .def_readonly("notes", &PieceObject::notes,
                    "what the request became (nearest tempo, default genre, prime)")
      .def("__len__", [](const PieceObject& p) { return p.tokens.size(); })
      .def("__repr__", [](const PieceObject& p) {
        return "<cadenza.Piece: " + std::to_string(p.tokens.size()) + " tokens (" +
               std::to_string(p.generated) + " generated), " +
               std::to_string(p.score->score.notes.size()) + " notes>";
      });

  py::class_<ModelObject, std::shared_ptr<ModelObject>>(
      m, "Model", "A generative model (.cdz) from `cadenza train`, as `cadenza generate` uses it.")
      .def_property_readonly("path", [](const ModelObject& o) { return o.path.string(); })
      .def_property_readonly("kind", [](const ModelObject& o) { return o.loaded.config.kind; })
      .def_property_readonly("tokens", [](const ModelObject& o) { return o.loaded.config.tokens; })
      .def_property_readonly("vocab_size",
                             [](const ModelObject& o) { return o.loaded.vocab.size(); })
      .def_property_readonly("window", [](const ModelObject& o) { return o.loaded.config.window; })
      .def_property_readonly(
          "genres",
          [](const ModelObject& o) { return cadenza::tokens::vocab_genres(o.loaded.vocab); })
      .def("generate", &generate, py::kw_only(), py::arg("bars") = 16,
           py::arg("instruments") = py::none(), py::arg("tempo") = py::none(),
           py::arg("time_signature") = py::none(), py::arg("genre") = py::none(),
           py::arg("genre_guidance") = py::none(), py::arg("prime") = py::none(),
           py::arg("add_part") = py::none(), py::arg("temperature") = py::none(),
           py::arg("top_k") = 0, py::arg("top_p") = 1.0, py::arg("seed") = 1, py::arg("count") = 1,
           py::arg("threads") = 1,
           "New pieces (a list of Piece), as `cadenza generate` makes them; releases the GIL.")
      .def("__repr__", &model_repr);

  m.def("load_model", &load_model, py::arg("path") = py::none(), py::arg("device") = "cpu",
        "A model file (.cdz); None: the shipped jazz model.");
}
