// The JSON API under /api/v1: RegisterApi adds every route to the router. Handlers
// parse the request, call one domain function and render the result; all HTTP status
// decisions go through problem.h. Resources, one file each: health and the OpenAPI
// document (health_handlers.cc), reference data (reference_handlers.cc), signals
// (signal_handlers.cc), the public report route (public_signal_handlers.cc), linked
// signals and hotspots (link_handlers.cc).
// To add a resource: a <resource>_handlers.cc with Register<Resource>(Router&,
// ApiContext&), its DTOs in <resource>_dto.{h,cc}, a line in RegisterApi, and its paths in
// docs/api/openapi.json (a test fails until both agree).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/catalog.h"
#include "domain/policy.h"
#include "domain/signal_service.h"
#include "web/http/router.h"

namespace drieluik::auth {
class AccountService;
class AuditLog;
}  // namespace drieluik::auth

namespace drieluik::web::api {

/// One API route and the policy row that guards it (see secure_route.h).
struct RouteSpec {
  std::string method;
  std::string pattern;
  std::string resource;
  std::string action;
  bool object_level = false;
  /// Login itself cannot carry a CSRF token yet (SameSite=Strict covers it).
  bool csrf_exempt = false;
};

/// What the handlers work with; owned by the caller (cli), outlives the router.
struct ApiContext {
  domain::SignalService& signals;
  const domain::Catalog& catalog;
  std::string version;               // "0.1.0"
  std::string database;              // "sqlite 3.40.1", for health
  std::function<Status()> database_check;  // cheap liveness query
  auth::AccountService* accounts = nullptr;  // sign-in, sessions, tokens, users
  auth::AuditLog* audit = nullptr;           // the audit trail
  const domain::Policy* policy = &domain::Policy::Embedded();
  bool secure_cookies = false;               // cookies get Secure (serve speaks TLS)
  std::vector<RouteSpec> routes;             // every route, filled by AddRoute
};

void RegisterApi(Router& router, ApiContext& ctx);

/// The OpenAPI 3.1 document (docs/api/openapi.json, compiled in).
std::string_view OpenApiDocument();

// Per resource (called by RegisterApi).
void RegisterHealth(Router& router, ApiContext& ctx);
void RegisterReference(Router& router, ApiContext& ctx);
void RegisterSignals(Router& router, ApiContext& ctx);
void RegisterPublicSignals(Router& router, ApiContext& ctx);
void RegisterLinks(Router& router, ApiContext& ctx);
void RegisterAccounts(Router& router, ApiContext& ctx);
void RegisterAudit(Router& router, ApiContext& ctx);

}  // namespace drieluik::web::api
