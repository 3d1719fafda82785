#include "store/sqlite/sqlite_accounts.h"

#include <sqlite3.h>

#include <algorithm>

#include "store/audit_sql.h"
#include "store/sqlite/sqlite_store.h"

namespace drieluik::store::sqlite {
namespace {

using namespace drieluik::domain;

std::int64_t Ms(TimePoint t) { return t.time_since_epoch().count(); }
TimePoint FromMs(std::int64_t ms) { return TimePoint(std::chrono::milliseconds(ms)); }

constexpr const char* kUserColumns =
    "id, username, display_name, role, organisation, municipality, password_hash, must_change_password, "
    "totp_secret, totp_last_step, disabled, version, created_at, updated_at, email, totp_key_id";

User ReadUser(const Statement& st) {
  User u;
  u.id = st.Int(0);
  u.username = st.Text(1);
  u.display_name = st.Text(2);
  u.role = RoleFromCode(st.Text(3)).value_or(Role::kAandachtsfunctionaris);
  u.organisation = st.Text(4);
  u.municipality = st.Text(5);
  u.password_hash = st.Text(6);
  u.must_change_password = st.Int(7) != 0;
  u.totp_secret = st.Text(8);
  if (!st.IsNull(9)) u.totp_last_step = st.Int(9);
  u.disabled = st.Int(10) != 0;
  u.version = st.Int(11);
  u.created_at = FromMs(st.Int(12));
  u.updated_at = FromMs(st.Int(13));
  u.email = st.Text(14);
  return u;
}

// A user row with its TOTP secret as stored; Reveal decrypts it.
struct StoredUser {
  User user;
  std::string totp_key_id;
};
StoredUser ReadStoredUser(const Statement& st) { return {ReadUser(st), st.Text(15)}; }

Result<User> Reveal(const SignalProtector& p, StoredUser s) {
  auto secret = p.UnprotectTotpSecret(s.totp_key_id, s.user.totp_secret, s.user.id);
  if (!secret.ok()) return secret.status();
  s.user.totp_secret = std::move(secret).value();
  return std::move(s.user);
}

TokenRecord ReadToken(const Statement& st) {
  TokenRecord t;
  t.id = st.Int(0);
  t.user_id = st.Int(1);
  t.token_hash = st.Text(2);
  t.hint = st.Text(3);
  t.label = st.Text(4);
  t.created_at = FromMs(st.Int(5));
  if (!st.IsNull(6)) t.expires_at = FromMs(st.Int(6));
  if (!st.IsNull(7)) t.revoked_at = FromMs(st.Int(7));
  return t;
}

constexpr const char* kAuditColumns =
    "seq, at, actor, on_behalf_of, role, action, object_type, object_id, purpose, remote_address, outcome, "
    "prev_hash, hash";

AuditEntry ReadAudit(const Statement& st) {
  AuditEntry e;
  e.seq = st.Int(0);
  e.at = FromMs(st.Int(1));
  e.actor = st.Text(2);
  e.on_behalf_of = st.Text(3);
  e.role = st.Text(4);
  e.action = AuditActionFromCode(st.Text(5)).value_or(AuditAction::kRead);
  e.object_type = st.Text(6);
  e.object_id = st.Text(7);
  e.purpose = st.Text(8);
  e.remote_address = st.Text(9);
  e.outcome = AuditOutcomeFromCode(st.Text(10)).value_or(AuditOutcome::kFailed);
  e.prev_hash = st.Text(11);
  e.hash = st.Text(12);
  return e;
}

template <typename T, typename F>
Result<std::vector<T>> Collect(Statement& st, F read) {
  std::vector<T> out;
  for (;;) {
    auto row = st.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.push_back(read(st));
  }
  return out;
}

template <typename T, typename F>
Result<T> One(Statement& st, F read, const char* what) {
  auto row = st.Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound(what);
  return read(st);
}

}  // namespace

Result<User> SqliteAccounts::CreateUser(const User& u, const AuditIntent* audit) {
  if (!u.totp_secret.empty()) DRIELUIK_RETURN_IF_ERROR(store_.protector_.RequireKeys());
  auto c = store_.Acquire();
  Transaction tx(*c);
  DRIELUIK_RETURN_IF_ERROR(tx.Begin());
  auto st = c->Prepare(
      "INSERT INTO users (username, display_name, role, organisation, municipality, password_hash, "
      "must_change_password, totp_secret, disabled, version, created_at, updated_at, email) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)");
  if (!st.ok()) return st.status();
  Status s = st->Bind(1, u.username)
                 .Bind(2, u.display_name)
                 .Bind(3, ToCode(u.role))
                 .Bind(4, u.organisation)
                 .Bind(5, u.municipality)
                 .Bind(6, u.password_hash)
                 .Bind(7, u.must_change_password ? 1 : 0)
                 .Bind(8, std::string())
                 .Bind(9, u.disabled ? 1 : 0)
                 .Bind(10, Ms(u.created_at))
                 .Bind(11, Ms(u.updated_at))
                 .Bind(12, u.email)
                 .Run();
  if (!s.ok()) return s.code() == StatusCode::kConflict ? Status::Conflict("username taken") : s;
  User out = u;
  out.id = c->LastInsertRowId();
  out.version = 1;
  if (!u.totp_secret.empty()) {  // the ciphertext is bound to the id the insert chose
    auto secret = store_.protector_.ProtectTotpSecret(u.totp_secret, out.id);
    if (!secret.ok()) return secret.status();
    auto up = c->Prepare("UPDATE users SET totp_secret = ?, totp_key_id = ? WHERE id = ?");
    if (!up.ok()) return up.status();
    DRIELUIK_RETURN_IF_ERROR(up->Bind(1, secret->value).Bind(2, secret->key_id).Bind(3, out.id).Run());
  }
  DRIELUIK_RETURN_IF_ERROR(AppendAuditIntent(*MakeSqlTx(*c), audit, std::to_string(out.id)));
  DRIELUIK_RETURN_IF_ERROR(tx.Commit());
  return out;
}

Result<User> SqliteAccounts::GetUser(UserId id) {
  auto c = store_.Acquire();
  auto st = c->Prepare(std::string("SELECT ") + kUserColumns + " FROM users WHERE id = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, id);
  auto row = One<StoredUser>(*st, ReadStoredUser, "user");
  if (!row.ok()) return row.status();
  return Reveal(store_.protector_, std::move(row).value());
}

Result<User> SqliteAccounts::FindUser(const std::string& username) {
  auto c = store_.Acquire();
  auto st = c->Prepare(std::string("SELECT ") + kUserColumns + " FROM users WHERE username = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, username);
  auto row = One<StoredUser>(*st, ReadStoredUser, "user");
  if (!row.ok()) return row.status();
  return Reveal(store_.protector_, std::move(row).value());
}

Result<std::vector<User>> SqliteAccounts::ListUsers() {
  auto c = store_.Acquire();
  auto st = c->Prepare(std::string("SELECT ") + kUserColumns + " FROM users ORDER BY username");
  if (!st.ok()) return st.status();
  auto rows = Collect<StoredUser>(*st, ReadStoredUser);
  if (!rows.ok()) return rows.status();
  std::vector<User> out;
  for (auto& r : *rows) {
    auto u = Reveal(store_.protector_, std::move(r));
    if (!u.ok()) return u.status();
    out.push_back(std::move(u).value());
  }
  return out;
}

Result<User> SqliteAccounts::UpdateUser(const User& u) {
  auto secret = store_.protector_.ProtectTotpSecret(u.totp_secret, u.id);
  if (!secret.ok()) return secret.status();
  auto c = store_.Acquire();
  auto st = c->Prepare(
      "UPDATE users SET display_name = ?, role = ?, organisation = ?, municipality = ?, password_hash = ?, "
      "must_change_password = ?, totp_secret = ?, totp_last_step = ?, disabled = ?, version = version + 1, "
      "updated_at = ?, email = ?, totp_key_id = ? WHERE id = ? AND version = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, u.display_name)
      .Bind(2, ToCode(u.role))
      .Bind(3, u.organisation)
      .Bind(4, u.municipality)
      .Bind(5, u.password_hash)
      .Bind(6, u.must_change_password ? 1 : 0)
      .Bind(7, secret->value);
  if (u.totp_last_step) st->Bind(8, *u.totp_last_step);
  else st->BindNull(8);
  DRIELUIK_RETURN_IF_ERROR(st->Bind(9, u.disabled ? 1 : 0).Bind(10, Ms(u.updated_at)).Bind(11, u.email).Bind(12, secret->key_id).Bind(13, u.id).Bind(14, u.version).Run());
  if (sqlite3_changes(c->raw()) == 0) {
    auto exists = c->Prepare("SELECT 1 FROM users WHERE id = ?");
    if (!exists.ok()) return exists.status();
    auto row = exists->Bind(1, u.id).Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::NotFound("user");
    return Status::Conflict("user changed meanwhile");
  }
  User out = u;
  out.version = u.version + 1;
  return out;
}

Status SqliteAccounts::CreateSession(const SessionRecord& s) {
  auto c = store_.Acquire();
  auto st = c->Prepare("INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)");
  if (!st.ok()) return st.status();
  return st->Bind(1, s.id_hash).Bind(2, s.user_id).Bind(3, s.csrf_token).Bind(4, Ms(s.created_at)).Bind(5, Ms(s.last_seen_at)).Run();
}

Result<SessionRecord> SqliteAccounts::FindSession(const std::string& id_hash) {
  auto c = store_.Acquire();
  auto st = c->Prepare("SELECT id_hash, user_id, csrf_token, created_at, last_seen_at FROM sessions WHERE id_hash = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, id_hash);
  return One<SessionRecord>(
      *st,
      [](const Statement& r) {
        return SessionRecord{r.Text(0), r.Int(1), r.Text(2), FromMs(r.Int(3)), FromMs(r.Int(4))};
      },
      "session");
}

Status SqliteAccounts::TouchSession(const std::string& id_hash, TimePoint at) {
  auto c = store_.Acquire();
  auto st = c->Prepare("UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?");
  if (!st.ok()) return st.status();
  return st->Bind(1, Ms(at)).Bind(2, id_hash).Run();
}

Status SqliteAccounts::DeleteSession(const std::string& id_hash) {
  auto c = store_.Acquire();
  auto st = c->Prepare("DELETE FROM sessions WHERE id_hash = ?");
  if (!st.ok()) return st.status();
  return st->Bind(1, id_hash).Run();
}

Result<int> SqliteAccounts::DeleteSessionsOf(UserId user) {
  auto c = store_.Acquire();
  auto st = c->Prepare("DELETE FROM sessions WHERE user_id = ?");
  if (!st.ok()) return st.status();
  DRIELUIK_RETURN_IF_ERROR(st->Bind(1, user).Run());
  return sqlite3_changes(c->raw());
}

Result<int> SqliteAccounts::DeleteExpiredSessions(TimePoint idle_before, TimePoint created_before) {
  auto c = store_.Acquire();
  auto st = c->Prepare("DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?");
  if (!st.ok()) return st.status();
  DRIELUIK_RETURN_IF_ERROR(st->Bind(1, Ms(idle_before)).Bind(2, Ms(created_before)).Run());
  return sqlite3_changes(c->raw());
}

Result<TokenRecord> SqliteAccounts::CreateToken(const TokenRecord& t, const AuditIntent* audit) {
  auto c = store_.Acquire();
  Transaction tx(*c);
  DRIELUIK_RETURN_IF_ERROR(tx.Begin());
  auto st = c->Prepare(
      "INSERT INTO api_tokens (user_id, token_hash, hint, label, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)");
  if (!st.ok()) return st.status();
  st->Bind(1, t.user_id).Bind(2, t.token_hash).Bind(3, t.hint).Bind(4, t.label).Bind(5, Ms(t.created_at));
  if (t.expires_at) st->Bind(6, Ms(*t.expires_at));
  else st->BindNull(6);
  Status s = st->Run();
  if (!s.ok()) return s.code() == StatusCode::kConflict ? Status::Conflict("token exists") : s;
  TokenRecord out = t;
  out.id = c->LastInsertRowId();
  DRIELUIK_RETURN_IF_ERROR(AppendAuditIntent(*MakeSqlTx(*c), audit, std::to_string(out.id)));
  DRIELUIK_RETURN_IF_ERROR(tx.Commit());
  return out;
}

Result<TokenRecord> SqliteAccounts::FindTokenByHash(const std::string& token_hash) {
  auto c = store_.Acquire();
  auto st = c->Prepare(
      "SELECT id, user_id, token_hash, hint, label, created_at, expires_at, revoked_at FROM api_tokens WHERE token_hash = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, token_hash);
  return One<TokenRecord>(*st, ReadToken, "token");
}

Result<std::vector<TokenRecord>> SqliteAccounts::ListTokens(UserId user) {
  auto c = store_.Acquire();
  auto st = c->Prepare(
      "SELECT id, user_id, token_hash, hint, label, created_at, expires_at, revoked_at FROM api_tokens "
      "WHERE (? = 0 OR user_id = ?) ORDER BY id DESC");
  if (!st.ok()) return st.status();
  st->Bind(1, user).Bind(2, user);
  return Collect<TokenRecord>(*st, ReadToken);
}

Status SqliteAccounts::RevokeToken(std::int64_t id, TimePoint at) {
  auto c = store_.Acquire();
  auto st = c->Prepare("UPDATE api_tokens SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?");
  if (!st.ok()) return st.status();
  DRIELUIK_RETURN_IF_ERROR(st->Bind(1, Ms(at)).Bind(2, id).Run());
  if (sqlite3_changes(c->raw()) == 0) return Status::NotFound("token");
  return Status::Ok();
}

Result<std::set<Role>> SqliteAccounts::TotpRequiredRoles() {
  auto c = store_.Acquire();
  auto st = c->Prepare("SELECT role FROM role_settings WHERE totp_required <> 0");
  if (!st.ok()) return st.status();
  std::set<Role> out;
  for (;;) {
    auto row = st->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    if (auto r = RoleFromCode(st->Text(0))) out.insert(*r);
  }
  return out;
}

Status SqliteAccounts::SetTotpRequired(Role role, bool required) {
  auto c = store_.Acquire();
  auto st = c->Prepare(
      "INSERT INTO role_settings (role, totp_required) VALUES (?, ?) "
      "ON CONFLICT (role) DO UPDATE SET totp_required = excluded.totp_required");
  if (!st.ok()) return st.status();
  return st->Bind(1, ToCode(role)).Bind(2, required ? 1 : 0).Run();
}

Result<AuditEntry> SqliteAccounts::AppendAudit(const AuditEntry& draft, const AuditHasher& hasher) {
  auto c = store_.Acquire();
  Transaction tx(*c);
  DRIELUIK_RETURN_IF_ERROR(tx.Begin());  // BEGIN IMMEDIATE: one appender at a time
  auto sealed = AppendAuditEntry(*MakeSqlTx(*c), draft, hasher);
  if (!sealed.ok()) return sealed;
  DRIELUIK_RETURN_IF_ERROR(tx.Commit());
  return sealed;
}

Result<std::vector<AuditEntry>> SqliteAccounts::QueryAudit(const AuditQuery& q) {
  auto c = store_.Acquire();
  auto st = c->Prepare(std::string("SELECT ") + kAuditColumns +
                       " FROM audit_log WHERE seq > ? AND (? = '' OR actor = ?) AND (? = '' OR object_type = ?) "
                       "AND (? = '' OR object_id = ?) AND at >= ? AND at < ? ORDER BY seq LIMIT ?");
  if (!st.ok()) return st.status();
  st->Bind(1, q.after_seq)
      .Bind(2, q.actor)
      .Bind(3, q.actor)
      .Bind(4, q.object_type)
      .Bind(5, q.object_type)
      .Bind(6, q.object_id)
      .Bind(7, q.object_id)
      .Bind(8, q.from ? Ms(*q.from) : INT64_MIN)
      .Bind(9, q.to ? Ms(*q.to) : INT64_MAX)
      .Bind(10, std::clamp(q.limit, 1, 1000));
  return Collect<AuditEntry>(*st, ReadAudit);
}

Result<std::optional<ChainHead>> SqliteAccounts::AuditAnchor() {
  auto c = store_.Acquire();
  auto st = c->Prepare("SELECT seq, hash FROM audit_anchor WHERE id = 1");
  if (!st.ok()) return st.status();
  auto row = st->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<ChainHead>();
  return std::optional<ChainHead>(ChainHead{st->Int(0), st->Text(1)});
}

Status SqliteAccounts::ScanAudit(const std::function<Status(const std::vector<AuditEntry>&)>& sink, int page) {
  std::int64_t after = INT64_MIN;
  for (;;) {
    std::vector<AuditEntry> batch;
    {
      auto c = store_.Acquire();
      auto st = c->Prepare(std::string("SELECT ") + kAuditColumns + " FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?");
      if (!st.ok()) return st.status();
      st->Bind(1, after).Bind(2, std::max(1, page));
      auto rows = Collect<AuditEntry>(*st, ReadAudit);
      if (!rows.ok()) return rows.status();
      batch = std::move(rows).value();
    }
    if (batch.empty()) return Status::Ok();
    after = batch.back().seq;
    DRIELUIK_RETURN_IF_ERROR(sink(batch));
  }
}

}  // namespace drieluik::store::sqlite
