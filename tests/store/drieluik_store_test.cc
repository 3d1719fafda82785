// One suite, every backend: the Drieluik repository and service on a real database —
// versions and conflicts, the agenda across two meetings (new signals, carry-over,
// overdue actions), assessments that open and merge cases, case transitions, reminders
// recorded once (and mailed through a recording fake), reporter feedback.
#include <gtest/gtest.h>

#include <mutex>

#include "domain/drieluik/drieluik_service.h"
#include "support/fake_clock.h"
#include "support/sample_signal.h"
#include "support/test_store.h"

namespace drieluik {
namespace {

using namespace domain;
using testing::At;
using testing::FakeClock;
using testing::SampleSignal;

// The outside world: records every mail, fails when told.
class RecordingMail final : public MailSender {
 public:
  Status Send(const MailMessage& m) override {
    std::lock_guard lock(mu_);
    sent.push_back(m);
    return fail ? Status::Unavailable("relay down") : Status::Ok();
  }
  std::vector<MailMessage> sent;
  bool fail = false;

 private:
  std::mutex mu_;
};

class DrieluikStoreTest : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    ts_ = std::make_unique<testing::TestStore>(GetParam());
    if (!ts_->store()) GTEST_SKIP() << ts_->skip_reason();
    ReminderOptions ro;
    ro.mail = &mail_;
    ro.address_of = [](const std::string& owner) -> std::optional<std::string> {
      if (owner == "zc.zvhg") return "zc@zvhg.example";
      return std::nullopt;
    };
    ro.link_base = "https://drieluik.example/acties/";
    service_ = std::make_unique<DrieluikService>(db().drieluik(), db(), Catalog::Embedded(), clock_, types_, ro);
  }
  store::Store& db() { return *ts_->store(); }
  DrieluikService& svc() { return *service_; }

  SignalId AddSignal(const std::string& ref, const char* received, std::string summary = "Loods") {
    NewSignal n = SampleSignal(ref, received);
    n.signal.content.summary = std::move(summary);
    auto s = db().Insert(n);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? s->id : 0;
  }

  Meeting Plan(const char* at) {
    Meeting m;
    m.type = "drieluik";
    m.scheduled_at = At(at);
    auto r = svc().CreateMeeting(m);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : Meeting{};
  }

  FakeClock clock_{"2026-03-16T12:00:00Z"};
  MeetingTypes types_ = MeetingTypes::Defaults();
  RecordingMail mail_;
  std::unique_ptr<testing::TestStore> ts_;
  std::unique_ptr<DrieluikService> service_;
};

TEST_P(DrieluikStoreTest, MeetingsRoundTripWithVersionsAndSchedule) {
  Meeting m = Plan("2026-03-17T09:00:00Z");
  EXPECT_EQ(m.title, "Drieluik 2026-03-17");
  ASSERT_EQ(m.participants.size(), 3u);  // the type's default roles
  EXPECT_EQ(m.participants[0], (Participant{"zvhg", "ketenregisseur", "", std::nullopt}));
  auto got = svc().GetMeeting(m.id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->participants, m.participants);
  EXPECT_EQ(got->scheduled_at, m.scheduled_at);

  Meeting att = *got;
  att.participants[2].attended = false;
  att.participants[0].attended = true;
  att.status = MeetingStatus::kHeld;
  auto upd = svc().UpdateMeeting(m.id, 1, att);
  ASSERT_TRUE(upd.ok()) << upd.status().ToString();
  EXPECT_EQ(upd->version, 2);
  EXPECT_EQ(upd->participants[2].attended, std::optional<bool>(false));
  auto stale = svc().UpdateMeeting(m.id, 1, att);
  EXPECT_EQ(stale.status().code(), StatusCode::kConflict);
  EXPECT_EQ(stale.status().message(), "stale version; current version is 2");
  EXPECT_EQ(svc().UpdateMeeting(999, 1, att).status().code(), StatusCode::kNotFound);

  // Planning every two weeks skips the instant that already has a meeting.
  auto planned = svc().PlanMeetings("drieluik", *ParseDate("2026-03-17"), 3);
  ASSERT_TRUE(planned.ok()) << planned.status().ToString();
  ASSERT_EQ(planned->size(), 2u);  // of 17 Mar, 31 Mar and 14 Apr, 17 March exists already
  EXPECT_EQ(FormatTimestamp((*planned)[0].scheduled_at), "2026-03-31T08:00:00Z");
  auto list = svc().ListMeetings({"drieluik", At("2026-03-01T00:00:00Z"), std::nullopt, 100});
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->size(), 3u);
  auto prev = db().drieluik().PreviousMeeting("drieluik", At("2026-03-31T08:00:00Z"));
  ASSERT_TRUE(prev.ok() && prev->has_value());
  EXPECT_EQ((*prev)->id, m.id);
}

