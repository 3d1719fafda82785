#include "web/api/drieluik_route.h"

#include <nlohmann/json.hpp>

#include "domain/policy.h"
#include "web/api/problem.h"

namespace drieluik::web::api {

domain::Principal DrieluikApiPrincipal() {
  domain::Principal p;
  p.user_id = 0;
  p.username = "api";
  p.role = domain::Role::kKetenregisseur;
  p.organisation = "zvhg";
  p.via = domain::AuthMethod::kSession;
  return p;
}

void AddDrieluikRoute(Router& router, ApiContext& ctx, std::string method, std::string pattern, std::string resource,
                      std::string action, DrieluikHandler handler) {
  router.Add(std::move(method), std::move(pattern),
             [&ctx, resource = std::move(resource), action = std::move(action), handler = std::move(handler)](Request& r) {
               if (!ctx.drieluik) return ProblemFor(Status::Unavailable("the Drieluik service is not configured"));
               DrieluikCall call{r, DrieluikApiPrincipal(), *ctx.drieluik};
               domain::Decision d = domain::Policy::Embedded().Decide(call.principal, resource, action);
               if (!d.allowed()) return ProblemFor(d.ToStatus());
               return handler(call);
             });
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
