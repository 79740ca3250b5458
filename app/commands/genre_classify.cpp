// cadenza genre-classify: the genre of every MIDI file of a folder by each judge (the token
// judge and the rendered-audio judge by default), one table; and cadenza
// genre-token-features: the token feature CSV the token judge is trained on
// (scripts/train-genre-token-judge, docs/genre.md).
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iomanip>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "command.h"
#include "commands/resample_option.h"
#include "common/atomic_file.h"
#include "common/parallel.h"
#include "common/progress.h"
#include "common/same_file.h"
#include "genre/audio_prediction.h"
#include "genre/piece_judge.h"
#include "genre/shipped_judges.h"
#include "genre/token_features.h"
#include "options.h"

namespace {

using namespace cadenza::genre;

// The MIDI files named by the inputs (folders searched recursively, sorted); other files of a
// folder are not pieces to judge.
std::vector<fs::path> midi_files(const std::vector<std::string>& inputs) {
  std::vector<fs::path> files;
  for (const fs::path& file : collect_pieces(inputs)) {
    std::error_code error;
    if (!fs::is_regular_file(file, error) || is_midi_file(file) ||
        std::find(inputs.begin(), inputs.end(), file.string()) != inputs.end())
      files.push_back(file);
  }
  return files;
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// ---- genre-classify ----

struct GenreClassifyArgs {
  std::vector<std::string> inputs;
  std::string judges, csv;
  double seconds = 30;
  unsigned threads = 0;
  std::string soundfont = cadenza::audio::kDefaultSoundfont;
  cadenza::audio::Resampler resampler = cadenza::audio::Resampler::kKaiserBest;
};

void run_classify(const GenreClassifyArgs& args) {
  if (!(args.seconds >= 0)) throw std::invalid_argument("--seconds must be >= 0");
  PieceOptions options;
  options.seconds = args.seconds;
  options.synth.soundfont = args.soundfont;
  options.resampler = args.resampler;
  const std::vector<std::string> judge_files = cadenza::app::split_comma_list(args.judges);
  if (!args.judges.empty() && judge_files.empty())
    throw std::invalid_argument("--judges: no judge files named");
  const OpenedJudges opened = open_judges(judge_files, options, MissingShippedJudge::kWarnAndGoOn,
                                          "cadenza genre-classify");
  const std::vector<NamedPieceJudge>& judges = opened.named;
  const std::vector<fs::path> files = midi_files(args.inputs);
  if (files.empty()) {
    std::string named;
    for (const auto& input : args.inputs) named += (named.empty() ? "" : " ") + input;
    throw std::runtime_error("no MIDI files (.mid .midi .kar) in " + named);
  }
  if (!args.csv.empty()) {
    std::vector<fs::path> inputs(files.begin(), files.end());
    for (const std::string& judge : judge_files) inputs.emplace_back(judge);
    cadenza::refuse_output_over_input(args.csv, inputs);
  }
  for (const NamedPieceJudge& j : judges)
    std::printf("%s: %s\n  hears %s\n", j.name.c_str(), j.judge->describe().c_str(),
                j.judge->hears().c_str());
  std::printf("\n");

  // results[file][judge]: probabilities, or the error.
  struct Verdict {
    cadenza::classify::Vector probabilities;
    std::string error;
  };
  std::vector<std::vector<Verdict>> results(files.size(), std::vector<Verdict>(judges.size()));
  cadenza::Progress progress("genre-classify", files.size(), "files");
  cadenza::parallel_for(
      files.size(), args.threads == 0 ? cadenza::app::default_threads() : args.threads,
      [&](std::size_t i) {
        for (std::size_t j = 0; j < judges.size(); ++j) try {
            results[i][j].probabilities = judges[j].judge->probabilities(files[i]);
          } catch (const std::exception& e) {
            results[i][j].error = e.what();
          }
      },
      [&](std::size_t) { progress.advance(); });
  progress.finish();

  // The table: per file, per judge its top genre and every genre's probability.
  std::size_t width = 4;
  for (const fs::path& f : files) width = std::max(width, f.string().size());
  width = std::min<std::size_t>(width, 60);
  // Two header lines: the judges over their columns, then the column names.
  auto label_width = [](const std::string& label) {
    return static_cast<int>(std::max<std::size_t>(label.size(), 5));
  };
  std::string names = std::string(width, ' '), heads = "file" + std::string(width - 4, ' ');
  for (const NamedPieceJudge& j : judges) {
    std::string columns = " | top  ";
    for (const std::string& label : j.judge->labels()) {
      std::ostringstream cell;
      cell << " " << std::setw(label_width(label)) << label;
      columns += cell.str();
    }
    std::string name = " | " + j.name;
    if (name.size() < columns.size()) name += std::string(columns.size() - name.size(), ' ');
    names += name;
    heads += columns;
  }
  std::printf("%s\n%s\n", names.c_str(), heads.c_str());
  std::vector<std::string> failed;
  std::size_t classified = 0;
  std::vector<std::vector<std::size_t>> counts(judges.size());
  for (std::size_t j = 0; j < judges.size(); ++j)
    counts[j].assign(judges[j].judge->labels().size(), 0);
  std::ostringstream csv;
  csv << "file";
  for (const NamedPieceJudge& j : judges) {
    csv << "," << csv_field(j.name + ":top");
    for (const std::string& label : j.judge->labels())
      csv << "," << csv_field(j.name + ":" + label);
  }
  csv << "\n";
  for (std::size_t i = 0; i < files.size(); ++i) {
    bool any = false;
    std::string line = files[i].string();
    if (line.size() > width) line = "..." + line.substr(line.size() - width + 3);
    std::printf("%-*s", static_cast<int>(width), line.c_str());
    csv << csv_field(files[i].string());
    for (std::size_t j = 0; j < judges.size(); ++j) {
      const Verdict& v = results[i][j];
      const auto& labels = judges[j].judge->labels();
      if (!v.error.empty()) {
        std::printf(" | %-5s", "error");
        for (std::size_t c = 0; c < labels.size(); ++c)
          std::printf(" %*s", static_cast<int>(std::max<std::size_t>(labels[c].size(), 5)), "-");
        csv << ",error";
        for (std::size_t c = 0; c < labels.size(); ++c) csv << ",";
        failed.push_back(judges[j].name + ": " + v.error);
        continue;
      }
      any = true;
      const int top = top_label(v.probabilities);
      ++counts[j][static_cast<std::size_t>(top)];
      std::printf(" | %-5s", labels[static_cast<std::size_t>(top)].c_str());
      csv << "," << csv_field(labels[static_cast<std::size_t>(top)]);
      for (std::size_t c = 0; c < labels.size(); ++c) {
        const double p = v.probabilities(static_cast<Eigen::Index>(c));
        std::printf(" %*.3f", label_width(labels[c]), p);
        csv << "," << std::setprecision(6) << p;
      }
    }
    std::printf("\n");
    csv << "\n";
    classified += any;
  }
  std::printf("\ncounts of top genres (%zu files):\n", files.size());
  for (std::size_t j = 0; j < judges.size(); ++j) {
    std::printf("  %s:", judges[j].name.c_str());
    std::size_t ok = 0;
    for (std::size_t c = 0; c < counts[j].size(); ++c) {
      std::printf(" %s %zu", judges[j].judge->labels()[c].c_str(), counts[j][c]);
      ok += counts[j][c];
    }
    std::printf(" (failed %zu)\n", files.size() - ok);
  }
  if (!failed.empty()) {
    std::printf("\nskipped (%zu):\n", failed.size());
    for (const std::string& why : failed) std::printf("  %s\n", why.c_str());
  }
  if (!args.csv.empty()) {
    cadenza::write_file_atomically(args.csv, csv.str());
    std::printf("\nwrote %s\n", args.csv.c_str());
  }
  if (classified == 0)
    throw std::runtime_error("none of the " + std::to_string(files.size()) +
                             " files could be classified by any judge");
}

void setup_classify(CLI::App& sub) {
  auto args = std::make_shared<GenreClassifyArgs>();
  sub.add_option("inputs", args->inputs,
                 "MIDI files and folders (searched recursively). A file that a judge cannot "
                 "read is listed and skipped; the exit status is 1 only when no file could be "
                 "classified by any judge")
      ->required();
  sub.add_option("--judges", args->judges,
                 "genre judge files, comma-separated: token judges (trained on token features) "
                 "and audio judges (`classify train`, `classify train-cnn`); default: the "
                 "shipped models/genre_tokens.cdz and models/genre_audio.cdz");
  sub.add_option("--csv", args->csv, "also write the table as CSV");
  sub.add_option("--seconds", args->seconds,
                 "audio judges: render the first N seconds from the first note (0: all)")
      ->capture_default_str();
  sub.add_option("--soundfont", args->soundfont, "audio judges: SoundFont 2 file for rendering")
      ->capture_default_str();
  sub.add_option("--threads", args->threads, "files in parallel (0: all cores)")
      ->capture_default_str();
  cadenza::app::add_resample_option(sub, args->resampler);
  sub.callback([args] { run_classify(*args); });
}

// ---- genre-token-features ----

struct TokenFeaturesArgs {
  std::vector<std::string> sources;  // GENRE=FOLDER
  std::string output, groups;
  int bars = 32;
  unsigned threads = 0;
};

void run_features(const TokenFeaturesArgs& args) {
  if (args.bars < 0) throw std::invalid_argument("--bars must be >= 0 (0: the whole piece)");
  const std::vector<std::string> columns =
      token_feature_columns(args.bars, cadenza::app::split_comma_list(args.groups));
  const std::vector<std::string> all = token_feature_columns(args.bars);
  std::vector<std::size_t> indices;
  for (const std::string& c : columns)
    indices.push_back(static_cast<std::size_t>(std::find(all.begin(), all.end(), c) - all.begin()));
  struct Row {
    std::string name, genre;
    fs::path file;
    std::vector<double> values;
    std::string error;
  };
  std::vector<Row> rows;
  for (const std::string& source : args.sources) {
    const auto eq = source.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == source.size())
      throw std::invalid_argument("'" + source + "': expected GENRE=FOLDER");
    const std::string genre = source.substr(0, eq);
    const fs::path folder = source.substr(eq + 1);
    if (!fs::is_directory(folder)) throw std::runtime_error(folder.string() + ": not a folder");
    for (const fs::path& file : midi_files({folder.string()})) {
      // "collection/file": the folder's name and the path inside it (genre_heldout.txt).
      const std::string name = (folder.lexically_normal().filename().empty()
                                    ? folder.lexically_normal().parent_path().filename()
                                    : folder.lexically_normal().filename())
                                   .string() +
                               "/" + fs::relative(file, folder).generic_string();
      rows.push_back({name, genre, file, {}, {}});
    }
  }
  if (rows.empty()) throw std::runtime_error("no MIDI files in the folders given");
  std::vector<fs::path> inputs;
  for (const Row& row : rows) inputs.push_back(row.file);
  cadenza::refuse_output_over_input(args.output, inputs);
  cadenza::Progress progress("token features", rows.size(), "files");
  cadenza::parallel_for(
      rows.size(), args.threads == 0 ? cadenza::app::default_threads() : args.threads,
      [&](std::size_t i) {
        try {
          rows[i].values = token_features_of_file(rows[i].file, args.bars);
        } catch (const std::exception& e) {
          rows[i].error = e.what();
        }
      },
      [&](std::size_t) { progress.advance(); });
  progress.finish();
  std::size_t failed = 0;
  cadenza::write_file_atomically(args.output, [&](std::ostream& out) {
    out << "filename,length";
    for (const std::string& c : columns) out << "," << c;
    out << ",label\n" << std::setprecision(9);
    for (const Row& row : rows) {
      if (!row.error.empty()) {
        std::fprintf(stderr, "cadenza genre-token-features: skipped %s\n", row.error.c_str());
        ++failed;
        continue;
      }
      out << csv_field(row.name) << "," << args.bars;
      for (std::size_t index : indices) out << "," << row.values[index];
      out << "," << row.genre << "\n";
    }
  });
  std::printf(
      "%s: %zu pieces, %zu token features (%s), %zu skipped\n", args.output.c_str(),
      rows.size() - failed, columns.size(),
      args.bars == 0 ? "whole pieces" : ("first " + std::to_string(args.bars) + " bars").c_str(),
      failed);
}

void setup_features(CLI::App& sub) {
  auto args = std::make_shared<TokenFeaturesArgs>();
  sub.add_option("sources", args->sources,
                 "GENRE=FOLDER pairs: every MIDI file of the folder (recursively) is a piece of "
                 "GENRE, named <folder name>/<path inside it>")
      ->required();
  sub.add_option("-o,--output", args->output, "the features CSV (for `classify train`)")
      ->required();
  sub.add_option("--bars", args->bars,
                 "the first N bars from the bar of the first note (0: the whole piece)")
      ->capture_default_str();
  sub.add_option("--groups", args->groups,
                 "feature groups, comma-separated (default all): pitch pitch_class interval chord "
                 "position duration velocity program tempo timesig density");
  sub.add_option("--threads", args->threads, "files in parallel (0: all cores)")
      ->capture_default_str();
  sub.callback([args] { run_features(*args); });
}

const bool registered_classify = cadenza::app::register_command(
    {"genre-classify",
     "the genre of every MIDI file of folders by each genre judge (tokens, rendered audio)",
     setup_classify});
const bool registered_features = cadenza::app::register_command(
    {"genre-token-features",
     "token feature CSV of MIDI folders (GENRE=FOLDER) for the token genre judge", setup_features});

}  // namespace