TEST_P(DrieluikStoreTest, WholeMeetingAgendaAssessmentCaseActionOverdueOnNextAgenda) {
  SignalId s1 = AddSignal("MH-2026-AAAA01", "2026-03-10T10:00:00Z", "Arbeidsmigranten in loods");
  SignalId s2 = AddSignal("MH-2026-AAAA02", "2026-03-12T10:00:00Z", "Meisje bij loverboy");
  SignalId old = AddSignal("MH-2026-AAAA00", "2026-01-01T10:00:00Z", "Te oud voor deze agenda");
  (void)old;
  Meeting first = Plan("2026-03-17T09:00:00Z");
  auto agenda = svc().BuildAgendaFor(first.id);
  ASSERT_TRUE(agenda.ok()) << agenda.status().ToString();
  ASSERT_EQ(agenda->size(), 2u);  // the two signals of the last 28 days
  // Building again adds nothing.
  ASSERT_EQ(svc().BuildAgendaFor(first.id)->size(), 2u);
  const AgendaItem* item1 = nullptr;
  const AgendaItem* item2 = nullptr;
  for (const auto& i : *agenda) (i.signal_id == s1 ? item1 : item2) = &i;
  ASSERT_TRUE(item1 && item2);
  EXPECT_EQ(item1->kind, AgendaItemKind::kNewSignal);
  EXPECT_EQ(item1->summary, "Arbeidsmigranten in loods — ARBEID");

  // The chair puts the second first, and postpones it.
  auto reordered = svc().ReorderAgenda(first.id, {item2->id, item1->id});
  ASSERT_TRUE(reordered.ok()) << reordered.status().ToString();
  EXPECT_EQ((*reordered)[0].signal_id, s2);
  EXPECT_EQ(svc().ReorderAgenda(first.id, {item2->id}).status().fields()[0].key, "agenda.order_incomplete");
  AgendaItemId postponed_id = item2->id;
  AgendaItemId assessed_id = item1->id;
  ASSERT_TRUE(svc().PostponeItem(postponed_id).ok());

  // Assessment: suspicion, open a case, refer to the labour inspectorate.
  Assessment a;
  a.outcome = Outcome::kSuspicionFollowUp;
  a.reasoning = "Paspoorten ingenomen; twaalf mannen in een loods.";
  a.decisions = {{DecisionKind::kOpenCase, std::nullopt, ""}, {DecisionKind::kReferArbeidsinspectie, std::nullopt, "OICM"}};
  auto done = svc().Assess(assessed_id, a, "kr.zvhg");
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  ASSERT_TRUE(done->case_id.has_value());
  EXPECT_EQ(svc().Assess(assessed_id, a, "kr.zvhg").status().code(), StatusCode::kFailedPrecondition);
  auto c = svc().GetCase(*done->case_id);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->signals, std::vector<SignalId>{s1});
  EXPECT_EQ(c->status, CaseStatus::kOpen);
  std::vector<std::string> log;
  for (const auto& e : c->log) log.push_back(e.kind + ":" + e.key);
  EXPECT_EQ(log, (std::vector<std::string>{"created:case.log.created", "decision:refer_arbeidsinspectie",
                                           "assessment:suspicion_follow_up"}));
  auto feedback = svc().FeedbackFor(s1);
  ASSERT_TRUE(feedback.ok());
  EXPECT_TRUE(feedback->assessed);
  EXPECT_EQ(feedback->outcome, Outcome::kSuspicionFollowUp);
  EXPECT_FALSE(svc().FeedbackFor(s2)->assessed);
  auto scope = svc().ScopeOf(*db().Get(s1));
  EXPECT_TRUE(scope->referred_to_police);

  // An action due 20 March; the next meeting (31 March) sees it overdue and carries the
  // postponed signal over.
  Action act;
  act.case_id = c->id;
  act.meeting_id = first.id;
  act.title = "Contact met de uitzender";
  act.owner = "zc.zvhg";
  act.organisation = "zvhg";
  act.due = *ParseDate("2026-03-20");
  auto created = svc().CreateAction(act);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  Meeting second = Plan("2026-03-31T08:00:00Z");
  SignalId s3 = AddSignal("MH-2026-AAAA03", "2026-03-20T10:00:00Z", "Nieuw signaal");
  auto next = svc().BuildAgendaFor(second.id);
  ASSERT_TRUE(next.ok()) << next.status().ToString();
  std::vector<std::string> kinds;
  for (const auto& i : *next) kinds.push_back(std::string(ToCode(i.kind)));
  EXPECT_EQ(kinds, (std::vector<std::string>{"carried_over", "new_signal", "overdue_action"}));
  EXPECT_EQ((*next)[0].signal_id, s2);
  EXPECT_EQ((*next)[0].carried_from, postponed_id);
  EXPECT_EQ((*next)[1].signal_id, s3);
  EXPECT_EQ((*next)[2].action_id, created->id);

  clock_.Set(At("2026-03-21T10:00:00Z"));
  auto overdue = svc().ListActions({}, true);
  ASSERT_TRUE(overdue.ok());
  ASSERT_EQ(overdue->size(), 1u);
  ActionChange finish;
  finish.expected_version = 1;
  finish.status = ActionStatus::kDone;
  auto finished = svc().ChangeAction(created->id, finish);
  ASSERT_TRUE(finished.ok()) << finished.status().ToString();
  EXPECT_TRUE(finished->completed_at.has_value());
  EXPECT_EQ(svc().ChangeAction(created->id, finish).status().code(), StatusCode::kConflict);
  EXPECT_TRUE(svc().ListActions({}, true)->empty());

  // Merge the carried-over signal into the case, from the second meeting.
  Assessment merge;
  merge.outcome = Outcome::kMoreInformationNeeded;
  merge.reasoning = "Zelfde uitzender.";
  merge.decisions = {{DecisionKind::kMergeIntoCase, c->id, ""}};
  ASSERT_TRUE(svc().Assess((*next)[0].id, merge, "kr.zvhg").ok());
  EXPECT_EQ(svc().GetCase(c->id)->signals, (std::vector<SignalId>{s1, s2}));
  auto by_signal = svc().ListCases({std::nullopt, s2, 100});
  ASSERT_EQ(by_signal->size(), 1u);
  EXPECT_EQ(by_signal->front().id, c->id);
}

