// The compartments repository of the PostgreSQL store (migration 006). Thread-safe.
#pragma once

#include "domain/compartment.h"
#include "store/postgres/postgres_store.h"

namespace drieluik::store::postgres {



class PostgresCompartments final : public domain::CompartmentRepository {
 public:
  explicit PostgresCompartments(PostgresStore::Pool& pool) : pool_(pool) {}
  Result<domain::CompartmentRecord> GetCompartment(domain::SignalId id, domain::Compartment c) override;
  Result<domain::CompartmentRecord> PutCompartment(const domain::CompartmentRecord& r) override;

 private:
  PostgresStore::Pool& pool_;
};

}  // namespace drieluik::store::postgres
