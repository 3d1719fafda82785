#include "web/api/secure_route.h"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <regex>

#include "auth/account_service.h"
#include "auth/audit_log.h"
#include "crypto/api_token.h"
#include "domain/drieluik/drieluik_service.h"
#include "web/api/problem.h"

namespace drieluik::web::api {
namespace {

using namespace drieluik::domain;

constexpr std::string_view kSessionCookie = "drieluik_session";

// The value of a cookie in the Cookie header, or "".
std::string CookieValue(std::string_view header, std::string_view name) {
  std::size_t pos = 0;
  while (pos < header.size()) {
    std::size_t end = header.find(';', pos);
    if (end == std::string_view::npos) end = header.size();
    std::string_view part = header.substr(pos, end - pos);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (part.size() > name.size() && part.substr(0, name.size()) == name && part[name.size()] == '=')
      return std::string(part.substr(name.size() + 1));
    pos = end + 1;
  }
  return "";
}

bool StateChanging(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

bool SameSecret(std::string_view a, std::string_view b) {
  return a.size() == b.size() && !a.empty() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

Response CsrfProblem() {
  return Response::Problem(403, "csrf", "Ongeldig of ontbrekend CSRF-token / Invalid or missing CSRF token");
}

// The id path parameter for audit entries of refusals before the object is loaded.
std::string ObjectIdOf(const Request& r) {
  for (const auto& [k, v] : r.path_params)
    if (k == "id" || k == "reference") return v;
  return "";
}

}  // namespace

AuditAction AuditActionFor(std::string_view action) {
  if (action == "create") return AuditAction::kCreate;
  if (action == "update" || action == "assess" || action == "reset_password") return AuditAction::kUpdate;
  if (action == "delete") return AuditAction::kDelete;
  if (action == "list") return AuditAction::kSearch;
  if (action == "export") return AuditAction::kExport;
  return AuditAction::kRead;
}

std::string Call::Purpose() const {
  static const std::regex kPurpose("[a-z0-9_.]{1,40}");
  std::string header(request.Header("x-purpose"));
  if (std::regex_match(header, kPurpose)) return header;
  return spec_.resource + "." + spec_.action;
}

std::optional<Response> Call::Authorize(const ObjectScope& scope, std::string_view object_type,
                                        std::string_view object_id) {
  authorized_ = true;
  Decision d = ctx_.policy->Decide(principal, spec_.resource, spec_.action, &scope);
  if (!d.allowed()) {
    if (ctx_.audit)
      (void)ctx_.audit->Record(principal, AuditAction::kAccessDenied, object_type, object_id, Purpose(),
                               request.remote_address, AuditOutcome::kDenied);
    return ProblemFor(d.ToStatus());
  }
  return Audit(AuditActionFor(spec_.action), object_type, object_id);
}

bool Call::Allows(std::string_view resource, std::string_view action, const ObjectScope& scope) {
  Decision d = ctx_.policy->Decide(principal, resource, action, &scope);
  return d.allowed();
}

std::optional<Response> Call::Audit(AuditAction action, std::string_view object_type, std::string_view object_id) {
  if (!ctx_.audit) return std::nullopt;
  auto r = ctx_.audit->Record(principal, action, object_type, object_id, Purpose(), request.remote_address);
  if (!r.ok()) {
    spdlog::error("audit trail write failed: {}", r.status().message());
    return ProblemFor(Status::Unavailable("audit trail unavailable"));
  }
  return std::nullopt;
}

const AuditIntent* Call::Intent(AuditAction action, std::string_view object_type, std::string_view object_id) {
  if (!ctx_.audit) return nullptr;
  intent_ = ctx_.audit->Intent(principal, action, object_type, object_id, Purpose(), request.remote_address);
  return &*intent_;
}

void AddRoute(Router& router, ApiContext& ctx, RouteSpec spec, SecureHandler handler) {
  ctx.routes.push_back(spec);
  // The spec is copied into the closure: ctx.routes may reallocate.
  router.Add(spec.method, spec.pattern, [&ctx, spec, handler = std::move(handler)](Request& r) -> Response {
    // 1. Who is calling.
    Principal principal = Principal::Anonymous();
    std::string csrf;
    std::string_view authorization = r.Header("authorization");
    if (!authorization.empty()) {
      auto bearer = crypto::BearerToken(authorization);
      auto p = bearer && ctx.accounts ? ctx.accounts->TokenPrincipal(std::string(*bearer))
                                      : Result<Principal>(Status::Unauthenticated("invalid token"));
      if (!p.ok()) {
        if (p.error().code() != StatusCode::kUnauthenticated) return ProblemFor(p.status());
        if (ctx.audit)
          (void)ctx.audit->Record(principal, AuditAction::kLoginFailed, "token", "", "authentication",
                                  r.remote_address, AuditOutcome::kFailed);
        Response resp = ProblemFor(p.status());
        resp.SetHeader("WWW-Authenticate", "Bearer");
        return resp;
      }
      principal = std::move(p).value();
    } else if (ctx.accounts) {
      std::string cookie = CookieValue(r.Header("cookie"), kSessionCookie);
      if (!cookie.empty()) {
        auto s = ctx.accounts->Session(cookie);
        if (s.ok()) {
          principal = s->principal;
          csrf = s->csrf_token;
        } else if (s.error().code() != StatusCode::kUnauthenticated) {
          return ProblemFor(s.status());
        }
      }
    }
    // 2. CSRF: a browser session must prove the request comes from our own pages.
    if (principal.via == AuthMethod::kSession && StateChanging(r.method) && !spec.csrf_exempt &&
        !SameSecret(r.Header("x-csrf-token"), csrf)) {
      if (ctx.audit)
        (void)ctx.audit->Record(principal, AuditAction::kAccessDenied, spec.resource, ObjectIdOf(r), "csrf",
                                r.remote_address, AuditOutcome::kDenied);
      return CsrfProblem();
    }
    // 3. May this role do this at all?
    Decision decision;
    if (spec.object_level) {
      std::optional<Role> role = principal.authenticated() ? principal.role : std::nullopt;
      std::optional<Cell> cell = ctx.policy->CellFor(spec.resource, spec.action, role);
      if (!cell) decision = {Effect::kDeny, "policy.unknown_action"};
      else if (*cell == Cell::kDeny) decision = {Effect::kDeny, role ? "policy.role_denied" : "policy.unauthenticated"};
      else decision = {Effect::kAllow, *cell == Cell::kAllow ? "policy.allowed" : "policy.scoped"};
    } else {
      decision = ctx.policy->Decide(principal, spec.resource, spec.action, nullptr);
    }
    if (!decision.allowed()) {
      if (ctx.audit)
        (void)ctx.audit->Record(principal, AuditAction::kAccessDenied, spec.resource, ObjectIdOf(r),
                                spec.resource + "." + spec.action, r.remote_address, AuditOutcome::kDenied);
      return ProblemFor(decision.ToStatus());
    }
    Call call(r, ctx, spec, principal, decision);
    Response resp = handler(call);
    // 4. An object route must have decided on its object (unless it answered an error
    // before loading one, e.g. 404 or a malformed id).
    if (spec.object_level && !call.authorized() && resp.status < 400) {
      spdlog::error("route {} {} answered without an object authorization decision", spec.method, spec.pattern);
      return ProblemFor(Status::Internal("authorization not decided"));
    }
    return resp;
  });
}

ObjectScope ScopeOfSignal(const ApiContext& ctx, const SignalScopeInput& s) {
  ObjectScope scope;
  scope.municipality = s.municipality;
  scope.organisation = s.organisation;
  // The police's view: what a police or inspection organisation registered itself. The
  // Drieluik's referral decisions (issue 5) add signals referred to them.
  if (const Organisation* org = ctx.catalog.FindOrganisation(s.organisation))
    scope.referred_to_police = org->kind == "police" || org->kind == "labour_inspectorate" || org->kind == "kmar";
  if (!scope.referred_to_police && s.id != 0 && ctx.drieluik) {
    Signal probe;
    probe.id = s.id;
    probe.content.municipality = s.municipality;
    probe.content.organisation = s.organisation;
    auto referred = ctx.drieluik->ScopeOf(probe);
    if (referred.ok()) scope.referred_to_police = referred->referred_to_police;
  }
  return scope;
}

bool ApplySignalScope(const ApiContext& ctx, const Principal& who, const Decision& d, SignalFilter& filter) {
  switch (d.filter) {
    case ScopeRule::kNone: return true;  // allowed without a scope: the whole region
    case ScopeRule::kMunicipalityOrOrganisation:
      filter.scoped = true;
      filter.scope_municipality = who.municipality;
      filter.scope_organisations = {who.organisation};
      return true;
    case ScopeRule::kReferredToPolice:
      filter.scoped = true;
      filter.scope_municipality.clear();
      filter.scope_organisations.clear();
      for (const Organisation& o : ctx.catalog.organisations())
        if (o.kind == "police" || o.kind == "labour_inspectorate" || o.kind == "kmar")
          filter.scope_organisations.push_back(o.id);
      filter.scope_referred_to_police = true;  // and what a Drieluik assessment referred to them
      return true;
    default: return false;
  }
}

}  // namespace drieluik::web::api
