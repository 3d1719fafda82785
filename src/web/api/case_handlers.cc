// /api/v1/cases: open a case from signals, read it with its decision log, list, and change
// it — one change per call, each with the version read (409 with currentVersion when
// stale): transitions (checked against the transition table), decisions, participants,
// linked signals.
#include <nlohmann/json.hpp>
#include <set>

#include "domain/audit_chain.h"
#include "web/api/drieluik_dto.h"
#include "web/api/drieluik_route.h"
#include "web/api/handler_util.h"
#include "web/api/json_fields.h"
#include "web/api/problem.h"

namespace drieluik::web::api {
namespace {

using nlohmann::json;
using namespace drieluik::domain;

Response NotFound() { return ProblemFor(Status::NotFound("case")); }

// Reads {version, <members>} and applies one change to case {id}.
template <typename Fill>
Response Change(DrieluikCall& c, const std::set<std::string>& members, Fill&& fill) {
  auto id = ParseId(c.request.PathParam("id"));
  if (!id) return NotFound();
  if (auto denied = AuthorizeCase(c, *id)) return *denied;
  auto body = ReadJsonBody(c.request);
  if (auto* p = std::get_if<Response>(&body)) return *p;
  std::vector<FieldError> errors;
  JsonFields f(std::get<json>(body), "", errors);
  std::set<std::string> known = members;
  known.insert("version");
  known.insert("note");
  f.CheckMembers(known);
  CaseChange change;
  auto version = f.Int64("version", true);
  change.note = f.String("note");
  fill(f, change);
  if (!errors.empty()) return ProblemFor(Status::InvalidArgument("invalid case change", errors));
  change.expected_version = *version;
  auto updated = c.service.ChangeCase(*id, change, c.principal.username);
  if (!updated.ok()) {
    std::int64_t current = 0;
    if (updated.status().code() == StatusCode::kConflict)
      if (auto now = c.service.GetCase(*id); now.ok()) current = now->version;
    return DrieluikProblem(updated.status(), current);
  }
  return JsonResponse(CaseJson(*updated, true));
}

template <typename E>
std::optional<E> Code(JsonFields& f, const char* key, const std::vector<E>& all) {
  std::string code = f.String(key, true);
  if (code.empty()) return std::nullopt;
  if (auto e = FromCode<E>(code)) return e;
  std::string allowed;
  for (E e : all) allowed += (allowed.empty() ? "" : ", ") + std::string(ToCode(e));
  f.errors().push_back({f.PointerOf(key), "invalid_value", {{"allowed", allowed}}});
  return std::nullopt;
}

}  // namespace

void RegisterCases(Router& router, ApiContext& ctx) {
  AddDrieluikRoute(router, ctx, "GET", "/api/v1/cases", "case", "list", [](DrieluikCall& c) {
    static const std::set<std::string> known = {"status", "signalId", "limit"};
    std::vector<FieldError> errors;
    for (const auto& [k, v] : c.request.query)
      if (!known.count(k)) errors.push_back({"/" + k, "unknown_field", {}});
    CaseFilter f;
    if (auto s = c.request.Query("status")) {
      f.status = FromCode<CaseStatus>(*s);
      if (!f.status) errors.push_back({"/status", "invalid_value", {{"allowed", "open, in_followup, monitoring, closed, merged"}}});
    }
    if (auto s = c.request.Query("signalId")) {
      f.signal_id = ParseId(*s);
      if (!f.signal_id) errors.push_back({"/signalId", "invalid_number", {}});
    }
    if (auto l = c.request.Query("limit")) {
      auto n = ParseId(*l);
      if (!n || *n > 500) errors.push_back({"/limit", "out_of_range", {{"min", "1"}, {"max", "500"}}});
      else f.limit = static_cast<int>(*n);
    }
    if (!errors.empty()) return ProblemFor(Status::InvalidArgument("invalid filter", errors));
    auto list = c.service.ListCases(f);
    if (!list.ok()) return ProblemFor(list.status());
    json items = json::array();
    std::string ids;
    for (const auto& cs : *list) {
      items.push_back(CaseJson(cs, false));
      ids += (ids.empty() ? "" : ",") + std::to_string(cs.id);
    }
    if (auto denied = c.call.Audit(AuditAction::kSearch, "case", ids.substr(0, 64))) return *denied;
    return JsonResponse({{"items", items}});
  });

  AddDrieluikRoute(router, ctx, "POST", "/api/v1/cases", "case", "create", [](DrieluikCall& c) {
    auto body = ReadJsonBody(c.request);
    if (auto* p = std::get_if<Response>(&body)) return *p;
    auto in = ReadCaseCreate(std::get<json>(body));
    if (!in.ok()) return ProblemFor(in.status());
    auto cs = c.service.CreateCase(std::move(in).value(), c.principal.username,
                                   c.call.Intent(AuditAction::kCreate, "case"));
    if (!cs.ok()) return ProblemFor(cs.status());
    Response r = JsonResponse(CaseJson(*cs, true), 201);
    r.SetHeader("Location", "/api/v1/cases/" + std::to_string(cs->id));
    return r;
  });

  AddDrieluikRoute(router, ctx, "GET", "/api/v1/cases/{id}", "case", "read", [](DrieluikCall& c) {
    auto id = ParseId(c.request.PathParam("id"));
    if (!id) return NotFound();
    if (auto denied = AuthorizeCase(c, *id)) return *denied;
    auto cs = c.service.GetCase(*id);
    if (!cs.ok()) return ProblemFor(cs.status());
    Response r = JsonResponse(CaseJson(*cs, true));
    r.SetHeader("ETag", "\"" + std::to_string(cs->version) + "\"");
    return r;
  });

  AddDrieluikRoute(router, ctx, "POST", "/api/v1/cases/{id}/transitions", "case", "update", [](DrieluikCall& c) {
    return Change(c, {"to", "mergeInto"}, [](JsonFields& f, CaseChange& ch) {
      ch.to = Code<CaseStatus>(f, "to", AllCaseStatuses());
      if (f.Has("mergeInto")) ch.merge_into = f.Int64("mergeInto");
      if (!ch.to && f.errors().empty()) f.errors().push_back({"/to", "required", {}});
    });
  });

  AddDrieluikRoute(router, ctx, "POST", "/api/v1/cases/{id}/decisions", "case", "update", [](DrieluikCall& c) {
    return Change(c, {"kind"}, [](JsonFields& f, CaseChange& ch) {
      ch.decision = Code<DecisionKind>(f, "kind", AllDecisionKinds());
      if (!ch.decision && f.errors().empty()) f.errors().push_back({"/kind", "required", {}});
    });
  });

  AddDrieluikRoute(router, ctx, "POST", "/api/v1/cases/{id}/participants", "case", "update", [](DrieluikCall& c) {
    return Change(c, {"organisation", "role"}, [](JsonFields& f, CaseChange& ch) {
      ch.add_participant = CaseParticipant{f.String("organisation", true), f.String("role", true)};
    });
  });

  AddDrieluikRoute(router, ctx, "POST", "/api/v1/cases/{id}/signals", "case", "update", [](DrieluikCall& c) {
    return Change(c, {"signalId"}, [](JsonFields& f, CaseChange& ch) { ch.link_signal = f.Int64("signalId", true); });
  });
}

}  // namespace drieluik::web::api
