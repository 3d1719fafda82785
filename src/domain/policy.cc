#include "domain/policy.h"

#include <cstdlib>
#include <set>

namespace drieluik::domain {

extern const std::string_view kEmbeddedAuthorization;

namespace {

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    pos = end + 1;
  }
  return lines;
}

// Splits into at most `max` fields; the last one keeps any further commas.
std::vector<std::string_view> SplitCsv(std::string_view line, std::size_t max) {
  std::vector<std::string_view> out;
  while (out.size() + 1 < max) {
    std::size_t comma = line.find(',');
    if (comma == std::string_view::npos) break;
    out.push_back(line.substr(0, comma));
    line.remove_prefix(comma + 1);
  }
  out.push_back(line);
  return out;
}

std::optional<Cell> ParseCell(std::string_view s) {
  if (s == "allow") return Cell::kAllow;
  if (s == "deny") return Cell::kDeny;
  if (s == "scoped") return Cell::kScoped;
  return std::nullopt;
}

bool IsSignalResource(std::string_view r) { return r == "signal" || r == "signal.care" || r == "signal.police"; }

bool InScope(ScopeRule rule, const Principal& p, const ObjectScope& o) {
  switch (rule) {
    case ScopeRule::kNone: return false;
    case ScopeRule::kMunicipalityOrOrganisation:
      return (!p.municipality.empty() && o.municipality == p.municipality) ||
             (!p.organisation.empty() && o.organisation == p.organisation);
    case ScopeRule::kReferredToPolice: return o.referred_to_police;
    case ScopeRule::kCareConsent: return o.care_consent_shared;
    case ScopeRule::kOwnAccount: return p.user_id != 0 && o.owner_user_id == p.user_id;
  }
  return false;
}

bool IsCollectionAction(std::string_view action) { return action == "create" || action == "list"; }

}  // namespace

Status Decision::ToStatus() const {
  switch (effect) {
    case Effect::kAllow: return Status::Ok();
    case Effect::kNotFound: return Status::NotFound("not found");
    case Effect::kDeny:
      if (reason == "policy.unauthenticated") return Status::Unauthenticated(reason);
      return Status::PermissionDenied(reason);
  }
  return Status::PermissionDenied(reason);
}

ScopeRule ScopeRuleFor(std::string_view resource, Role role) {
  if (resource == "user" || resource == "token") return ScopeRule::kOwnAccount;
  if (!IsSignalResource(resource)) return ScopeRule::kNone;
  switch (role) {
    case Role::kAandachtsfunctionaris:
    case Role::kHandhaving: return ScopeRule::kMunicipalityOrOrganisation;
    case Role::kPolitie: return ScopeRule::kReferredToPolice;
    case Role::kZorgcoordinator:
    case Role::kKetenregisseur: return resource == "signal.care" ? ScopeRule::kCareConsent : ScopeRule::kNone;
    default: return ScopeRule::kNone;
  }
}

Result<Policy> Policy::Parse(std::string_view csv, std::string_view source) {
  std::vector<std::string_view> lines = SplitLines(csv);
  auto where = [&](std::size_t line) { return std::string(source) + ":" + std::to_string(line) + ": "; };

  // Header: resource,action,anonymous,<roles in any order>,note
  std::vector<std::string_view> header = SplitCsv(lines.empty() ? "" : lines[0], 1000);
  const std::size_t columns = 3 + AllRoles().size() + 1;
  if (header.size() != columns || header[0] != "resource" || header[1] != "action" || header[2] != "anonymous" ||
      header.back() != "note") {
    return Status::InvalidArgument(where(1) + "header must be resource,action,anonymous,<" +
                                   std::to_string(AllRoles().size()) + " role codes>,note");
  }
  std::vector<Role> column_roles;
  std::set<Role> seen_roles;
  for (std::size_t c = 3; c + 1 < header.size(); ++c) {
    std::optional<Role> role = RoleFromCode(header[c]);
    if (!role) return Status::InvalidArgument(where(1) + "unknown role \"" + std::string(header[c]) + "\"");
    if (!seen_roles.insert(*role).second) {
      return Status::InvalidArgument(where(1) + "role \"" + std::string(header[c]) + "\" appears twice");
    }
    column_roles.push_back(*role);
  }

  Policy policy;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    if (lines[i].empty()) continue;
    std::vector<std::string_view> f = SplitCsv(lines[i], columns);
    if (f.size() != columns) {
      return Status::InvalidArgument(where(i + 1) + "expected " + std::to_string(columns) + " columns, got " +
                                     std::to_string(f.size()));
    }
    if (f[0].empty() || f[1].empty()) return Status::InvalidArgument(where(i + 1) + "resource and action are required");
    Row row;
    for (std::size_t c = 2; c + 1 < columns; ++c) {
      std::optional<Cell> cell = ParseCell(f[c]);
      if (!cell) {
        return Status::InvalidArgument(where(i + 1) + "column " + std::string(header[c]) +
                                       ": expected allow, deny or scoped, got \"" + std::string(f[c]) + "\"");
      }
      if (c == 2) {
        if (*cell == Cell::kScoped) {
          return Status::InvalidArgument(where(i + 1) + "column anonymous: scoped has no meaning without a user");
        }
        row.anonymous = *cell;
      } else {
        row.roles[column_roles[c - 3]] = *cell;
      }
    }
    auto key = std::make_pair(std::string(f[0]), std::string(f[1]));
    if (policy.table_.count(key) != 0) {
      return Status::InvalidArgument(where(i + 1) + "duplicate row " + key.first + "," + key.second);
    }
    policy.rows_.push_back(key);
    policy.table_.emplace(std::move(key), std::move(row));
  }
  return policy;
}

