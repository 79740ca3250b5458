#pragma once
// The studio's JSON request bodies, read strictly: every field has a type and a range, an
// unknown field is an error (a typo must not be ignored silently), and every failure is an
// HttpError with status 400 and one line naming the field. The results are the library's own
// option structs; the model and the pieces are named by id here and resolved by the server.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "generate/compose.h"

namespace cadenza::serve {

// An error answered with `status` and {"error": message}.
class HttpError : public std::runtime_error {
 public:
  HttpError(int status, const std::string& message)
      : std::runtime_error(message), status_(status) {}
  int status() const { return status_; }

 private:
  int status_;
};

// A piece written by an earlier job (or uploaded): {"job": "<id>", "file": "piece.mid"}.
struct PieceRef {
  std::string job, file;
};

// The body as a JSON object; HttpError 400 when it is not one.
nlohmann::json parse_json_object(const std::string& body);

enum class ComposeKind { kGenerate, kContinue, kAddPart };

struct ComposeRequest {
  std::string model;                 // id from /api/models; "" = the default
  std::optional<PieceRef> source;    // continue / add-part: the piece to start from
  generate::ComposeOptions options;  // everything but the model path, output and prime
};
ComposeRequest parse_compose_request(const nlohmann::json& body, ComposeKind kind);

struct InterpolateRequest {
  std::string model;
  PieceRef a, b;
  generate::InterpolateOptions options;  // everything but the model path, pieces and folder
};
InterpolateRequest parse_interpolate_request(const nlohmann::json& body);

PieceRef parse_genre_request(const nlohmann::json& body);

}  // namespace cadenza::serve
