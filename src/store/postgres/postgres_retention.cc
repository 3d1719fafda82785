#include "store/postgres/postgres_retention.h"

#include "store/drieluik_retention_sql.h"
#include "store/postgres/postgres_pool.h"

namespace drieluik::store::postgres {
namespace {

using namespace drieluik::domain;
using Tx = pqxx::transaction_base;

std::int64_t Ms(TimePoint t) { return t.time_since_epoch().count(); }

std::vector<SignalId> Ids(const pqxx::result& r) {
  std::vector<SignalId> out;
  for (const auto& row : r) out.push_back(row[0].as<SignalId>());
  return out;
}

}  // namespace

Result<std::vector<SignalId>> PostgresRetention::ClosedBefore(TimePoint t, SignalId after, int limit) {
  return pool_.Run<pqxx::read_committed, pqxx::read_only>([&](Tx& tx) -> Result<std::vector<SignalId>> {
    return Ids(tx.exec_params(
        "SELECT id FROM signals WHERE status = 'closed' AND updated_at < $1 AND reference_code NOT LIKE 'ANON-%' "
        "AND NOT EXISTS (SELECT 1 FROM case_signals cs WHERE cs.signal_id = signals.id) AND id > $2 ORDER BY id "
        "LIMIT $3",
        Ms(t), after, limit));
  });
}

Result<std::vector<SignalId>> PostgresRetention::ReporterCandidates(TimePoint t, SignalId after, int limit) {
  return pool_.Run<pqxx::read_committed, pqxx::read_only>([&](Tx& tx) -> Result<std::vector<SignalId>> {
    return Ids(tx.exec_params(
        "SELECT id FROM signals WHERE (received_at < $1 OR status = 'closed') AND reference_code NOT LIKE 'ANON-%' "
        "AND id > $2 ORDER BY id LIMIT $3",
        Ms(t), after, limit));
  });
}

Status PostgresRetention::FinishAnonymisation(SignalId id) {
  return pool_.Run([&](Tx& tx) -> Status {
    for (const char* table : {"signal_additions", "signal_compartments", "signal_link_keys", "signal_words"})
      tx.exec_params(std::string("DELETE FROM ") + table + " WHERE signal_id = $1", id);
    tx.exec_params("UPDATE signals SET reference_code = $1, public_secret_hash = NULL WHERE id = $2",
                   "ANON-" + std::to_string(id), id);
    return Status::Ok();
  });
}

Result<std::int64_t> PostgresRetention::RemoveAuditBefore(TimePoint t) {
  return pool_.Run([&](Tx& tx) -> Result<std::int64_t> {
    tx.exec("SELECT pg_advisory_xact_lock(7513)");  // the appenders' lock: the head stays put
    auto last = tx.exec_params("SELECT seq, hash FROM audit_log WHERE at < $1 ORDER BY seq DESC LIMIT 1", Ms(t));
    if (last.empty()) return std::int64_t{0};
    const auto seq = last[0][0].as<std::int64_t>();
    const auto hash = last[0][1].as<std::string>();
    tx.exec_params(
        "INSERT INTO audit_anchor (id, seq, hash) VALUES (1, $1, $2) ON CONFLICT (id) DO UPDATE SET seq = "
        "excluded.seq, hash = excluded.hash",
        seq, hash);
    return static_cast<std::int64_t>(tx.exec_params("DELETE FROM audit_log WHERE seq <= $1", seq).affected_rows());
  });
}

// R-CASE: the shared SQL (store/drieluik_retention_sql.h) in the pool's transactions; the
// rows a step changes are locked FOR UPDATE, so a concurrent writer waits and then conflicts.
constexpr std::string_view kLock = " FOR UPDATE";

Result<std::vector<CaseId>> PostgresRetention::CasesClosedBefore(TimePoint t, CaseId after, int limit) {
  return pool_.Run<pqxx::read_committed, pqxx::read_only>(
      [&](Tx& tx) { return store::CasesClosedBefore(*MakeSqlTx(tx), t, after, limit); });
}

Result<DrieluikAnonymisation> PostgresRetention::AnonymiseCase(CaseId id, TimePoint t, TimePoint now) {
  return pool_.Run([&](Tx& tx) { return AnonymiseCaseRows(*MakeSqlTx(tx), protector_, id, t, now, kLock); });
}

Result<std::vector<SignalId>> PostgresRetention::SignalsOfAnonymisedCases(SignalId after, int limit) {
  return pool_.Run<pqxx::read_committed, pqxx::read_only>(
      [&](Tx& tx) { return store::SignalsOfAnonymisedCases(*MakeSqlTx(tx), after, limit); });
}

Result<std::int64_t> PostgresRetention::ClearDrieluikRows(TimePoint now, int max_rows) {
  return pool_.Run([&](Tx& tx) { return ClearDrieluikRowsOfAnonymised(*MakeSqlTx(tx), protector_, now, max_rows, kLock); });
}

Result<std::vector<MeetingId>> PostgresRetention::MeetingsBefore(TimePoint t, MeetingId after, int limit) {
  return pool_.Run<pqxx::read_committed, pqxx::read_only>(
      [&](Tx& tx) { return MeetingsPastCaseTerm(*MakeSqlTx(tx), t, after, limit); });
}

Result<DrieluikAnonymisation> PostgresRetention::AnonymiseMeeting(MeetingId id, TimePoint t, TimePoint now) {
  return pool_.Run([&](Tx& tx) { return AnonymiseMeetingRows(*MakeSqlTx(tx), protector_, id, t, now, kLock); });
}

}  // namespace drieluik::store::postgres
