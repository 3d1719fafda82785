// How the Drieluik handlers (meeting_handlers.cc, case_handlers.cc, action_handlers.cc)
// are registered. Each handler has the shape of the lead's secure route handler
// (Response(Call&), web/api/secure_route.h in the auth contract) so that wiring it through
// AddRoute is a rename once accounts land. Until then AddDrieluikRoute registers with
// Router::Add, acts as one fixed principal — the ketenregisseur "api" (serve binds to
// loopback only, as for the signal routes) — and still applies domain::Policy to the
// route's (resource, action), so the rows of docs/security/authorization.csv already
// decide. Answers 503 when the server was built without the Drieluik service.
#pragma once

#include <functional>
#include <string>

#include "domain/principal.h"
#include "web/api/api.h"
#include "web/http/message.h"

namespace drieluik::web::api {

struct DrieluikCall {
  Request& request;
  domain::Principal principal;
  domain::DrieluikService& service;
};

using DrieluikHandler = std::function<Response(DrieluikCall&)>;

void AddDrieluikRoute(Router& router, ApiContext& ctx, std::string method, std::string pattern, std::string resource,
                      std::string action, DrieluikHandler handler);

/// The principal every Drieluik route acts as until accounts exist.
domain::Principal DrieluikApiPrincipal();

/// A problem for a failed Status; a Conflict gets "currentVersion" when `current` >= 1.
Response DrieluikProblem(const Status& s, std::int64_t current = 0);

}  // namespace drieluik::web::api
