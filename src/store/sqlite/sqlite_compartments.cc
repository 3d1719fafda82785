#include "store/sqlite/sqlite_compartments.h"

#include <sqlite3.h>

#include "store/sqlite/sqlite_store.h"

namespace drieluik::store::sqlite {
namespace {

using namespace drieluik::domain;

std::int64_t Ms(TimePoint t) { return t.time_since_epoch().count(); }

}  // namespace

Result<CompartmentRecord> SqliteCompartments::GetCompartment(SignalId id, Compartment c) {
  auto conn = store_.Acquire();
  auto st = conn->Prepare(
      "SELECT notes, reference, outcome, consent_to_share, version, updated_at, updated_by FROM signal_compartments "
      "WHERE signal_id = ? AND compartment = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, id).Bind(2, ToCode(c));
  auto row = st->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("compartment");
  CompartmentRecord r;
  r.signal_id = id;
  r.compartment = c;
  r.notes = st->Text(0);
  r.reference = st->Text(1);
  r.outcome = st->Text(2);
  r.consent_to_share = st->Int(3) != 0;
  r.version = st->Int(4);
  r.updated_at = TimePoint(std::chrono::milliseconds(st->Int(5)));
  r.updated_by = st->Text(6);
  return r;
}

Result<CompartmentRecord> SqliteCompartments::PutCompartment(const CompartmentRecord& r) {
  auto conn = store_.Acquire();
  Transaction tx(*conn);
  DRIELUIK_RETURN_IF_ERROR(tx.Begin());
  auto exists = conn->Prepare("SELECT 1 FROM signals WHERE id = ?");
  if (!exists.ok()) return exists.status();
  auto found = exists->Bind(1, r.signal_id).Step();
  if (!found.ok()) return found.status();
  if (!*found) return Status::NotFound("signal");
  auto cur = conn->Prepare("SELECT version FROM signal_compartments WHERE signal_id = ? AND compartment = ?");
  if (!cur.ok()) return cur.status();
  cur->Bind(1, r.signal_id).Bind(2, ToCode(r.compartment));
  auto row = cur->Step();
  if (!row.ok()) return row.status();
  std::int64_t current = *row ? cur->Int(0) : 0;
  if (current != r.version) return Status::Conflict("stale version; current version is " + std::to_string(current));
  auto up = conn->Prepare(
      "INSERT INTO signal_compartments (signal_id, compartment, notes, reference, outcome, consent_to_share, version, "
      "updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (signal_id, compartment) DO UPDATE SET "
      "notes = excluded.notes, reference = excluded.reference, outcome = excluded.outcome, "
      "consent_to_share = excluded.consent_to_share, version = excluded.version, updated_at = excluded.updated_at, "
      "updated_by = excluded.updated_by");
  if (!up.ok()) return up.status();
  DRIELUIK_RETURN_IF_ERROR(up->Bind(1, r.signal_id)
                               .Bind(2, ToCode(r.compartment))
                               .Bind(3, r.notes)
                               .Bind(4, r.reference)
                               .Bind(5, r.outcome)
                               .Bind(6, r.consent_to_share ? 1 : 0)
                               .Bind(7, current + 1)
                               .Bind(8, Ms(r.updated_at))
                               .Bind(9, r.updated_by)
                               .Run());
  DRIELUIK_RETURN_IF_ERROR(tx.Commit());
  CompartmentRecord out = r;
  out.version = current + 1;
  return out;
}

}  // namespace drieluik::store::sqlite
