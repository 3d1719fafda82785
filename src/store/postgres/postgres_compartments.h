// The compartments repository of the PostgreSQL store (migration 006). Thread-safe.
#pragma once

#include "domain/compartment.h"
#include "store/postgres/postgres_store.h"

namespace drieluik::store::postgres {



class PostgresCompartments final : public domain::CompartmentRepository {
 public:
  PostgresCompartments(PostgresStore::Pool& pool, const SignalProtector& protector)
      : pool_(pool), protector_(protector) {}
  Result<domain::CompartmentRecord> GetCompartment(domain::SignalId id, domain::Compartment c) override;
  Result<domain::CompartmentRecord> PutCompartment(const domain::CompartmentRecord& r) override;

 private:
  PostgresStore::Pool& pool_;
  const SignalProtector& protector_;  // the store's: free text is encrypted at rest
};

}  // namespace drieluik::store::postgres
