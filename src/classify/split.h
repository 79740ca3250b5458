#pragma once
// Train/test protocols for `cadenza classify train --protocol`:
//   paper      stratified 80/20 split of the rows, seeded (the notebooks' protocol; with 3 s
//              windows it puts windows of one song on both sides, which inflates accuracy)
//   by-song    80/20 split of the songs (all windows of a recording on one side), stratified
//              by genre, seeded
//   by-block   neighbouring songs together: per genre, the songs in name order and the last
//              third of them test (GTZAN clips 00000-00029: 00020-00029). Nearby GTZAN clip
//              numbers often share an album or artist, so a random song split still shares
//              artists between its sides; a block split mostly does not.
//   by-block:N the songs whose clip number (the digits after the last dot of the song's stem,
//              "jazz.00023" -> 23) is N or more are test
//   split:<f>  the test rows are the file names listed in <f> (one per line), e.g. the fixed
//              splits in shared/data/gtzan/splits/ used for comparisons with scikit-learn
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "classify/feature_table.h"

namespace cadenza::classify {

struct Protocol {
  enum class Kind { paper, by_song, by_block, split_file } kind = Kind::paper;
  std::filesystem::path test_list;  // for split_file
  int block_start = -1;             // by_block: first test clip number; -1: the last third
  std::string describe() const;
};

// Throws std::invalid_argument for anything but paper, by-song, by-block[:N] or split:<file>.
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

// The share of each genre's songs in the test block of `by-block` (GTZAN 30 clips: 10).
constexpr double kBlockTestFraction = 1.0 / 3.0;

// The clip number of a song stem or file name: the digits after the last dot of the song
// ("jazz.00023", "jazz.00023.flac", "jazz.00023.4.wav" -> 23); -1 when there are none.
long clip_number(const std::string& name);

// Per class, the songs in name order and the first (at_end false) or last round(fraction *
// count) of them (at least one, at most count - 1; a class of one song: none).
std::vector<bool> name_order_block(const std::vector<std::string>& song_names,
                                   const std::vector<int>& song_class, double fraction,
                                   bool at_end);

// Block split of songs (names as file names or stems, with their class). block_start >= 0:
// songs with clip_number >= block_start are test (a song without a clip number is an error
// naming it). block_start < 0: per class, the songs in name order and the last
// round(fraction * count) of them (at least one, at most count - 1) are test.
std::vector<bool> block_test_mask(const std::vector<std::string>& song_names,
                                  const std::vector<int>& song_class, int block_start,
                                  double fraction);

}  // namespace cadenza::classify
