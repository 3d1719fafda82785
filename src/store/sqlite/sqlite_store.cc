#include "store/sqlite/sqlite_store.h"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <optional>

#include "store/audit_sql.h"
#include "store/migrations.h"
#include "store/signal_codec.h"

namespace drieluik::store::sqlite {

using namespace drieluik::domain;

namespace {

std::int64_t Ms(TimePoint t) { return t.time_since_epoch().count(); }
TimePoint FromMs(long long ms) { return TimePoint(std::chrono::milliseconds(ms)); }

// The columns LoadSignal and List read, in this order.
constexpr const char* kSignalColumns =
    "s.id, s.reference_code, s.version, s.status, s.channel, s.municipality, s.organisation, "
    "s.received_at, s.summary, s.document, s.created_at, s.updated_at, s.key_id";

// Batches of re-encryption when Migrate encrypts rows from before migration 005.
constexpr int kMigrateBatch = 500;

Status WriteForms(Connection& c, SignalId id, const std::vector<std::string>& forms) {
  auto del = c.Prepare("DELETE FROM signal_forms WHERE signal_id = ?");
  if (!del.ok()) return del.status();
  DRIELUIK_RETURN_IF_ERROR(del->Bind(1, id).Run());
  for (const auto& f : forms) {
    auto ins = c.Prepare("INSERT INTO signal_forms (signal_id, form) VALUES (?, ?)");
    if (!ins.ok()) return ins.status();
    DRIELUIK_RETURN_IF_ERROR(ins->Bind(1, id).Bind(2, f).Run());
  }
  return Status::Ok();
}

Status WriteWords(Connection& c, SignalId id, const std::vector<std::int64_t>& words) {
  auto del = c.Prepare("DELETE FROM signal_words WHERE signal_id = ?");
  if (!del.ok()) return del.status();
  DRIELUIK_RETURN_IF_ERROR(del->Bind(1, id).Run());
  for (std::int64_t w : words) {
    auto ins = c.Prepare("INSERT OR IGNORE INTO signal_words (signal_id, word) VALUES (?, ?)");
    if (!ins.ok()) return ins.status();
    DRIELUIK_RETURN_IF_ERROR(ins->Bind(1, id).Bind(2, w).Run());
  }
  return Status::Ok();
}

Result<std::int64_t> NextId(Connection& c, const char* table) {
  // Inside BEGIN IMMEDIATE no other writer runs, so max + 1 is ours (the id SQLite would
  // choose); the ciphertext is bound to it before the row exists.
  auto q = c.Prepare(std::string("SELECT coalesce(max(id), 0) + 1 FROM ") + table);
  if (!q.ok()) return q.status();
  auto row = q->Step();
  if (!row.ok()) return row.status();
  return q->Int(0);
}

Status WriteHistory(Connection& c, SignalId id, const HistoryEntry& e) {
  auto st = c.Prepare("INSERT INTO signal_history (signal_id, at, action, actor, fields) VALUES (?, ?, ?, ?, ?)");
  if (!st.ok()) return st.status();
  return st->Bind(1, id).Bind(2, Ms(e.at)).Bind(3, e.action).Bind(4, e.actor).Bind(5, EncodeFieldList(e.fields)).Run();
}

Status WriteLinkKeys(Connection& c, SignalId id, const std::vector<StoredLinkKey>& keys) {
  auto del = c.Prepare("DELETE FROM signal_link_keys WHERE signal_id = ?");
  if (!del.ok()) return del.status();
  DRIELUIK_RETURN_IF_ERROR(del->Bind(1, id).Run());
  for (const auto& k : keys) {
    auto ins = c.Prepare("INSERT OR IGNORE INTO signal_link_keys (signal_id, kind, key_hash) VALUES (?, ?, ?)");
    if (!ins.ok()) return ins.status();
    DRIELUIK_RETURN_IF_ERROR(ins->Bind(1, id).Bind(2, ToCode(k.kind)).Bind(3, k.hash).Run());
  }
  return Status::Ok();
}

std::string IntList(const std::vector<std::int64_t>& v) {
  std::string out;
  for (std::int64_t x : v) out += (out.empty() ? "" : ", ") + std::to_string(x);
  return out;
}

}  // namespace

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path, int pool_size,
                                                       std::shared_ptr<const crypto::KeyRing> keys) {
  std::unique_ptr<SqliteStore> store(new SqliteStore(path, std::move(keys)));
  for (int i = 0; i < std::max(1, pool_size); ++i) {
    auto c = Connection::Open(path);
    if (!c.ok()) return c.status();
    store->idle_.push_back(std::move(c).value());
  }
  return store;
}

SqliteStore::Lease SqliteStore::Acquire() {
  std::unique_lock lock(mu_);
  cv_.wait(lock, [this] { return !idle_.empty(); });
  auto c = std::move(idle_.back());
  idle_.pop_back();
  return Lease(this, std::move(c));
}

