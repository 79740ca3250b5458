#include "genre/genre_recognition.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <mutex>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "common/atomic_file.h"
#include "common/parallel.h"
#include "genre/bar_chart_png.h"

namespace cadenza::genre {

std::pair<double, double> wilson_interval(std::size_t k, std::size_t n) {
  if (n == 0) return {0, 0};
  const double z = 1.959963984540054, nn = static_cast<double>(n);
  const double p = static_cast<double>(k) / nn;
  const double centre = (p + z * z / (2 * nn)) / (1 + z * z / nn);
  const double half = z * std::sqrt(p * (1 - p) / nn + z * z / (4 * nn * nn)) / (1 + z * z / nn);
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

void check_judges_know(const std::vector<NamedPieceJudge>& judges,
                       const std::vector<std::string>& genres) {
  for (const std::string& genre : genres)
    for (const NamedPieceJudge& j : judges) {
      const auto& labels = j.judge->labels();
      if (std::find(labels.begin(), labels.end(), genre) != labels.end()) continue;
      std::string known;
      for (const auto& label : labels) known += (known.empty() ? "" : ", ") + label;
      throw std::invalid_argument("genre " + genre + ": not a genre of the judge " + j.name + " (" +
                                  known + ")");
    }
}

RecognitionResult recognise_genres(const std::vector<NamedPieceJudge>& judges,
                                   const std::vector<RecognitionInput>& inputs, unsigned threads,
                                   const std::function<void()>& on_done) {
  if (judges.empty()) throw std::invalid_argument("genre-check: no judge");
  RecognitionResult result;
  for (const RecognitionInput& input : inputs) {
    result.genres.push_back(input.genre);
    if (input.real.empty() || input.generated.empty())
      throw std::invalid_argument("genre " + input.genre + ": no " +
                                  (input.real.empty() ? "real" : "generated") + " pieces");
    check_judges_know(judges, {input.genre});
    for (const auto& [group, files] :
         {std::pair{"real", &input.real}, std::pair{"generated", &input.generated}})
      for (const fs::path& file : *files)
        result.pieces.push_back({input.genre, group, file, {}, {}});
  }
  std::mutex mutex;
  parallel_for(result.pieces.size(), std::max(1u, threads), [&](std::size_t i) {
    JudgedPiece& piece = result.pieces[i];
    piece.probabilities.resize(judges.size());
    piece.top.resize(judges.size());
    for (std::size_t j = 0; j < judges.size(); ++j) {
      try {
        piece.probabilities[j] = judges[j].judge->probabilities(piece.file);
        piece.top[j] =
            judges[j].judge->labels()[static_cast<std::size_t>(top_label(piece.probabilities[j]))];
      } catch (const std::exception& e) {
        std::lock_guard<std::mutex> lock(mutex);
        result.errors.push_back(judges[j].name + ": " + e.what());
      }
    }
    if (on_done) {
      std::lock_guard<std::mutex> lock(mutex);
      on_done();
    }
  });
  for (std::size_t j = 0; j < judges.size(); ++j) {
    JudgeReport report{
        judges[j].name, judges[j].judge->describe(), judges[j].judge->hears(), {}, {}};
    for (const std::string& genre : result.genres) {
      for (const char* group : {"real", "generated"}) {
        RecognitionCell cell{genre, group};
        for (const JudgedPiece& piece : result.pieces)
          if (piece.genre == genre && piece.group == group && !piece.top[j].empty()) {
            ++cell.pieces;
            cell.recognised += piece.top[j] == genre;
          }
        cell.rate = cell.pieces ? static_cast<double>(cell.recognised) / cell.pieces : 0;
        std::tie(cell.low, cell.high) = wilson_interval(cell.recognised, cell.pieces);
        report.cells.push_back(cell);
      }
      const RecognitionCell& real = report.cells[report.cells.size() - 2];
      report.ratio[genre] = real.rate > 0 ? report.cells.back().rate / real.rate : 0;
    }
    result.judges.push_back(std::move(report));
  }
  return result;
}

std::string format_recognition(const RecognitionResult& result, double target_ratio) {
  std::string text;
  char line[320];
  for (const JudgeReport& judge : result.judges) {
    text += "\njudge " + judge.name + ": " + judge.describe + "\n  hears: " + judge.hears + "\n";
    std::snprintf(line, sizeof line, "  %-8s %-26s %-26s %8s\n", "genre",
                  "real: recognised [95% CI]", "generated: recognised", "gen/real");
    text += line;
    for (std::size_t g = 0; g < result.genres.size(); ++g) {
      const RecognitionCell& real = judge.cells[2 * g];
      const RecognitionCell& generated = judge.cells[2 * g + 1];
      const auto cell = [](const RecognitionCell& c) {
        char out[64];
        std::snprintf(out, sizeof out, "%zu/%zu %.2f [%.2f, %.2f]", c.recognised, c.pieces, c.rate,
                      c.low, c.high);
        return std::string(out);
      };
      const double ratio = judge.ratio.at(real.genre);
      std::snprintf(line, sizeof line, "  %-8s %-26s %-26s %8.2f %s\n", real.genre.c_str(),
                    cell(real).c_str(), cell(generated).c_str(), ratio,
                    ratio >= target_ratio ? "" : "(below the target)");
      text += line;
    }
  }
  std::snprintf(line, sizeof line,
                "\ntarget: generated pieces of each genre recognised at >= %.2fx the rate of real "
                "held-out pieces of that genre, by every judge\n",
                target_ratio);
  text += line;
  return text;
}

void write_recognition_csv(const RecognitionResult& result, const fs::path& path) {
  write_file_atomically(path, [&](std::ostream& out) {
    out << "judge,genre,group,pieces,recognised,rate,low,high,ratio_generated_to_real\n";
    for (const JudgeReport& judge : result.judges)
      for (const RecognitionCell& c : judge.cells) {
        char line[256];
        std::snprintf(line, sizeof line, "%s,%s,%s,%zu,%zu,%.6f,%.6f,%.6f,%.6f\n",
                      judge.name.c_str(), c.genre.c_str(), c.group.c_str(), c.pieces, c.recognised,
                      c.rate, c.low, c.high, judge.ratio.at(c.genre));
        out << line;
      }
  });
}

void write_recognition_json(const RecognitionResult& result, const fs::path& path) {
  nlohmann::json j;
  j["genres"] = result.genres;
  j["judges"] = nlohmann::json::array();
  for (const JudgeReport& judge : result.judges) {
    nlohmann::json cells = nlohmann::json::array();
    for (const RecognitionCell& c : judge.cells)
      cells.push_back({{"genre", c.genre},
                       {"group", c.group},
                       {"pieces", c.pieces},
                       {"recognised", c.recognised},
                       {"rate", c.rate},
                       {"low", c.low},
                       {"high", c.high}});
    j["judges"].push_back({{"name", judge.name},
                           {"describe", judge.describe},
                           {"hears", judge.hears},
                           {"cells", cells},
                           {"ratio_generated_to_real", judge.ratio}});
  }
  j["pieces"] = nlohmann::json::array();
  for (const JudgedPiece& piece : result.pieces) {
    nlohmann::json verdicts = nlohmann::json::array();
    for (std::size_t k = 0; k < piece.top.size(); ++k)
      verdicts.push_back(piece.top[k].empty()
                             ? nlohmann::json(nullptr)
                             : nlohmann::json{{"top", piece.top[k]},
                                              {"probabilities",
                                               std::vector<double>(piece.probabilities[k].begin(),
                                                                   piece.probabilities[k].end())}});
    j["pieces"].push_back({{"genre", piece.genre},
                           {"group", piece.group},
                           {"file", piece.file.string()},
                           {"judges", verdicts}});
  }
  j["errors"] = result.errors;
  write_file_atomically(path, [&](std::ostream& out) { out << j.dump(2) << "\n"; });
}

void write_recognition_png(const RecognitionResult& result, const fs::path& path) {
  BarChart chart;
  chart.title = "genre recognised: real held-out vs generated pieces";
  chart.subtitle =
      "share of pieces whose top genre is the one asked, per judge; whiskers: 95% Wilson "
      "interval";
  chart.series = {"real", "generated"};
  for (std::size_t g = 0; g < result.genres.size(); ++g) {
    const std::size_t first = chart.bars.size();
    for (const JudgeReport& judge : result.judges) {
      std::string name = fs::path(judge.name).stem().string();  // genre_tokens -> tokens
      if (name.rfind("genre_", 0) == 0) name = name.substr(6);
      for (const RecognitionCell& c : {judge.cells[2 * g], judge.cells[2 * g + 1]}) {
        Bar bar;
        bar.label = name;
        bar.value = c.rate;
        bar.series = c.group == "real" ? 0 : 1;
        bar.low = c.low;
        bar.high = c.high;
        if (bar.series == 0) bar.gap_before = chart.bars.size() == first ? 36 : 8;
        chart.bars.push_back(bar);
      }
    }
    chart.spans.push_back({result.genres[g], first, chart.bars.size() - 1});
  }
  write_bar_chart_png(chart, path);
}

}  // namespace cadenza::genre
