// Principal: who is acting in a request — a signed-in user (session cookie), an
// integration acting as a user (API token), or nobody (the public route). The policy
// (domain/policy.h) decides on a Principal; the audit trail records it. Built by the edge
// (web/api, cli) after authentication; plain data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/role.h"

namespace drieluik::domain {

enum class AuthMethod {
  kAnonymous,  ///< no credentials: only the public route
  kSession,    ///< a login session (cookie)
  kToken,      ///< an API token acting as its user, under the same policy and audit
};

struct Principal {
  std::int64_t user_id = 0;    // 0 for anonymous
  std::string username;        // for the audit trail; empty for anonymous
  std::optional<Role> role;    // nullopt for anonymous
  std::string organisation;    // organisation id (catalog), e.g. "gem-westerwolde"
  std::string municipality;    // CBS code, e.g. "GM1950"; empty for regional roles
  AuthMethod via = AuthMethod::kAnonymous;
  std::int64_t token_id = 0;   // the token used, when via == kToken

  static Principal Anonymous() { return {}; }
  /// True for a session or token principal with a role.
  bool authenticated() const { return via != AuthMethod::kAnonymous && role.has_value(); }
};

}  // namespace drieluik::domain
