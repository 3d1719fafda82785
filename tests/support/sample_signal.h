// A complete sample signal for store tests and benchmarks: every part of the content
// filled, so a round trip through a store shows any field it loses.
#pragma once

#include <string>

#include "base/time.h"
#include "domain/signal_repository.h"
#include "store/store.h"
#include "support/sample_drieluik.h"

namespace drieluik::testing {

inline TimePoint At(const char* iso) { return *ParseTimestamp(iso); }

inline domain::NewSignal SampleSignal(const std::string& ref, const char* received = "2026-03-01T10:00:00Z") {
  using namespace domain;
  NewSignal n;
  n.signal.reference_code = ref;
  n.signal.received_at = At(received);
  n.signal.created_at = n.signal.updated_at = n.signal.received_at;
  SignalContent& c = n.signal.content;
  c.channel = Channel::kProfessional;
  c.received_at = n.signal.received_at;
  c.observed_at = At("2026-02-28T22:00:00Z");
  c.municipality = "GM1950";
  c.organisation = "gem-westerwolde";
  c.reporter = {false, "Anna de Vries", "Huisartsenpraktijk", "0599-123456", "a@example.nl", true};
  c.summary = "Arbeidsmigranten wonen in loods";
  c.description = "Twaalf mannen slapen in een loods bij een kwekerij; paspoorten zijn ingenomen.";
  c.location = "Ter Apel";
  c.forms = {"ARBEID"};
  c.indicators = {{"ILO07", "paspoorten bij de uitzender"}};
  c.vulnerable_groups = {VulnerableGroup::kLabourMigrant};
  c.persons = {{PersonRole::kPossibleVictim, "Piotr K.", ParseDate("1990-05-01"), std::nullopt, Gender::kMale, "PL", ""}};
  c.addresses = {{"Hoofdstraat", "12a", "9561 AB", "Ter Apel", "loods achter het huis"}};
  c.businesses = {{"Uitzendbureau Snel", "12345678", "agrarisch"}};
  c.phone_numbers = {{"+31612345678", ""}};
  c.vehicles = {{"12-ABC-3", "witte bus"}};
  n.urgency = "normal";
  n.created = {n.signal.created_at, "created", "tester", {}};
  return n;
}

/// Fills a store with two signals that use every table and nullable column: forms,
/// an update with history, a public secret and an addition, non-ASCII text.
inline Status FillSample(store::Store& db) {
  using namespace domain;
  auto a = db.Insert(SampleSignal("MH-2026-DUMP01", "2026-01-01T10:00:00Z"));
  if (!a.ok()) return a.status();
  NewSignal pub = SampleSignal("MH-2026-DUMP02", "2026-02-01T10:00:00Z");
  pub.public_secret_hash = "argon2id:$v=19$abc";
  pub.signal.content.channel = Channel::kPublicForm;
  pub.signal.content.reporter = {};
  pub.signal.content.description = "Meisje van vijftien bij een loverboy; \"aanhalingstekens\" en é ü ß 🙂";
  pub.signal.content.forms = {"SEKS", "CRIMINEEL"};
  auto b = db.Insert(pub);
  if (!b.ok()) return b.status();
  DRIELUIK_RETURN_IF_ERROR(db.AddAddition(b->id, {At("2026-02-02T08:00:00Z"), "Ook een busje gezien"},
                                          {At("2026-02-02T08:00:00Z"), "addition", "public", {"additions"}}));
  // Both signals share an address (fixed stand-ins for the keyed hashes SignalService stores).
  DRIELUIK_RETURN_IF_ERROR(db.ReplaceLinkKeys(a->id, {{LinkKind::kAddress, "b2:address-hash"}, {LinkKind::kPhone, "b2:phone-hash"}}));
  DRIELUIK_RETURN_IF_ERROR(db.ReplaceLinkKeys(b->id, {{LinkKind::kAddress, "b2:address-hash"}}));
  Signal next = *a;
  next.status = SignalStatus::kInIntake;
  next.content.summary = "Bijgewerkt";
  DRIELUIK_RETURN_IF_ERROR(
      db.Update(next, 1, "high", {At("2026-01-02T09:00:00Z"), "updated", "zc1", {"summary", "status"}}).status());
  return FillDrieluikSample(db, a->id, b->id);
}

}  // namespace drieluik::testing
