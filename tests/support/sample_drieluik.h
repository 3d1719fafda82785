// A Drieluik sample for dump and copy tests: one row or more in every table of migration
// 004 (meetings, cases with a merge, case signals and log, actions done and open, agenda
// items with a carry-over, an assessment, a reminder), through the repository.
#pragma once

#include "domain/drieluik/drieluik_repository.h"
#include "store/store.h"

namespace drieluik::testing {

inline Status FillDrieluikSample(store::Store& db, domain::SignalId a, domain::SignalId b) {
  using namespace domain;
  DrieluikRepository& r = db.drieluik();
  TimePoint t = *ParseTimestamp("2026-03-03T09:00:00Z");
  Meeting m;
  m.type = "drieluik";
  m.title = "Drieluik 3 maart";
  m.scheduled_at = t;
  m.participants = {{"zvhg", "ketenregisseur", "Kees", true}, {"politie", "politie", "", std::nullopt}};
  m.created_at = m.updated_at = t;
  auto m1 = r.InsertMeeting(m);
  if (!m1.ok()) return m1.status();
  m.scheduled_at = t + std::chrono::days(14);
  m.title = "Drieluik 17 maart — ë";
  auto m2 = r.InsertMeeting(m);
  if (!m2.ok()) return m2.status();

  Case c;
  c.title = "Loods Ter Apel";
  c.municipality = "GM1950";
  c.signals = {a};
  c.participants = {{"zvhg", "zorgcoordinator"}};
  c.created_at = c.updated_at = t;
  c.log = {{t, "kr.zvhg", "created", "case.log.created", "", "", ""}};
  auto c1 = r.InsertCase(c);
  if (!c1.ok()) return c1.status();
  c.title = "Tweede casus";
  c.signals = {b};
  auto c2 = r.InsertCase(c);
  if (!c2.ok()) return c2.status();
  Case merged = *c1;
  merged.status = CaseStatus::kMerged;
  merged.merged_into = c2->id;
  auto c1b = r.UpdateCase(merged, 1, {{t, "kr.zvhg", "transition", "case.transition.merge", "zelfde loods", "open", "merged"}});
  if (!c1b.ok()) return c1b.status();

  Action act;
  act.case_id = c2->id;
  act.meeting_id = m1->id;
  act.title = "Huisbezoek";
  act.owner = "zc.zvhg";
  act.organisation = "zvhg";
  act.due = *ParseDate("2026-03-10");
  act.created_at = act.updated_at = t;
  auto x1 = r.InsertAction(act);
  if (!x1.ok()) return x1.status();
  act.status = ActionStatus::kDone;
  act.completed_at = t + std::chrono::hours(5);
  act.meeting_id.reset();
  auto x2 = r.InsertAction(act);
  if (!x2.ok()) return x2.status();

  AgendaItem i1;
  i1.meeting_id = m1->id;
  i1.position = 1;
  i1.kind = AgendaItemKind::kNewSignal;
  i1.signal_id = a;
  i1.summary = "Loods — ARBEID";
  i1.urgency = "high";
  i1.routes = {"zorgcoordinator", "labour_inspectorate"};
  AgendaItem i2 = i1;
  i2.position = 2;
  i2.signal_id = b;
  i2.status = AgendaItemStatus::kPostponed;
  auto items = r.InsertAgendaItems({i1, i2});
  if (!items.ok()) return items.status();
  AgendaItem i3;
  i3.meeting_id = m2->id;
  i3.position = 1;
  i3.kind = AgendaItemKind::kCarriedOver;
  i3.signal_id = b;
  i3.case_id = c2->id;
  i3.action_id = x1->id;
  i3.carried_from = (*items)[1].id;
  i3.summary = "Uitgesteld";
  auto items2 = r.InsertAgendaItems({i3});
  if (!items2.ok()) return items2.status();

  Assessment as;
  as.item_id = (*items)[0].id;
  as.meeting_id = m1->id;
  as.signal_id = a;
  as.case_id = c1->id;
  as.outcome = Outcome::kSuspicionFollowUp;
  as.reasoning = "Paspoorten ingenomen";
  as.decisions = {{DecisionKind::kOpenCase, std::nullopt, ""}, {DecisionKind::kReferArbeidsinspectie, std::nullopt, "NLA"}};
  as.actor = "kr.zvhg";
  as.at = t;
  auto as1 = r.InsertAssessment(as);
  if (!as1.ok()) return as1.status();
  auto rem = r.RecordReminder({x1->id, "before_3", t, true});
  if (!rem.ok()) return rem.status();
  return Status::Ok();
}

}  // namespace drieluik::testing
