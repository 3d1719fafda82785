// A complete sample signal for store tests and benchmarks: every part of the content
// filled, so a round trip through a store shows any field it loses.
#pragma once

#include <string>

#include "base/time.h"
#include "domain/signal_repository.h"

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

}  // namespace drieluik::testing
