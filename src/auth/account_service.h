// AccountService: who may sign in and as whom a request acts (issue 3 points 1–2).
// Passwords are argon2id hashes (crypto::PasswordHasher); a role can require a TOTP
// second factor (RFC 6238), asked in a second step after a correct password; a session is
// a 256-bit random cookie value of which only the SHA-256 is stored, with an idle and an
// absolute timeout, ended server-side by Logout; an API token acts as its user.
//
// Every login failure — unknown user, wrong password, disabled account, wrong or replayed
// TOTP code, expired challenge — is the same Unauthenticated("login failed"), so a caller
// learns nothing about which part was wrong; only throttling differs (ResourceExhausted),
// counted per account and per address. Audit entries for logins are written by the caller
// (web/api) which knows the address and route.
//
// Thread-safe. Time comes from the injected clock.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "crypto/password_hasher.h"
#include "crypto/totp.h"
#include "domain/account.h"
#include "domain/catalog.h"
#include "domain/principal.h"
#include "domain/throttle.h"

namespace drieluik::auth {

struct AuthOptions {
  std::chrono::minutes idle_timeout{30};      ///< Default: 30 minutes without a request.
  std::chrono::minutes absolute_timeout{720}; ///< Default: 12 hours after login.
  std::chrono::minutes challenge_ttl{5};      ///< Default: 5 minutes for the TOTP step.
  int max_failures_per_account = 5;           ///< within the window; Default: 5
  int max_failures_per_address = 20;          ///< within the window; Default: 20
  std::chrono::minutes failure_window{15};    ///< Default: 15 minutes.
};

/// What a successful login (or session check) yields.
struct SignedIn {
  domain::User user;
  domain::Principal principal;
  std::string session_token;  // the cookie value (only after Login/CompleteTotp)
  std::string csrf_token;
};

struct LoginOutcome {
  bool totp_required = false;
  std::string challenge;        // when totp_required
  std::optional<SignedIn> session;  // otherwise
};

/// Input of AddUser / UpdateUser (fields not given stay as they are on update).
struct UserInput {
  std::optional<std::string> username, display_name, role, organisation, municipality, password;
  std::optional<std::string> email;  // "" clears it
  std::optional<bool> disabled;
};

struct CreatedToken {
  domain::TokenRecord record;
  std::string token;  // shown once
};

domain::Principal PrincipalOf(const domain::User& u, domain::AuthMethod via, std::int64_t token_id = 0);

class AccountService {
 public:
  AccountService(domain::AccountRepository& repo, const domain::Catalog& catalog, const Clock& clock,
                 crypto::PasswordHasher& hasher, AuthOptions options = {});

  /// Step one. Unauthenticated("login failed") for every failure; ResourceExhausted when
  /// the account or the address is throttled.
  Result<LoginOutcome> Login(const std::string& username, const std::string& password, const std::string& address);
  /// Step two, when the first answered totp_required. Same failures as Login.
  Result<SignedIn> CompleteTotp(const std::string& challenge, const std::string& code, const std::string& address);
  /// The session of a cookie value: Unauthenticated("session expired") when unknown, idle or
  /// past its absolute lifetime, or when the user was disabled meanwhile. Touches last_seen.
  Result<SignedIn> Session(const std::string& session_token);
  /// Ends the session (no error when it was already gone).
  Status Logout(const std::string& session_token);
  /// The principal of a bearer token: Unauthenticated("invalid token") when malformed,
  /// unknown, revoked, expired, or its user is disabled.
  Result<domain::Principal> TokenPrincipal(const std::string& token);

  // Administration (the policy is applied by the caller).
  /// InvalidArgument with a FieldError per bad field (/username, /role, /organisation,
  /// /municipality, /password, /displayName); Conflict when the username is taken.
  /// `audit` (may be null) is appended in the insert's transaction (domain::AuditIntent),
  /// as for CreateToken.
  Result<domain::User> AddUser(const UserInput& in, const domain::AuditIntent* audit = nullptr);
  Result<domain::User> UpdateUser(domain::UserId id, const UserInput& in);
  Result<std::vector<domain::User>> ListUsers();
  Result<domain::User> GetUser(domain::UserId id);
  Result<domain::User> FindUser(const std::string& username);
  /// Disables the account and ends its sessions.
  Result<domain::User> Disable(domain::UserId id);
  /// A new random temporary password (returned once); ends the user's sessions.
  Result<std::string> ResetPassword(domain::UserId id);
  /// A fresh TOTP secret for the user (base32), stored; returns the otpauth:// URI.
  Result<std::string> EnrollTotp(domain::UserId id);
  Status SetTotpRequired(domain::Role role, bool required);
  Result<std::set<domain::Role>> ListTotpRequired();

  /// InvalidArgument("/expires") when expires is not in the future.
  Result<CreatedToken> CreateToken(domain::UserId user, std::optional<TimePoint> expires, const std::string& label,
                                   const domain::AuditIntent* audit = nullptr);
  Status RevokeToken(std::int64_t id);
  Result<std::vector<domain::TokenRecord>> ListTokens(domain::UserId user);

  /// Removes expired sessions (the server runs this now and then).
  Result<int> PurgeExpiredSessions();

 private:
  struct Challenge {
    domain::UserId user = 0;
    TimePoint expires;
  };
  Status Validate(const UserInput& in, bool creating) const;
  Result<SignedIn> StartSession(const domain::User& u);
  Status Throttled(const std::string& username, const std::string& address);
  void Failed(const std::string& username, const std::string& address);

  domain::AccountRepository& repo_;
  const domain::Catalog& catalog_;
  const Clock& clock_;
  crypto::PasswordHasher& hasher_;
  const AuthOptions options_;
  domain::AttemptThrottle per_account_, per_address_;
  std::mutex mu_;
  std::map<std::string, Challenge> challenges_;  // guarded by mu_
};

}  // namespace drieluik::auth
