// AddRoute: the one way an API route is registered. Before the handler runs it
//   1. authenticates: an `Authorization: Bearer <token>` header (an API token acting as its
//      user) or the `drieluik_session` cookie; otherwise the caller is anonymous;
//   2. checks CSRF: a state-changing request (POST, PUT, PATCH, DELETE) made with a session
//      cookie must carry `X-CSRF-Token` equal to the session's token (403 problem "csrf");
//   3. asks domain::Policy (docs/security/authorization.csv) whether the role may do the
//      route's action on its resource at all; a refusal is audited and answered 401/403.
// An object route (RouteSpec::object_level) must then call Call::Authorize with the scope of
// the object it loaded, which decides need-to-know (municipality, organisation, police and
// care compartments), audits the access or the refusal, and gives the problem to send
// (404 for an object outside the caller's scope). A handler of an object route that never
// calls Authorize gets a 500 instead of its response: fail closed. A change is thus audited
// before it is made; a create hands Call::Intent to the repository, which appends the entry in
// the insert's own transaction.
//
// Every route is recorded in ApiContext::routes, so a test can walk every route × every role
// (tests/web/api/authorization_api_test.cc) against docs/security/routes.csv.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "domain/audit_chain.h"
#include "domain/policy.h"
#include "domain/principal.h"
#include "web/api/api.h"
#include "web/http/router.h"

namespace drieluik::web::api {

class Call {
 public:
  Call(Request& request, ApiContext& ctx, const RouteSpec& spec, domain::Principal principal, domain::Decision decision)
      : request(request), principal(std::move(principal)), decision(std::move(decision)), ctx_(ctx), spec_(spec) {}

  Request& request;
  const domain::Principal principal;
  /// The collection-level decision; for list routes decision.filter names the scope rule.
  const domain::Decision decision;

  /// Decides the route's action on one loaded object. Allowed: audits the access and
  /// returns nullopt. Refused: audits the refusal and returns the problem to send.
  std::optional<Response> Authorize(const domain::ObjectScope& scope, std::string_view object_type,
                                    std::string_view object_id);
  /// Like Authorize, for another (resource, action) than the route's own, e.g. whether a
  /// linked signal may be shown. Writes no audit entry (the caller shows nothing of what is
  /// refused); false when refused.
  bool Allows(std::string_view resource, std::string_view action, const domain::ObjectScope& scope);
  /// Records an audited access that is not a single object decision (a list's result, a
  /// created object). 503 problem when the audit trail cannot be written (fail closed).
  std::optional<Response> Audit(domain::AuditAction action, std::string_view object_type, std::string_view object_id);
  /// The entry of a write for the repository to append in the write's own transaction
  /// (domain::AuditIntent), so the change is never committed without it: the way a create
  /// is audited. object_id "" is filled with the new object's id. Null without an audit
  /// trail (tests of other parts). The pointer lives as long as this call.
  const domain::AuditIntent* Intent(domain::AuditAction action, std::string_view object_type,
                                    std::string_view object_id = "");

  /// The purpose code of this request: the X-Purpose header when well formed, else the
  /// route's resource and action ("signal.read").
  std::string Purpose() const;
  bool authorized() const { return authorized_; }

 private:
  ApiContext& ctx_;
  const RouteSpec& spec_;
  bool authorized_ = false;
  std::optional<domain::AuditIntent> intent_;
};

using SecureHandler = std::function<Response(Call&)>;

void AddRoute(Router& router, ApiContext& ctx, RouteSpec spec, SecureHandler handler);

/// The audit action a route's policy action stands for ("read" → kRead, "list" → kSearch...).
domain::AuditAction AuditActionFor(std::string_view action);

/// The scope of a signal for the policy: municipality, organisation, and whether it is in
/// the police's view (registered by a police or inspection organisation).
struct SignalScopeInput {
  std::string municipality;
  std::string organisation;
  domain::SignalId id = 0;  // when set, a Drieluik referral to police also puts it in their view
};
domain::ObjectScope ScopeOfSignal(const ApiContext& ctx, const SignalScopeInput& s);

/// Narrows a signal list filter to what the decision's scope rule lets the caller see.
/// Returns false when the caller may see no signal at all.
bool ApplySignalScope(const ApiContext& ctx, const domain::Principal& who, const domain::Decision& d,
                      domain::SignalFilter& filter);

}  // namespace drieluik::web::api
