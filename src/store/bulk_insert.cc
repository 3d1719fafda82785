#include "store/bulk_insert.h"

#include <cstdlib>

#include "store/signal_codec.h"

namespace drieluik::store {

namespace {

const TableSpec& Table(const char* name) {
  for (const auto& t : DumpTables())
    if (t.name == name) return t;
  std::abort();  // a bug: the table list lost one
}

std::string Ms(TimePoint t) { return std::to_string(t.time_since_epoch().count()); }

}  // namespace

Status BulkInsertSignals(Store& store, std::shared_ptr<const crypto::KeyRing> keys, const SignalProducer& produce) {
  SignalProtector protector(std::move(keys));
  DRIELUIK_RETURN_IF_ERROR(protector.RequireKeys());
  auto load = store.BeginLoad();
  if (!load.ok()) return load.status();
  DRIELUIK_RETURN_IF_ERROR((*load)->Append(Table("encryption_keys"), {protector.current_key_id(), protector.KeyCheckValue()}));
  // Signals first; the rows that refer to them follow table by table (the PostgreSQL load
  // sends each table's rows in large multi-row statements).
  struct Beside {
    domain::SignalId id;
    std::vector<std::string> forms;
    domain::HistoryEntry created;
    std::vector<std::int64_t> words;
    std::vector<domain::StoredLinkKey> link_keys;
  };
  std::vector<Beside> beside;
  const TableSpec& signals = Table("signals");
  DRIELUIK_RETURN_IF_ERROR(produce([&](const domain::NewSignal& n) -> Status {
    const domain::Signal& s = n.signal;
    auto p = protector.Protect(s.content, s.id);
    if (!p.ok()) return p.status();
    Row row = {std::to_string(s.id),
               s.reference_code,
               std::to_string(s.version),
               std::string(domain::ToCode(s.status)),
               std::string(domain::ToCode(s.content.channel)),
               s.content.municipality,
               s.content.organisation,
               Ms(s.received_at),
               p->summary,
               n.urgency,
               p->document,
               n.public_secret_hash.empty() ? std::nullopt : std::optional<std::string>(n.public_secret_hash),
               Ms(s.created_at),
               Ms(s.updated_at),
               p->key_id};
    DRIELUIK_RETURN_IF_ERROR((*load)->Append(signals, row));
    beside.push_back({s.id, s.content.forms, n.created, std::move(p->words), protector.LinkKeysFor(s.content)});
    return Status::Ok();
  }));
  for (const auto& b : beside)
    for (const auto& f : b.forms) DRIELUIK_RETURN_IF_ERROR((*load)->Append(Table("signal_forms"), {std::to_string(b.id), f}));
  std::int64_t history_id = 0;
  for (const auto& b : beside)
    DRIELUIK_RETURN_IF_ERROR((*load)->Append(
        Table("signal_history"), {std::to_string(++history_id), std::to_string(b.id), Ms(b.created.at), b.created.action,
                                  b.created.actor, EncodeFieldList(b.created.fields)}));
  for (const auto& b : beside)
    for (std::int64_t w : b.words)
      DRIELUIK_RETURN_IF_ERROR((*load)->Append(Table("signal_words"), {std::to_string(b.id), std::to_string(w)}));
  for (const auto& b : beside)
    for (const auto& k : b.link_keys)
      DRIELUIK_RETURN_IF_ERROR(
          (*load)->Append(Table("signal_link_keys"), {std::to_string(b.id), std::string(domain::ToCode(k.kind)), k.hash}));
  return (*load)->Commit();
}

}  // namespace drieluik::store
