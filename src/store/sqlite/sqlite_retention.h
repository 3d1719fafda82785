// The retention repository of the SQLite store (domain/retention.h). Thread-safe.
#pragma once

#include "domain/retention.h"

namespace drieluik::store::sqlite {

class SqliteStore;

class SqliteRetention final : public domain::RetentionRepository {
 public:
  explicit SqliteRetention(SqliteStore& store) : store_(store) {}
  Result<std::vector<domain::SignalId>> ClosedBefore(TimePoint t, domain::SignalId after, int limit) override;
  Result<std::vector<domain::SignalId>> ReporterCandidates(TimePoint t, domain::SignalId after, int limit) override;
  Status FinishAnonymisation(domain::SignalId id) override;
  Result<std::int64_t> RemoveAuditBefore(TimePoint t) override;

 private:
  SqliteStore& store_;
};

}  // namespace drieluik::store::sqlite