void SqliteStore::Release(std::unique_ptr<Connection> c) {
  {
    std::lock_guard lock(mu_);
    idle_.push_back(std::move(c));
  }
  cv_.notify_one();
}

Status SqliteStore::Migrate() {
  Lease c = Acquire();
  DRIELUIK_RETURN_IF_ERROR(c->Exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
      "applied_at INTEGER NOT NULL)"));
  for (const Migration& m : SqliteMigrations()) {
    Transaction tx(*c);
    DRIELUIK_RETURN_IF_ERROR(tx.Begin());
    auto q = c->Prepare("SELECT 1 FROM schema_migrations WHERE version = ?");
    if (!q.ok()) return q.status();
    q->Bind(1, m.version);
    auto has = q->Step();
    if (!has.ok()) return has.status();
    if (*has) continue;
    Status s = c->Exec(m.sql);
    if (!s.ok()) return Status::Internal("migration " + m.name + " failed: " + s.message());
    auto ins = c->Prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, unixepoch() * 1000)");
    if (!ins.ok()) return ins.status();
    DRIELUIK_RETURN_IF_ERROR(ins->Bind(1, m.version).Bind(2, m.name).Run());
    DRIELUIK_RETURN_IF_ERROR(tx.Commit());
  }
  if (!protector_.has_keys()) return Status::Ok();
  DRIELUIK_RETURN_IF_ERROR(CheckKeys(*c));
  while (true) {  // rows from before migration 005
    auto step = Reencrypt(kMigrateBatch, /*plain_only=*/true);
    if (!step.ok()) return step.status();
    if (step->done) break;
  }
  while (true) {  // signals queued by migration 009 (or a later change of the key rules)
    auto n = RebuildLinkKeys(kMigrateBatch);
    if (!n.ok()) return n.status();
    if (*n == 0) break;
  }
  return Status::Ok();
}

Result<int> SqliteStore::RebuildLinkKeys(int max_rows) {
  Lease c = Acquire();
  Transaction tx(*c);
  DRIELUIK_RETURN_IF_ERROR(tx.Begin());
  auto q = c->Prepare(
      "SELECT r.signal_id, s.key_id, s.summary, s.document FROM link_key_rebuild r LEFT JOIN signals s ON s.id = "
      "r.signal_id ORDER BY r.signal_id LIMIT ?");
  if (!q.ok()) return q.status();
  q->Bind(1, max_rows);
  struct Queued {
    SignalId id;
    bool exists;
    std::string key_id, summary, document;
  };
  std::vector<Queued> rows;
  while (true) {
    auto row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    rows.push_back({q->Int(0), !q->IsNull(1), q->IsNull(1) ? "" : q->Text(1), q->IsNull(2) ? "" : q->Text(2),
                    q->IsNull(3) ? "" : q->Text(3)});
  }
  for (const auto& r : rows) {
    if (r.exists) {
      SignalContent content;
      DRIELUIK_RETURN_IF_ERROR(protector_.Unprotect(r.key_id, r.summary, r.document, r.id, content));
      DRIELUIK_RETURN_IF_ERROR(WriteLinkKeys(*c, r.id, protector_.LinkKeysFor(content)));
    }
    auto del = c->Prepare("DELETE FROM link_key_rebuild WHERE signal_id = ?");
    if (!del.ok()) return del.status();
    DRIELUIK_RETURN_IF_ERROR(del->Bind(1, r.id).Run());
  }
  DRIELUIK_RETURN_IF_ERROR(tx.Commit());
  return static_cast<int>(rows.size());
}

Status SqliteStore::CheckKeys(Connection& c) {
  auto q = c.Prepare("SELECT key_id, check_value FROM encryption_keys ORDER BY key_id");
  if (!q.ok()) return q.status();
  std::vector<std::pair<std::string, std::string>> checks;
  while (true) {
    auto row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    checks.emplace_back(q->Text(0), q->Text(1));
  }
  for (const auto& [id, check] : checks) {
    if (protector_.Has(id)) {
      DRIELUIK_RETURN_IF_ERROR(protector_.VerifyKeyCheck(id, check));
      continue;
    }
    std::vector<std::string> tables = {"signals WHERE key_id", "signal_additions WHERE key_id",
                                       "signal_compartments WHERE key_id", "users WHERE totp_key_id"};
    for (const auto& t : DrieluikSealedTables()) tables.push_back(t + " WHERE key_id");
    for (const auto& table : tables) {
      auto used = c.Prepare("SELECT 1 FROM " + table + " = ? LIMIT 1");
      if (!used.ok()) return used.status();
      used->Bind(1, id);
      auto row = used->Step();
      if (!row.ok()) return row.status();
      if (*row) return MissingKeyError(id);
    }
  }
  return Status::Ok();
}

