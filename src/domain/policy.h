// Policy: every authorization decision in one place. What each role may do with each
// resource is DATA — docs/security/authorization.csv, compiled into the binary — and this
// file only interprets it; handlers never decide ad hoc (issue 3, REFERENCE.md §8.2).
//
// The CSV: a header `resource,action,anonymous,<one column per role code>,note`, then one
// row per (resource, action) with `allow`, `deny` or `scoped` per column; the note (the rest
// of the line, commas allowed) explains the row to people. `anonymous` is the public route
// (no credentials).
//
// A `scoped` cell allows the action only on objects in the principal's scope. The scope rule
// depends on the resource and the role (ScopeRuleFor):
//   - user, token: the principal's own account (ObjectScope::owner_user_id);
//   - signal, signal.police, signal.care for aandachtsfunctionaris and handhaving: the
//     signal's municipality is the principal's, or it was registered by the principal's
//     organisation;
//   - the same resources for politie: the signal was referred to the police;
//   - signal.care for ketenregisseur and zorgcoordinator: the person consented to share the
//     care information beyond the zorgcoordinatoren;
//   - anything else: no rule, so the cell denies (fail closed; a test keeps the CSV free of
//     such cells).
// ZVHG roles (zorgcoordinator, ketenregisseur) are regional: one deployment serves one
// region, so their cells are `allow`.
//
// Outcomes: Allow; Deny (403, or 401 for the anonymous principal) when the role may never do
// this; NotFound (404) when the role may do it in general but this object is outside its
// scope, so the existence of a signal in another municipality does not leak. Creating an
// object outside one's scope is a Deny (nothing exists to leak). An unknown (resource,
// action) is denied. For collection actions (create without an object, list) a scoped cell
// allows, and Decision::filter tells the store which rows the caller may see.
//
// Route table (for the lead's "every route × every role" test): CSV with header
// `method,path,resource,action,object`, one row per HTTP route, e.g.
//     GET,/api/v1/signals/{id},signal,read,yes
//     GET,/api/v1/signals,signal,list,no
//     POST,/api/v1/public/signals,public,create,no
// `object` is yes when the route addresses one existing object (then out-of-scope is 404).
// ParseRouteTable reads it; Policy::CheckRoutes fails for a route whose (resource, action) has
// no policy row, and DecideRoute gives the decision a test compares with the HTTP status.
// A route that is not in the table must fail the test (the lead's router walk).
//
// Immutable after parsing; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"
#include "domain/principal.h"
#include "domain/role.h"

namespace drieluik::domain {

enum class Cell { kAllow, kDeny, kScoped };

enum class ScopeRule {
  kNone,                        ///< no rule: a scoped cell denies
  kMunicipalityOrOrganisation,  ///< the object's municipality or organisation is the principal's
  kReferredToPolice,            ///< the object was referred to the police
  kCareConsent,                 ///< the person consented to share care information
  kOwnAccount,                  ///< the object belongs to the principal's own user account
};

/// What the policy needs to know about one object (filled by the caller from the row).
struct ObjectScope {
  std::string municipality;          // CBS code of the signal's municipality
  std::string organisation;          // the registering organisation
  bool referred_to_police = false;   // the Drieluik referred it to police/inspectie
  bool care_consent_shared = false;  // consent to share care information beyond the ZCs
  std::int64_t owner_user_id = 0;    // for user and token objects
};

enum class Effect { kAllow, kDeny, kNotFound };

struct Decision {
  Effect effect = Effect::kDeny;
  /// Message key: "policy.allowed", "policy.scoped", "policy.unauthenticated",
  /// "policy.role_denied", "policy.out_of_scope", "policy.unknown_action", "policy.no_scope_rule".
  std::string reason;
  /// For allowed collection actions under a scoped cell: the rows the caller may see.
  ScopeRule filter = ScopeRule::kNone;

  bool allowed() const { return effect == Effect::kAllow; }
  /// OK when allowed; Unauthenticated for the anonymous principal's denials;
  /// PermissionDenied for Deny; NotFound("not found") for NotFound. The message is the reason.
  Status ToStatus() const;
};

/// One HTTP route's authorization (see the header comment for the CSV form).
struct RouteDecision {
  std::string method;
  std::string path;
  std::string resource;
  std::string action;
  bool object_level = false;

  bool operator==(const RouteDecision&) const = default;
};

/// Parses a route table. InvalidArgument "<source>:<line>: ..." for a wrong header, a wrong
/// number of columns, an object column other than yes/no, or a duplicate method and path.
Result<std::vector<RouteDecision>> ParseRouteTable(std::string_view csv, std::string_view source);

/// The scope rule of a scoped cell for this resource and role (see the header comment).
ScopeRule ScopeRuleFor(std::string_view resource, Role role);

class Policy {
 public:
  /// Parses the authorization CSV. InvalidArgument "<source>:<line>: ..." (column named)
  /// for a wrong header (every role exactly once, anonymous, note), a cell other than
  /// allow/deny/scoped, a duplicate row or an empty resource or action.
  static Result<Policy> Parse(std::string_view csv, std::string_view source);
  /// docs/security/authorization.csv as compiled in. Aborts if it does not parse (the
  /// policy test would have failed first).
  static const Policy& Embedded();

  /// The decision for `principal` doing `action` on `resource`; `object` is the object
  /// acted on, or nullptr for collection actions.
  Decision Decide(const Principal& principal, std::string_view resource, std::string_view action,
                  const ObjectScope* object = nullptr) const;
  Decision DecideRoute(const Principal& principal, const RouteDecision& route, const ObjectScope* object) const;

  /// The cell for a role (nullopt = anonymous); nullopt when the policy has no such row.
  std::optional<Cell> CellFor(std::string_view resource, std::string_view action, std::optional<Role> role) const;
  /// Every (resource, action) row, in file order.
  const std::vector<std::pair<std::string, std::string>>& rows() const { return rows_; }
  /// InvalidArgument naming every route whose (resource, action) has no row.
  Status CheckRoutes(const std::vector<RouteDecision>& routes) const;

 private:
  struct Row {
    Cell anonymous = Cell::kDeny;
    std::map<Role, Cell> roles;
  };
  std::vector<std::pair<std::string, std::string>> rows_;
  std::map<std::pair<std::string, std::string>, Row, std::less<>> table_;
};

}  // namespace drieluik::domain
