#include "genre/genre_check.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iomanip>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "classify/probabilities.h"
#include "common/atomic_file.h"
#include "common/gtzan.h"
#include "features/table.h"
#include "genre/bar_chart_png.h"

namespace cadenza::genre {
namespace {

std::string format(const char* pattern, double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, pattern, value);
  return buffer;
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

// "reggae 4, classical 3, jazz 2", most frequent first (ties by name).
std::string describe_tops(const GroupSummary& g) {
  std::vector<std::pair<std::string, std::size_t>> tops(g.tops.begin(), g.tops.end());
  std::stable_sort(tops.begin(), tops.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  std::string text;
  for (const auto& [genre, count] : tops)
    text += (text.empty() ? "" : ", ") + genre + " " + std::to_string(count);
  return text;
}

nlohmann::json group_json(const GroupSummary& g, const std::vector<std::string>& labels) {
  nlohmann::json mean = nlohmann::json::array();
  if (g.mean_probabilities.size() > 0)
    for (const auto& [label, p] : classify::ranked(g.mean_probabilities, labels))
      mean.push_back({{"genre", label}, {"probability", p}});
  return {{"pieces", g.pieces},
          {"failed", g.failed},
          {"mean", g.mean},
          {"std", g.std},
          {"sem", g.sem},
          {"min", g.min},
          {"max", g.max},
          {"top_is_genre", g.top_is_genre},
          {"top_is_genre_share", g.pieces ? static_cast<double>(g.top_is_genre) / g.pieces : 0.0},
          {"top_genres", g.tops},
          {"mean_probabilities", mean}};
}

}  // namespace

GroupSummary summarize(const std::string& name, const std::vector<GenreCheckRow>& rows,
                       const std::vector<std::string>& labels, const std::string& genre) {
  GroupSummary g;
  g.name = name;
  g.mean_probabilities = classify::Vector::Zero(static_cast<Eigen::Index>(labels.size()));
  std::vector<double> values;
  for (const GenreCheckRow& row : rows) {
    if (row.group != name) continue;
    if (row.probabilities.size() != g.mean_probabilities.size())
      throw std::invalid_argument("genre check: a row's probabilities do not match the labels");
    values.push_back(row.probability);
    g.mean_probabilities += row.probabilities;
    ++g.tops[row.top];
    g.top_is_genre += row.top == genre;
  }
  g.pieces = values.size();
  if (values.empty()) return g;
  const double n = static_cast<double>(values.size());
  g.mean_probabilities /= n;
  double sum = 0;
  for (double v : values) sum += v;
  g.mean = sum / n;
  double squares = 0;
  for (double v : values) squares += (v - g.mean) * (v - g.mean);
  g.std = values.size() > 1 ? std::sqrt(squares / (n - 1)) : 0.0;
  g.sem = g.std / std::sqrt(n);
  g.min = *std::min_element(values.begin(), values.end());
  g.max = *std::max_element(values.begin(), values.end());
  return g;
}

GenreCheckResult genre_check(const WindowClassifier& classifier, const std::vector<fs::path>& real,
                             const std::vector<fs::path>& generated,
                             const GenreCheckOptions& options,
                             const std::function<void(const PiecePrediction&)>& on_done) {
  const std::vector<std::string>& labels = classifier.labels();
  const auto genre_it = std::find(labels.begin(), labels.end(), options.genre);
  if (genre_it == labels.end()) {
    std::string known;
    for (const auto& label : labels) known += (known.empty() ? "" : ", ") + label;
    throw std::invalid_argument("genre '" + options.genre + "' is not one the model knows (" +
                                known + ")");
  }
  if (real.empty()) throw std::invalid_argument("no real pieces to compare with");
  if (generated.empty()) throw std::invalid_argument("no generated pieces to check");
  const auto genre_index = static_cast<Eigen::Index>(genre_it - labels.begin());

  std::vector<fs::path> files = real;
  files.insert(files.end(), generated.begin(), generated.end());
  const std::vector<PiecePrediction> pieces =
      predict_pieces(classifier, files, options.piece, on_done);

  GenreCheckResult result;
  result.classifier = classifier.describe();
  result.labels = labels;
  result.genre = options.genre;
  result.seconds = options.piece.seconds;
  std::size_t failed[2] = {0, 0};
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const PiecePrediction& p = pieces[i];
    const bool is_real = i < real.size();
    if (!p.ok()) {
      result.errors.push_back(p.error);
      ++failed[is_real ? 0 : 1];
      continue;
    }
    GenreCheckRow row;
    row.group = is_real ? "real" : "generated";
    row.file = p.file;
    row.name = p.file.stem().string();
    row.windows = static_cast<std::size_t>(p.windows.rows());
    row.seconds = static_cast<double>(p.samples) / gtzan::kSampleRate;
    row.probabilities = p.mean;
    row.probability = p.mean(genre_index);
    row.top = labels[static_cast<std::size_t>(p.top())];
    row.top_probability = p.mean(p.top());
    result.rows.push_back(row);
  }
  result.real = summarize("real", result.rows, labels, options.genre);
  result.generated = summarize("generated", result.rows, labels, options.genre);
  result.real.failed = failed[0];
  result.generated.failed = failed[1];
  for (const GroupSummary* g : {&result.real, &result.generated})
    if (g->pieces == 0)
      throw std::runtime_error("none of the " + g->name + " pieces could be classified (" +
                               std::to_string(g->failed) + " failed)");
  return result;
}

std::string format_genre_check(const GenreCheckResult& r) {
  std::ostringstream out;
  const std::string p_genre = "p(" + r.genre + ")";
  out << "genre check: " << r.classifier << "; "
      << (r.seconds > 0 ? "first " + format("%g", r.seconds) + " s" : std::string("all"))
      << " of each piece from its first note\n\n";
  constexpr std::size_t kLongestName = 40;
  std::size_t width = 24;
  for (const auto& row : r.rows)
    width = std::max(width, std::min(row.name.size(), kLongestName) + 2);
  out << std::left << std::setw(11) << "group" << std::setw(static_cast<int>(width)) << "piece"
      << std::right << std::setw(10) << p_genre << "  " << std::left << std::setw(11) << "top genre"
      << std::right << std::setw(7) << "p(top)" << std::setw(9) << "windows"
      << "\n";
  for (const auto& row : r.rows)
    out << std::left << std::setw(11) << row.group << std::setw(static_cast<int>(width)) << row.name
        << std::right << std::setw(10) << format("%.3f", row.probability) << "  " << std::left
        << std::setw(11) << row.top << std::right << std::setw(7)
        << format("%.3f", row.top_probability) << std::setw(9) << row.windows << "\n";

  const GroupSummary* groups[2] = {&r.real, &r.generated};
  auto line = [&](const std::string& what, const std::string& a, const std::string& b) {
    out << std::left << std::setw(22) << what << std::setw(26) << a << b << "\n";
  };
  out << "\n";
  line("", "real", "generated");
  line("pieces", std::to_string(r.real.pieces), std::to_string(r.generated.pieces));
  if (r.real.failed + r.generated.failed > 0)
    line("failed", std::to_string(r.real.failed), std::to_string(r.generated.failed));
  std::string cells[2];
  for (int g = 0; g < 2; ++g)
    cells[g] = format("%.3f", groups[g]->mean) + " +- " + format("%.3f", groups[g]->std);
  line("mean " + p_genre + " +- std", cells[0], cells[1]);
  for (int g = 0; g < 2; ++g)
    cells[g] = format("%.3f", groups[g]->min) + " - " + format("%.3f", groups[g]->max);
  line("min - max", cells[0], cells[1]);
  for (int g = 0; g < 2; ++g)
    cells[g] = std::to_string(groups[g]->top_is_genre) + "/" + std::to_string(groups[g]->pieces) +
               (groups[g]->pieces == 0
                    ? std::string()
                    : format(" (%.0f%%)", 100.0 * static_cast<double>(groups[g]->top_is_genre) /
                                              static_cast<double>(groups[g]->pieces)));
  line("top genre = " + r.genre, cells[0], cells[1]);
  out << "difference of the means (generated - real): "
      << format("%+.3f", r.generated.mean - r.real.mean) << "\n";
  out << "top genres, real:      " << describe_tops(r.real) << "\n";
  out << "top genres, generated: " << describe_tops(r.generated) << "\n\n";

  out << "mean probabilities per group (the paper's Table 2 layout)\n";
  const auto real_ranked = classify::ranked(r.real.mean_probabilities, r.labels);
  const auto gen_ranked = classify::ranked(r.generated.mean_probabilities, r.labels);
  out << std::left << std::setw(12) << "real" << std::setw(14) << "" << std::setw(12) << "generated"
      << "\n";
  for (std::size_t i = 0; i < r.labels.size(); ++i)
    out << std::left << std::setw(12) << real_ranked[i].first << std::right << std::setw(7)
        << format("%.2f%%", 100.0 * real_ranked[i].second) << std::setw(7) << "" << std::left
        << std::setw(12) << gen_ranked[i].first << std::right << std::setw(7)
        << format("%.2f%%", 100.0 * gen_ranked[i].second) << "\n";
  return out.str();
}

void write_genre_check_csv(const GenreCheckResult& r, const fs::path& path) {
  write_file_atomically(path, [&](std::ostream& out) {
    out << "group,name,file,windows,seconds,p_" << r.genre << ",top_genre,p_top";
    for (const auto& label : r.labels) out << ",p_" << label;
    out << "\n";
    for (const auto& row : r.rows) {
      out << row.group << "," << csv_field(row.name) << "," << csv_field(row.file.string()) << ","
          << row.windows << "," << features::format_python_float(row.seconds) << ","
          << features::format_python_float(row.probability) << "," << row.top << ","
          << features::format_python_float(row.top_probability);
      for (Eigen::Index c = 0; c < row.probabilities.size(); ++c)
        out << "," << features::format_python_float(row.probabilities(c));
      out << "\n";
    }
  });
}

void write_genre_check_json(const GenreCheckResult& r, const fs::path& path) {
  nlohmann::json pieces = nlohmann::json::array();
  for (const auto& row : r.rows) {
    nlohmann::json probs = nlohmann::json::object();
    for (std::size_t c = 0; c < r.labels.size(); ++c)
      probs[r.labels[c]] = row.probabilities(static_cast<Eigen::Index>(c));
    pieces.push_back({{"group", row.group},
                      {"name", row.name},
                      {"file", row.file.string()},
                      {"windows", row.windows},
                      {"seconds", row.seconds},
                      {"probability", row.probability},
                      {"top_genre", row.top},
                      {"top_probability", row.top_probability},
                      {"probabilities", probs}});
  }
  const nlohmann::json out = {
      {"classifier", r.classifier},
      {"genre", r.genre},
      {"seconds", r.seconds},
      {"labels", r.labels},
      {"groups",
       {{"real", group_json(r.real, r.labels)}, {"generated", group_json(r.generated, r.labels)}}},
      {"difference_of_means", r.generated.mean - r.real.mean},
      {"pieces", pieces},
      {"errors", r.errors}};
  write_file_atomically(path, out.dump(1) + "\n");
}

void write_genre_check_png(const GenreCheckResult& r, const fs::path& path) {
  BarChart chart;
  chart.title = "p(" + r.genre + ") per piece, real vs generated";
  chart.subtitle =
      r.classifier + (r.seconds > 0 ? ", first " + format("%g", r.seconds) + " s" : "");
  // Up to 60 pieces every bar is named; more are drawn narrow and unnamed (the CSV names
  // them), each group under one caption, so that the chart stays about 1,400 pixels wide.
  const bool named = r.rows.size() <= 60;
  if (!named) {
    chart.bar_width = std::max(1, std::min(16, static_cast<int>(1200 / r.rows.size()) - 1));
    chart.bar_gap = chart.bar_width >= 4 ? 1 : 0;
  }
  const GroupSummary* groups[2] = {&r.real, &r.generated};
  int overflow = 0;  // pixels the previous group's caption reaches past its bars
  for (int g = 0; g < 2; ++g) {
    chart.series.push_back(groups[g]->name + " (n " + std::to_string(groups[g]->pieces) + ")");
    std::vector<const GenreCheckRow*> rows;
    for (const auto& row : r.rows)
      if (row.group == groups[g]->name) rows.push_back(&row);
    std::stable_sort(rows.begin(), rows.end(), [](const GenreCheckRow* a, const GenreCheckRow* b) {
      return a->probability > b->probability;
    });
    const std::size_t first = chart.bars.size();
    for (std::size_t i = 0; i < rows.size(); ++i) {
      Bar bar;
      if (named) bar.label = rows[i]->name;
      bar.value = rows[i]->probability;
      bar.series = g;
      bar.gap_before = i == 0 && g > 0 ? 16 + overflow : 0;
      chart.bars.push_back(bar);
    }
    if (!named && !rows.empty()) {
      chart.spans.push_back({groups[g]->name, first, chart.bars.size() - 1});
      const int span = static_cast<int>(rows.size()) * (chart.bar_width + chart.bar_gap);
      overflow = std::max(0, 12 * static_cast<int>(groups[g]->name.size()) - span);
    }
  }
  for (int g = 0; g < 2; ++g) {
    Bar bar;
    bar.label = groups[g]->name + " mean";
    bar.value = groups[g]->mean;
    bar.error = groups[g]->std;
    bar.series = g;
    bar.wide = true;
    bar.gap_before = g == 0 ? 32 + overflow : 8;
    chart.bars.push_back(bar);
  }
  write_bar_chart_png(chart, path);
}

}  // namespace cadenza::genre
