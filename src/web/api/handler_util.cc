#include "web/api/handler_util.h"

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

}  // namespace drieluik::web::api
