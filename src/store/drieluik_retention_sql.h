// Retention term R-CASE on the Drieluik tables (domain/retention.h, docs/PRIVACY.md section
// 5), written once in the SQL both backends share (store/drieluik_sql.h) and run by each
// backend's retention repository inside its own transaction (sqlite/sqlite_retention.cc,
// postgres/postgres_retention.cc). A cleared free-text column is written again under the
// current key, bound to (table, column, row id) as every Drieluik write is, so reads and
// key checks treat it like any other row; anonymised_at (migration 012) marks what is done,
// so a rerun skips it. `lock` ends each SELECT of rows to change (" FOR UPDATE" on
// PostgreSQL, "" on SQLite, whose write transaction excludes writers). Internal to store/.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "domain/retention.h"
#include "store/drieluik_sql.h"

namespace drieluik::store {

/// RetentionRepository::CasesClosedBefore.
Result<std::vector<domain::CaseId>> CasesClosedBefore(SqlTx& tx, TimePoint t, domain::CaseId after, int limit);
/// RetentionRepository::AnonymiseCase, in the caller's write transaction.
Result<domain::DrieluikAnonymisation> AnonymiseCaseRows(SqlTx& tx, const SignalProtector& p, domain::CaseId id,
                                                        TimePoint t, TimePoint now, std::string_view lock);
/// RetentionRepository::SignalsOfAnonymisedCases.
Result<std::vector<domain::SignalId>> SignalsOfAnonymisedCases(SqlTx& tx, domain::SignalId after, int limit);
/// RetentionRepository::ClearDrieluikRows, in the caller's write transaction.
Result<std::int64_t> ClearDrieluikRowsOfAnonymised(SqlTx& tx, const SignalProtector& p, TimePoint now, int max_rows,
                                                   std::string_view lock);
/// RetentionRepository::MeetingsBefore.
Result<std::vector<domain::MeetingId>> MeetingsPastCaseTerm(SqlTx& tx, TimePoint t, domain::MeetingId after,
                                                            int limit);
/// RetentionRepository::AnonymiseMeeting, in the caller's write transaction.
Result<domain::DrieluikAnonymisation> AnonymiseMeetingRows(SqlTx& tx, const SignalProtector& p, domain::MeetingId id,
                                                           TimePoint t, TimePoint now, std::string_view lock);

}  // namespace drieluik::store
