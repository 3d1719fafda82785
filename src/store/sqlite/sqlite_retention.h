// The retention repository of the SQLite store (domain/retention.h). Thread-safe.
#pragma once

#include <functional>

#include "domain/retention.h"

namespace drieluik::store {
class SqlTx;
}

namespace drieluik::store::sqlite {

class SqliteStore;

class SqliteRetention final : public domain::RetentionRepository {
 public:
  explicit SqliteRetention(SqliteStore& store) : store_(store) {}
  Result<std::vector<domain::SignalId>> ClosedBefore(TimePoint t, domain::SignalId after, int limit) override;
  Result<std::vector<domain::SignalId>> ReporterCandidates(TimePoint t, domain::SignalId after, int limit) override;
  Status FinishAnonymisation(domain::SignalId id) override;
  Result<std::int64_t> RemoveAuditBefore(TimePoint t) override;
  Result<std::vector<domain::CaseId>> CasesClosedBefore(TimePoint t, domain::CaseId after, int limit) override;
  Result<domain::DrieluikAnonymisation> AnonymiseCase(domain::CaseId id, TimePoint t, TimePoint now) override;
  Result<std::vector<domain::SignalId>> SignalsOfAnonymisedCases(domain::SignalId after, int limit) override;
  Result<std::int64_t> ClearDrieluikRows(TimePoint now, int max_rows) override;
  Result<std::vector<domain::MeetingId>> MeetingsBefore(TimePoint t, domain::MeetingId after, int limit) override;
  Result<domain::DrieluikAnonymisation> AnonymiseMeeting(domain::MeetingId id, TimePoint t, TimePoint now) override;

 private:
  template <typename T>
  Result<T> InTx(bool write, const std::function<Result<T>(SqlTx&)>& fn);
  SqliteStore& store_;
};

}  // namespace drieluik::store::sqlite
