#include "tokens/miditok_decoder.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>
#include <unordered_map>

#include "tokens/miditok_preprocess.h"

namespace cadenza::tokens::miditok {

std::size_t DecodedPiece::skipped_count() const {
  std::size_t n = 0;
  for (const auto& [reason, count] : skipped) n += count;
  return n;
}

std::size_t DecodedPiece::note_count() const {
  std::size_t n = 0;
  for (const auto& instrument : instruments) n += instrument.notes.size();
  return n;
}

namespace {

bool midi_time_signature(int numerator, int denominator) {
  if (numerator < 1 || numerator > 255 || denominator < 1 || denominator > (1 << 15)) return false;
  return (denominator & (denominator - 1)) == 0;
}

class Decoder {
 public:
  Decoder(Scheme scheme, std::int64_t ticks_per_beat, bool miditok_bars)
      : scheme_(scheme),
        config_(default_config()),
        tpb_(ticks_per_beat),
        miditok_bars_(miditok_bars) {
    piece_.ticks_per_beat = ticks_per_beat;
  }

  DecodedPiece run(const std::vector<std::string>& texts) {
    tokens_.reserve(texts.size());
    for (const std::string& text : texts) tokens_.push_back(parse_token(text, config_));
    std::vector<bool> used(tokens_.size(), false);  // consumed as a note's Velocity / Duration
    tempos_.push_back({-1, 120.0});                 // MidiTok's placeholder, dropped at the end
    start_time_signature();
    const std::int64_t ticks_per_sample = tpb_ / config_.max_beat_res;
    for (std::size_t i = 0; i < tokens_.size(); ++i) {
      if (!tokens_[i]) {
        skip("not a MidiTok token");
        continue;
      }
      const Token& t = *tokens_[i];
      after_bar_ = i > 0 && tokens_[i - 1] && tokens_[i - 1]->kind == TokenKind::Bar;
      switch (t.kind) {
        case TokenKind::Pad:
        case TokenKind::Bos:
        case TokenKind::Eos:
        case TokenKind::Mask:
          skip("special token");
          break;
        case TokenKind::Bar:
          if (scheme_ != Scheme::Remi) {
            skip("Bar in TSD");
            break;
          }
          // Bars count from the last time signature change, as the encoder counts them
          // (MidiTok's decoder adds one bar to the last, which differs after a change that
          // was not on a bar line).
          ++current_bar_;
          if (current_bar_ > 0) {
            const std::int64_t next = tick_at_current_bar_ + bar_ticks_;
            current_tick_ = miditok_bars_
                                ? next
                                : tick_at_last_ts_change_ +
                                      (current_bar_ - bar_at_last_ts_change_) * bar_ticks_;
            // Tokens no encoder makes (a change placed by a Position past the end of its bar)
            // could count bars backwards: a bar always moves time on, and counts from here.
            if (current_tick_ <= tick_at_current_bar_) {
              current_tick_ = next;
              tick_at_last_ts_change_ = next;
              bar_at_last_ts_change_ = current_bar_;
            }
          }
          tick_at_current_bar_ = current_tick_;
          break;
        case TokenKind::Position: {
          if (scheme_ != Scheme::Remi) {
            skip("Position in TSD");
            break;
          }
          std::int64_t tick = tick_at_current_bar_ + t.value * ticks_per_sample;
          // After a time signature off the 1/8-beat grid, bars are off the grid too and the
          // encoder's positions are rounded down: the onset is the grid point at or after.
          if (const std::int64_t off = tick % ticks_per_sample; off > 0 && !miditok_bars_)
            tick += ticks_per_sample - off;
          if (tick < 0) {
            skip("Position before the start");
            break;
          }
          if (current_bar_ == -1) current_bar_ = 0;
          current_tick_ = tick;
          break;
        }
        case TokenKind::TimeShift:
          if (scheme_ != Scheme::Tsd) {
            skip("TimeShift in REMI");
            break;
          }
          current_tick_ += config_.durations[static_cast<std::size_t>(t.value)].ticks(tpb_);
          break;
        case TokenKind::Pitch:
          pitch(i, t.value, used);
          break;
        case TokenKind::Velocity:
        case TokenKind::Duration:
          if (!used[i])
            skip(t.kind == TokenKind::Velocity ? "Velocity without Pitch"
                                               : "Duration without Pitch");
          break;
        case TokenKind::Program:
          if (t.value < -1 || t.value > 127) {
            skip("program outside -1..127");
            break;
          }
          program_ = t.value;
          break;
        case TokenKind::Tempo:
          if (current_tick_ != tempos_.back().tick)
            tempos_.push_back({current_tick_, config_.tempos[static_cast<std::size_t>(t.value)]});
          last_event_tick_ = current_tick_;
          break;
        case TokenKind::TimeSig:
          time_signature(t);
          break;
      }
    }
    if (tempos_.size() > 1) tempos_.erase(tempos_.begin());
    tempos_.front().tick = 0;
    piece_.tempos = tempos_;
    if (piece_.time_signatures.empty()) piece_.time_signatures.push_back({0, 4, 4});
    if (scheme_ == Scheme::Remi) piece_.time_signatures.front().tick = 0;
    return std::move(piece_);
  }

