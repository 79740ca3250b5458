#pragma once
// Where the shipped rendered-domain genre judge (models/genre_audio.cdz, made by
// scripts/train-genre-audio-judge; docs/genre.md "The rendered judge") is found, for
// `cadenza genre-check` without --classifier.
#include <filesystem>

namespace cadenza::genre {

// The file name of the shipped judge in a models folder.
inline constexpr const char* kShippedAudioJudge = "genre_audio.cdz";

// $CADENZA_AUDIO_JUDGE when set (it must be a file), else the first that exists of
// <exe>/../../models/genre_audio.cdz (a build tree: build/app/cadenza) and
// <exe>/../share/cadenza/models/genre_audio.cdz (an installation). Throws std::runtime_error
// naming the places looked in when there is none.
std::filesystem::path default_audio_judge_path();

}  // namespace cadenza::genre
