#include "web/api/handler_util.h"

#include "base/time.h"

#include <charconv>

#include "web/api/json_fields.h"
#include "web/api/problem.h"

namespace drieluik::web::api {

std::variant<nlohmann::json, Response> ReadJsonBody(const Request& r) {
  std::string_view ct = r.Header("content-type");
  if (ct.substr(0, 16) != "application/json") {
    Response p = Response::Problem(415, "unsupported-media-type",
                                   "Gebruik Content-Type application/json / Use Content-Type application/json");
    return p;
  }
  std::string detail;
  auto j = ParseBody(r.body, detail);
  if (!j) return MalformedJson(detail);
  return std::move(*j);
}

Response JsonResponse(const nlohmann::json& j, int status) {
  // Invalid UTF-8 cannot reach here (the parser rejects it); replace defensively anyway.
  return Response::Json(status, j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

std::optional<std::int64_t> ParseId(const std::string& s) {
  std::int64_t v = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

void CheckQueryNames(const Request& r, const std::set<std::string>& known, std::vector<FieldError>& errors) {
  for (const auto& [k, v] : r.query)
    if (!known.count(k)) errors.push_back({"/" + k, "unknown_field", {}});
}

std::optional<TimePoint> QueryInstant(const Request& r, const char* name, bool end, std::vector<FieldError>& errors) {
  auto v = r.Query(name);
  if (!v) return std::nullopt;
  if (auto d = ParseDate(*v)) return AmsterdamTime(end ? AddDays(*d, 1) : *d, std::chrono::minutes(0));
  if (auto t = ParseTimestamp(*v)) return t;
  errors.push_back({std::string("/") + name, "invalid_date", {}});
  return std::nullopt;
}

std::optional<int> QueryLimit(const Request& r, int max, std::vector<FieldError>& errors) {
  auto l = r.Query("limit");
  if (!l) return std::nullopt;
  auto n = ParseId(*l);
  if (!n || *n > max) {
    errors.push_back({"/limit", "out_of_range", {{"min", "1"}, {"max", std::to_string(max)}}});
    return std::nullopt;
  }
  return static_cast<int>(*n);
}

}  // namespace drieluik::web::api
