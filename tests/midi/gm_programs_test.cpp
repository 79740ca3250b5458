// General MIDI program names: the GM 1 sound set's names by number, and the names musicians
// type (`--instruments piano,bass,drums,tenor-sax`) back to programs.
#include "midi/gm_programs.h"

#include <gtest/gtest.h>

#include <set>
#include <utility>

#include "common/error.h"

namespace cadenza::midi {
namespace {

TEST(GmPrograms, NamesOfTheSoundSet) {
  // Spot checks against the GM 1 Sound Set table (numbered 1-128 there).
  EXPECT_EQ(gm_program_name(0), "Acoustic Grand Piano");
  EXPECT_EQ(gm_program_name(11), "Vibraphone");
  EXPECT_EQ(gm_program_name(32), "Acoustic Bass");
  EXPECT_EQ(gm_program_name(33), "Electric Bass (finger)");
  EXPECT_EQ(gm_program_name(66), "Tenor Sax");
  EXPECT_EQ(gm_program_name(87), "Lead 8 (bass + lead)");
  EXPECT_EQ(gm_program_name(127), "Gunshot");
  EXPECT_EQ(gm_program_name(kDrums), "Drums");
  EXPECT_THROW(gm_program_name(128), std::invalid_argument);
  EXPECT_THROW(gm_program_name(-2), std::invalid_argument);
}

TEST(GmPrograms, EveryNameFindsItsOwnProgram) {
  std::set<std::string> seen;
  for (int program = 0; program < kProgramCount; ++program) {
    const std::string name(gm_program_name(program));
    EXPECT_TRUE(seen.insert(name).second) << name;
    EXPECT_EQ(find_program(name), program) << name;  // no short name shadows a GM name
  }
}

TEST(GmPrograms, ShortNamesMusiciansType) {
  const std::pair<const char*, int> expected[] = {
      {"piano", 0},      {"bass", 32},     {"drums", kDrums}, {"guitar", 26},  // jazz guitar
      {"tenor-sax", 66}, {"alto-sax", 65}, {"trumpet", 56},   {"trombone", 57}, {"vibraphone", 11},
      {"organ", 16},     {"strings", 48},  {"clarinet", 71},  {"flute", 73}};
  for (const auto& [name, program] : expected) EXPECT_EQ(program_from_name(name), program) << name;
  for (const std::string& name : instrument_short_names())
    EXPECT_TRUE(find_program(name).has_value()) << name;
}

TEST(GmPrograms, CaseSeparatorsAndNumbersDoNotMatter) {
  const std::pair<const char*, int> expected[] = {{"Tenor Sax", 66},
                                                  {"TENOR_SAX", 66},
                                                  {"Drums", kDrums},
                                                  {"electric-bass-finger", 33},
                                                  {"Electric Bass (Finger)", 33},
                                                  {"honky tonk piano", 3},
                                                  {"33", 33},
                                                  {"0", 0}};
  for (const auto& [name, program] : expected) EXPECT_EQ(program_from_name(name), program) << name;
  for (const char* none : {"128", "", "-", "-1"})  // drums by name only, not -1
    EXPECT_FALSE(find_program(none).has_value()) << none;
}

TEST(GmPrograms, AnUnknownNameListsTheValidOnes) {
  try {
    program_from_name("kazoo");
    FAIL() << "no error";
  } catch (const UsageError& e) {
    const std::string message = e.what();
    EXPECT_EQ(message.rfind("unknown instrument 'kazoo': expected one of piano,", 0), 0u)
        << message;
    for (const char* valid : {"tenor-sax", "drums", "0-127", "acoustic-grand-piano", "gunshot"})
      EXPECT_NE(message.find(valid), std::string::npos) << valid;
  }
}

}  // namespace
}  // namespace cadenza::midi
