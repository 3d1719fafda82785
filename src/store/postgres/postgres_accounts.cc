#include "store/postgres/postgres_accounts.h"

#include <algorithm>

#include "store/audit_sql.h"
#include "store/postgres/postgres_pool.h"

namespace drieluik::store::postgres {
namespace {

using namespace drieluik::domain;

std::int64_t Ms(TimePoint t) { return t.time_since_epoch().count(); }
TimePoint FromMs(std::int64_t ms) { return TimePoint(std::chrono::milliseconds(ms)); }
// Nullable BIGINT parameters travel as text: "" is NULL (NULLIF($n, '')::bigint).
std::string OptMs(const std::optional<TimePoint>& t) { return t ? std::to_string(Ms(*t)) : std::string(); }

constexpr const char* kUserColumns =
    "id, username, display_name, role, organisation, municipality, password_hash, must_change_password, "
    "totp_secret, totp_last_step, disabled, version, created_at, updated_at, email, totp_key_id";

User ReadUser(const pqxx::row& r) {
  User u;
  u.id = r[0].as<std::int64_t>();
  u.username = r[1].as<std::string>();
  u.display_name = r[2].as<std::string>();
  u.role = RoleFromCode(r[3].as<std::string>()).value_or(Role::kAandachtsfunctionaris);
  u.organisation = r[4].as<std::string>();
  u.municipality = r[5].as<std::string>();
  u.password_hash = r[6].as<std::string>();
  u.must_change_password = r[7].as<std::int64_t>() != 0;
  u.totp_secret = r[8].as<std::string>();
  if (!r[9].is_null()) u.totp_last_step = r[9].as<std::int64_t>();
  u.disabled = r[10].as<std::int64_t>() != 0;
  u.version = r[11].as<std::int64_t>();
  u.created_at = FromMs(r[12].as<std::int64_t>());
  u.updated_at = FromMs(r[13].as<std::int64_t>());
  u.email = r[14].as<std::string>();
  return u;
}

// A user row with its TOTP secret decrypted (totp_key_id is column 15).
Result<User> ReadVisibleUser(const SignalProtector& p, const pqxx::row& r) {
  User u = ReadUser(r);
  auto secret = p.UnprotectTotpSecret(r[15].as<std::string>(), u.totp_secret, u.id);
  if (!secret.ok()) return secret.status();
  u.totp_secret = std::move(secret).value();
  return u;
}

constexpr const char* kTokenColumns = "id, user_id, token_hash, hint, label, created_at, expires_at, revoked_at";

TokenRecord ReadToken(const pqxx::row& r) {
  TokenRecord t;
  t.id = r[0].as<std::int64_t>();
  t.user_id = r[1].as<std::int64_t>();
  t.token_hash = r[2].as<std::string>();
  t.hint = r[3].as<std::string>();
  t.label = r[4].as<std::string>();
  t.created_at = FromMs(r[5].as<std::int64_t>());
  if (!r[6].is_null()) t.expires_at = FromMs(r[6].as<std::int64_t>());
  if (!r[7].is_null()) t.revoked_at = FromMs(r[7].as<std::int64_t>());
  return t;
}

constexpr const char* kAuditColumns =
    "seq, at, actor, on_behalf_of, role, action, object_type, object_id, purpose, remote_address, outcome, "
    "prev_hash, hash";

AuditEntry ReadAudit(const pqxx::row& r) {
  AuditEntry e;
  e.seq = r[0].as<std::int64_t>();
  e.at = FromMs(r[1].as<std::int64_t>());
  e.actor = r[2].as<std::string>();
  e.on_behalf_of = r[3].as<std::string>();
  e.role = r[4].as<std::string>();
  e.action = AuditActionFromCode(r[5].as<std::string>()).value_or(AuditAction::kRead);
  e.object_type = r[6].as<std::string>();
  e.object_id = r[7].as<std::string>();
  e.purpose = r[8].as<std::string>();
  e.remote_address = r[9].as<std::string>();
  e.outcome = AuditOutcomeFromCode(r[10].as<std::string>()).value_or(AuditOutcome::kFailed);
  e.prev_hash = r[11].as<std::string>();
  e.hash = r[12].as<std::string>();
  return e;
}

template <typename T, typename F>
std::vector<T> Rows(const pqxx::result& res, F read) {
  std::vector<T> out;
  out.reserve(res.size());
  for (const auto& r : res) out.push_back(read(r));
  return out;
}

using Tx = pqxx::transaction_base;

}  // namespace

Result<User> PostgresAccounts::CreateUser(const User& u, const AuditIntent* audit) {
  if (!u.totp_secret.empty()) DRIELUIK_RETURN_IF_ERROR(protector_.RequireKeys());
  auto r = pool_.Run([&](Tx& tx) -> Result<User> {
    auto row = tx.exec_params1(
        "INSERT INTO users (username, display_name, role, organisation, municipality, password_hash, "
        "must_change_password, totp_secret, disabled, version, created_at, updated_at, email) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $11, $12) RETURNING id",
        u.username, u.display_name, std::string(ToCode(u.role)), u.organisation, u.municipality, u.password_hash,
        u.must_change_password ? 1 : 0, std::string(), u.disabled ? 1 : 0, Ms(u.created_at), Ms(u.updated_at),
        u.email);
    User out = u;
    out.id = row[0].as<std::int64_t>();
    out.version = 1;
    if (!u.totp_secret.empty()) {  // the ciphertext is bound to the id the insert chose
      auto secret = protector_.ProtectTotpSecret(u.totp_secret, out.id);
      if (!secret.ok()) return secret.status();
      tx.exec_params("UPDATE users SET totp_secret = $1, totp_key_id = $2 WHERE id = $3", secret->value,
                     secret->key_id, out.id);
    }
    DRIELUIK_RETURN_IF_ERROR(AppendAuditIntent(*MakeSqlTx(tx), audit, std::to_string(out.id)));
    return out;
  });
  if (!r.ok() && r.error().code() == StatusCode::kConflict) return Status::Conflict("username taken");
  return r;
}

Result<User> PostgresAccounts::GetUser(UserId id) {
  return pool_.Run([&](Tx& tx) -> Result<User> {
    auto res = tx.exec_params(std::string("SELECT ") + kUserColumns + " FROM users WHERE id = $1", id);
    if (res.empty()) return Status::NotFound("user");
    return ReadVisibleUser(protector_, res[0]);
  });
}

Result<User> PostgresAccounts::FindUser(const std::string& username) {
  return pool_.Run([&](Tx& tx) -> Result<User> {
    auto res = tx.exec_params(std::string("SELECT ") + kUserColumns + " FROM users WHERE username = $1", username);
    if (res.empty()) return Status::NotFound("user");
    return ReadVisibleUser(protector_, res[0]);
  });
}

Result<std::vector<User>> PostgresAccounts::ListUsers() {
  return pool_.Run([&](Tx& tx) -> Result<std::vector<User>> {
    std::vector<User> out;
    for (const auto& row : tx.exec(std::string("SELECT ") + kUserColumns + " FROM users ORDER BY username")) {
      auto u = ReadVisibleUser(protector_, row);
      if (!u.ok()) return u.status();
      out.push_back(std::move(u).value());
    }
    return out;
  });
}

Result<User> PostgresAccounts::UpdateUser(const User& u) {
  auto secret = protector_.ProtectTotpSecret(u.totp_secret, u.id);
  if (!secret.ok()) return secret.status();
  return pool_.Run([&](Tx& tx) -> Result<User> {
    auto up = tx.exec_params(
        "UPDATE users SET display_name = $1, role = $2, organisation = $3, municipality = $4, password_hash = $5, "
        "must_change_password = $6, totp_secret = $7, totp_last_step = NULLIF($8, '')::bigint, disabled = $9, "
        "version = version + 1, updated_at = $10, email = $13, totp_key_id = $14 WHERE id = $11 AND version = $12",
        u.display_name, std::string(ToCode(u.role)), u.organisation, u.municipality, u.password_hash,
        u.must_change_password ? 1 : 0, secret->value,
        u.totp_last_step ? std::to_string(*u.totp_last_step) : std::string(), u.disabled ? 1 : 0,
        Ms(u.updated_at), u.id, u.version, u.email, secret->key_id);
    if (up.affected_rows() == 0) {
      auto ex = tx.exec_params("SELECT 1 FROM users WHERE id = $1", u.id);
      if (ex.empty()) return Status::NotFound("user");
      return Status::Conflict("user changed meanwhile");
    }
    User out = u;
    out.version = u.version + 1;
    return out;
  });
}

Status PostgresAccounts::CreateSession(const SessionRecord& s) {
  return pool_.Run([&](Tx& tx) -> Status {
    tx.exec_params("INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $5)",
                   s.id_hash, s.user_id, s.csrf_token, Ms(s.created_at), Ms(s.last_seen_at));
    return Status::Ok();
  });
}

Result<SessionRecord> PostgresAccounts::FindSession(const std::string& id_hash) {
  return pool_.Run([&](Tx& tx) -> Result<SessionRecord> {
    auto res = tx.exec_params(
        "SELECT id_hash, user_id, csrf_token, created_at, last_seen_at FROM sessions WHERE id_hash = $1", id_hash);
    if (res.empty()) return Status::NotFound("session");
    const auto& r = res[0];
    return SessionRecord{r[0].as<std::string>(), r[1].as<std::int64_t>(), r[2].as<std::string>(),
                         FromMs(r[3].as<std::int64_t>()), FromMs(r[4].as<std::int64_t>())};
  });
}

Status PostgresAccounts::TouchSession(const std::string& id_hash, TimePoint at) {
  return pool_.Run([&](Tx& tx) -> Status {
    tx.exec_params("UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2", Ms(at), id_hash);
    return Status::Ok();
  });
}

Status PostgresAccounts::DeleteSession(const std::string& id_hash) {
  return pool_.Run([&](Tx& tx) -> Status {
    tx.exec_params("DELETE FROM sessions WHERE id_hash = $1", id_hash);
    return Status::Ok();
  });
}

Result<int> PostgresAccounts::DeleteSessionsOf(UserId user) {
  return pool_.Run([&](Tx& tx) -> Result<int> {
    return static_cast<int>(tx.exec_params("DELETE FROM sessions WHERE user_id = $1", user).affected_rows());
  });
}

Result<int> PostgresAccounts::DeleteExpiredSessions(TimePoint idle_before, TimePoint created_before) {
  return pool_.Run([&](Tx& tx) -> Result<int> {
    return static_cast<int>(tx.exec_params("DELETE FROM sessions WHERE last_seen_at < $1 OR created_at < $2",
                                           Ms(idle_before), Ms(created_before))
                                .affected_rows());
  });
}

Result<TokenRecord> PostgresAccounts::CreateToken(const TokenRecord& t, const AuditIntent* audit) {
  auto r = pool_.Run([&](Tx& tx) -> Result<TokenRecord> {
    auto row = tx.exec_params1(
        "INSERT INTO api_tokens (user_id, token_hash, hint, label, created_at, expires_at) "
        "VALUES ($1, $2, $3, $4, $5, NULLIF($6, '')::bigint) RETURNING id",
        t.user_id, t.token_hash, t.hint, t.label, Ms(t.created_at), OptMs(t.expires_at));
    TokenRecord out = t;
    out.id = row[0].as<std::int64_t>();
    DRIELUIK_RETURN_IF_ERROR(AppendAuditIntent(*MakeSqlTx(tx), audit, std::to_string(out.id)));
    return out;
  });
  if (!r.ok() && r.error().code() == StatusCode::kConflict) return Status::Conflict("token exists");
  return r;
}

Result<TokenRecord> PostgresAccounts::FindTokenByHash(const std::string& token_hash) {
  return pool_.Run([&](Tx& tx) -> Result<TokenRecord> {
    auto res = tx.exec_params(std::string("SELECT ") + kTokenColumns + " FROM api_tokens WHERE token_hash = $1", token_hash);
    if (res.empty()) return Status::NotFound("token");
    return ReadToken(res[0]);
  });
}

Result<std::vector<TokenRecord>> PostgresAccounts::ListTokens(UserId user) {
  return pool_.Run([&](Tx& tx) -> Result<std::vector<TokenRecord>> {
    return Rows<TokenRecord>(
        tx.exec_params(std::string("SELECT ") + kTokenColumns +
                           " FROM api_tokens WHERE ($1 = 0 OR user_id = $1) ORDER BY id DESC",
                       user),
        ReadToken);
  });
}

Status PostgresAccounts::RevokeToken(std::int64_t id, TimePoint at) {
  return pool_.Run([&](Tx& tx) -> Status {
    auto up = tx.exec_params("UPDATE api_tokens SET revoked_at = coalesce(revoked_at, $1) WHERE id = $2", Ms(at), id);
    if (up.affected_rows() == 0) return Status::NotFound("token");
    return Status::Ok();
  });
}

Result<std::set<Role>> PostgresAccounts::TotpRequiredRoles() {
  return pool_.Run([&](Tx& tx) -> Result<std::set<Role>> {
    std::set<Role> out;
    for (const auto& r : tx.exec("SELECT role FROM role_settings WHERE totp_required <> 0"))
      if (auto role = RoleFromCode(r[0].as<std::string>())) out.insert(*role);
    return out;
  });
}

Status PostgresAccounts::SetTotpRequired(Role role, bool required) {
  return pool_.Run([&](Tx& tx) -> Status {
    tx.exec_params(
        "INSERT INTO role_settings (role, totp_required) VALUES ($1, $2) "
        "ON CONFLICT (role) DO UPDATE SET totp_required = excluded.totp_required",
        std::string(ToCode(role)), required ? 1 : 0);
    return Status::Ok();
  });
}

Result<AuditEntry> PostgresAccounts::AppendAudit(const AuditEntry& draft, const AuditHasher& hasher) {
  return pool_.Run([&](Tx& tx) -> Result<AuditEntry> { return AppendAuditEntry(*MakeSqlTx(tx), draft, hasher); });
}

Result<std::vector<AuditEntry>> PostgresAccounts::QueryAudit(const AuditQuery& q) {
  return pool_.Run<pqxx::read_committed, pqxx::read_only>([&](Tx& tx) -> Result<std::vector<AuditEntry>> {
    return Rows<AuditEntry>(
        tx.exec_params(std::string("SELECT ") + kAuditColumns +
                           " FROM audit_log WHERE seq > $1 AND ($2 = '' OR actor = $2) AND ($3 = '' OR object_type = $3) "
                           "AND ($4 = '' OR object_id = $4) AND at >= $5 AND at < $6 ORDER BY seq LIMIT $7",
                       q.after_seq, q.actor, q.object_type, q.object_id,
                       q.from ? Ms(*q.from) : std::numeric_limits<std::int64_t>::min(),
                       q.to ? Ms(*q.to) : std::numeric_limits<std::int64_t>::max(), std::clamp(q.limit, 1, 1000)),
        ReadAudit);
  });
}

Result<std::optional<ChainHead>> PostgresAccounts::AuditAnchor() {
  return pool_.Run([&](Tx& tx) -> Result<std::optional<ChainHead>> {
    auto res = tx.exec("SELECT seq, hash FROM audit_anchor WHERE id = 1");
    if (res.empty()) return std::optional<ChainHead>();
    return std::optional<ChainHead>(ChainHead{res[0][0].as<std::int64_t>(), res[0][1].as<std::string>()});
  });
}

Status PostgresAccounts::ScanAudit(const std::function<Status(const std::vector<AuditEntry>&)>& sink, int page) {
  std::int64_t after = std::numeric_limits<std::int64_t>::min();
  for (;;) {
    auto batch = pool_.Run<pqxx::read_committed, pqxx::read_only>([&](Tx& tx) -> Result<std::vector<AuditEntry>> {
      return Rows<AuditEntry>(tx.exec_params(std::string("SELECT ") + kAuditColumns +
                                                 " FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2",
                                             after, std::max(1, page)),
                              ReadAudit);
    });
    if (!batch.ok()) return batch.status();
    if (batch->empty()) return Status::Ok();
    after = batch->back().seq;
    DRIELUIK_RETURN_IF_ERROR(sink(*batch));
  }
}

}  // namespace drieluik::store::postgres
