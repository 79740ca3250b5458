#include "data/batches.h"

#include <gtest/gtest.h>

#include <numeric>
#include <set>

namespace cadenza::data {
namespace {

std::vector<Sequence> two_sequences() {
  Sequence a(10), b(7);
  std::iota(a.begin(), a.end(), 0);    // 0..9
  std::iota(b.begin(), b.end(), 100);  // 100..106
  return {a, b};
}

TEST(Windows, ValidationWindowsAreInOrderWithoutOverlap) {
  auto sequences = two_sequences();
  WindowSampler sampler(sequences, 4, 4);
  auto starts = sampler.epoch(nullptr);
  ASSERT_EQ(starts.size(), 3u);  // a: 0, 4 (8 would need 4 more); b: 0
  EXPECT_EQ(starts[1].offset, 4u);
  EXPECT_EQ(starts[2].sequence, 1u);
  Batch batch = sampler.batch(starts, 1, 8);  // only two windows are left
  EXPECT_EQ(batch.rows, 2u);
  EXPECT_EQ(batch.ids, (std::vector<std::int64_t>{4, 5, 6, 7, 100, 101, 102, 103}));
}

TEST(Windows, ShuffledEpochsAreReproducibleAndCoverEveryStride) {
  auto sequences = two_sequences();
  WindowSampler sampler(sequences, 3, 1);
  std::mt19937_64 rng1(7), rng2(7);
  auto first = sampler.epoch(&rng1);
  auto again = sampler.epoch(&rng2);
  ASSERT_EQ(first.size(), 8u + 5u);  // stride 1: every start
  for (std::size_t i = 0; i < first.size(); ++i) {
    EXPECT_EQ(first[i].sequence, again[i].sequence);
    EXPECT_EQ(first[i].offset, again[i].offset);
  }
  std::set<std::pair<std::size_t, std::size_t>> distinct;
  for (const auto& s : first) distinct.insert({s.sequence, s.offset});
  EXPECT_EQ(distinct.size(), first.size());
}

TEST(Windows, RejectsSequencesShorterThanAWindow) {
  auto sequences = two_sequences();
  EXPECT_THROW(WindowSampler(sequences, 11, 1), std::invalid_argument);
  EXPECT_THROW(WindowSampler(sequences, 4, 0), std::invalid_argument);
}

}  // namespace
}  // namespace cadenza::data

namespace cadenza::data {
namespace {

TEST(Windows, AnchoredWindowsStartOnlyAtAnchors) {
  std::vector<Sequence> sequences = {Sequence(30, 1)};
  // Bars at 0, 7, 13, 21: windows of 8 every 5 tokens snap forward to the next bar.
  WindowSampler sampler(sequences, 8, 5, {{0, 7, 13, 21}});
  std::vector<WindowStart> starts = sampler.epoch(nullptr);
  std::vector<std::size_t> offsets;
  for (const auto& s : starts) offsets.push_back(s.offset);
  EXPECT_EQ(offsets, (std::vector<std::size_t>{0, 7, 13, 21}));
  std::mt19937_64 rng(5);
  for (int e = 0; e < 10; ++e)
    for (const auto& s : sampler.epoch(&rng)) {
      EXPECT_TRUE(s.offset == 0 || s.offset == 7 || s.offset == 13 || s.offset == 21);
      EXPECT_LE(s.offset + 8, 30u);
    }
  EXPECT_THROW(WindowSampler(sequences, 8, 5, {{0}, {1}}), std::invalid_argument);
}

TEST(Windows, APrefixOpensEveryWindow) {
  // A genre model's documents: the genre token (7) first, bars at 1, 4 and 6.
  std::vector<Sequence> sequences = {{7, 10, 11, 12, 20, 21, 30, 31, 32}};
  WindowSampler sampler(sequences, 4, 2, {{1, 4, 6}}, 1);
  std::vector<WindowStart> starts = sampler.epoch(nullptr);
  // Offsets 1, 3 -> 4, 5 -> 6 (6 + 3 ids = 9, the end); each window: the prefix, then 3 ids.
  ASSERT_EQ(starts.size(), 3u);
  Batch batch = sampler.batch(starts, 0, 3);
  EXPECT_EQ(batch.ids, (std::vector<std::int64_t>{7, 10, 11, 12, 7, 20, 21, 30, 7, 30, 31, 32}));
  std::mt19937_64 rng(3);
  for (int e = 0; e < 10; ++e)
    for (const auto& s : sampler.epoch(&rng))
      EXPECT_TRUE(s.offset == 1 || s.offset == 4 || s.offset == 6);
  EXPECT_THROW(WindowSampler(sequences, 2, 2, {}, 1), std::invalid_argument);  // no room
}

TEST(Windows, GroupsTakeTurnsUntilTheSmallestRunsOut) {
  // Sequences 0 and 2 are group 0 (4 windows), 1 is group 1 (2 windows), 3 is group 2 (none).
  std::vector<WindowStart> starts = {{0, 0}, {1, 0}, {0, 5}, {2, 0}, {2, 3}, {1, 4}};
  std::vector<WindowStart> turns = take_turns(starts, {0, 1, 0, 3});
  std::vector<std::pair<std::size_t, std::size_t>> got;
  for (const auto& t : turns) got.emplace_back(t.sequence, t.offset);
  EXPECT_EQ(got,
            (std::vector<std::pair<std::size_t, std::size_t>>{{0, 0}, {1, 0}, {0, 5}, {1, 4}}));
  EXPECT_TRUE(take_turns({}, {0}).empty());
}

}  // namespace
}  // namespace cadenza::data
