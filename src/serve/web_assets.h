#pragma once
// The page (src/serve/web/), compiled into the binary by CMake (embed_web.cmake), so that the
// studio needs no files at run time and nothing from the internet.
#include <string_view>
#include <vector>

namespace cadenza::serve {

struct WebAsset {
  std::string_view path;  // "/", "/studio.js", ...
  std::string_view content_type;
  std::string_view body;
};

const std::vector<WebAsset>& web_assets();

}  // namespace cadenza::serve
