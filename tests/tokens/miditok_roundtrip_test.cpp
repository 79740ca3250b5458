// MIDI -> tokens -> MIDI -> tokens gives the same tokens on every shared MIDI file, for REMI
// and TSD (the decoded MIDI goes through the real writer and reader, as bytes).
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

void check_round_trip(Scheme scheme) {
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
        ADD_FAILURE() << scheme_name(scheme) << " " << collection << "/" << input.name
                      << ": tokens differ after the round trip (" << first.tokens.size() << " vs "
                      << second.tokens.size() << ")";
      }
    }
  }
  std::printf("%s round trip: %zu / %zu files identical\n", scheme_name(scheme), identical, files);
  EXPECT_GT(files, 2000u);
}

TEST(MidiTokRoundTrip, RemiTokensSurviveMidiOnEverySharedFile) {
  CADENZA_REQUIRE_SHARED_DATA("midi/pop909");
  check_round_trip(Scheme::Remi);
}

TEST(MidiTokRoundTrip, TsdTokensSurviveMidiOnEverySharedFile) {
  CADENZA_REQUIRE_SHARED_DATA("midi/pop909");
  check_round_trip(Scheme::Tsd);
}

}  // namespace
