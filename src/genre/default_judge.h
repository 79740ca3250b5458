#pragma once
// The rendered-domain genre judge `cadenza genre-check` uses without --classifier: the shipped
// models/genre_audio.cdz (scripts/train-genre-audio-judge; docs/genre.md "The rendered
// judge"), or the file $CADENZA_AUDIO_JUDGE names.
#include <filesystem>

#include "genre/shipped_judges.h"  // kShippedAudioJudge

namespace cadenza::genre {

// $CADENZA_AUDIO_JUDGE when set (it must be a file), else the shipped judge found as every
// shipped model is (common/shipped_models.h). Throws std::runtime_error naming the places
// looked in when there is none.
std::filesystem::path default_audio_judge_path();

}  // namespace cadenza::genre
