#pragma once
// Compares the notes of two scores field by field (times in seconds to 1e-9).
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "score/score.h"

namespace cadenza::testing {

inline ::testing::AssertionResult same_notes(const score::Score& a, const score::Score& b) {
  if (a.ticks_per_quarter != b.ticks_per_quarter) {
    return ::testing::AssertionFailure()
           << "ticks per quarter " << a.ticks_per_quarter << " vs " << b.ticks_per_quarter;
  }
  if (a.notes.size() != b.notes.size()) {
    return ::testing::AssertionFailure() << a.notes.size() << " vs " << b.notes.size() << " notes";
  }
  for (std::size_t i = 0; i < a.notes.size(); ++i) {
    const score::Note &x = a.notes[i], &y = b.notes[i];
    const bool same = x.pitch == y.pitch && x.velocity == y.velocity && x.channel == y.channel &&
                      x.program == y.program && x.track == y.track &&
                      x.start_tick == y.start_tick && x.end_tick == y.end_tick &&
                      x.start_quarters == y.start_quarters &&
                      x.duration_quarters == y.duration_quarters &&
                      std::abs(x.start_seconds - y.start_seconds) < 1e-9 &&
                      std::abs(x.duration_seconds - y.duration_seconds) < 1e-9;
    if (!same) {
      return ::testing::AssertionFailure()
             << "note " << i << ": pitch " << x.pitch << "/" << y.pitch << " velocity "
             << x.velocity << "/" << y.velocity << " channel " << x.channel << "/" << y.channel
             << " program " << x.program << "/" << y.program << " track " << x.track << "/"
             << y.track << " ticks " << x.start_tick << "-" << x.end_tick << "/" << y.start_tick
             << "-" << y.end_tick << " seconds " << x.start_seconds << "/" << y.start_seconds;
    }
  }
  return ::testing::AssertionSuccess();
}

}  // namespace cadenza::testing
