// Small helpers shared by the handlers: reading a JSON body (415 for another content
// type, 400 for malformed JSON), rendering JSON, and parsing numeric path ids.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <variant>

#include "web/http/message.h"

namespace drieluik::web::api {

/// The parsed body, or the problem response to send instead.
std::variant<nlohmann::json, Response> ReadJsonBody(const Request& r);

/// 200 (or the given status) with the JSON document.
Response JsonResponse(const nlohmann::json& j, int status = 200);

/// A positive integer id from a path parameter, nullopt otherwise (the caller answers 404).
std::optional<std::int64_t> ParseId(const std::string& s);

}  // namespace drieluik::web::api
