#include "store/sqlite/sqlite_store.h"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <optional>

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
    "s.received_at, s.summary, s.document, s.created_at, s.updated_at";

Result<Signal> RowToSignal(Statement& st) {
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
  s.content.summary = st.Text(8);
  DRIELUIK_RETURN_IF_ERROR(DecodeSignalDocument(st.Text(9), s.content));
  s.created_at = FromMs(st.Int(10));
  s.updated_at = FromMs(st.Int(11));
  return s;
}

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

Status WriteSearch(Connection& c, SignalId id, const SignalContent& content) {
  auto del = c.Prepare("DELETE FROM signal_search WHERE rowid = ?");
  if (!del.ok()) return del.status();
  DRIELUIK_RETURN_IF_ERROR(del->Bind(1, id).Run());
  auto ins = c.Prepare("INSERT INTO signal_search (rowid, summary, description, location) VALUES (?, ?, ?, ?)");
  if (!ins.ok()) return ins.status();
  return ins->Bind(1, id).Bind(2, content.summary).Bind(3, content.description).Bind(4, content.location).Run();
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

// FTS5 query from user text: every word becomes a quoted prefix term, so operators in
// the input have no meaning and cannot cause a syntax error.
std::string FtsQuery(const std::string& text) {
  std::string out, word;
  auto flush = [&] {
    if (word.empty()) return;
    if (!out.empty()) out += ' ';
    out += '"' + word + "\"*";
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

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path, int pool_size) {
  std::unique_ptr<SqliteStore> store(new SqliteStore(path));
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
  return Status::Ok();
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

Result<Signal> SqliteStore::LoadSignal(Connection& c, SignalId id) {
  auto q = c.Prepare(std::string("SELECT ") + kSignalColumns + " FROM signals s WHERE s.id = ?");
  if (!q.ok()) return q.status();
  q->Bind(1, id);
  auto row = q->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("signal " + std::to_string(id));
  auto s = RowToSignal(*q);
  if (!s.ok()) return s;
  auto a = c.Prepare("SELECT at, text FROM signal_additions WHERE signal_id = ? ORDER BY id");
  if (!a.ok()) return a.status();
  a->Bind(1, id);
  while (true) {
    auto r = a->Step();
    if (!r.ok()) return r.status();
    if (!*r) break;
    s->additions.push_back({FromMs(a->Int(0)), a->Text(1)});
  }
  return s;
}

Result<Signal> SqliteStore::Insert(const NewSignal& n) {
  Lease c = Acquire();
  Transaction tx(*c);
  DRIELUIK_RETURN_IF_ERROR(tx.Begin());
  const Signal& s = n.signal;
  auto ins = c->Prepare(
      "INSERT INTO signals (reference_code, version, status, channel, municipality, organisation, received_at, "
      "summary, urgency, document, public_secret_hash, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!ins.ok()) return ins.status();
  ins->Bind(1, s.reference_code).Bind(2, s.version).Bind(3, ToCode(s.status)).Bind(4, ToCode(s.content.channel))
      .Bind(5, s.content.municipality).Bind(6, s.content.organisation).Bind(7, Ms(s.received_at))
      .Bind(8, s.content.summary).Bind(9, n.urgency).Bind(10, EncodeSignalDocument(s.content));
  if (n.public_secret_hash.empty()) ins->BindNull(11);
  else ins->Bind(11, n.public_secret_hash);
  ins->Bind(12, Ms(s.created_at)).Bind(13, Ms(s.updated_at));
  Status st = ins->Run();
  if (!st.ok()) {
    if (st.code() == StatusCode::kConflict) return Status::Conflict("reference code taken");
    return st;
  }
  SignalId id = c->LastInsertRowId();
  DRIELUIK_RETURN_IF_ERROR(WriteForms(*c, id, s.content.forms));
  DRIELUIK_RETURN_IF_ERROR(WriteSearch(*c, id, s.content));
  DRIELUIK_RETURN_IF_ERROR(WriteHistory(*c, id, n.created));
  DRIELUIK_RETURN_IF_ERROR(WriteLinkKeys(*c, id, n.link_keys));
  DRIELUIK_RETURN_IF_ERROR(tx.Commit());
  Signal out = s;
  out.id = id;
  return out;
}

Result<Signal> SqliteStore::Get(SignalId id) {
  Lease c = Acquire();
  return LoadSignal(*c, id);
}

Result<Signal> SqliteStore::FindByReference(std::string_view reference_code) {
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
  Lease c = Acquire();
  Transaction tx(*c);
  DRIELUIK_RETURN_IF_ERROR(tx.Begin());
  auto up = c->Prepare(
      "UPDATE signals SET version = version + 1, status = ?, channel = ?, municipality = ?, organisation = ?, "
      "received_at = ?, summary = ?, urgency = ?, document = ?, updated_at = ? WHERE id = ? AND version = ?");
  if (!up.ok()) return up.status();
  up->Bind(1, ToCode(s.status)).Bind(2, ToCode(s.content.channel)).Bind(3, s.content.municipality)
      .Bind(4, s.content.organisation).Bind(5, Ms(s.received_at)).Bind(6, s.content.summary).Bind(7, urgency)
      .Bind(8, EncodeSignalDocument(s.content)).Bind(9, Ms(s.updated_at)).Bind(10, s.id).Bind(11, expected_version);
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
  DRIELUIK_RETURN_IF_ERROR(WriteSearch(*c, s.id, s.content));
  DRIELUIK_RETURN_IF_ERROR(WriteHistory(*c, s.id, entry));
  if (link_keys) DRIELUIK_RETURN_IF_ERROR(WriteLinkKeys(*c, s.id, *link_keys));
  auto loaded = LoadSignal(*c, s.id);
  if (!loaded.ok()) return loaded;
  DRIELUIK_RETURN_IF_ERROR(tx.Commit());
  return loaded;
}

Result<SignalPage> SqliteStore::List(const SignalFilter& f) {
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
    sql += " AND (s.municipality = ?10 OR (s.organisation <> '' AND instr(',' || ?11 || ',', ',' || s.organisation || ',') > 0))";
  }
  std::string fts = FtsQuery(f.text);
  Lease c = Acquire();
  if (!fts.empty()) {
    // Two plans, chosen by how common the words are. Few matches: look them up and sort
    // them. Many matches: walk the (received_at, id) index newest first and test each
    // row against the match set ("+" keeps SQLite from driving the query by the set),
    // which stops after one page instead of sorting every match.
    auto probe = c->Prepare("SELECT count(*) FROM (SELECT rowid FROM signal_search WHERE signal_search MATCH ? LIMIT 2000)");
    if (!probe.ok()) return probe.status();
    probe->Bind(1, fts);
    auto row = probe->Step();
    if (!row.ok()) return row.status();
    bool common = probe->Int(0) >= 2000;
    sql += common ? " AND +s.id IN (SELECT rowid FROM signal_search WHERE signal_search MATCH ?8)"
                  : " AND s.id IN (SELECT rowid FROM signal_search WHERE signal_search MATCH ?8)";
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
  if (!fts.empty()) q->Bind(8, fts);
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

Status SqliteStore::AddAddition(SignalId id, const Addition& addition, const HistoryEntry& entry) {
  Lease c = Acquire();
  Transaction tx(*c);
  DRIELUIK_RETURN_IF_ERROR(tx.Begin());
  auto ins = c->Prepare("INSERT INTO signal_additions (signal_id, at, text) VALUES (?, ?, ?)");
  if (!ins.ok()) return ins.status();
  Status s = ins->Bind(1, id).Bind(2, Ms(addition.at)).Bind(3, addition.text).Run();
  if (!s.ok()) return s.code() == StatusCode::kConflict ? Status::NotFound("signal " + std::to_string(id)) : s;
  auto up = c->Prepare("UPDATE signals SET version = version + 1, updated_at = ? WHERE id = ?");
  if (!up.ok()) return up.status();
  DRIELUIK_RETURN_IF_ERROR(up->Bind(1, Ms(addition.at)).Bind(2, id).Run());
  DRIELUIK_RETURN_IF_ERROR(WriteHistory(*c, id, entry));
  return tx.Commit();
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
