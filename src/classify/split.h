#pragma once
// Train/test protocols for `cadenza classify train --protocol`:
//   paper      stratified 80/20 split of the rows, seeded (the notebooks' protocol; with 3 s
//              windows it puts windows of one song on both sides, which inflates accuracy)
//   by-song    80/20 split of the songs (all windows of a recording on one side), stratified
//              by genre, seeded
//   split:<f>  the test rows are the file names listed in <f> (one per line), e.g. the fixed
//              splits in shared/data/gtzan/splits/ used for comparisons with scikit-learn
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "classify/feature_table.h"

namespace cadenza::classify {

struct Protocol {
  enum class Kind { paper, by_song, split_file } kind = Kind::paper;
  std::filesystem::path test_list;  // for split_file
  std::string describe() const;
};

// Throws std::invalid_argument for anything but paper, by-song or split:<file>.
Protocol parse_protocol(const std::string& text);

struct Split {
  std::vector<Eigen::Index> train, test;  // row indices, ascending
};

// Throws std::runtime_error when a listed name is not a row of the table, or when a side
// would miss a class entirely.
Split make_split(const FeatureTable& table, const Protocol& protocol, std::uint64_t seed,
                 double test_fraction = 0.2);

// Stratified split of items (rows or songs) with the given class: per class, a seeded
// shuffle and round(fraction * count) items (at least one, at most count - 1) to test.
std::vector<bool> stratified_test_mask(const std::vector<int>& item_class, double fraction,
                                       std::uint64_t seed);

}  // namespace cadenza::classify
