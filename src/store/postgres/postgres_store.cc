#include "store/postgres/postgres_store.h"

#include <optional>

#include <algorithm>
#include <cctype>
#include <chrono>

#include "store/audit_sql.h"
#include "store/migrations.h"
#include "store/postgres/postgres_accounts.h"
#include "store/postgres/postgres_compartments.h"
#include "store/postgres/postgres_retention.h"
#include "store/postgres/postgres_pool.h"
#include "store/signal_codec.h"

namespace drieluik::store::postgres {

using namespace drieluik::domain;

namespace {

std::int64_t Ms(TimePoint t) { return t.time_since_epoch().count(); }
TimePoint FromMs(long long ms) { return TimePoint(std::chrono::milliseconds(ms)); }

constexpr const char* kSignalColumns =
    "s.id, s.reference_code, s.version, s.status, s.channel, s.municipality, s.organisation, "
    "s.received_at, s.summary, s.document, s.created_at, s.updated_at, s.key_id";

// Batches of re-encryption when Migrate encrypts rows from before migration 005.
constexpr int kMigrateBatch = 500;

}  // namespace

const std::vector<std::pair<const char*, std::string>>& PreparedStatements() {
  static const std::vector<std::pair<const char*, std::string>> list = {
      {"get_signal", std::string("SELECT ") + kSignalColumns + " FROM signals s WHERE s.id = $1"},
      {"get_additions", "SELECT at, text, id, key_id FROM signal_additions WHERE signal_id = $1 ORDER BY id"},
      {"next_signal_id", "SELECT nextval(pg_get_serial_sequence('signals', 'id'))"},
      {"next_addition_id", "SELECT nextval(pg_get_serial_sequence('signal_additions', 'id'))"},
      {"delete_words", "DELETE FROM signal_words WHERE signal_id = $1"},
      {"insert_words",
       "INSERT INTO signal_words (signal_id, word) SELECT $1, unnest($2::bigint[]) ON CONFLICT DO NOTHING"},
      {"key_check", "INSERT INTO encryption_keys (key_id, check_value) VALUES ($1, $2) ON CONFLICT DO NOTHING"},
      {"find_reference", "SELECT id FROM signals WHERE reference_code = $1"},
      {"insert_signal",
       "INSERT INTO signals (id, reference_code, version, status, channel, municipality, organisation, received_at, "
       "summary, urgency, document, public_secret_hash, created_at, updated_at, key_id) "
       "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)"},
      {"update_signal",
       "UPDATE signals SET version = version + 1, status = $1, channel = $2, municipality = $3, organisation = $4, "
       "received_at = $5, summary = $6, urgency = $7, document = $8, updated_at = $9, key_id = $12 "
       "WHERE id = $10 AND version = $11"},
      {"signal_version", "SELECT version FROM signals WHERE id = $1"},
      {"delete_forms", "DELETE FROM signal_forms WHERE signal_id = $1"},
      {"insert_form", "INSERT INTO signal_forms (signal_id, form) VALUES ($1, $2)"},
      {"insert_history", "INSERT INTO signal_history (signal_id, at, action, actor, fields) VALUES ($1, $2, $3, $4, $5)"},
      {"history", "SELECT at, action, actor, fields FROM signal_history WHERE signal_id = $1 ORDER BY id"},
      {"bump_version", "UPDATE signals SET version = version + 1, updated_at = $2 WHERE id = $1 RETURNING id"},
      {"insert_addition", "INSERT INTO signal_additions (id, signal_id, at, text, key_id) VALUES ($1, $2, $3, $4, $5)"},
      {"secret_hash", "SELECT public_secret_hash FROM signals WHERE id = $1"},
      {"count", "SELECT count(*) FROM signals"},
  };
  return list;
}

namespace {

Result<Signal> RowToSignal(const pqxx::row& r, const SignalProtector& protector) {
  Signal s;
  s.id = r[0].as<std::int64_t>();
  s.reference_code = r[1].as<std::string>();
  s.version = r[2].as<std::int64_t>();
  auto status = FromCode<SignalStatus>(r[3].as<std::string>());
  auto channel = FromCode<Channel>(r[4].as<std::string>());
  if (!status || !channel) return Status::Internal("stored signal has an unknown status or channel");
  s.status = *status;
  s.content.channel = *channel;
  s.content.municipality = r[5].as<std::string>();
  s.content.organisation = r[6].as<std::string>();
  s.received_at = FromMs(r[7].as<long long>());
  s.content.received_at = s.received_at;
  DRIELUIK_RETURN_IF_ERROR(
      protector.Unprotect(r[12].as<std::string>(), r[8].as<std::string>(), r[9].as<std::string>(), s.id, s.content));
  s.created_at = FromMs(r[10].as<long long>());
  s.updated_at = FromMs(r[11].as<long long>());
  return s;
}

std::string IntArray(const std::vector<std::int64_t>& v) {
  std::string out = "{";
  for (std::int64_t x : v) out += (out.size() > 1 ? "," : "") + std::to_string(x);
  return out + "}";
}

void WriteLinkKeys(pqxx::transaction_base& tx, SignalId id, const std::vector<StoredLinkKey>& keys) {
  tx.exec_params("DELETE FROM signal_link_keys WHERE signal_id = $1", id);
  for (const auto& k : keys)
    tx.exec_params("INSERT INTO signal_link_keys (signal_id, kind, key_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                   id, std::string(ToCode(k.kind)), k.hash);
}

}  // namespace

std::string RedactConninfo(const std::string& conninfo) {
  return Scrub(conninfo, PasswordOf(conninfo));
}

PostgresStore::PostgresStore(std::unique_ptr<Pool> pool, std::shared_ptr<const crypto::KeyRing> keys)
    : pool_(std::move(pool)),
      accounts_(std::make_unique<PostgresAccounts>(*pool_, protector_)),
      compartments_(std::make_unique<PostgresCompartments>(*pool_, protector_)),
      retention_(std::make_unique<PostgresRetention>(*pool_, protector_)),
      protector_(std::move(keys)) {}

domain::AccountRepository& PostgresStore::accounts() { return *accounts_; }
domain::AuditRepository& PostgresStore::audit() { return *accounts_; }
domain::CompartmentRepository& PostgresStore::compartments() { return *compartments_; }
domain::RetentionRepository& PostgresStore::retention() { return *retention_; }
PostgresStore::~PostgresStore() = default;

Result<std::unique_ptr<PostgresStore>> PostgresStore::Open(const std::string& conninfo, PostgresOptions options,
                                                           std::shared_ptr<const crypto::KeyRing> keys) {
  auto pool = std::make_unique<Pool>(conninfo, options);
  {
    auto lease = pool->Acquire();  // fail early when the server cannot be reached
    if (!lease.ok()) return lease.status();
  }
  return std::unique_ptr<PostgresStore>(new PostgresStore(std::move(pool), std::move(keys)));
}

std::vector<int> PostgresStore::TEST_BackendPids() { return pool_->BackendPids(); }
int PostgresStore::open_connections() { return pool_->open(); }

Status PostgresStore::Migrate() {
  Status s = pool_->Run([](pqxx::transaction_base& tx) -> Status {
    tx.exec("SELECT pg_advisory_xact_lock(7245017)");
    tx.exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
        "applied_at BIGINT NOT NULL)");
    return Status::Ok();
  });
  DRIELUIK_RETURN_IF_ERROR(s);
  for (const Migration& m : PostgresMigrations()) {
    Status ms = pool_->Run([&m](pqxx::transaction_base& tx) -> Status {
      // One migrator at a time, also across processes.
      tx.exec("SELECT pg_advisory_xact_lock(7245017)");
      if (!tx.exec_params("SELECT 1 FROM schema_migrations WHERE version = $1", m.version).empty())
        return Status::Ok();
      tx.exec(std::string(m.sql));
      tx.exec_params(
          "INSERT INTO schema_migrations (version, name, applied_at) "
          "VALUES ($1, $2, (extract(epoch FROM now()) * 1000)::bigint)",
          m.version, m.name);
      return Status::Ok();
    });
    if (!ms.ok()) {
      if (ms.code() == StatusCode::kUnavailable) return ms;
      return Status::Internal("migration " + m.name + " failed: " + ms.message());
    }
  }
  if (!protector_.has_keys()) return Status::Ok();
  Status keys_ok = pool_->Run<pqxx::read_committed, pqxx::read_only>([&](pqxx::transaction_base& tx) -> Status {
    for (const auto& r : tx.exec("SELECT key_id, check_value FROM encryption_keys ORDER BY key_id")) {
      std::string id = r[0].as<std::string>();
      if (protector_.Has(id)) {
        DRIELUIK_RETURN_IF_ERROR(protector_.VerifyKeyCheck(id, r[1].as<std::string>()));
        continue;
      }
      std::vector<std::string> tables = {"signals WHERE key_id", "signal_additions WHERE key_id",
                                         "signal_compartments WHERE key_id", "users WHERE totp_key_id"};
      for (const auto& t : DrieluikSealedTables()) tables.push_back(t + " WHERE key_id");
      for (const auto& table : tables)
        if (!tx.exec_params("SELECT 1 FROM " + table + " = $1 LIMIT 1", id).empty()) return MissingKeyError(id);
    }
    return Status::Ok();
  });
  DRIELUIK_RETURN_IF_ERROR(keys_ok);
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

Result<int> PostgresStore::RebuildLinkKeys(int max_rows) {
  return pool_->Run([&](pqxx::transaction_base& tx) -> Result<int> {
    // FOR UPDATE OF r SKIP LOCKED: two servers starting at once share the queue.
    auto rows = tx.exec_params(
        "SELECT r.signal_id, s.key_id, s.summary, s.document FROM link_key_rebuild r LEFT JOIN signals s ON s.id = "
        "r.signal_id ORDER BY r.signal_id LIMIT $1 FOR UPDATE OF r SKIP LOCKED",
        max_rows);
    for (const auto& row : rows) {
      SignalId id = row[0].as<SignalId>();
      if (!row[1].is_null()) {
        SignalContent content;
        DRIELUIK_RETURN_IF_ERROR(protector_.Unprotect(row[1].as<std::string>(), row[2].as<std::string>(),
                                                      row[3].as<std::string>(), id, content));
        WriteLinkKeys(tx, id, protector_.LinkKeysFor(content));
      }
      tx.exec_params("DELETE FROM link_key_rebuild WHERE signal_id = $1", id);
    }
    return static_cast<int>(rows.size());
  });
}

Result<ReencryptProgress> PostgresStore::ReencryptBatch(int max_rows) { return Reencrypt(max_rows, false); }

Result<ReencryptProgress> PostgresStore::Reencrypt(int max_rows, bool plain_only) {
  DRIELUIK_RETURN_IF_ERROR(protector_.RequireKeys());
  const std::string current = protector_.current_key_id();
  std::vector<std::string> old_ids = {""};
  if (!plain_only)
    for (const auto& id : protector_.key_ids())
      if (id != current) old_ids.push_back(id);
  auto r = pool_->Run([&](pqxx::transaction_base& tx) -> Result<ReencryptProgress> {
    ReencryptProgress p;
    bool checked = false;
    auto check = [&] {
      if (!checked) tx.exec_prepared("key_check", current, protector_.KeyCheckValue());
      checked = true;
    };
    int left = std::max(1, max_rows);
    for (const auto& old : old_ids) {
      if (left <= 0) break;
      // FOR UPDATE: a writer of the same signal waits for this batch, then finds the new
      // ciphertext (and its own optimistic version check still holds).
      for (const auto& row : tx.exec_params(
               "SELECT id, summary, document FROM signals WHERE key_id = $1 ORDER BY id LIMIT $2 FOR UPDATE", old,
               left)) {
        check();
        SignalId id = row[0].as<SignalId>();
        SignalContent content;
        DRIELUIK_RETURN_IF_ERROR(
            protector_.Unprotect(old, row[1].as<std::string>(), row[2].as<std::string>(), id, content));
        auto prot = protector_.Protect(content, id);
        if (!prot.ok()) return prot.status();
        tx.exec_params("UPDATE signals SET summary = $1, document = $2, key_id = $3 WHERE id = $4", prot->summary,
                       prot->document, prot->key_id, id);
        tx.exec_prepared("delete_words", id);
        tx.exec_prepared("insert_words", id, IntArray(prot->words));
        WriteLinkKeys(tx, id, protector_.LinkKeysFor(content));
        ++p.signals;
        --left;
      }
    }
    for (const auto& old : old_ids) {
      if (left <= 0) break;
      for (const auto& row : tx.exec_params(
               "SELECT id, text FROM signal_additions WHERE key_id = $1 ORDER BY id LIMIT $2 FOR UPDATE", old, left)) {
        check();
        std::int64_t id = row[0].as<std::int64_t>();
        auto text = protector_.UnprotectAddition(old, row[1].as<std::string>(), id);
        if (!text.ok()) return text.status();
        auto enc = protector_.ProtectAddition(*text, id);
        if (!enc.ok()) return enc.status();
        tx.exec_params("UPDATE signal_additions SET text = $1, key_id = $2 WHERE id = $3", *enc, current, id);
        ++p.additions;
        --left;
      }
    }
    // The police and care compartments (migration 006 writes them encrypted from the start).
    for (const auto& old : old_ids) {
      if (left <= 0 || old.empty()) continue;
      for (const auto& row : tx.exec_params(
               "SELECT signal_id, compartment, document FROM signal_compartments WHERE key_id = $1 "
               "ORDER BY signal_id, compartment LIMIT $2 FOR UPDATE",
               old, left)) {
        check();
        SignalId id = row[0].as<SignalId>();
        std::string compartment = row[1].as<std::string>();
        auto doc = protector_.UnprotectCompartment(old, row[2].as<std::string>(), id, compartment);
        if (!doc.ok()) return doc.status();
        auto enc = protector_.ProtectCompartment(*doc, id, compartment);
        if (!enc.ok()) return enc.status();
        tx.exec_params("UPDATE signal_compartments SET document = $1, key_id = $2 WHERE signal_id = $3 AND compartment = $4",
                       *enc, current, id, compartment);
        ++p.compartments;
        --left;
      }
    }
    // Users' TOTP secrets (migration 010; '' with an empty secret means no secret).
    for (const auto& old : old_ids) {
      if (left <= 0) break;
      for (const auto& row : tx.exec_params(
               "SELECT id, totp_secret FROM users WHERE totp_key_id = $1 AND totp_secret <> '' ORDER BY id LIMIT $2 "
               "FOR UPDATE",
               old, left)) {
        check();
        std::int64_t id = row[0].as<std::int64_t>();
        auto secret = protector_.UnprotectTotpSecret(old, row[1].as<std::string>(), id);
        if (!secret.ok()) return secret.status();
        auto enc = protector_.ProtectTotpSecret(*secret, id);
        if (!enc.ok()) return enc.status();
        tx.exec_params("UPDATE users SET totp_secret = $1, totp_key_id = $2 WHERE id = $3", enc->value, enc->key_id, id);
        ++p.totp_secrets;
        --left;
      }
    }
    // The Drieluik's free text (migration 011).
    if (left > 0) {
      auto sql = MakeSqlTx(tx);
      auto n = ReencryptDrieluikRows(*sql, protector_, old_ids, left, " FOR UPDATE");
      if (!n.ok()) return n.status();
      p.drieluik_rows = *n;
      left -= static_cast<int>(*n);
    }
    if (p.signals == 0 && p.additions == 0 && p.compartments == 0 && p.totp_secrets == 0 && p.drieluik_rows == 0) {
      p.done = true;
      if (!plain_only) {
        std::string sql =
            "DELETE FROM encryption_keys k WHERE k.key_id <> $1 AND NOT EXISTS (SELECT 1 FROM signals s WHERE "
            "s.key_id = k.key_id) AND NOT EXISTS (SELECT 1 FROM signal_additions a WHERE a.key_id = k.key_id) "
            "AND NOT EXISTS (SELECT 1 FROM signal_compartments c WHERE c.key_id = k.key_id) "
            "AND NOT EXISTS (SELECT 1 FROM users u WHERE u.totp_key_id = k.key_id)";
        for (const auto& t : DrieluikSealedTables())
          sql += " AND NOT EXISTS (SELECT 1 FROM " + t + " d WHERE d.key_id = k.key_id)";
        tx.exec_params(sql, current);
      }
    }
    return p;
  });
  if (r.ok() && !r->done) key_check_written_ = true;
  return r;
}

Result<int> PostgresStore::SchemaVersion() {
  return pool_->Run<pqxx::read_committed, pqxx::read_only>([](pqxx::transaction_base& tx) -> Result<int> {
    if (tx.exec("SELECT to_regclass('schema_migrations')")[0][0].is_null()) return 0;  // a fresh database
    return tx.exec("SELECT coalesce(max(version), 0) FROM schema_migrations")[0][0].as<int>();
  });
}

std::string PostgresStore::Describe() {
  auto lease = pool_->Acquire();
  if (!lease.ok()) return "postgresql (unavailable)";
  int v = (*lease)->server_version();
  return "postgresql " + std::to_string(v / 10000) + "." + std::to_string(v % 10000);
}

namespace {

Result<Signal> LoadSignal(pqxx::transaction_base& tx, SignalId id, const SignalProtector& protector) {
  auto r = tx.exec_prepared("get_signal", id);
  if (r.empty()) return Status::NotFound("signal " + std::to_string(id));
  auto s = RowToSignal(r[0], protector);
  if (!s.ok()) return s;
  for (const auto& a : tx.exec_prepared("get_additions", id)) {
    auto text = protector.UnprotectAddition(a[3].as<std::string>(), a[1].as<std::string>(), a[2].as<std::int64_t>());
    if (!text.ok()) return text.status();
    s->additions.push_back({FromMs(a[0].as<long long>()), std::move(text).value()});
  }
  return s;
}

void WriteWords(pqxx::transaction_base& tx, SignalId id, const std::vector<std::int64_t>& words) {
  tx.exec_prepared("delete_words", id);
  if (!words.empty()) tx.exec_prepared("insert_words", id, IntArray(words));
}

void WriteForms(pqxx::transaction_base& tx, SignalId id, const std::vector<std::string>& forms) {
  tx.exec_prepared("delete_forms", id);
  for (const auto& f : forms) tx.exec_prepared("insert_form", id, f);
}

void WriteHistory(pqxx::transaction_base& tx, SignalId id, const HistoryEntry& e) {
  tx.exec_prepared("insert_history", id, Ms(e.at), e.action, e.actor, EncodeFieldList(e.fields));
}

}  // namespace

Result<Signal> PostgresStore::Insert(const NewSignal& n) {
  DRIELUIK_RETURN_IF_ERROR(protector_.RequireKeys());
  const Signal& s = n.signal;
  auto r = pool_->Run([&](pqxx::transaction_base& tx) -> Result<Signal> {
    if (!key_check_written_) tx.exec_prepared("key_check", protector_.current_key_id(), protector_.KeyCheckValue());
    // The id first: each ciphertext is bound to its row.
    SignalId id = tx.exec_prepared1("next_signal_id")[0].as<SignalId>();
    auto prot = protector_.Protect(s.content, id);
    if (!prot.ok()) return prot.status();
    const char* secret = n.public_secret_hash.empty() ? nullptr : n.public_secret_hash.c_str();
    tx.exec_prepared("insert_signal", id, s.reference_code, s.version, std::string(ToCode(s.status)),
                     std::string(ToCode(s.content.channel)), s.content.municipality, s.content.organisation,
                     Ms(s.received_at), prot->summary, n.urgency, prot->document, secret, Ms(s.created_at),
                     Ms(s.updated_at), prot->key_id);
    WriteForms(tx, id, s.content.forms);
    WriteWords(tx, id, prot->words);
    WriteHistory(tx, id, n.created);
    WriteLinkKeys(tx, id, n.link_keys);
    DRIELUIK_RETURN_IF_ERROR(AppendAuditIntent(*MakeSqlTx(tx), n.audit, std::to_string(id)));
    Signal out = s;
    out.id = id;
    return out;
  });
  if (!r.ok() && r.error().code() == StatusCode::kConflict) return Status::Conflict("reference code taken");
  if (r.ok()) key_check_written_ = true;
  return r;
}

Result<Signal> PostgresStore::Get(SignalId id) {
  DRIELUIK_RETURN_IF_ERROR(protector_.RequireKeys());
  return pool_->Run<pqxx::repeatable_read, pqxx::read_only>(
      [&](pqxx::transaction_base& tx) { return LoadSignal(tx, id, protector_); });
}

Result<Signal> PostgresStore::FindByReference(std::string_view reference_code) {
  DRIELUIK_RETURN_IF_ERROR(protector_.RequireKeys());
  std::string ref(reference_code);
  return pool_->Run<pqxx::repeatable_read, pqxx::read_only>([&](pqxx::transaction_base& tx) -> Result<Signal> {
    auto r = tx.exec_prepared("find_reference", ref);
    if (r.empty()) return Status::NotFound("reference code");
    return LoadSignal(tx, r[0][0].as<std::int64_t>(), protector_);
  });
}

Result<Signal> PostgresStore::Update(const Signal& s, std::int64_t expected_version, const std::string& urgency,
                                     const HistoryEntry& entry, const std::vector<StoredLinkKey>* link_keys) {
  DRIELUIK_RETURN_IF_ERROR(protector_.RequireKeys());
  auto prot = protector_.Protect(s.content, s.id);
  if (!prot.ok()) return prot.status();
  // READ COMMITTED: a concurrent writer of the same row waits for our commit, then
  // re-checks `version = expected` on the new row and updates nothing (Conflict).
  auto result = pool_->Run([&](pqxx::transaction_base& tx) -> Result<Signal> {
    if (!key_check_written_) tx.exec_prepared("key_check", protector_.current_key_id(), protector_.KeyCheckValue());
    auto up = tx.exec_prepared("update_signal", std::string(ToCode(s.status)), std::string(ToCode(s.content.channel)),
                               s.content.municipality, s.content.organisation, Ms(s.received_at), prot->summary,
                               urgency, prot->document, Ms(s.updated_at), s.id, expected_version, prot->key_id);
    if (up.affected_rows() == 0) {
      auto v = tx.exec_prepared("signal_version", s.id);
      if (v.empty()) return Status::NotFound("signal " + std::to_string(s.id));
      return Status::Conflict("stale version; current version is " + v[0][0].as<std::string>());
    }
    WriteForms(tx, s.id, s.content.forms);
    WriteWords(tx, s.id, prot->words);
    WriteHistory(tx, s.id, entry);
    if (link_keys) WriteLinkKeys(tx, s.id, *link_keys);
    return LoadSignal(tx, s.id, protector_);
  });
  if (result.ok()) key_check_written_ = true;
  return result;
}

Result<SignalPage> PostgresStore::List(const SignalFilter& f) {
  DRIELUIK_RETURN_IF_ERROR(protector_.RequireKeys());
  std::string sql = std::string("SELECT ") + kSignalColumns + " FROM signals s WHERE true";
  std::vector<std::string> params;
  auto param = [&](std::string v) {
    params.push_back(std::move(v));
    return "$" + std::to_string(params.size());
  };
  if (!f.cursor.empty()) {
    TimePoint cursor_at;
    SignalId cursor_id = 0;
    DRIELUIK_RETURN_IF_ERROR(DecodeCursor(f.cursor, cursor_at, cursor_id));
    // Row comparison, so the (received_at DESC, id DESC) index serves the keyset.
    std::string at = param(std::to_string(Ms(cursor_at)));
    std::string id = param(std::to_string(cursor_id));
    sql += " AND (s.received_at, s.id) < (" + at + "::bigint, " + id + "::bigint)";
  }
  if (!f.municipality.empty()) sql += " AND s.municipality = " + param(f.municipality);
  if (f.status) sql += " AND s.status = " + param(std::string(ToCode(*f.status)));
  if (f.from) sql += " AND s.received_at >= " + param(std::to_string(Ms(*f.from))) + "::bigint";
  if (f.to) sql += " AND s.received_at < " + param(std::to_string(Ms(*f.to))) + "::bigint";
  if (!f.form.empty())
    sql += " AND EXISTS (SELECT 1 FROM signal_forms sf WHERE sf.signal_id = s.id AND sf.form = " + param(f.form) + ")";
  if (f.scoped) {
    std::string orgs;
    for (const auto& o : f.scope_organisations) orgs += (orgs.empty() ? "" : ",") + o;
    sql += " AND (s.municipality = " + param(f.scope_municipality) + " OR s.organisation = ANY(string_to_array(" +
           param(orgs) + ", ','))";
    if (f.scope_referred_to_police)
      sql += " OR s.id IN (SELECT signal_id FROM signal_referrals WHERE route IN " + PoliceReferralsSql() + ")";
    sql += ")";
  }
  if (f.text.find_first_not_of(" \t\r\n") != std::string::npos) {
    // Whole-word search on the keyed word indexes (the free text itself is encrypted).
    // A word shorter than 2 characters is never indexed, so it matches nothing.
    std::vector<std::vector<std::int64_t>> words = protector_.QueryWords(f.text);
    if (words.empty()) return SignalPage{};
    for (const auto& w : words)
      sql += " AND EXISTS (SELECT 1 FROM signal_words w WHERE w.signal_id = s.id AND w.word = ANY(" +
             param(IntArray(w)) + "::bigint[]))";
  }
  int limit = std::clamp(f.limit, 1, 200);
  sql += " ORDER BY s.received_at DESC, s.id DESC LIMIT " + param(std::to_string(limit + 1)) + "::bigint";

  return pool_->Run<pqxx::read_committed, pqxx::read_only>([&](pqxx::transaction_base& tx) -> Result<SignalPage> {
    SignalPage page;
    for (const auto& row : tx.exec_params(sql, pqxx::prepare::make_dynamic_params(params))) {
      auto s = RowToSignal(row, protector_);
      if (!s.ok()) return s.status();
      page.items.push_back(std::move(s).value());
    }
    if (static_cast<int>(page.items.size()) > limit) {
      page.items.pop_back();
      page.next_cursor = EncodeCursor(page.items.back().received_at, page.items.back().id);
    }
    return page;
  });
}

Result<std::vector<HistoryEntry>> PostgresStore::History(SignalId id) {
  return pool_->Run<pqxx::read_committed, pqxx::read_only>(
      [&](pqxx::transaction_base& tx) -> Result<std::vector<HistoryEntry>> {
        std::vector<HistoryEntry> out;
        for (const auto& r : tx.exec_prepared("history", id))
          out.push_back({FromMs(r[0].as<long long>()), r[1].as<std::string>(), r[2].as<std::string>(),
                         DecodeFieldList(r[3].as<std::string>())});
        return out;
      });
}

Status PostgresStore::AddAddition(SignalId id, const Addition& addition, const HistoryEntry& entry,
                                  const AuditIntent* audit) {
  DRIELUIK_RETURN_IF_ERROR(protector_.RequireKeys());
  Status s = pool_->Run([&](pqxx::transaction_base& tx) -> Status {
    if (!key_check_written_) tx.exec_prepared("key_check", protector_.current_key_id(), protector_.KeyCheckValue());
    // Lock the signal's row first (the version bump), then write beside it.
    if (tx.exec_prepared("bump_version", id, Ms(addition.at)).empty())
      return Status::NotFound("signal " + std::to_string(id));
    std::int64_t addition_id = tx.exec_prepared1("next_addition_id")[0].as<std::int64_t>();
    auto text = protector_.ProtectAddition(addition.text, addition_id);
    if (!text.ok()) return text.status();
    tx.exec_prepared("insert_addition", addition_id, id, Ms(addition.at), *text, protector_.current_key_id());
    WriteHistory(tx, id, entry);
    return AppendAuditIntent(*MakeSqlTx(tx), audit, std::to_string(id));
  });
  if (s.ok()) key_check_written_ = true;
  return s;
}

Result<std::string> PostgresStore::PublicSecretHash(SignalId id) {
  return pool_->Run<pqxx::read_committed, pqxx::read_only>([&](pqxx::transaction_base& tx) -> Result<std::string> {
    auto r = tx.exec_prepared("secret_hash", id);
    if (r.empty() || r[0][0].is_null()) return Status::NotFound("public secret");
    return r[0][0].as<std::string>();
  });
}

Result<std::int64_t> PostgresStore::Count() {
  return pool_->Run<pqxx::read_committed, pqxx::read_only>([](pqxx::transaction_base& tx) -> Result<std::int64_t> {
    return tx.exec_prepared("count")[0][0].as<std::int64_t>();
  });
}

namespace {
std::optional<LinkKind> LinkKindFromCode(const std::string& code) {
  for (LinkKind k : {LinkKind::kPerson, LinkKind::kAddress, LinkKind::kBusiness, LinkKind::kPhone, LinkKind::kVehicle})
    if (ToCode(k) == code) return k;
  return std::nullopt;
}
}  // namespace

Result<std::string> PostgresStore::HashLinkKey(const domain::LinkKey& k) {
  DRIELUIK_RETURN_IF_ERROR(protector_.RequireKeys());
  return protector_.LinkKeyHash(k);
}

Result<std::vector<std::string>> PostgresStore::SearchHashesOf(const domain::LinkKey& k) {
  DRIELUIK_RETURN_IF_ERROR(protector_.RequireKeys());
  return protector_.LinkKeySearchHashes(k);
}

Status PostgresStore::ReplaceLinkKeys(SignalId id, const std::vector<StoredLinkKey>& keys) {
  return pool_->Run([&](pqxx::transaction_base& tx) -> Status {
    // Lock the signal row so a concurrent delete cannot interleave.
    if (tx.exec_params("SELECT 1 FROM signals WHERE id = $1 FOR SHARE", id).empty())
      return Status::NotFound("signal " + std::to_string(id));
    WriteLinkKeys(tx, id, keys);
    return Status::Ok();
  });
}

Result<std::vector<LinkHit>> PostgresStore::FindByHashes(const std::vector<std::string>& hashes, SignalId exclude) {
  return pool_->Run<pqxx::read_committed, pqxx::read_only>(
      [&](pqxx::transaction_base& tx) -> Result<std::vector<LinkHit>> {
        std::vector<LinkHit> out;
        for (const auto& h : hashes)
          for (const auto& r : tx.exec_params(
                   "SELECT signal_id, kind FROM signal_link_keys WHERE key_hash = $1 AND signal_id <> $2 LIMIT 1000", h,
                   exclude))
            if (auto kind = LinkKindFromCode(r[1].as<std::string>())) out.push_back({r[0].as<SignalId>(), *kind, h});
        return out;
      });
}

Result<std::vector<Hotspot>> PostgresStore::Hotspots(LinkKind kind, int min_signals, int limit) {
  return pool_->Run<pqxx::read_committed, pqxx::read_only>(
      [&](pqxx::transaction_base& tx) -> Result<std::vector<Hotspot>> {
        std::vector<Hotspot> out;
        for (const auto& r : tx.exec_params(
                 "SELECT key_hash, count(*) AS n FROM signal_link_keys WHERE kind = $1 GROUP BY key_hash "
                 "HAVING count(*) >= $2 ORDER BY n DESC, key_hash LIMIT $3",
                 std::string(ToCode(kind)), min_signals, limit))
          out.push_back({kind, r[0].as<std::string>(), {}});
        for (auto& h : out)
          for (const auto& r : tx.exec_params(
                   "SELECT k.signal_id FROM signal_link_keys k JOIN signals s ON s.id = k.signal_id "
                   "WHERE k.key_hash = $1 ORDER BY s.received_at DESC, s.id DESC",
                   h.hash))
            h.signals.push_back(r[0].as<SignalId>());
        return out;
      });
}

}  // namespace drieluik::store::postgres
