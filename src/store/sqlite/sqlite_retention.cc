#include "store/sqlite/sqlite_retention.h"

#include <sqlite3.h>

#include "store/drieluik_retention_sql.h"
#include "store/sqlite/sqlite_store.h"

namespace drieluik::store::sqlite {
namespace {

using namespace drieluik::domain;

std::int64_t Ms(TimePoint t) { return t.time_since_epoch().count(); }

Result<std::vector<SignalId>> Ids(Statement& st) {
  std::vector<SignalId> out;
  for (;;) {
    auto row = st.Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    out.push_back(st.Int(0));
  }
}

}  // namespace

Result<std::vector<SignalId>> SqliteRetention::ClosedBefore(TimePoint t, SignalId after, int limit) {
  auto c = store_.Acquire();
  auto st = c->Prepare(
      "SELECT id FROM signals WHERE status = 'closed' AND updated_at < ? AND reference_code NOT LIKE 'ANON-%' "
      "AND NOT EXISTS (SELECT 1 FROM case_signals cs WHERE cs.signal_id = signals.id) AND id > ? ORDER BY id LIMIT ?");
  if (!st.ok()) return st.status();
  st->Bind(1, Ms(t)).Bind(2, after).Bind(3, limit);
  return Ids(*st);
}

Result<std::vector<SignalId>> SqliteRetention::ReporterCandidates(TimePoint t, SignalId after, int limit) {
  auto c = store_.Acquire();
  auto st = c->Prepare(
      "SELECT id FROM signals WHERE (received_at < ? OR status = 'closed') AND reference_code NOT LIKE 'ANON-%' "
      "AND id > ? ORDER BY id LIMIT ?");
  if (!st.ok()) return st.status();
  st->Bind(1, Ms(t)).Bind(2, after).Bind(3, limit);
  return Ids(*st);
}

Status SqliteRetention::FinishAnonymisation(SignalId id) {
  auto c = store_.Acquire();
  Transaction tx(*c);
  DRIELUIK_RETURN_IF_ERROR(tx.Begin());
  for (const char* sql : {"DELETE FROM signal_additions WHERE signal_id = ?", "DELETE FROM signal_compartments WHERE signal_id = ?",
                          "DELETE FROM signal_link_keys WHERE signal_id = ?", "DELETE FROM signal_words WHERE signal_id = ?"}) {
    auto st = c->Prepare(sql);
    if (!st.ok()) return st.status();
    DRIELUIK_RETURN_IF_ERROR(st->Bind(1, id).Run());
  }
  auto up = c->Prepare("UPDATE signals SET reference_code = ?, public_secret_hash = NULL WHERE id = ?");
  if (!up.ok()) return up.status();
  DRIELUIK_RETURN_IF_ERROR(up->Bind(1, "ANON-" + std::to_string(id)).Bind(2, id).Run());
  return tx.Commit();
}

Result<std::int64_t> SqliteRetention::RemoveAuditBefore(TimePoint t) {
  auto c = store_.Acquire();
  Transaction tx(*c);
  DRIELUIK_RETURN_IF_ERROR(tx.Begin());
  auto last = c->Prepare("SELECT seq, hash FROM audit_log WHERE at < ? ORDER BY seq DESC LIMIT 1");
  if (!last.ok()) return last.status();
  last->Bind(1, Ms(t));
  auto row = last->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::int64_t{0};
  const std::int64_t seq = last->Int(0);
  const std::string hash = last->Text(1);
  auto count = c->Prepare("SELECT count(*) FROM audit_log WHERE seq <= ?");
  if (!count.ok()) return count.status();
  count->Bind(1, seq);
  auto crow = count->Step();
  if (!crow.ok()) return crow.status();
  const std::int64_t n = count->Int(0);
  auto anchor = c->Prepare(
      "INSERT INTO audit_anchor (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, "
      "hash = excluded.hash");
  if (!anchor.ok()) return anchor.status();
  DRIELUIK_RETURN_IF_ERROR(anchor->Bind(1, seq).Bind(2, hash).Run());
  auto del = c->Prepare("DELETE FROM audit_log WHERE seq <= ?");
  if (!del.ok()) return del.status();
  DRIELUIK_RETURN_IF_ERROR(del->Bind(1, seq).Run());
  DRIELUIK_RETURN_IF_ERROR(tx.Commit());
  return n;
}

// R-CASE: the shared SQL (store/drieluik_retention_sql.h), reads in a deferred transaction,
// writes in BEGIN IMMEDIATE (one writer at a time, so no row locks are needed).
template <typename T>
Result<T> SqliteRetention::InTx(bool write, const std::function<Result<T>(SqlTx&)>& fn) {
  auto c = store_.Acquire();
  DRIELUIK_RETURN_IF_ERROR(c->Exec(write ? "BEGIN IMMEDIATE" : "BEGIN"));
  auto tx = MakeSqlTx(*c);
  auto out = fn(*tx);
  if (!out.ok()) {
    (void)c->Exec("ROLLBACK");
    return out;
  }
  Status commit = c->Exec("COMMIT");
  if (!commit.ok()) {
    (void)c->Exec("ROLLBACK");
    return commit;
  }
  return out;
}

Result<std::vector<CaseId>> SqliteRetention::CasesClosedBefore(TimePoint t, CaseId after, int limit) {
  return InTx<std::vector<CaseId>>(false, [&](SqlTx& tx) { return store::CasesClosedBefore(tx, t, after, limit); });
}

Result<DrieluikAnonymisation> SqliteRetention::AnonymiseCase(CaseId id, TimePoint t, TimePoint now) {
  return InTx<DrieluikAnonymisation>(
      true, [&](SqlTx& tx) { return AnonymiseCaseRows(tx, store_.protector_, id, t, now, ""); });
}

Result<std::vector<SignalId>> SqliteRetention::SignalsOfAnonymisedCases(SignalId after, int limit) {
  return InTx<std::vector<SignalId>>(false,
                                     [&](SqlTx& tx) { return store::SignalsOfAnonymisedCases(tx, after, limit); });
}

Result<std::int64_t> SqliteRetention::ClearDrieluikRows(TimePoint now, int max_rows) {
  return InTx<std::int64_t>(
      true, [&](SqlTx& tx) { return ClearDrieluikRowsOfAnonymised(tx, store_.protector_, now, max_rows, ""); });
}

Result<std::vector<MeetingId>> SqliteRetention::MeetingsBefore(TimePoint t, MeetingId after, int limit) {
  return InTx<std::vector<MeetingId>>(false, [&](SqlTx& tx) { return MeetingsPastCaseTerm(tx, t, after, limit); });
}

Result<DrieluikAnonymisation> SqliteRetention::AnonymiseMeeting(MeetingId id, TimePoint t, TimePoint now) {
  return InTx<DrieluikAnonymisation>(
      true, [&](SqlTx& tx) { return AnonymiseMeetingRows(tx, store_.protector_, id, t, now, ""); });
}

}  // namespace drieluik::store::sqlite
