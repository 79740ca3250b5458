#pragma once
// Which songs train, validate and test, by the protocols of classify/split.h that keep songs
// whole (one parser for both: classify::parse_protocol). Every window of a song lands on the
// side of its song, so no recording is on both sides (the leak of the paper's split over 3 s
// windows, which is why `paper` is refused here).
//   by-song    80/20 split of the songs, stratified by genre, seeded (as `classify train
//              --protocol by-song`)
//   by-block   neighbouring songs together (as `classify train --protocol by-block`): per
//              genre the songs in name order, the last third test (GTZAN clips
//              00000-00029: 00020-00029); by-block:N: clip numbers N and above test
//   split:<f>  the test songs are named in <f>, one per line, as file names
//              ("jazz.00003.flac"), stems ("jazz.00003") or window names ("jazz.00003.4.wav",
//              the layout of shared/data/gtzan/splits/*.by-song.test.txt)
// The validation songs (for early stopping) are then drawn from the training songs: for by-block
// the first of each genre's training songs in name order (GTZAN, --validation 0.2: clips
// 00000-00003), a block far from the test block, so that nothing next to the test songs steers
// the stopping and the last training songs border the test block as in `classify train`;
// otherwise in the same stratified random way.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "classify/split.h"
#include "cnn/dataset.h"

namespace cadenza::cnn {

// classify::parse_protocol, refusing `paper`: std::invalid_argument for anything but by-song,
// by-block[:N] or split:<file>.
classify::Protocol parse_song_protocol(const std::string& text);

struct SongSplit {
  std::vector<int> train, validation, test;  // song indices, ascending
};

// Names in a split file whose song is not in the data set (another genre, a clip that is not
// there) are ignored and counted in a message. Throws std::runtime_error when no test song
// remains or a genre would have no training song; std::invalid_argument for `paper`.
SongSplit split_songs(const Dataset& data, const classify::Protocol& protocol, std::uint64_t seed,
                      double test_fraction = 0.2, double validation_fraction = 0.1,
                      const MessageSink& message = {});

// The images of the given songs, song by song.
ImageSet images_of(const Dataset& data, const std::vector<int>& songs);

}  // namespace cadenza::cnn