TEST_P(DrieluikStoreTest, SignalStatusFollowsAgendaAndAssessment) {
  SignalId opened = AddSignal("MH-2026-BBBB01", "2026-03-10T10:00:00Z", "Uitbuiting in nagelstudio");
  SignalId closed = AddSignal("MH-2026-BBBB02", "2026-03-11T10:00:00Z", "Geen aanwijzingen");
  SignalId later = AddSignal("MH-2026-BBBB03", "2026-03-12T10:00:00Z", "Meer informatie nodig");
  Meeting m = Plan("2026-03-17T09:00:00Z");
  auto agenda = svc().BuildAgendaFor(m.id, "kr.zvhg");
  ASSERT_TRUE(agenda.ok()) << agenda.status().ToString();
  ASSERT_EQ(agenda->size(), 3u);
  for (SignalId id : {opened, closed, later}) EXPECT_EQ(db().Get(id)->status, SignalStatus::kForDrieluik);
  auto history = db().History(opened);
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->back().action, "on_agenda");
  EXPECT_EQ(history->back().actor, "kr.zvhg");
  EXPECT_EQ(history->back().fields, std::vector<std::string>{"status"});

  auto item_of = [&](SignalId id) {
    for (const auto& i : *agenda)
      if (i.signal_id == id) return i.id;
    return AgendaItemId{0};
  };
  Assessment open_case;
  open_case.outcome = Outcome::kSuspicionFollowUp;
  open_case.reasoning = "Werknemers slapen in de studio.";
  open_case.decisions = {{DecisionKind::kOpenCase, std::nullopt, ""}};
  ASSERT_TRUE(svc().Assess(item_of(opened), open_case, "kr.zvhg").ok());
  EXPECT_EQ(db().Get(opened)->status, SignalStatus::kLinkedToCase);
  EXPECT_EQ(db().History(opened)->back().action, "assessed");

  Assessment close;
  close.outcome = Outcome::kNoIndication;
  close.reasoning = "Geen aanwijzingen voor mensenhandel.";
  close.decisions = {{DecisionKind::kClose, std::nullopt, ""}};
  ASSERT_TRUE(svc().Assess(item_of(closed), close, "kr.zvhg").ok());
  EXPECT_EQ(db().Get(closed)->status, SignalStatus::kClosed);

  Assessment more;
  more.outcome = Outcome::kMoreInformationNeeded;
  more.reasoning = "Navragen bij de wijkagent.";
  std::int64_t version_before = db().Get(later)->version;
  ASSERT_TRUE(svc().Assess(item_of(later), more, "kr.zvhg").ok());
  EXPECT_EQ(db().Get(later)->status, SignalStatus::kAssessed);
  EXPECT_EQ(db().Get(later)->version, version_before + 1);

  // Never backwards: a signal linked to a case stays linked when it is put on a later
  // agenda and assessed again with "more information needed".
  Meeting next = Plan("2026-03-31T08:00:00Z");
  auto item = svc().AddAgendaItem(next.id, opened, std::nullopt, "", "kr.zvhg");
  ASSERT_TRUE(item.ok()) << item.status().ToString();
  EXPECT_EQ(db().Get(opened)->status, SignalStatus::kLinkedToCase);
  ASSERT_TRUE(svc().Assess(item->id, more, "kr.zvhg").ok());
  EXPECT_EQ(db().Get(opened)->status, SignalStatus::kLinkedToCase);
}

