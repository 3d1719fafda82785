// How the Drieluik handlers (meeting_handlers.cc, case_handlers.cc, action_handlers.cc)
// are registered: through AddRoute (secure_route.h) — authentication, CSRF and the policy
// row of the route's (resource, action) come first — with the Drieluik service at hand.
// Routes whose pattern has {id} are object routes: the handler loads the meeting, case,
// action or signal and calls Authorize*(...) before answering (fail closed otherwise).
// Answers 503 when the server was built without the Drieluik service.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "domain/principal.h"
#include "web/api/api.h"
#include "web/api/secure_route.h"
#include "web/http/message.h"

namespace drieluik::web::api {

struct DrieluikCall {
  Call& call;
  Request& request;
  const domain::Principal& principal;
  domain::DrieluikService& service;
  ApiContext& ctx;
};

using DrieluikHandler = std::function<Response(DrieluikCall&)>;

void AddDrieluikRoute(Router& router, ApiContext& ctx, std::string method, std::string pattern, std::string resource,
                      std::string action, DrieluikHandler handler);

/// Loads the object and decides the route's action on it: nullopt when allowed (audited),
/// else the problem to send (404 when it does not exist).
std::optional<Response> AuthorizeMeeting(DrieluikCall& c, domain::MeetingId id);
std::optional<Response> AuthorizeCase(DrieluikCall& c, domain::CaseId id);
std::optional<Response> AuthorizeAction(DrieluikCall& c, domain::ActionId id);

/// A problem for a failed Status; a Conflict gets "currentVersion" when `current` >= 1.
Response DrieluikProblem(const Status& s, std::int64_t current = 0);

}  // namespace drieluik::web::api