 private:
  void skip(const char* reason) { ++piece_.skipped[reason]; }

  // REMI starts from the first time signature met before any note token, else 4/4; TSD from
  // its first TimeSig token (4/4 when there is none).
  void start_time_signature() {
    if (scheme_ == Scheme::Tsd) return;
    DecodedTimeSignature first{0, 4, 4};
    {
      for (const auto& t : tokens_) {
        if (!t) continue;
        if (t->kind == TokenKind::TimeSig) {
          if (midi_time_signature(t->value, t->extra)) first = {0, t->value, t->extra};
          break;
        }
        if (t->kind == TokenKind::Pitch || t->kind == TokenKind::Velocity ||
            t->kind == TokenKind::Duration)
          break;
      }
    }
    piece_.time_signatures.push_back(first);
    bar_ticks_ = ticks_per_bar(tpb_, first.numerator, first.denominator);
  }

  void time_signature(const Token& t) {
    if (!midi_time_signature(t.value, t.extra)) {
      skip("time signature MIDI cannot hold");
      return;
    }
    auto& sigs = piece_.time_signatures;
    // The encoder puts time signatures first among the events of a tick: one that comes after
    // others of its tick was later in the file, off the grid. A tick later keeps that order.
    const std::int64_t tick = last_event_tick_ == current_tick_ ? current_tick_ + 1 : current_tick_;
    if (scheme_ == Scheme::Tsd) {
      // Every TimeSig of TSD is a change of the file: all are kept where the tokens put them,
      // one at the tick of the one before replacing it.
      if (!sigs.empty() && sigs.back().tick == tick)
        sigs.back() = {tick, t.value, t.extra};
      else
        sigs.push_back({tick, t.value, t.extra});
      last_event_tick_ = current_tick_;
      return;
    }
    // REMI restates the signature after every Bar; an equal one elsewhere is a repeated time
    // signature event of the file (kept, so that it encodes back the same).
    const bool same = t.value == sigs.back().numerator && t.extra == sigs.back().denominator;
    if (same && (after_bar_ || sigs.back().tick == tick)) return;
    sigs.push_back({tick, t.value, t.extra});
    last_event_tick_ = current_tick_;
    bar_at_last_ts_change_ += floor_div(tick - tick_at_last_ts_change_, bar_ticks_);
    tick_at_last_ts_change_ = tick;
    bar_ticks_ = ticks_per_bar(tpb_, t.value, t.extra);
  }

  void pitch(std::size_t i, int pitch, std::vector<bool>& used) {
    const bool complete = i + 2 < tokens_.size() && tokens_[i + 1] && tokens_[i + 2] &&
                          tokens_[i + 1]->kind == TokenKind::Velocity &&
                          tokens_[i + 2]->kind == TokenKind::Duration;
    if (!complete) {
      skip("Pitch not followed by Velocity and Duration");
      return;
    }
    used[i + 1] = used[i + 2] = true;
    const int velocity = tokens_[i + 1]->value;
    if (pitch < 0 || pitch > 127) {
      skip("pitch outside 0-127");
      return;
    }
    if (velocity < 1 || velocity > 127) {
      skip("velocity outside 1-127");
      return;
    }
    const std::int64_t duration =
        config_.durations[static_cast<std::size_t>(tokens_[i + 2]->value)].ticks(tpb_);
    auto found = instrument_index_.find(program_);
    if (found == instrument_index_.end()) {
      found = instrument_index_.emplace(program_, piece_.instruments.size()).first;
      piece_.instruments.push_back({program_, {}});
    }
    piece_.instruments[found->second].notes.push_back(
        {pitch, velocity, current_tick_, current_tick_ + duration});
    last_event_tick_ = current_tick_;
    piece_.note_order.emplace_back(found->second, current_tick_);
  }

