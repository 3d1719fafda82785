// The compartments repository of the SQLite store (migration 006). Thread-safe.
#pragma once

#include "domain/compartment.h"

namespace drieluik::store::sqlite {

class SqliteStore;

class SqliteCompartments final : public domain::CompartmentRepository {
 public:
  explicit SqliteCompartments(SqliteStore& store) : store_(store) {}
  Result<domain::CompartmentRecord> GetCompartment(domain::SignalId id, domain::Compartment c) override;
  Result<domain::CompartmentRecord> PutCompartment(const domain::CompartmentRecord& r) override;

 private:
  SqliteStore& store_;
};

}  // namespace drieluik::store::sqlite