TEST_P(DrieluikStoreTest, CaseTransitionsFollowTheTableAndVersions) {
  SignalId s1 = AddSignal("MH-2026-BBBB01", "2026-03-10T10:00:00Z");
  SignalId s2 = AddSignal("MH-2026-BBBB02", "2026-03-10T10:00:00Z");
  Case in;
  in.title = "Casus A";
  in.signals = {s1};
  auto a = svc().CreateCase(in, "kr.zvhg");
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->municipality, "GM1950");
  in.title = "Casus B";
  in.signals = {s2};
  auto b = svc().CreateCase(in, "kr.zvhg");
  in.signals = {424242};
  EXPECT_EQ(svc().CreateCase(in, "kr.zvhg").status().fields()[0].key, "case.signal_not_found");

  CaseChange to_monitoring{1, CaseStatus::kMonitoring};
  Status refused = svc().ChangeCase(a->id, to_monitoring, "kr.zvhg").status();
  ASSERT_EQ(refused.fields().size(), 1u);
  EXPECT_EQ(refused.fields()[0].key, "case.transition.not_allowed");
  CaseChange start{1, CaseStatus::kInFollowup};
  start.note = "Politie en NLA pakken het op.";
  auto started = svc().ChangeCase(a->id, start, "kr.zvhg");
  ASSERT_TRUE(started.ok()) << started.status().ToString();
  EXPECT_EQ(started->version, 2);
  auto stale = svc().ChangeCase(a->id, start, "kr.zvhg");
  EXPECT_EQ(stale.status().code(), StatusCode::kConflict);

  CaseChange who{2};
  who.add_participant = CaseParticipant{"politie", "politie"};
  ASSERT_TRUE(svc().ChangeCase(a->id, who, "kr.zvhg").ok());
  CaseChange decide{3};
  decide.decision = DecisionKind::kMunicipalMeasure;
  decide.note = "Sluiting pand (art. 174a Gemeentewet) onderzoeken.";
  ASSERT_TRUE(svc().ChangeCase(a->id, decide, "kr.zvhg").ok());

  CaseChange merge{4, CaseStatus::kMerged};
  merge.merge_into = b->id;
  auto merged = svc().ChangeCase(a->id, merge, "kr.zvhg");
  ASSERT_TRUE(merged.ok()) << merged.status().ToString();
  EXPECT_EQ(merged->merged_into, b->id);
  EXPECT_EQ(svc().GetCase(b->id)->signals, (std::vector<SignalId>{s1, s2}));
  CaseChange reopen{5, CaseStatus::kOpen};
  EXPECT_EQ(svc().ChangeCase(a->id, reopen, "kr.zvhg").status().fields()[0].key, "case.transition.final");

  std::vector<std::string> log;
  for (const auto& e : merged->log) log.push_back(e.kind + ":" + e.key + ":" + e.from_status + ">" + e.to_status);
  EXPECT_EQ(log, (std::vector<std::string>{"created:case.log.created:>", "transition:case.transition.start_followup:open>in_followup",
                                           "participant_added:case.log.participant_added:>",
                                           "decision:municipal_measure:>", "transition:case.transition.merge:in_followup>merged"}));
  EXPECT_EQ(merged->participants, (std::vector<CaseParticipant>{{"politie", "politie"}}));
}

