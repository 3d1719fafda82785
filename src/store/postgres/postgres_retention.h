// The retention repository of the PostgreSQL store (domain/retention.h). Thread-safe.
#pragma once

#include "domain/retention.h"
#include "store/postgres/postgres_store.h"

namespace drieluik::store::postgres {



class PostgresRetention final : public domain::RetentionRepository {
 public:
  explicit PostgresRetention(PostgresStore::Pool& pool) : pool_(pool) {}
  Result<std::vector<domain::SignalId>> ClosedBefore(TimePoint t, domain::SignalId after, int limit) override;
  Result<std::vector<domain::SignalId>> ReporterCandidates(TimePoint t, domain::SignalId after, int limit) override;
  Status FinishAnonymisation(domain::SignalId id) override;
  Result<std::int64_t> RemoveAuditBefore(TimePoint t) override;

 private:
  PostgresStore::Pool& pool_;
};

}  // namespace drieluik::store::postgres
