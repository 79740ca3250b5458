#include "tokens/normal_order.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "support/shared_data.h"
#include "tokens/pitch_names.h"

using cadenza::tokens::chord_token;
using cadenza::tokens::normal_order;
using cadenza::tokens::parse_pitch_name;
using cadenza::tokens::pitch_name;

TEST(NormalOrder, TriadsAndSeventhChords) {
  EXPECT_EQ(chord_token({60, 64, 67}), "0.4.7");         // C E G
  EXPECT_EQ(chord_token({59, 63, 66}), "11.3.6");        // B D# F#
  EXPECT_EQ(chord_token({62, 66, 69}), "2.6.9");         // D F# A
  EXPECT_EQ(chord_token({57, 60, 64}), "9.0.4");         // A minor
  EXPECT_EQ(chord_token({67, 71, 74, 77}), "11.2.5.7");  // G7: the smallest span starts on B
  EXPECT_EQ(chord_token({48, 67, 64, 76}), "0.4.7");     // order and octaves do not matter
}

TEST(NormalOrder, UnisonsOctavesAndSymmetricSets) {
  EXPECT_EQ(chord_token({60, 72}), "0");
  EXPECT_EQ(chord_token({67, 67}), "7");
  EXPECT_EQ(chord_token({62, 65, 68, 71}), "2.5.8.11");  // diminished 7th: lowest pc first
  EXPECT_EQ(chord_token({61, 65, 69}), "1.5.9");         // augmented triad
  EXPECT_EQ(normal_order({}), std::vector<int>{});
}

TEST(NormalOrder, TieBreaksFollowMusic21) {
  // Span ties are broken by packing from the second element on (music21's tables); the other
  // common rule would give 1.5.6.8.0 here.
  EXPECT_EQ(chord_token({0, 1, 5, 7, 8}), "0.1.5.7.8");
  EXPECT_EQ(chord_token({6, 7, 11, 1, 2}), "6.7.11.1.2");
  EXPECT_EQ(cadenza::tokens::prime_form({0, 4, 7}), (std::vector<int>{0, 3, 7}));
}

TEST(NormalOrder, EveryReferenceChordTokenIsItsOwnNormalOrder) {
  CADENZA_REQUIRE_SHARED_DATA("midi/midkar_jazz.music21");
  std::set<std::string> chords;
  for (const char* folder :
       {"midi/midkar_jazz.music21", "midi/kaggle_jazz_subset_lstm_music.music21",
        "midi/wjazzd_solos.music21"})
    for (const auto& entry :
         std::filesystem::directory_iterator(cadenza::testing::shared_data_dir() / folder)) {
      std::ifstream in(entry.path());
      std::string line;
      while (std::getline(in, line))
        if (line.find('.') != std::string::npos) chords.insert(line);
    }
  ASSERT_GT(chords.size(), 1000u);
  for (const std::string& token : chords) {
    std::vector<int> pcs;
    std::stringstream ss(token);
    std::string part;
    while (std::getline(ss, part, '.')) pcs.push_back(std::stoi(part));
    EXPECT_EQ(chord_token(pcs), token);
  }
}

TEST(PitchNames, Music21Spelling) {
  EXPECT_EQ(pitch_name(60), "C4");
  EXPECT_EQ(pitch_name(61), "C#4");
  EXPECT_EQ(pitch_name(63), "E-4");
  EXPECT_EQ(pitch_name(66), "F#4");
  EXPECT_EQ(pitch_name(68), "G#4");
  EXPECT_EQ(pitch_name(70), "B-4");
  EXPECT_EQ(pitch_name(21), "A0");
  EXPECT_EQ(pitch_name(127), "G9");
  EXPECT_EQ(pitch_name(12), "C0");
}

TEST(PitchNames, ParsesMusic21AndFlatBSpellings) {
  EXPECT_EQ(parse_pitch_name("C4"), 60);
  EXPECT_EQ(parse_pitch_name("E-5"), 75);
  EXPECT_EQ(parse_pitch_name("B-3"), 58);
  EXPECT_EQ(parse_pitch_name("Db4"), 61);
  EXPECT_EQ(parse_pitch_name("Bb3"), 58);
  EXPECT_EQ(parse_pitch_name("C##4"), 62);
  EXPECT_EQ(parse_pitch_name("f#3"), 54);
  for (int midi = 12; midi < 128; ++midi) EXPECT_EQ(parse_pitch_name(pitch_name(midi)), midi);
  EXPECT_FALSE(parse_pitch_name("H4"));
  EXPECT_FALSE(parse_pitch_name("C"));
  EXPECT_FALSE(parse_pitch_name("C4x"));
  EXPECT_FALSE(parse_pitch_name("0.4.7"));
  EXPECT_FALSE(parse_pitch_name("G10"));
}