const Policy& Policy::Embedded() {
  static const Policy policy = [] {
    Result<Policy> p = Parse(kEmbeddedAuthorization, "authorization.csv");
    if (!p.ok()) std::abort();  // PolicyTest.EmbeddedParses fails first
    return std::move(p).value();
  }();
  return policy;
}

std::optional<Cell> Policy::CellFor(std::string_view resource, std::string_view action,
                                    std::optional<Role> role) const {
  auto it = table_.find(std::make_pair(std::string(resource), std::string(action)));
  if (it == table_.end()) return std::nullopt;
  if (!role) return it->second.anonymous;
  return it->second.roles.at(*role);
}

Decision Policy::Decide(const Principal& principal, std::string_view resource, std::string_view action,
                        const ObjectScope* object) const {
  std::optional<Role> role = principal.authenticated() ? principal.role : std::nullopt;
  std::optional<Cell> cell = CellFor(resource, action, role);
  if (!cell) return {Effect::kDeny, "policy.unknown_action"};
  if (*cell == Cell::kAllow) return {Effect::kAllow, "policy.allowed"};
  if (*cell == Cell::kDeny) {
    return {Effect::kDeny, role ? "policy.role_denied" : "policy.unauthenticated"};
  }
  ScopeRule rule = ScopeRuleFor(resource, *role);
  if (rule == ScopeRule::kNone) return {Effect::kDeny, "policy.no_scope_rule"};
  if (object == nullptr) {
    if (action == "list" || action == "create") return {Effect::kAllow, "policy.scoped", rule};
    // An object action without an object cannot be checked: fail closed.
    return {Effect::kDeny, "policy.out_of_scope"};
  }
  if (InScope(rule, principal, *object)) return {Effect::kAllow, "policy.scoped", rule};
  if (IsCollectionAction(action)) return {Effect::kDeny, "policy.out_of_scope"};
  return {Effect::kNotFound, "policy.out_of_scope"};
}

Decision Policy::DecideRoute(const Principal& principal, const RouteDecision& route,
                             const ObjectScope* object) const {
  return Decide(principal, route.resource, route.action, route.object_level ? object : nullptr);
}

Status Policy::CheckRoutes(const std::vector<RouteDecision>& routes) const {
  std::string missing;
  for (const RouteDecision& r : routes) {
    if (table_.count(std::make_pair(r.resource, r.action)) != 0) continue;
    if (!missing.empty()) missing += "; ";
    missing += r.method + " " + r.path + " (" + r.resource + "," + r.action + ")";
  }
  if (missing.empty()) return Status::Ok();
  return Status::InvalidArgument("routes without a policy row: " + missing);
}

Result<std::vector<RouteDecision>> ParseRouteTable(std::string_view csv, std::string_view source) {
  std::vector<std::string_view> lines = SplitLines(csv);
  auto where = [&](std::size_t line) { return std::string(source) + ":" + std::to_string(line) + ": "; };
  if (lines.empty() || lines[0] != "method,path,resource,action,object") {
    return Status::InvalidArgument(where(1) + "header must be method,path,resource,action,object");
  }
  std::vector<RouteDecision> out;
  std::set<std::pair<std::string, std::string>> seen;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    if (lines[i].empty()) continue;
    std::vector<std::string_view> f = SplitCsv(lines[i], 1000);
    if (f.size() != 5) {
      return Status::InvalidArgument(where(i + 1) + "expected 5 columns, got " + std::to_string(f.size()));
    }
    if (f[4] != "yes" && f[4] != "no") {
      return Status::InvalidArgument(where(i + 1) + "column object: expected yes or no, got \"" + std::string(f[4]) +
                                     "\"");
    }
    RouteDecision r{std::string(f[0]), std::string(f[1]), std::string(f[2]), std::string(f[3]), f[4] == "yes"};
    if (!seen.insert({r.method, r.path}).second) {
      return Status::InvalidArgument(where(i + 1) + "duplicate route " + r.method + " " + r.path);
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace drieluik::domain
