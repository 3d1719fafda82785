#include "store/sqlite/sqlite_compartments.h"

#include <sqlite3.h>

#include "store/signal_codec.h"
#include "store/sqlite/sqlite_store.h"

namespace drieluik::store::sqlite {
namespace {

using namespace drieluik::domain;

std::int64_t Ms(TimePoint t) { return t.time_since_epoch().count(); }

}  // namespace

Result<CompartmentRecord> SqliteCompartments::GetCompartment(SignalId id, Compartment c) {
  auto conn = store_.Acquire();
  auto st = conn->Prepare(
      "SELECT document, key_id, consent_to_share, version, updated_at, updated_by FROM signal_compartments "
      "WHERE signal_id = ? AND compartment = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, id).Bind(2, ToCode(c));
  auto row = st->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("compartment");
  CompartmentRecord r;
  r.signal_id = id;
  r.compartment = c;
  auto doc = store_.protector_.UnprotectCompartment(st->Text(1), st->Text(0), id, ToCode(c));
  if (!doc.ok()) return doc.status();
  DRIELUIK_RETURN_IF_ERROR(DecodeCompartmentDocument(*doc, r));
  r.consent_to_share = st->Int(2) != 0;
  r.version = st->Int(3);
  r.updated_at = TimePoint(std::chrono::milliseconds(st->Int(4)));
  r.updated_by = st->Text(5);
  return r;
}

Result<CompartmentRecord> SqliteCompartments::PutCompartment(const CompartmentRecord& r) {
  auto sealed = store_.protector_.ProtectCompartment(EncodeCompartmentDocument(r), r.signal_id, ToCode(r.compartment));
  if (!sealed.ok()) return sealed.status();
  auto conn = store_.Acquire();
  Transaction tx(*conn);
  DRIELUIK_RETURN_IF_ERROR(tx.Begin());
  DRIELUIK_RETURN_IF_ERROR(store_.EnsureKeyCheck(*conn));
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
      "INSERT INTO signal_compartments (signal_id, compartment, document, key_id, consent_to_share, version, "
      "updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (signal_id, compartment) DO UPDATE SET "
      "document = excluded.document, key_id = excluded.key_id, consent_to_share = excluded.consent_to_share, version = excluded.version, updated_at = excluded.updated_at, "
      "updated_by = excluded.updated_by");
  if (!up.ok()) return up.status();
  DRIELUIK_RETURN_IF_ERROR(up->Bind(1, r.signal_id)
                               .Bind(2, ToCode(r.compartment))
                               .Bind(3, *sealed)
                               .Bind(4, store_.protector_.current_key_id())
                               .Bind(5, r.consent_to_share ? 1 : 0)
                               .Bind(6, current + 1)
                               .Bind(7, Ms(r.updated_at))
                               .Bind(8, r.updated_by)
                               .Run());
  DRIELUIK_RETURN_IF_ERROR(tx.Commit());
  CompartmentRecord out = r;
  out.version = current + 1;
  return out;
}

}  // namespace drieluik::store::sqlite