TEST_P(DrieluikStoreTest, RemindersBeforeAndOnDueDateOnceAcrossTheSpringSwitch) {
  Action act;
  act.title = "Terugkoppeling";
  act.owner = "zc.zvhg";
  act.organisation = "zvhg";
  act.due = *ParseDate("2026-03-30");  // the Monday after the switch to summer time
  auto a = svc().CreateAction(act);
  ASSERT_TRUE(a.ok());
  act.owner = "politie.tmm";  // no address known: in-app only
  auto b = svc().CreateAction(act);
  ASSERT_TRUE(b.ok());

  clock_.Set(At("2026-03-27T06:59:59Z"));  // 07:59:59 CET, three days before
  EXPECT_TRUE(svc().RunReminders()->empty());
  clock_.Set(At("2026-03-27T07:00:00Z"));
  auto first = svc().RunReminders();
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_EQ(first->size(), 2u);
  EXPECT_EQ((*first)[0].kind, "before_3");
  EXPECT_TRUE((*first)[0].mailed);
  EXPECT_FALSE((*first)[1].mailed);
  EXPECT_TRUE(svc().RunReminders()->empty());  // once
  ASSERT_EQ(mail_.sent.size(), 1u);
  EXPECT_EQ(mail_.sent[0].to, "zc@zvhg.example");
  EXPECT_EQ(mail_.sent[0].subject, "Herinnering: actie #" + std::to_string(a->id) +
                                       " uiterlijk 2026-03-30 / Reminder: action #" + std::to_string(a->id) +
                                       " due 2026-03-30");
  EXPECT_EQ(mail_.sent[0].body.find("Terugkoppeling"), std::string::npos);  // no title in mail

  // On the due day at 08:00 CEST (06:00Z); the relay is down: in-app, not mailed.
  mail_.fail = true;
  clock_.Set(At("2026-03-30T05:59:59Z"));
  EXPECT_TRUE(svc().RunReminders()->empty());
  clock_.Set(At("2026-03-30T06:00:00Z"));
  auto due = svc().RunReminders();
  ASSERT_EQ(due->size(), 2u);
  EXPECT_EQ((*due)[0].kind, "due");
  EXPECT_FALSE((*due)[0].mailed);
  auto inapp = svc().RemindersForOwner("zc.zvhg");
  ASSERT_TRUE(inapp.ok());
  ASSERT_EQ(inapp->size(), 2u);
  EXPECT_EQ((*inapp)[0].kind, "before_3");
  EXPECT_EQ((*inapp)[1].kind, "due");

  // A late run sends only the latest passed reminder, and none once overdue.
  act.owner = "zc.zvhg";
  act.due = *ParseDate("2026-03-31");
  auto late = svc().CreateAction(act);
  clock_.Set(At("2026-03-31T12:00:00Z"));
  auto r = svc().RunReminders();
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].action_id, late->id);
  EXPECT_EQ((*r)[0].kind, "due");
  clock_.Set(At("2026-04-02T12:00:00Z"));
  EXPECT_TRUE(svc().RunReminders()->empty());
}