  Scheme scheme_;
  const Config& config_;
  std::int64_t tpb_;
  bool miditok_bars_;
  std::vector<std::optional<Token>> tokens_;
  DecodedPiece piece_;
  std::vector<DecodedTempo> tempos_;
  std::unordered_map<int, std::size_t> instrument_index_;
  int program_ = 0;
  bool after_bar_ = false;
  std::int64_t last_event_tick_ = -1;  // tick of the last tempo, time signature or note
  std::int64_t tick_at_last_ts_change_ = 0, bar_at_last_ts_change_ = 0;
  std::int64_t current_tick_ = 0, tick_at_current_bar_ = 0, current_bar_ = -1, bar_ticks_ = 1;
};

// Track order: whenever notes of two instruments start at one tick, the tokens list one
// instrument first; any order that keeps all these pairs re-encodes to the same tokens.
// Kahn's algorithm, the earliest first-used instrument first among the ready ones.
std::vector<std::size_t> track_order(const DecodedPiece& piece) {
  const std::size_t n = piece.instruments.size();
  std::vector<std::set<std::size_t>> after(n);
  std::vector<std::size_t> incoming(n, 0);
  for (std::size_t k = 1; k < piece.note_order.size(); ++k) {
    const auto& [a, tick_a] = piece.note_order[k - 1];
    const auto& [b, tick_b] = piece.note_order[k];
    if (tick_a == tick_b && a != b && after[a].insert(b).second) ++incoming[b];
  }
  std::vector<std::size_t> order;
  std::vector<bool> placed(n, false);
  while (order.size() < n) {
    std::size_t next = n;
    for (std::size_t i = 0; i < n && next == n; ++i)
      if (!placed[i] && incoming[i] == 0) next = i;
    if (next == n)  // a cycle (tokens no tokenizer makes): the first one not placed yet
      for (std::size_t i = 0; i < n && next == n; ++i)
        if (!placed[i]) next = i;
    placed[next] = true;
    order.push_back(next);
    for (std::size_t b : after[next])
      if (incoming[b] > 0) --incoming[b];
  }
  return order;
}

}  // namespace

Scheme guess_scheme(const std::vector<std::string>& tokens) {
  for (const std::string& t : tokens) {
    if (t.rfind("Bar_", 0) == 0 || t.rfind("Position_", 0) == 0) return Scheme::Remi;
    if (t.rfind("TimeShift_", 0) == 0) return Scheme::Tsd;
  }
  return Scheme::Remi;
}

DecodedPiece decode(const std::vector<std::string>& tokens, Scheme scheme,
                    std::int64_t ticks_per_beat, bool miditok_bars) {
  if (ticks_per_beat <= 0 || ticks_per_beat % default_config().max_beat_res != 0)
    throw std::invalid_argument("ticks per beat " + std::to_string(ticks_per_beat) +
                                " is not a positive multiple of 8");
  return Decoder(scheme, ticks_per_beat, miditok_bars).run(tokens);
}

score::Score to_score(const DecodedPiece& piece) {
  score::Score score;
  score.ticks_per_quarter = static_cast<int>(piece.ticks_per_beat);
  score.tracks.push_back({"cadenza", "", -1, -1});  // conductor: tempos, time signatures
  // Equal successive tempos would read back as one (miditoolkit keeps a change only when the
  // BPM differs): a microsecond more keeps them apart and quantizes to the same value.
  double previous_us = -1;
  for (const DecodedTempo& t : piece.tempos) {
    double us = std::round(60e6 / t.bpm);
    if (us == previous_us) us += 1;
    previous_us = us;
    score.tempos.push_back({t.tick, us});
  }
  for (const DecodedTimeSignature& ts : piece.time_signatures)
    score.time_signatures.push_back({ts.tick, ts.numerator, ts.denominator});

  int next_channel = 0;
  for (std::size_t index : track_order(piece)) {
    const DecodedInstrument& instrument = piece.instruments[index];
    const bool drums = instrument.program == -1;
    int channel = 9;
    if (!drums) {
      channel = next_channel % 15;
      if (channel >= 9) ++channel;
      ++next_channel;
    }
    const int program = drums ? 0 : instrument.program;
    const std::string name = drums ? "Drums" : "Program " + std::to_string(program);
    // Voices: a note goes to the first track of this instrument where its pitch is free.
    std::vector<std::vector<std::int64_t>> pitch_free_at;  // per voice, per pitch
    std::vector<int> voice_track;
    for (const DecodedNote& note : instrument.notes) {
      std::size_t voice = 0;
      while (voice < pitch_free_at.size() &&
             pitch_free_at[voice][static_cast<std::size_t>(note.pitch)] > note.start)
        ++voice;
      if (voice == pitch_free_at.size()) {
        pitch_free_at.emplace_back(128, std::int64_t{0});
        voice_track.push_back(static_cast<int>(score.tracks.size()));
        score.tracks.push_back({name, "", program, channel});
      }
      pitch_free_at[voice][static_cast<std::size_t>(note.pitch)] = note.end;
      score::Note n;
      n.pitch = note.pitch;
      n.velocity = note.velocity;
      n.channel = channel;
      n.program = program;
      n.track = voice_track[voice];
      n.start_tick = note.start;
      n.end_tick = note.end;
      score.notes.push_back(n);
    }
  }
  std::stable_sort(
      score.notes.begin(), score.notes.end(), [](const score::Note& a, const score::Note& b) {
        return a.start_tick != b.start_tick ? a.start_tick < b.start_tick : a.pitch < b.pitch;
      });
  return score;
}

}  // namespace cadenza::tokens::miditok