Status SqliteStore::EnsureKeyCheck(Connection& c) {
  if (key_check_written_.load()) return Status::Ok();
  auto ins = c.Prepare("INSERT OR IGNORE INTO encryption_keys (key_id, check_value) VALUES (?, ?)");
  if (!ins.ok()) return ins.status();
  return ins->Bind(1, protector_.current_key_id()).Bind(2, protector_.KeyCheckValue()).Run();
}

Result<ReencryptProgress> SqliteStore::ReencryptBatch(int max_rows) { return Reencrypt(max_rows, false); }

Result<ReencryptProgress> SqliteStore::Reencrypt(int max_rows, bool plain_only) {
  DRIELUIK_RETURN_IF_ERROR(protector_.RequireKeys());
  const std::string current = protector_.current_key_id();
  std::vector<std::string> old_ids = {""};
  if (!plain_only)
    for (const auto& id : protector_.key_ids())
      if (id != current) old_ids.push_back(id);
  ReencryptProgress p;
  Lease c = Acquire();
  // BEGIN IMMEDIATE: no writer runs between reading a row and writing it back.
  Transaction tx(*c);
  DRIELUIK_RETURN_IF_ERROR(tx.Begin());
  int left = std::max(1, max_rows);
  for (const auto& old : old_ids) {
    if (left <= 0) break;
    auto q = c->Prepare("SELECT id, summary, document FROM signals WHERE key_id = ? ORDER BY id LIMIT ?");
    if (!q.ok()) return q.status();
    q->Bind(1, old).Bind(2, left);
    struct Stored {
      SignalId id;
      std::string summary, document;
    };
    std::vector<Stored> rows;
    while (true) {
      auto row = q->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      rows.push_back({q->Int(0), q->Text(1), q->Text(2)});
    }
    if (!rows.empty()) DRIELUIK_RETURN_IF_ERROR(EnsureKeyCheck(*c));
    for (const auto& r : rows) {
      SignalContent content;
      DRIELUIK_RETURN_IF_ERROR(protector_.Unprotect(old, r.summary, r.document, r.id, content));
      auto prot = protector_.Protect(content, r.id);
      if (!prot.ok()) return prot.status();
      auto up = c->Prepare("UPDATE signals SET summary = ?, document = ?, key_id = ? WHERE id = ?");
      if (!up.ok()) return up.status();
      DRIELUIK_RETURN_IF_ERROR(
          up->Bind(1, prot->summary).Bind(2, prot->document).Bind(3, prot->key_id).Bind(4, r.id).Run());
      DRIELUIK_RETURN_IF_ERROR(WriteWords(*c, r.id, prot->words));
      DRIELUIK_RETURN_IF_ERROR(WriteLinkKeys(*c, r.id, protector_.LinkKeysFor(content)));
      ++p.signals;
      --left;
    }
  }
  for (const auto& old : old_ids) {
    if (left <= 0) break;
    auto q = c->Prepare("SELECT id, text FROM signal_additions WHERE key_id = ? ORDER BY id LIMIT ?");
    if (!q.ok()) return q.status();
    q->Bind(1, old).Bind(2, left);
    std::vector<std::pair<std::int64_t, std::string>> rows;
    while (true) {
      auto row = q->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      rows.emplace_back(q->Int(0), q->Text(1));
    }
    if (!rows.empty()) DRIELUIK_RETURN_IF_ERROR(EnsureKeyCheck(*c));
    for (const auto& [id, stored] : rows) {
      auto text = protector_.UnprotectAddition(old, stored, id);
      if (!text.ok()) return text.status();
      auto enc = protector_.ProtectAddition(*text, id);
      if (!enc.ok()) return enc.status();
      auto up = c->Prepare("UPDATE signal_additions SET text = ?, key_id = ? WHERE id = ?");
      if (!up.ok()) return up.status();
      DRIELUIK_RETURN_IF_ERROR(up->Bind(1, *enc).Bind(2, current).Bind(3, id).Run());
      ++p.additions;
      --left;
    }
  }
  // The police and care compartments (migration 006 writes them encrypted from the start).
  for (const auto& old : old_ids) {
    if (left <= 0 || old.empty()) continue;
    auto q = c->Prepare(
        "SELECT signal_id, compartment, document FROM signal_compartments WHERE key_id = ? ORDER BY signal_id, "
        "compartment LIMIT ?");
    if (!q.ok()) return q.status();
    q->Bind(1, old).Bind(2, left);
    struct Stored {
      SignalId id;
      std::string compartment, document;
    };
    std::vector<Stored> rows;
    while (true) {
      auto row = q->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      rows.push_back({q->Int(0), q->Text(1), q->Text(2)});
    }
    if (!rows.empty()) DRIELUIK_RETURN_IF_ERROR(EnsureKeyCheck(*c));
    for (const auto& r : rows) {
      auto doc = protector_.UnprotectCompartment(old, r.document, r.id, r.compartment);
      if (!doc.ok()) return doc.status();
      auto enc = protector_.ProtectCompartment(*doc, r.id, r.compartment);
      if (!enc.ok()) return enc.status();
      auto up = c->Prepare("UPDATE signal_compartments SET document = ?, key_id = ? WHERE signal_id = ? AND compartment = ?");
      if (!up.ok()) return up.status();
      DRIELUIK_RETURN_IF_ERROR(up->Bind(1, *enc).Bind(2, current).Bind(3, r.id).Bind(4, r.compartment).Run());
      ++p.compartments;
      --left;
    }
  }
  // Users' TOTP secrets (migration 010; '' with an empty secret means no secret).
  for (const auto& old : old_ids) {
    if (left <= 0) break;
    auto q = c->Prepare(
        "SELECT id, totp_secret FROM users WHERE totp_key_id = ? AND totp_secret <> '' ORDER BY id LIMIT ?");
    if (!q.ok()) return q.status();
    q->Bind(1, old).Bind(2, left);
    std::vector<std::pair<std::int64_t, std::string>> rows;
    while (true) {
      auto row = q->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      rows.emplace_back(q->Int(0), q->Text(1));
    }
    if (!rows.empty()) DRIELUIK_RETURN_IF_ERROR(EnsureKeyCheck(*c));
    for (const auto& [id, stored] : rows) {
      auto secret = protector_.UnprotectTotpSecret(old, stored, id);
      if (!secret.ok()) return secret.status();
      auto enc = protector_.ProtectTotpSecret(*secret, id);
      if (!enc.ok()) return enc.status();
      auto up = c->Prepare("UPDATE users SET totp_secret = ?, totp_key_id = ? WHERE id = ?");
      if (!up.ok()) return up.status();
      DRIELUIK_RETURN_IF_ERROR(up->Bind(1, enc->value).Bind(2, enc->key_id).Bind(3, id).Run());
      ++p.totp_secrets;
      --left;
    }
  }
  // The Drieluik's free text (migration 011).
  if (left > 0) {
    auto sql = MakeSqlTx(*c);
    auto n = ReencryptDrieluikRows(*sql, protector_, old_ids, left, "");
    if (!n.ok()) return n.status();
    p.drieluik_rows = *n;
    left -= static_cast<int>(*n);
  }
  if (p.signals == 0 && p.additions == 0 && p.compartments == 0 && p.totp_secrets == 0 && p.drieluik_rows == 0) {
    p.done = true;
    if (!plain_only) {
      // Forget the check values of keys no row uses any more: the key can leave the file.
      std::string sql =
          "DELETE FROM encryption_keys WHERE key_id <> ? AND NOT EXISTS (SELECT 1 FROM signals WHERE key_id = "
          "encryption_keys.key_id) AND NOT EXISTS (SELECT 1 FROM signal_additions WHERE key_id = "
          "encryption_keys.key_id) AND NOT EXISTS (SELECT 1 FROM signal_compartments WHERE key_id = "
          "encryption_keys.key_id) AND NOT EXISTS (SELECT 1 FROM users WHERE totp_key_id = "
          "encryption_keys.key_id)";
      for (const auto& t : DrieluikSealedTables())
        sql += " AND NOT EXISTS (SELECT 1 FROM " + t + " WHERE key_id = encryption_keys.key_id)";
      auto del = c->Prepare(sql);
      if (!del.ok()) return del.status();
      DRIELUIK_RETURN_IF_ERROR(del->Bind(1, current).Run());
    }
  }
  DRIELUIK_RETURN_IF_ERROR(tx.Commit());
  if (!p.done) key_check_written_ = true;
  return p;
}

