// Accounts: the users of drieluik (PRODUCT.md "Who uses it"), their login sessions, the
// API tokens integrations act with, and per-role settings; plus the storage seams for
// them and for the audit trail. Declared by the domain, implemented by store/sqlite and
// store/postgres, used by auth/ (login, sessions, tokens) and the cli.
//
// Secrets are never held here in the clear: a user has an argon2id password hash, a
// session and a token are found by the SHA-256 of their 256-bit random value.
// Implementations are thread-safe; each call is one transaction.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "domain/audit_chain.h"
#include "domain/role.h"

namespace drieluik::domain {

using UserId = std::int64_t;

struct User {
  UserId id = 0;
  std::string username;       // [a-z0-9._-]{3,64}, unique
  std::string display_name;   // shown in the UI; not personal data of a data subject
  Role role = Role::kAandachtsfunctionaris;
  std::string organisation;   // organisation id from the catalog
  std::string municipality;   // CBS code, or "" for regional roles
  std::string email;          // work address for reminders (issue 5), or ""
  std::string password_hash;  // argon2id
  bool must_change_password = false;
  std::string totp_secret;    // base32; "" when no authenticator is enrolled
  std::optional<std::int64_t> totp_last_step;  // replay guard
  bool disabled = false;
  std::int64_t version = 1;
  TimePoint created_at;
  TimePoint updated_at;
};

struct SessionRecord {
  std::string id_hash;     // SHA-256 of the cookie value
  UserId user_id = 0;
  std::string csrf_token;  // sent back by the browser in X-CSRF-Token
  TimePoint created_at;
  TimePoint last_seen_at;
};

struct TokenRecord {
  std::int64_t id = 0;
  UserId user_id = 0;
  std::string token_hash;  // "sha256:<hex>"
  std::string hint;        // "dlk_ABCD…WXYZ"
  std::string label;
  TimePoint created_at;
  std::optional<TimePoint> expires_at;
  std::optional<TimePoint> revoked_at;
};

class AccountRepository {
 public:
  virtual ~AccountRepository() = default;

  /// Conflict when the username is taken. Returns the user with its id. `audit` (may be
  /// null) is appended in the same transaction (AuditIntent; object id: the new id), as for
  /// CreateToken.
  virtual Result<User> CreateUser(const User& u, const AuditIntent* audit = nullptr) = 0;
  /// NotFound when no such user.
  virtual Result<User> GetUser(UserId id) = 0;
  virtual Result<User> FindUser(const std::string& username) = 0;
  /// Every user, by username.
  virtual Result<std::vector<User>> ListUsers() = 0;
  /// Replaces the user's row when its version is u.version; stores version + 1.
  /// Conflict when stale, NotFound when missing.
  virtual Result<User> UpdateUser(const User& u) = 0;

  virtual Status CreateSession(const SessionRecord& s) = 0;
  /// NotFound when no such session.
  virtual Result<SessionRecord> FindSession(const std::string& id_hash) = 0;
  virtual Status TouchSession(const std::string& id_hash, TimePoint at) = 0;
  virtual Status DeleteSession(const std::string& id_hash) = 0;
  /// Ends every session of the user (password reset, disabling). Returns how many.
  virtual Result<int> DeleteSessionsOf(UserId user) = 0;
  /// Removes sessions last seen before `idle_before` or created before `created_before`.
  virtual Result<int> DeleteExpiredSessions(TimePoint idle_before, TimePoint created_before) = 0;

  /// Returns the token with its id. Conflict when the hash exists.
  virtual Result<TokenRecord> CreateToken(const TokenRecord& t, const AuditIntent* audit = nullptr) = 0;
  /// NotFound when no such hash.
  virtual Result<TokenRecord> FindTokenByHash(const std::string& token_hash) = 0;
  /// The tokens of one user, or of every user when user == 0; newest first.
  virtual Result<std::vector<TokenRecord>> ListTokens(UserId user) = 0;
  /// Sets revoked_at (once). NotFound when no such token.
  virtual Status RevokeToken(std::int64_t id, TimePoint at) = 0;

  /// The roles that must use a TOTP second factor.
  virtual Result<std::set<Role>> TotpRequiredRoles() = 0;
  virtual Status SetTotpRequired(Role role, bool required) = 0;
};

struct AuditQuery {
  std::string actor;        // username, or "" for all
  std::string object_type;  // or ""
  std::string object_id;    // or ""
  std::optional<TimePoint> from, to;  // at >= from, at < to
  std::int64_t after_seq = 0;         // paging: entries with seq > after_seq
  int limit = 100;                    // 1..1000
};

class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  /// Seals `draft` after the stored head (SealAuditEntry) and appends it, in one
  /// transaction that serialises appenders, so seq has no gaps. Returns the sealed entry.
  virtual Result<AuditEntry> AppendAudit(const AuditEntry& draft, const AuditHasher& hasher) = 0;
  /// Entries matching the query, in seq order.
  virtual Result<std::vector<AuditEntry>> QueryAudit(const AuditQuery& q) = 0;
  /// Every entry in seq order (for verification), in pages of `page` entries handed to `sink`;
  /// a non-OK status from the sink stops the walk and is returned.
  /// The head left by retention (seq and hash of the last removed entry), if any.
  virtual Result<std::optional<ChainHead>> AuditAnchor() = 0;
  virtual Status ScanAudit(const std::function<Status(const std::vector<AuditEntry>&)>& sink, int page = 5000) = 0;
};

}  // namespace drieluik::domain
