#include "web/api/problem.h"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "web/api/messages.h"

namespace drieluik::web::api {
namespace {

using nlohmann::json;

struct Kind {
  int status;
  const char* slug;
  const char* title;
};

Kind KindFor(StatusCode code) {
  switch (code) {
    case StatusCode::kInvalidArgument: return {422, "validation", "Ongeldige invoer / Invalid input"};
    case StatusCode::kNotFound: return {404, "not-found", "Niet gevonden / Not found"};
    case StatusCode::kConflict: return {409, "conflict", "Gewijzigd door een ander / Changed by someone else"};
    case StatusCode::kFailedPrecondition: return {409, "state", "Niet mogelijk in deze toestand / Not possible in this state"};
    case StatusCode::kPermissionDenied: return {403, "forbidden", "Geen toegang / Access denied"};
    case StatusCode::kUnauthenticated: return {401, "unauthenticated", "Niet ingelogd / Not signed in"};
    case StatusCode::kResourceExhausted: return {429, "too-many-requests", "Te veel pogingen / Too many attempts"};
    case StatusCode::kUnavailable: return {503, "unavailable", "Tijdelijk niet beschikbaar / Temporarily unavailable"};
    case StatusCode::kOk:
    case StatusCode::kInternal: break;
  }
  return {500, "internal", "Interne fout / Internal error"};
}

}  // namespace

Response ProblemFor(const Status& status) {
  Kind k = KindFor(status.code());
  json body = {{"type", std::string("https://drieluik.example/problems/") + k.slug}, {"title", k.title}, {"status", k.status}};
  if (status.code() == StatusCode::kInternal) {
    // The message may name internals; it goes to the log, never to the client.
    spdlog::error("internal error: {}", status.message());
  } else if (status.code() == StatusCode::kUnavailable) {
    spdlog::warn("unavailable: {}", status.message());
  } else if (status.code() == StatusCode::kConflict || status.code() == StatusCode::kFailedPrecondition) {
    body["detail"] = status.message();
  }
  if (!status.fields().empty()) {
    json errors = json::array();
    for (const auto& f : status.fields()) {
      json params = json::object();
      for (const auto& [n, v] : f.params) params[n] = v;
      errors.push_back({{"pointer", f.pointer}, {"key", f.key}, {"params", params},
                        {"nl", Message(f.key, f.params, Lang::kNl)}, {"en", Message(f.key, f.params, Lang::kEn)}});
    }
    body["errors"] = errors;
  }
  Response r = Response::Json(k.status, body.dump(-1, ' ', false, json::error_handler_t::replace));
  r.SetHeader("Content-Type", "application/problem+json");
  return r;
}

Response MalformedJson(const std::string& detail) {
  Params p{{"detail", detail}};
  json body = {{"type", "https://drieluik.example/problems/malformed"},
               {"title", "Ongeldige JSON / Malformed JSON"},
               {"status", 400},
               {"errors", json::array({{{"pointer", ""}, {"key", "malformed_json"}, {"params", {{"detail", detail}}},
                                        {"nl", Message("malformed_json", p, Lang::kNl)},
                                        {"en", Message("malformed_json", p, Lang::kEn)}}})}};
  Response r = Response::Json(400, body.dump(-1, ' ', false, json::error_handler_t::replace));
  r.SetHeader("Content-Type", "application/problem+json");
  return r;
}

}  // namespace drieluik::web::api