Result<int> SqliteStore::SchemaVersion() {
  Lease c = Acquire();
  auto exists = c->Prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'");
  if (!exists.ok()) return exists.status();
  auto has = exists->Step();
  if (!has.ok()) return has.status();
  if (!*has) return 0;  // a fresh database
  auto q = c->Prepare("SELECT coalesce(max(version), 0) FROM schema_migrations");
  if (!q.ok()) return q.status();
  auto r = q->Step();
  if (!r.ok()) return r.status();
  return static_cast<int>(q->Int(0));
}

std::string SqliteStore::Describe() { return std::string("sqlite ") + sqlite3_libversion(); }

Result<Signal> SqliteStore::RowToSignal(Statement& st) {
  Signal s;
  s.id = st.Int(0);
  s.reference_code = st.Text(1);
  s.version = st.Int(2);
  auto status = FromCode<SignalStatus>(st.Text(3));
  auto channel = FromCode<Channel>(st.Text(4));
  if (!status || !channel) return Status::Internal("stored signal has an unknown status or channel");
  s.status = *status;
  s.content.channel = *channel;
  s.content.municipality = st.Text(5);
  s.content.organisation = st.Text(6);
  s.received_at = FromMs(st.Int(7));
  s.content.received_at = s.received_at;
  DRIELUIK_RETURN_IF_ERROR(protector_.Unprotect(st.Text(12), st.Text(8), st.Text(9), s.id, s.content));
  s.created_at = FromMs(st.Int(10));
  s.updated_at = FromMs(st.Int(11));
  return s;
}

