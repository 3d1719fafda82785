// Small helpers shared by the handlers: reading a JSON body (415 for another content
// type, 400 for malformed JSON), rendering JSON, and parsing numeric path ids.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <variant>
#include <vector>

#include "base/clock.h"
#include "base/status.h"

#include "web/http/message.h"

namespace drieluik::web::api {

/// The parsed body, or the problem response to send instead.
std::variant<nlohmann::json, Response> ReadJsonBody(const Request& r);

/// 200 (or the given status) with the JSON document.
Response JsonResponse(const nlohmann::json& j, int status = 200);

/// A positive integer id from a path parameter, nullopt otherwise (the caller answers 404).
std::optional<std::int64_t> ParseId(const std::string& s);

/// The query parameters of a list route: an unknown name gets "unknown_field".
void CheckQueryNames(const Request& r, const std::set<std::string>& known, std::vector<FieldError>& errors);
/// A `from`/`to` query parameter: a date is a day in the Netherlands (from = its first
/// instant, to = the day after, so `to` is inclusive), or an RFC 3339 instant. nullopt
/// when absent; "invalid_date" on /<name> when malformed.
std::optional<TimePoint> QueryInstant(const Request& r, const char* name, bool end, std::vector<FieldError>& errors);
/// A `limit` query parameter in 1..max; "out_of_range" on /limit otherwise. nullopt when absent.
std::optional<int> QueryLimit(const Request& r, int max, std::vector<FieldError>& errors);

}  // namespace drieluik::web::api
