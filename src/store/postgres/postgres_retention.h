// The retention repository of the PostgreSQL store (domain/retention.h). Thread-safe.
#pragma once

#include "domain/retention.h"
#include "store/postgres/postgres_store.h"

namespace drieluik::store {
class SignalProtector;
}

namespace drieluik::store::postgres {

class PostgresRetention final : public domain::RetentionRepository {
 public:
  /// `protector` seals the Drieluik text R-CASE clears; both must outlive this.
  PostgresRetention(PostgresStore::Pool& pool, const SignalProtector& protector) : pool_(pool), protector_(protector) {}
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
  PostgresStore::Pool& pool_;
  const SignalProtector& protector_;
};

}  // namespace drieluik::store::postgres
