// /api/v1/actions: actions agreed in a meeting — create, read, change (status, due date,
// owner) with the version read, list with ?overdue=true for the caller's worklist, and the
// caller's in-app reminders. The ZVHG roles see every action of the region; other roles
// those of their own organisation.
#include <nlohmann/json.hpp>
#include <set>

#include "domain/audit_chain.h"
#include "web/api/drieluik_dto.h"
#include "web/api/drieluik_route.h"
#include "web/api/handler_util.h"
#include "web/api/problem.h"

namespace drieluik::web::api {
namespace {

using nlohmann::json;
using namespace drieluik::domain;

Response NotFound() { return ProblemFor(Status::NotFound("action")); }

bool Regional(const Principal& p) {
  return p.role == Role::kKetenregisseur || p.role == Role::kZorgcoordinator;
}

}  // namespace

void RegisterActions(Router& router, ApiContext& ctx) {
  AddDrieluikRoute(router, ctx, "GET", "/api/v1/actions", "action", "list", [](DrieluikCall& c) {
    static const std::set<std::string> known = {"overdue", "caseId", "meetingId", "status", "owner", "organisation", "limit"};
    std::vector<FieldError> errors;
    for (const auto& [k, v] : c.request.query)
      if (!known.count(k)) errors.push_back({"/" + k, "unknown_field", {}});
    ActionFilter f;
    bool overdue = false;
    if (auto o = c.request.Query("overdue")) {
      if (*o == "true") overdue = true;
      else if (*o != "false") errors.push_back({"/overdue", "invalid_value", {{"allowed", "true, false"}}});
    }
    auto id_param = [&](const char* name) -> std::optional<std::int64_t> {
      auto v = c.request.Query(name);
      if (!v) return std::nullopt;
      auto n = ParseId(*v);
      if (!n) errors.push_back({std::string("/") + name, "invalid_number", {}});
      return n;
    };
    f.case_id = id_param("caseId");
    f.meeting_id = id_param("meetingId");
    if (auto s = c.request.Query("status")) {
      f.status = FromCode<ActionStatus>(*s);
      if (!f.status) errors.push_back({"/status", "invalid_value", {{"allowed", "open, done, cancelled"}}});
    }
    f.owner = c.request.Query("owner").value_or("");
    f.organisation = c.request.Query("organisation").value_or("");
    if (auto l = c.request.Query("limit")) {
      auto n = ParseId(*l);
      if (!n || *n > 500) errors.push_back({"/limit", "out_of_range", {{"min", "1"}, {"max", "500"}}});
      else f.limit = static_cast<int>(*n);
    }
    if (!errors.empty()) return ProblemFor(Status::InvalidArgument("invalid filter", errors));
    // The caller's scope: outside the ZVHG, one's own organisation only.
    if (!Regional(c.principal)) f.organisation = c.principal.organisation;
    auto list = c.service.ListActions(f, overdue);
    if (!list.ok()) return ProblemFor(list.status());
    TimePoint now = c.service.clock().Now();
    json items = json::array();
    std::string ids;
    for (const auto& a : *list) {
      items.push_back(ActionJson(a, now));
      ids += (ids.empty() ? "" : ",") + std::to_string(a.id);
    }
    if (auto denied = c.call.Audit(AuditAction::kSearch, "action", ids.substr(0, 64))) return *denied;
    return JsonResponse({{"items", items}});
  });

  AddDrieluikRoute(router, ctx, "POST", "/api/v1/actions", "action", "create", [](DrieluikCall& c) {
    auto body = ReadJsonBody(c.request);
    if (auto* p = std::get_if<Response>(&body)) return *p;
    auto in = ReadActionCreate(std::get<json>(body));
    if (!in.ok()) return ProblemFor(in.status());
    auto a = c.service.CreateAction(std::move(in).value(), c.call.Intent(AuditAction::kCreate, "action"));
    if (!a.ok()) return ProblemFor(a.status());
    Response r = JsonResponse(ActionJson(*a, c.service.clock().Now()), 201);
    r.SetHeader("Location", "/api/v1/actions/" + std::to_string(a->id));
    return r;
  });

  AddDrieluikRoute(router, ctx, "GET", "/api/v1/actions/reminders", "action", "read", [](DrieluikCall& c) {
    auto list = c.service.RemindersForOwner(c.principal.username);
    if (!list.ok()) return ProblemFor(list.status());
    json items = json::array();
    for (const auto& r : *list) items.push_back(ReminderJson(r));
    return JsonResponse({{"items", items}});
  });

  AddDrieluikRoute(router, ctx, "GET", "/api/v1/actions/{id}", "action", "read", [](DrieluikCall& c) {
    auto id = ParseId(c.request.PathParam("id"));
    if (!id) return NotFound();
    if (auto denied = AuthorizeAction(c, *id)) return *denied;
    auto a = c.service.GetAction(*id);
    if (!a.ok()) return ProblemFor(a.status());
    return JsonResponse(ActionJson(*a, c.service.clock().Now()));
  });

  AddDrieluikRoute(router, ctx, "PATCH", "/api/v1/actions/{id}", "action", "update", [](DrieluikCall& c) {
    auto id = ParseId(c.request.PathParam("id"));
    if (!id) return NotFound();
    if (auto denied = AuthorizeAction(c, *id)) return *denied;
    auto body = ReadJsonBody(c.request);
    if (auto* p = std::get_if<Response>(&body)) return *p;
    auto current = c.service.GetAction(*id);
    if (!current.ok()) return ProblemFor(current.status());
    auto change = ReadActionPatch(std::get<json>(body));
    if (!change.ok()) return ProblemFor(change.status());
    auto a = c.service.ChangeAction(*id, *change);
    if (!a.ok()) return DrieluikProblem(a.status(), current->version);
    return JsonResponse(ActionJson(*a, c.service.clock().Now()));
  });
}

}  // namespace drieluik::web::api
