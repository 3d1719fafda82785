#include "store/postgres/postgres_compartments.h"

#include "store/postgres/postgres_pool.h"

namespace drieluik::store::postgres {
namespace {

using namespace drieluik::domain;

std::int64_t Ms(TimePoint t) { return t.time_since_epoch().count(); }

}  // namespace

Result<CompartmentRecord> PostgresCompartments::GetCompartment(SignalId id, Compartment c) {
  return pool_.Run<pqxx::read_committed, pqxx::read_only>([&](pqxx::transaction_base& tx) -> Result<CompartmentRecord> {
    auto res = tx.exec_params(
        "SELECT notes, reference, outcome, consent_to_share, version, updated_at, updated_by FROM signal_compartments "
        "WHERE signal_id = $1 AND compartment = $2",
        id, std::string(ToCode(c)));
    if (res.empty()) return Status::NotFound("compartment");
    const auto& row = res[0];
    CompartmentRecord r;
    r.signal_id = id;
    r.compartment = c;
    r.notes = row[0].as<std::string>();
    r.reference = row[1].as<std::string>();
    r.outcome = row[2].as<std::string>();
    r.consent_to_share = row[3].as<std::int64_t>() != 0;
    r.version = row[4].as<std::int64_t>();
    r.updated_at = TimePoint(std::chrono::milliseconds(row[5].as<std::int64_t>()));
    r.updated_by = row[6].as<std::string>();
    return r;
  });
}

Result<CompartmentRecord> PostgresCompartments::PutCompartment(const CompartmentRecord& r) {
  return pool_.Run([&](pqxx::transaction_base& tx) -> Result<CompartmentRecord> {
    // Lock the signal row: concurrent writers of one compartment queue here, and then
    // the version check below sees the winner's row.
    if (tx.exec_params("SELECT 1 FROM signals WHERE id = $1 FOR UPDATE", r.signal_id).empty())
      return Status::NotFound("signal");
    auto cur = tx.exec_params("SELECT version FROM signal_compartments WHERE signal_id = $1 AND compartment = $2",
                              r.signal_id, std::string(ToCode(r.compartment)));
    std::int64_t current = cur.empty() ? 0 : cur[0][0].as<std::int64_t>();
    if (current != r.version) return Status::Conflict("stale version; current version is " + std::to_string(current));
    tx.exec_params(
        "INSERT INTO signal_compartments (signal_id, compartment, notes, reference, outcome, consent_to_share, version, "
        "updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (signal_id, compartment) DO "
        "UPDATE SET notes = excluded.notes, reference = excluded.reference, outcome = excluded.outcome, "
        "consent_to_share = excluded.consent_to_share, version = excluded.version, updated_at = excluded.updated_at, "
        "updated_by = excluded.updated_by",
        r.signal_id, std::string(ToCode(r.compartment)), r.notes, r.reference, r.outcome, r.consent_to_share ? 1 : 0,
        current + 1, Ms(r.updated_at), r.updated_by);
    CompartmentRecord out = r;
    out.version = current + 1;
    return out;
  });
}

}  // namespace drieluik::store::postgres
