#include "web/api/drieluik_route.h"

#include <nlohmann/json.hpp>

#include "domain/policy.h"
#include "web/api/problem.h"

namespace drieluik::web::api {

void AddDrieluikRoute(Router& router, ApiContext& ctx, std::string method, std::string pattern, std::string resource,
                      std::string action, DrieluikHandler handler) {
  RouteSpec spec;
  spec.object_level = pattern.find("{id}") != std::string::npos;
  spec.method = std::move(method);
  spec.pattern = std::move(pattern);
  spec.resource = std::move(resource);
  spec.action = std::move(action);
  AddRoute(router, ctx, std::move(spec), [&ctx, handler = std::move(handler)](Call& call) {
    if (!ctx.drieluik) return ProblemFor(Status::Unavailable("the Drieluik service is not configured"));
    DrieluikCall c{call, call.request, call.principal, *ctx.drieluik, ctx};
    return handler(c);
  });
}

std::optional<Response> AuthorizeMeeting(DrieluikCall& c, domain::MeetingId id) {
  auto m = c.service.GetMeeting(id);
  if (!m.ok()) return ProblemFor(m.status());
  // Meetings are regional (one deployment, one region): the policy row decides by role.
  return c.call.Authorize(domain::ObjectScope{}, "meeting", std::to_string(id));
}

std::optional<Response> AuthorizeCase(DrieluikCall& c, domain::CaseId id) {
  auto cs = c.service.GetCase(id);
  if (!cs.ok()) return ProblemFor(cs.status());
  domain::ObjectScope scope;
  scope.municipality = cs->municipality;
  return c.call.Authorize(scope, "case", std::to_string(id));
}

std::optional<Response> AuthorizeAction(DrieluikCall& c, domain::ActionId id) {
  auto a = c.service.GetAction(id);
  if (!a.ok()) return ProblemFor(a.status());
  domain::ObjectScope scope;
  scope.organisation = a->organisation;
  if (auto denied = c.call.Authorize(scope, "action", std::to_string(id))) return denied;
  // Outside the ZVHG, an action is visible to its own organisation only.
  bool regional = c.principal.role == domain::Role::kKetenregisseur || c.principal.role == domain::Role::kZorgcoordinator;
  if (!regional && a->organisation != c.principal.organisation) return ProblemFor(Status::NotFound("action"));
  return std::nullopt;
}

Response DrieluikProblem(const Status& s, std::int64_t current) {
  Response p = ProblemFor(s);
  if (s.code() == StatusCode::kConflict && current > 0) {
    nlohmann::json b = nlohmann::json::parse(p.body);
    b["currentVersion"] = current;
    p.body = b.dump();
  }
  return p;
}

}  // namespace drieluik::web::api