TEST_P(DrieluikStoreTest, AgendaViewsHideCompartments) {
  SignalId s1 = AddSignal("MH-2026-CCCC01", "2026-03-10T10:00:00Z");
  Meeting m = Plan("2026-03-17T09:00:00Z");
  ASSERT_TRUE(svc().BuildAgendaFor(m.id).ok());
  Principal police;
  police.user_id = 5;
  police.username = "politie.tmm";
  police.role = Role::kPolitie;
  police.organisation = "politie";
  police.via = AuthMethod::kSession;
  auto view = svc().AgendaFor(m.id, police, Policy::Embedded());
  ASSERT_TRUE(view.ok()) << view.status().ToString();
  ASSERT_EQ(view->size(), 1u);
  EXPECT_TRUE((*view)[0].restricted);  // not referred to the police yet
  Assessment a;
  a.outcome = Outcome::kSuspicionFollowUp;
  a.reasoning = "Doorverwijzen.";
  a.decisions = {{DecisionKind::kReferPolitie, std::nullopt, ""}};
  ASSERT_TRUE(svc().Assess((*view)[0].item.id, a, "kr.zvhg").ok());
  auto after = svc().AgendaFor(m.id, police, Policy::Embedded());
  EXPECT_FALSE((*after)[0].restricted);
  EXPECT_EQ((*after)[0].item.signal_id, s1);
  EXPECT_TRUE((*after)[0].care.empty());
}

TEST_P(DrieluikStoreTest, MinutesCarryOnlyWhatEveryParticipantMaySee) {
  SignalId s1 = AddSignal("MH-2026-DDDD01", "2026-03-10T10:00:00Z", "Loods bij kwekerij");
  SignalId s2 = AddSignal("MH-2026-DDDD02", "2026-03-11T10:00:00Z", "Vertrouwelijk zorgsignaal");
  Meeting m = Plan("2026-03-17T09:00:00Z");  // ketenregisseur, zorgcoordinator, politie
  auto agenda = svc().BuildAgendaFor(m.id);
  ASSERT_TRUE(agenda.ok());
  AgendaItemId first = 0;
  for (const auto& i : *agenda)
    if (i.signal_id == s1) first = i.id;
  Assessment a;
  a.outcome = Outcome::kSuspicionFollowUp;
  a.reasoning = "Politie en zorg pakken dit samen op.";
  a.decisions = {{DecisionKind::kReferPolitie, std::nullopt, "TMM"}, {DecisionKind::kCareTrajectory, std::nullopt, "COSM"},
                 {DecisionKind::kMunicipalMeasure, std::nullopt, "controle"}};
  ASSERT_TRUE(svc().Assess(first, a, "kr.zvhg").ok());
  Principal chair;
  chair.user_id = 1;
  chair.username = "kr.zvhg";
  chair.role = Role::kKetenregisseur;
  chair.organisation = "zvhg";
  chair.via = AuthMethod::kSession;
  auto minutes = svc().MinutesFor(m.id, chair, Policy::Embedded());
  ASSERT_TRUE(minutes.ok()) << minutes.status().ToString();
  ASSERT_EQ(minutes->items.size(), 2u);
  const MinutesItem& referred = minutes->items[0].summary.empty() ? minutes->items[1] : minutes->items[0];
  const MinutesItem& other = &referred == &minutes->items[0] ? minutes->items[1] : minutes->items[0];
  // Referred to the police: everyone may read it; but the police may not read care and
  // the zorgcoordinator may not read police information, so only the measure remains.
  EXPECT_FALSE(referred.restricted);
  EXPECT_EQ(referred.summary, "Loods bij kwekerij — ARBEID");
  EXPECT_EQ(referred.reasoning, "Politie en zorg pakken dit samen op.");
  ASSERT_EQ(referred.decisions.size(), 1u);
  EXPECT_EQ(referred.decisions[0].kind, DecisionKind::kMunicipalMeasure);
  EXPECT_TRUE(referred.care.empty());
  EXPECT_TRUE(referred.police.empty());
  // Not referred: the police participant may not read it, so nobody gets it in the minutes.
  EXPECT_TRUE(other.restricted);
  EXPECT_TRUE(other.summary.empty());
  EXPECT_EQ(svc().MinutesFor(9999, chair, Policy::Embedded()).status().code(), StatusCode::kNotFound);
}

INSTANTIATE_TEST_SUITE_P(Backends, DrieluikStoreTest, ::testing::ValuesIn(testing::kBackends));

}  // namespace
}  // namespace drieluik
