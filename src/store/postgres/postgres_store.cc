#include "store/postgres/postgres_store.h"

#include <optional>

#include <algorithm>
#include <cctype>
#include <chrono>

#include "store/migrations.h"
#include "store/postgres/postgres_accounts.h"
#include "store/postgres/postgres_pool.h"
#include "store/signal_codec.h"

namespace drieluik::store::postgres {

using namespace drieluik::domain;

namespace {

std::int64_t Ms(TimePoint t) { return t.time_since_epoch().count(); }
TimePoint FromMs(long long ms) { return TimePoint(std::chrono::milliseconds(ms)); }

constexpr const char* kSignalColumns =
    "s.id, s.reference_code, s.version, s.status, s.channel, s.municipality, s.organisation, "
    "s.received_at, s.summary, s.document::text, s.created_at, s.updated_at";

}  // namespace

const std::vector<std::pair<const char*, std::string>>& PreparedStatements() {
  static const std::vector<std::pair<const char*, std::string>> list = {
      {"get_signal", std::string("SELECT ") + kSignalColumns + " FROM signals s WHERE s.id = $1"},
      {"get_additions", "SELECT at, text FROM signal_additions WHERE signal_id = $1 ORDER BY id"},
      {"find_reference", "SELECT id FROM signals WHERE reference_code = $1"},
      {"insert_signal",
       "INSERT INTO signals (reference_code, version, status, channel, municipality, organisation, received_at, "
       "summary, urgency, document, public_secret_hash, created_at, updated_at) "
       "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, $13) RETURNING id"},
      {"update_signal",
       "UPDATE signals SET version = version + 1, status = $1, channel = $2, municipality = $3, organisation = $4, "
       "received_at = $5, summary = $6, urgency = $7, document = $8::jsonb, updated_at = $9 "
       "WHERE id = $10 AND version = $11"},
      {"signal_version", "SELECT version FROM signals WHERE id = $1"},
      {"delete_forms", "DELETE FROM signal_forms WHERE signal_id = $1"},
      {"insert_form", "INSERT INTO signal_forms (signal_id, form) VALUES ($1, $2)"},
      {"insert_history", "INSERT INTO signal_history (signal_id, at, action, actor, fields) VALUES ($1, $2, $3, $4, $5)"},
      {"history", "SELECT at, action, actor, fields FROM signal_history WHERE signal_id = $1 ORDER BY id"},
      {"bump_version", "UPDATE signals SET version = version + 1, updated_at = $2 WHERE id = $1 RETURNING id"},
      {"insert_addition", "INSERT INTO signal_additions (signal_id, at, text) VALUES ($1, $2, $3)"},
      {"secret_hash", "SELECT public_secret_hash FROM signals WHERE id = $1"},
      {"count", "SELECT count(*) FROM signals"},
  };
  return list;
}

namespace {

Result<Signal> RowToSignal(const pqxx::row& r) {
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
  s.content.summary = r[8].as<std::string>();
  DRIELUIK_RETURN_IF_ERROR(DecodeSignalDocument(r[9].as<std::string>(), s.content));
  s.created_at = FromMs(r[10].as<long long>());
  s.updated_at = FromMs(r[11].as<long long>());
  return s;
}

// A tsquery from user text: every word becomes a quoted prefix term joined by AND, so
// operators in the input have no meaning and cannot cause a syntax error. The same
// words as the SQLite store's FTS5 query.
std::string TsQuery(const std::string& text) {
  std::string out, word;
  auto flush = [&] {
    if (word.empty()) return;
    if (!out.empty()) out += " & ";
    out += '\'' + word + "':*";
    word.clear();
  };
  for (char ch : text) {
    unsigned char u = static_cast<unsigned char>(ch);
    if (u >= 0x80 || std::isalnum(u)) word += ch;
    else flush();
  }
  flush();
  return out;
}

}  // namespace

std::string RedactConninfo(const std::string& conninfo) {
  return Scrub(conninfo, PasswordOf(conninfo));
}

PostgresStore::PostgresStore(std::unique_ptr<Pool> pool)
    : pool_(std::move(pool)), accounts_(std::make_unique<PostgresAccounts>(*pool_)) {}

domain::AccountRepository& PostgresStore::accounts() { return *accounts_; }
domain::AuditRepository& PostgresStore::audit() { return *accounts_; }
PostgresStore::~PostgresStore() = default;

Result<std::unique_ptr<PostgresStore>> PostgresStore::Open(const std::string& conninfo, PostgresOptions options) {
  auto pool = std::make_unique<Pool>(conninfo, options);
  {
    auto lease = pool->Acquire();  // fail early when the server cannot be reached
    if (!lease.ok()) return lease.status();
  }
  return std::unique_ptr<PostgresStore>(new PostgresStore(std::move(pool)));
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
  return Status::Ok();
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

Result<Signal> LoadSignal(pqxx::transaction_base& tx, SignalId id) {
  auto r = tx.exec_prepared("get_signal", id);
  if (r.empty()) return Status::NotFound("signal " + std::to_string(id));
  auto s = RowToSignal(r[0]);
  if (!s.ok()) return s;
  for (const auto& a : tx.exec_prepared("get_additions", id))
    s->additions.push_back({FromMs(a[0].as<long long>()), a[1].as<std::string>()});
  return s;
}

void WriteForms(pqxx::transaction_base& tx, SignalId id, const std::vector<std::string>& forms) {
  tx.exec_prepared("delete_forms", id);
  for (const auto& f : forms) tx.exec_prepared("insert_form", id, f);
}

void WriteHistory(pqxx::transaction_base& tx, SignalId id, const HistoryEntry& e) {
  tx.exec_prepared("insert_history", id, Ms(e.at), e.action, e.actor, EncodeFieldList(e.fields));
}

void WriteLinkKeys(pqxx::transaction_base& tx, SignalId id, const std::vector<StoredLinkKey>& keys) {
  tx.exec_params("DELETE FROM signal_link_keys WHERE signal_id = $1", id);
  for (const auto& k : keys)
    tx.exec_params("INSERT INTO signal_link_keys (signal_id, kind, key_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                   id, std::string(ToCode(k.kind)), k.hash);
}

}  // namespace

Result<Signal> PostgresStore::Insert(const NewSignal& n) {
  const Signal& s = n.signal;
  const std::string document = EncodeSignalDocument(s.content);
  auto r = pool_->Run([&](pqxx::transaction_base& tx) -> Result<Signal> {
    const char* secret = n.public_secret_hash.empty() ? nullptr : n.public_secret_hash.c_str();
    auto row = tx.exec_prepared1("insert_signal", s.reference_code, s.version, std::string(ToCode(s.status)),
                                 std::string(ToCode(s.content.channel)), s.content.municipality,
                                 s.content.organisation, Ms(s.received_at), s.content.summary, n.urgency, document,
                                 secret, Ms(s.created_at), Ms(s.updated_at));
    SignalId id = row[0].as<std::int64_t>();
    WriteForms(tx, id, s.content.forms);
    WriteHistory(tx, id, n.created);
    WriteLinkKeys(tx, id, n.link_keys);
    Signal out = s;
    out.id = id;
    return out;
  });
  if (!r.ok() && r.error().code() == StatusCode::kConflict) return Status::Conflict("reference code taken");
  return r;
}

Result<Signal> PostgresStore::Get(SignalId id) {
  return pool_->Run<pqxx::repeatable_read, pqxx::read_only>(
      [&](pqxx::transaction_base& tx) { return LoadSignal(tx, id); });
}

Result<Signal> PostgresStore::FindByReference(std::string_view reference_code) {
  std::string ref(reference_code);
  return pool_->Run<pqxx::repeatable_read, pqxx::read_only>([&](pqxx::transaction_base& tx) -> Result<Signal> {
    auto r = tx.exec_prepared("find_reference", ref);
    if (r.empty()) return Status::NotFound("reference code");
    return LoadSignal(tx, r[0][0].as<std::int64_t>());
  });
}

Result<Signal> PostgresStore::Update(const Signal& s, std::int64_t expected_version, const std::string& urgency,
                                     const HistoryEntry& entry, const std::vector<StoredLinkKey>* link_keys) {
  const std::string document = EncodeSignalDocument(s.content);
  // READ COMMITTED: a concurrent writer of the same row waits for our commit, then
  // re-checks `version = expected` on the new row and updates nothing (Conflict).
  return pool_->Run([&](pqxx::transaction_base& tx) -> Result<Signal> {
    auto up = tx.exec_prepared("update_signal", std::string(ToCode(s.status)), std::string(ToCode(s.content.channel)),
                               s.content.municipality, s.content.organisation, Ms(s.received_at), s.content.summary,
                               urgency, document, Ms(s.updated_at), s.id, expected_version);
    if (up.affected_rows() == 0) {
      auto v = tx.exec_prepared("signal_version", s.id);
      if (v.empty()) return Status::NotFound("signal " + std::to_string(s.id));
      return Status::Conflict("stale version; current version is " + v[0][0].as<std::string>());
    }
    WriteForms(tx, s.id, s.content.forms);
    WriteHistory(tx, s.id, entry);
    if (link_keys) WriteLinkKeys(tx, s.id, *link_keys);
    return LoadSignal(tx, s.id);
  });
}

Result<SignalPage> PostgresStore::List(const SignalFilter& f) {
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
           param(orgs) + ", ',')))";
  }
  std::string query = TsQuery(f.text);
  if (!query.empty()) sql += " AND s.search @@ to_tsquery('simple', " + param(query) + ")";
  int limit = std::clamp(f.limit, 1, 200);
  sql += " ORDER BY s.received_at DESC, s.id DESC LIMIT " + param(std::to_string(limit + 1)) + "::bigint";

  return pool_->Run<pqxx::read_committed, pqxx::read_only>([&](pqxx::transaction_base& tx) -> Result<SignalPage> {
    SignalPage page;
    for (const auto& row : tx.exec_params(sql, pqxx::prepare::make_dynamic_params(params))) {
      auto s = RowToSignal(row);
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

Status PostgresStore::AddAddition(SignalId id, const Addition& addition, const HistoryEntry& entry) {
  return pool_->Run([&](pqxx::transaction_base& tx) -> Status {
    // Lock the signal's row first (the version bump), then write beside it.
    if (tx.exec_prepared("bump_version", id, Ms(addition.at)).empty())
      return Status::NotFound("signal " + std::to_string(id));
    tx.exec_prepared("insert_addition", id, Ms(addition.at), addition.text);
    WriteHistory(tx, id, entry);
    return Status::Ok();
  });
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