Result<Signal> SqliteStore::LoadSignal(Connection& c, SignalId id) {
  auto q = c.Prepare(std::string("SELECT ") + kSignalColumns + " FROM signals s WHERE s.id = ?");
  if (!q.ok()) return q.status();
  q->Bind(1, id);
  auto row = q->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("signal " + std::to_string(id));
  auto s = RowToSignal(*q);
  if (!s.ok()) return s;
  auto a = c.Prepare("SELECT at, text, id, key_id FROM signal_additions WHERE signal_id = ? ORDER BY id");
  if (!a.ok()) return a.status();
  a->Bind(1, id);
  while (true) {
    auto r = a->Step();
    if (!r.ok()) return r.status();
    if (!*r) break;
    auto text = protector_.UnprotectAddition(a->Text(3), a->Text(1), a->Int(2));
    if (!text.ok()) return text.status();
    s->additions.push_back({FromMs(a->Int(0)), std::move(text).value()});
  }
  return s;
}

Result<Signal> SqliteStore::Insert(const NewSignal& n) {
  DRIELUIK_RETURN_IF_ERROR(protector_.RequireKeys());
  Lease c = Acquire();
  Transaction tx(*c);
  DRIELUIK_RETURN_IF_ERROR(tx.Begin());
  DRIELUIK_RETURN_IF_ERROR(EnsureKeyCheck(*c));
  const Signal& s = n.signal;
  auto next = NextId(*c, "signals");
  if (!next.ok()) return next.status();
  SignalId id = *next;
  auto prot = protector_.Protect(s.content, id);
  if (!prot.ok()) return prot.status();
  auto ins = c->Prepare(
      "INSERT INTO signals (id, reference_code, version, status, channel, municipality, organisation, received_at, "
      "summary, urgency, document, public_secret_hash, created_at, updated_at, key_id) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!ins.ok()) return ins.status();
  ins->Bind(1, id).Bind(2, s.reference_code).Bind(3, s.version).Bind(4, ToCode(s.status))
      .Bind(5, ToCode(s.content.channel)).Bind(6, s.content.municipality).Bind(7, s.content.organisation)
      .Bind(8, Ms(s.received_at)).Bind(9, prot->summary).Bind(10, n.urgency).Bind(11, prot->document);
  if (n.public_secret_hash.empty()) ins->BindNull(12);
  else ins->Bind(12, n.public_secret_hash);
  ins->Bind(13, Ms(s.created_at)).Bind(14, Ms(s.updated_at)).Bind(15, prot->key_id);
  Status st = ins->Run();
  if (!st.ok()) {
    if (st.code() == StatusCode::kConflict) return Status::Conflict("reference code taken");
    return st;
  }
  DRIELUIK_RETURN_IF_ERROR(WriteForms(*c, id, s.content.forms));
  DRIELUIK_RETURN_IF_ERROR(WriteWords(*c, id, prot->words));
  DRIELUIK_RETURN_IF_ERROR(WriteHistory(*c, id, n.created));
  DRIELUIK_RETURN_IF_ERROR(WriteLinkKeys(*c, id, n.link_keys));
  DRIELUIK_RETURN_IF_ERROR(AppendAuditIntent(*MakeSqlTx(*c), n.audit, std::to_string(id)));
  DRIELUIK_RETURN_IF_ERROR(tx.Commit());
  key_check_written_ = true;
  Signal out = s;
  out.id = id;
  return out;
}

Result<Signal> SqliteStore::Get(SignalId id) {
  DRIELUIK_RETURN_IF_ERROR(protector_.RequireKeys());
  Lease c = Acquire();
  return LoadSignal(*c, id);
}

Result<Signal> SqliteStore::FindByReference(std::string_view reference_code) {
  DRIELUIK_RETURN_IF_ERROR(protector_.RequireKeys());
  Lease c = Acquire();
  auto q = c->Prepare("SELECT id FROM signals WHERE reference_code = ?");
  if (!q.ok()) return q.status();
  q->Bind(1, reference_code);
  auto row = q->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("reference code");
  SignalId id = q->Int(0);
  return LoadSignal(*c, id);
}

Result<Signal> SqliteStore::Update(const Signal& s, std::int64_t expected_version, const std::string& urgency,
                                   const HistoryEntry& entry, const std::vector<StoredLinkKey>* link_keys) {
  DRIELUIK_RETURN_IF_ERROR(protector_.RequireKeys());
  auto prot = protector_.Protect(s.content, s.id);
  if (!prot.ok()) return prot.status();
  Lease c = Acquire();
  Transaction tx(*c);
  DRIELUIK_RETURN_IF_ERROR(tx.Begin());
  DRIELUIK_RETURN_IF_ERROR(EnsureKeyCheck(*c));
  auto up = c->Prepare(
      "UPDATE signals SET version = version + 1, status = ?, channel = ?, municipality = ?, organisation = ?, "
      "received_at = ?, summary = ?, urgency = ?, document = ?, updated_at = ?, key_id = ? "
      "WHERE id = ? AND version = ?");
  if (!up.ok()) return up.status();
  up->Bind(1, ToCode(s.status)).Bind(2, ToCode(s.content.channel)).Bind(3, s.content.municipality)
      .Bind(4, s.content.organisation).Bind(5, Ms(s.received_at)).Bind(6, prot->summary).Bind(7, urgency)
      .Bind(8, prot->document).Bind(9, Ms(s.updated_at)).Bind(10, prot->key_id).Bind(11, s.id)
      .Bind(12, expected_version);
  DRIELUIK_RETURN_IF_ERROR(up->Run());
  if (sqlite3_changes(c->raw()) == 0) {
    auto q = c->Prepare("SELECT version FROM signals WHERE id = ?");
    if (!q.ok()) return q.status();
    q->Bind(1, s.id);
    auto row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::NotFound("signal " + std::to_string(s.id));
    return Status::Conflict("stale version; current version is " + std::to_string(q->Int(0)));
  }
  DRIELUIK_RETURN_IF_ERROR(WriteForms(*c, s.id, s.content.forms));
  DRIELUIK_RETURN_IF_ERROR(WriteWords(*c, s.id, prot->words));
  DRIELUIK_RETURN_IF_ERROR(WriteHistory(*c, s.id, entry));
  if (link_keys) DRIELUIK_RETURN_IF_ERROR(WriteLinkKeys(*c, s.id, *link_keys));
  auto loaded = LoadSignal(*c, s.id);
  if (!loaded.ok()) return loaded;
  DRIELUIK_RETURN_IF_ERROR(tx.Commit());
  key_check_written_ = true;
  return loaded;
}

Result<SignalPage> SqliteStore::List(const SignalFilter& f) {
  DRIELUIK_RETURN_IF_ERROR(protector_.RequireKeys());
  std::string sql = std::string("SELECT ") + kSignalColumns + " FROM signals s WHERE 1=1";
  TimePoint cursor_at;
  SignalId cursor_id = 0;
  if (!f.cursor.empty()) {
    DRIELUIK_RETURN_IF_ERROR(DecodeCursor(f.cursor, cursor_at, cursor_id));
    sql += " AND (s.received_at < ?1 OR (s.received_at = ?1 AND s.id < ?2))";
  }
  if (!f.municipality.empty()) sql += " AND s.municipality = ?3";
  if (f.status) sql += " AND s.status = ?4";
  if (f.from) sql += " AND s.received_at >= ?5";
  if (f.to) sql += " AND s.received_at < ?6";
  if (!f.form.empty()) sql += " AND EXISTS (SELECT 1 FROM signal_forms sf WHERE sf.signal_id = s.id AND sf.form = ?7)";
  std::string scope_orgs;
  if (f.scoped) {
    for (const auto& o : f.scope_organisations) scope_orgs += (scope_orgs.empty() ? "" : ",") + o;
    sql += " AND (s.municipality = ?10 OR (s.organisation <> '' AND instr(',' || ?11 || ',', ',' || s.organisation || ',') > 0)";
    if (f.scope_referred_to_police) sql += " OR s.id IN (SELECT signal_id FROM signal_referrals WHERE route IN " + PoliceReferralsSql() + ")";
    sql += ")";
  }
  Lease c = Acquire();
  if (f.text.find_first_not_of(" \t\r\n") != std::string::npos) {
    // Whole-word search on the keyed word indexes (the free text itself is encrypted).
    // A word shorter than 2 characters is never indexed, so it matches nothing.
    std::vector<std::vector<std::int64_t>> words = protector_.QueryWords(f.text);
    if (words.empty()) return SignalPage{};
    // Two plans, chosen by how common the words are. A rare word: look its signals up
    // and sort them. Only common words: walk the (received_at, id) index newest first and
    // test each row's words ("+" keeps SQLite from driving the query by a word), which
    // stops after one page instead of sorting every match.
    std::size_t rarest = 0;
    std::int64_t rarest_n = -1;
    for (std::size_t i = 0; i < words.size(); ++i) {
      auto probe = c->Prepare("SELECT count(*) FROM (SELECT 1 FROM signal_words WHERE word IN (" + IntList(words[i]) +
                              ") LIMIT 2000)");
      if (!probe.ok()) return probe.status();
      auto row = probe->Step();
      if (!row.ok()) return row.status();
      if (rarest_n < 0 || probe->Int(0) < rarest_n) {
        rarest_n = probe->Int(0);
        rarest = i;
      }
    }
    if (rarest_n == 0) return SignalPage{};
    for (std::size_t i = 0; i < words.size(); ++i) {
      if (i == rarest && rarest_n < 2000)
        sql += " AND s.id IN (SELECT signal_id FROM signal_words WHERE word IN (" + IntList(words[i]) + "))";
      else
        sql += " AND EXISTS (SELECT 1 FROM signal_words w WHERE w.signal_id = +s.id AND w.word IN (" +
               IntList(words[i]) + "))";
    }
  }
  sql += " ORDER BY s.received_at DESC, s.id DESC LIMIT ?9";

  auto q = c->Prepare(sql);
  if (!q.ok()) return q.status();
  if (!f.cursor.empty()) q->Bind(1, Ms(cursor_at)).Bind(2, cursor_id);
  if (!f.municipality.empty()) q->Bind(3, f.municipality);
  if (f.status) q->Bind(4, ToCode(*f.status));
  if (f.from) q->Bind(5, Ms(*f.from));
  if (f.to) q->Bind(6, Ms(*f.to));
  if (!f.form.empty()) q->Bind(7, f.form);
  if (f.scoped) q->Bind(10, f.scope_municipality).Bind(11, scope_orgs);
  int limit = std::clamp(f.limit, 1, 200);
  q->Bind(9, limit + 1);
  SignalPage page;
  while (true) {
    auto row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    auto s = RowToSignal(*q);
    if (!s.ok()) return s.status();
    page.items.push_back(std::move(s).value());
  }
  if (static_cast<int>(page.items.size()) > limit) {
    page.items.pop_back();
    page.next_cursor = EncodeCursor(page.items.back().received_at, page.items.back().id);
  }
  return page;
}

Result<std::vector<HistoryEntry>> SqliteStore::History(SignalId id) {
  Lease c = Acquire();
  auto q = c->Prepare("SELECT at, action, actor, fields FROM signal_history WHERE signal_id = ? ORDER BY id");
  if (!q.ok()) return q.status();
  q->Bind(1, id);
  std::vector<HistoryEntry> out;
  while (true) {
    auto row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.push_back({FromMs(q->Int(0)), q->Text(1), q->Text(2), DecodeFieldList(q->Text(3))});
  }
  return out;
}

Status SqliteStore::AddAddition(SignalId id, const Addition& addition, const HistoryEntry& entry,
                                const AuditIntent* audit) {
  DRIELUIK_RETURN_IF_ERROR(protector_.RequireKeys());
  Lease c = Acquire();
  Transaction tx(*c);
  DRIELUIK_RETURN_IF_ERROR(tx.Begin());
  DRIELUIK_RETURN_IF_ERROR(EnsureKeyCheck(*c));
  auto next = NextId(*c, "signal_additions");
  if (!next.ok()) return next.status();
  auto text = protector_.ProtectAddition(addition.text, *next);
  if (!text.ok()) return text.status();
  auto ins = c->Prepare("INSERT INTO signal_additions (id, signal_id, at, text, key_id) VALUES (?, ?, ?, ?, ?)");
  if (!ins.ok()) return ins.status();
  Status s = ins->Bind(1, *next).Bind(2, id).Bind(3, Ms(addition.at)).Bind(4, *text)
                 .Bind(5, protector_.current_key_id()).Run();
  if (!s.ok()) return s.code() == StatusCode::kConflict ? Status::NotFound("signal " + std::to_string(id)) : s;
  auto up = c->Prepare("UPDATE signals SET version = version + 1, updated_at = ? WHERE id = ?");
  if (!up.ok()) return up.status();
  DRIELUIK_RETURN_IF_ERROR(up->Bind(1, Ms(addition.at)).Bind(2, id).Run());
  DRIELUIK_RETURN_IF_ERROR(WriteHistory(*c, id, entry));
  DRIELUIK_RETURN_IF_ERROR(AppendAuditIntent(*MakeSqlTx(*c), audit, std::to_string(id)));
  DRIELUIK_RETURN_IF_ERROR(tx.Commit());
  key_check_written_ = true;
  return Status::Ok();
}

Result<std::string> SqliteStore::PublicSecretHash(SignalId id) {
  Lease c = Acquire();
  auto q = c->Prepare("SELECT public_secret_hash FROM signals WHERE id = ?");
  if (!q.ok()) return q.status();
  q->Bind(1, id);
  auto row = q->Step();
  if (!row.ok()) return row.status();
  if (!*row || q->IsNull(0)) return Status::NotFound("public secret");
  return q->Text(0);
}

Result<std::int64_t> SqliteStore::Count() {
  Lease c = Acquire();
  auto q = c->Prepare("SELECT count(*) FROM signals");
  if (!q.ok()) return q.status();
  auto row = q->Step();
  if (!row.ok()) return row.status();
  return q->Int(0);
}

Status SqliteStore::BackupTo(const std::string& target_path) {
  if (std::filesystem::exists(target_path)) return Status::Conflict("backup target exists: " + target_path);
  sqlite3* dest = nullptr;
  if (sqlite3_open_v2(target_path.c_str(), &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    sqlite3_close(dest);
    return Status::Unavailable("cannot create backup file " + target_path);
  }
  Lease c = Acquire();
  sqlite3_backup* b = sqlite3_backup_init(dest, "main", c->raw(), "main");
  if (!b) {
    std::string msg = sqlite3_errmsg(dest);
    sqlite3_close(dest);
    return Status::Internal("backup: " + msg);
  }
  int rc;
  do {
    rc = sqlite3_backup_step(b, 256);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(b);
  int final_rc = sqlite3_errcode(dest);
  sqlite3_close(dest);
  if (rc != SQLITE_DONE || final_rc != SQLITE_OK) return Status::Internal("backup did not complete");
  return Status::Ok();
}

}  // namespace drieluik::store::sqlite

namespace drieluik::store::sqlite {

namespace {
std::optional<LinkKind> LinkKindFromCode(const std::string& code) {
  for (LinkKind k : {LinkKind::kPerson, LinkKind::kAddress, LinkKind::kBusiness, LinkKind::kPhone, LinkKind::kVehicle})
    if (ToCode(k) == code) return k;
  return std::nullopt;
}
}  // namespace

Result<std::string> SqliteStore::HashLinkKey(const domain::LinkKey& k) {
  DRIELUIK_RETURN_IF_ERROR(protector_.RequireKeys());
  return protector_.LinkKeyHash(k);
}

Result<std::vector<std::string>> SqliteStore::SearchHashesOf(const domain::LinkKey& k) {
  DRIELUIK_RETURN_IF_ERROR(protector_.RequireKeys());
  return protector_.LinkKeySearchHashes(k);
}

Status SqliteStore::ReplaceLinkKeys(SignalId id, const std::vector<StoredLinkKey>& keys) {
  Lease c = Acquire();
  Transaction tx(*c);
  DRIELUIK_RETURN_IF_ERROR(tx.Begin());
  Status s = WriteLinkKeys(*c, id, keys);
  if (!s.ok()) return s.code() == StatusCode::kConflict ? Status::NotFound("signal " + std::to_string(id)) : s;
  return tx.Commit();
}

Result<std::vector<LinkHit>> SqliteStore::FindByHashes(const std::vector<std::string>& hashes, SignalId exclude) {
  Lease c = Acquire();
  std::vector<LinkHit> out;
  for (const auto& h : hashes) {
    auto q = c->Prepare("SELECT signal_id, kind FROM signal_link_keys WHERE key_hash = ? AND signal_id <> ? LIMIT 1000");
    if (!q.ok()) return q.status();
    q->Bind(1, h).Bind(2, exclude);
    while (true) {
      auto row = q->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      auto kind = LinkKindFromCode(q->Text(1));
      if (kind) out.push_back({q->Int(0), *kind, h});
    }
  }
  return out;
}

Result<std::vector<Hotspot>> SqliteStore::Hotspots(LinkKind kind, int min_signals, int limit) {
  Lease c = Acquire();
  auto q = c->Prepare(
      "SELECT key_hash, count(*) AS n FROM signal_link_keys WHERE kind = ? GROUP BY key_hash HAVING n >= ? "
      "ORDER BY n DESC, key_hash LIMIT ?");
  if (!q.ok()) return q.status();
  q->Bind(1, ToCode(kind)).Bind(2, min_signals).Bind(3, limit);
  std::vector<Hotspot> out;
  while (true) {
    auto row = q->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.push_back({kind, q->Text(0), {}});
  }
  for (auto& h : out) {
    auto s = c->Prepare(
        "SELECT k.signal_id FROM signal_link_keys k JOIN signals s ON s.id = k.signal_id WHERE k.key_hash = ? "
        "ORDER BY s.received_at DESC, s.id DESC");
    if (!s.ok()) return s.status();
    s->Bind(1, h.hash);
    while (true) {
      auto row = s->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      h.signals.push_back(s->Int(0));
    }
  }
  return out;
}

}  // namespace drieluik::store::sqlite
