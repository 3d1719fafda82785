// The agenda builder (order, deduplication, deadlines on the meeting day) and the
// per-participant view: police and care compartments decided by the embedded policy.
#include "domain/drieluik/agenda.h"

#include <gtest/gtest.h>

namespace drieluik::domain {
namespace {

TimePoint At(const char* iso) { return *ParseTimestamp(iso); }

AgendaSignal NewSignal(SignalId id, UrgencyLevel level, const char* received, std::string summary) {
  AgendaSignal s;
  s.signal.id = id;
  s.signal.reference_code = "MH-2026-00000" + std::to_string(id);
  s.signal.received_at = At(received);
  s.signal.content.summary = std::move(summary);
  s.signal.content.forms = {"ARBEID"};
  s.triage.urgency.level = level;
  s.triage.routes = {{Route::kZorgcoordinator, {}}, {Route::kLabourInspectorate, {}}};
  return s;
}

Action OpenAction(ActionId id, CaseId c, const char* due) {
  Action a;
  a.id = id;
  a.case_id = c;
  a.title = "Huisbezoek";
  a.organisation = "zvhg";
  a.owner = "zc.zvhg";
  a.due = *ParseDate(due);
  return a;
}

std::vector<std::string> Lines(const std::vector<AgendaItem>& items) {
  std::vector<std::string> out;
  for (const auto& i : items) {
    std::string subject = i.action_id ? "action " + std::to_string(*i.action_id)
                          : i.signal_id ? "signal " + std::to_string(*i.signal_id)
                                        : "case " + std::to_string(*i.case_id);
    out.push_back(std::to_string(i.position) + " " + std::string(ToCode(i.kind)) + " " + subject);
  }
  return out;
}

TEST(AgendaBuilderTest, OrderAndDeadlinesOnTheMeetingDay) {
  AgendaInputs in;
  in.meeting.id = 9;
  in.meeting.type = "drieluik";
  in.meeting.scheduled_at = At("2026-03-31T08:00:00Z");  // Tuesday 10:00 CEST
  AgendaItem carried;
  carried.id = 70;
  carried.signal_id = 5;
  carried.summary = "Uitgesteld";
  carried.status = AgendaItemStatus::kPostponed;
  in.carried = {carried};
  in.new_signals = {NewSignal(1, UrgencyLevel::kNormal, "2026-03-20T10:00:00Z", "Normaal"),
                    NewSignal(2, UrgencyLevel::kAcute, "2026-03-25T10:00:00Z", "Acuut"),
                    NewSignal(3, UrgencyLevel::kNormal, "2026-03-18T10:00:00Z", "Ouder normaal"),
                    NewSignal(5, UrgencyLevel::kHigh, "2026-03-18T10:00:00Z", "Al op agenda via carry-over")};
  Case followup;
  followup.id = 20;
  followup.status = CaseStatus::kMonitoring;
  followup.title = "Kwekerij Ter Apel";
  Case quiet;
  quiet.id = 21;
  quiet.status = CaseStatus::kOpen;  // open, no actions: not on the agenda by itself
  // Due 30 March: overdue on the meeting day. Due 14 April: before the next meeting
  // (14 April 10:00) — a deadline. Due 15 April: not yet. Done: never.
  Action done = OpenAction(103, 20, "2026-03-01");
  done.status = ActionStatus::kDone;
  in.cases = {{followup, {OpenAction(101, 20, "2026-04-13"), OpenAction(100, 20, "2026-03-30"),
                          OpenAction(102, 20, "2026-04-15"), done}},
              {quiet, {}}};
  AgendaItem existing;
  existing.id = 80;
  existing.position = 1;
  existing.kind = AgendaItemKind::kAdded;
  existing.signal_id = 3;
  in.existing = {existing};

  auto items = BuildAgenda(in);
  EXPECT_EQ(Lines(items), (std::vector<std::string>{"2 carried_over signal 5", "3 new_signal signal 2", "4 new_signal signal 1",
                                                    "5 overdue_action action 100", "6 deadline action 101"}));
  EXPECT_EQ(items[0].carried_from, 70);
  EXPECT_EQ(items[1].summary, "Acuut — ARBEID");
  EXPECT_EQ(items[1].urgency, "acute");
  EXPECT_EQ(items[1].routes, (std::vector<std::string>{"zorgcoordinator", "labour_inspectorate"}));
  EXPECT_EQ(items[3].summary, "Over tijd / overdue — Actie #100 (zvhg), uiterlijk 2026-03-30: Huisbezoek");
  for (const auto& i : items) EXPECT_EQ(i.meeting_id, 9);

  // Without the deadline items the monitored case itself is on the agenda.
  in.cases[0].actions.clear();
  EXPECT_EQ(Lines(BuildAgenda(in)).back(), "5 case_follow_up case 20");
}

TEST(AgendaBuilderTest, SummaryLineIsOneLineAndCutOnACharacter) {
  Signal s;
  s.reference_code = "MH-2026-ABCDEF";
  s.content.summary = std::string(118, 'a') + "éé\ntweede regel";
  s.content.forms = {"SEKS", "ARBEID"};
  EXPECT_EQ(SignalSummaryLine(s), std::string(118, 'a') + "é… — SEKS, ARBEID");
  s.content.summary.clear();
  s.content.forms.clear();
  EXPECT_EQ(SignalSummaryLine(s), "MH-2026-ABCDEF");
}

Principal As(Role r) {
  Principal p;
  p.user_id = 1;
  p.username = "u";
  p.role = r;
  p.organisation = r == Role::kPolitie ? "politie" : "zvhg";
  p.via = AuthMethod::kSession;
  return p;
}

TEST(AgendaViewTest, CompartmentsPerParticipant) {
  AgendaItem item;
  item.id = 1;
  item.kind = AgendaItemKind::kNewSignal;
  item.signal_id = 4;
  item.summary = "Loods — ARBEID";
  item.urgency = "high";
  item.routes = {"zorgcoordinator", "police", "veilig_thuis", "riec"};
  Signal s;
  s.id = 4;
  s.content.vulnerable_groups = {VulnerableGroup::kMinor};
  ObjectScope referred{"GM1950", "gem-westerwolde", true, false, 0};
  ObjectScope not_referred{"GM1950", "gem-westerwolde", false, false, 0};
  const Policy& policy = Policy::Embedded();

  AgendaItemView police = ViewAgendaItem(item, &s, referred, As(Role::kPolitie), policy);
  EXPECT_FALSE(police.restricted);
  EXPECT_EQ(police.item.summary, "Loods — ARBEID");
  EXPECT_TRUE(police.care.empty());
  EXPECT_EQ(police.police, (std::vector<std::string>{"route:police", "route:riec"}));
  EXPECT_TRUE(police.item.routes.empty());

  AgendaItemView zc = ViewAgendaItem(item, &s, referred, As(Role::kZorgcoordinator), policy);
  EXPECT_EQ(zc.care, (std::vector<std::string>{"route:zorgcoordinator", "route:veilig_thuis", "group:minor"}));
  EXPECT_TRUE(zc.police.empty());

  // The chair sees police information; care only with the person's consent.
  AgendaItemView kr = ViewAgendaItem(item, &s, referred, As(Role::kKetenregisseur), policy);
  EXPECT_TRUE(kr.care.empty());
  EXPECT_EQ(kr.police.size(), 2u);
  ObjectScope consent = referred;
  consent.care_consent_shared = true;
  EXPECT_EQ(ViewAgendaItem(item, &s, consent, As(Role::kKetenregisseur), policy).care.size(), 3u);

  // Police on a signal not referred to them: the item exists, its content does not show.
  AgendaItemView hidden = ViewAgendaItem(item, &s, not_referred, As(Role::kPolitie), policy);
  EXPECT_TRUE(hidden.restricted);
  EXPECT_TRUE(hidden.item.summary.empty());
  EXPECT_TRUE(hidden.item.urgency.empty());
  EXPECT_TRUE(hidden.care.empty() && hidden.police.empty());
}

TEST(AgendaViewTest, CaseItemsFollowCaseRead) {
  AgendaItem item;
  item.kind = AgendaItemKind::kCaseFollowUp;
  item.case_id = 3;
  item.summary = "Casus #3";
  EXPECT_FALSE(ViewAgendaItem(item, nullptr, {}, As(Role::kPolitie), Policy::Embedded()).restricted);
  EXPECT_TRUE(ViewAgendaItem(item, nullptr, {}, As(Role::kBeleid), Policy::Embedded()).restricted);
}

}  // namespace
}  // namespace drieluik::domain
