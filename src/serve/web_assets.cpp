#include "serve/web_assets.h"

#include "serve_web_data.h"  // generated: kWebFiles[] = {name, bytes, size}

namespace cadenza::serve {
namespace {

std::string_view type_of(std::string_view name) {
  const auto ends_with = [&](std::string_view suffix) {
    return name.size() >= suffix.size() && name.substr(name.size() - suffix.size()) == suffix;
  };
  if (ends_with(".html")) return "text/html; charset=utf-8";
  if (ends_with(".js")) return "text/javascript; charset=utf-8";
  if (ends_with(".css")) return "text/css; charset=utf-8";
  if (ends_with(".svg")) return "image/svg+xml";
  return "application/octet-stream";
}

}  // namespace

const std::vector<WebAsset>& web_assets() {
  static const std::vector<WebAsset> assets = [] {
    std::vector<WebAsset> list;
    for (const auto& file : kWebFiles) {
      const std::string_view name = file.name;
      const std::string_view body(reinterpret_cast<const char*>(file.bytes), file.size);
      list.push_back({name == "index.html" ? std::string_view("/") : std::string_view(file.path),
                      type_of(name), body});
    }
    return list;
  }();
  return assets;
}

}  // namespace cadenza::serve
