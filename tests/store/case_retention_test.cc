// Retention term R-CASE on both backends with a fake clock (issue 3 point 6, PRIVACY.md
// section 5): a closed case past its term loses its title, log details and action titles;
// its signals are anonymised once every case they belong to is; the agenda summaries,
// assessment reasoning and decision notes about an anonymised signal or case are cleared
// (also for a signal R-SIG anonymised); a meeting loses its title and participants only
// when nothing on its agenda is still kept. Codes, counts and the police's lists stay the
// same; a second run changes nothing.
#include <gtest/gtest.h>

#include <algorithm>

#include "domain/retention.h"
#include "support/fake_clock.h"
#include "support/sample_signal.h"
#include "support/table_rows.h"
#include "support/test_store.h"

namespace drieluik::testing {
namespace {

using namespace domain;

// Texts that appear nowhere else, so a read or dump that shows one shows a leak.
constexpr const char* kOldCaseTitle = "Casus Kievitsbloemweg";
constexpr const char* kOldLog = "Broer Sjoerd Waterhoenders dreigt";
constexpr const char* kOldAction = "Bel de huisarts aan de Lepelaarsdreef";
constexpr const char* kOldSummary = "Loods aan de Grutto-erf";
constexpr const char* kOldReasoning = "Verklaring van Femke Roerdompveld";
constexpr const char* kOldNote = "Overleg met Bontekraai";
constexpr const char* kOldMeeting = "Drieluik bij de Zwanebloemhoeve";
constexpr const char* kParticipant = "Tjalling Kwartelkoning";
constexpr const char* kSigSummary = "Eerdere melding Pimpelmeesweg";

class CaseRetentionTest : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    ts_ = std::make_unique<TestStore>(GetParam());
    if (!ts_->store()) GTEST_SKIP() << ts_->skip_reason();
  }
  store::Store& db() { return *ts_->store(); }
  DrieluikRepository& dl() { return db().drieluik(); }

  Signal Insert(const std::string& ref, const char* received) {
    auto s = db().Insert(SampleSignal(ref, received));
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return *s;
  }
  void SetStatus(const Signal& s, SignalStatus status, const char* at) {
    auto cur = db().Get(s.id);
    ASSERT_TRUE(cur.ok());
    Signal next = *cur;
    next.status = status;
    next.updated_at = At(at);
    ASSERT_TRUE(db().Update(next, cur->version, "normal", {At(at), "updated", "kr.zvhg", {"status"}}).ok());
  }
  Case AddCase(const std::string& title, std::vector<SignalId> signals, CaseStatus status, const char* closed_at) {
    Case c;
    c.title = title;
    c.status = status;
    c.municipality = "GM1950";
    c.signals = std::move(signals);
    c.participants = {{"zvhg", "zorgcoordinator"}, {"politie", "politie"}};
    c.created_at = At("2025-11-01T09:00:00Z");
    c.updated_at = At(closed_at);
    c.log = {{c.created_at, "kr.zvhg", "created", "case.log.created", title == kOldCaseTitle ? kOldLog : "log", "", ""}};
    auto out = dl().InsertCase(c);
    EXPECT_TRUE(out.ok()) << out.status().ToString();
    return *out;
  }
  Action AddAction(std::optional<CaseId> kase, std::optional<MeetingId> meeting, const std::string& title) {
    Action a;
    a.case_id = kase;
    a.meeting_id = meeting;
    a.title = title;
    a.owner = "zc.zvhg";
    a.organisation = "zvhg";
    a.due = *ParseDate("2025-12-20");
    a.status = ActionStatus::kDone;
    a.created_at = a.updated_at = At("2025-12-01T09:00:00Z");
    a.completed_at = At("2025-12-10T09:00:00Z");
    auto out = dl().InsertAction(a);
    EXPECT_TRUE(out.ok()) << out.status().ToString();
    return *out;
  }
  Meeting AddMeeting(const std::string& title, const char* at) {
    Meeting m;
    m.type = "drieluik";
    m.title = title;
    m.scheduled_at = At(at);
    m.status = MeetingStatus::kHeld;
    m.participants = {{"zvhg", "ketenregisseur", kParticipant, true}, {"politie", "politie", "", std::nullopt}};
    m.created_at = m.updated_at = m.scheduled_at;
    auto out = dl().InsertMeeting(m);
    EXPECT_TRUE(out.ok()) << out.status().ToString();
    return *out;
  }
  // An agenda item about a signal or a case, assessed with a referral to the police.
  AgendaItem AddAssessedItem(const Meeting& m, int position, std::optional<SignalId> signal,
                             std::optional<CaseId> kase, const std::string& summary) {
    AgendaItem i;
    i.meeting_id = m.id;
    i.position = position;
    i.kind = signal ? AgendaItemKind::kNewSignal : AgendaItemKind::kCaseFollowUp;
    i.signal_id = signal;
    i.case_id = kase;
    i.summary = summary;
    i.urgency = "high";
    i.routes = {"politie"};
    auto items = dl().InsertAgendaItems({i});
    EXPECT_TRUE(items.ok()) << items.status().ToString();
    Assessment a;
    a.item_id = items->at(0).id;
    a.meeting_id = m.id;
    a.signal_id = signal;
    a.case_id = kase;
    a.outcome = Outcome::kSuspicionFollowUp;
    a.reasoning = kOldReasoning;
    a.decisions = {{DecisionKind::kReferPolitie, std::nullopt, kOldNote}};
    a.actor = "kr.zvhg";
    a.at = m.scheduled_at;
    EXPECT_TRUE(dl().InsertAssessment(a).ok());
    return items->at(0);
  }
  RetentionReport Run(FakeClock& clock) {
    RetentionService service(db(), db().retention(), clock, RetentionTerms::Default(),
                             [](const SignalContent&) { return std::string("normal"); });
    auto r = service.Run();
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : RetentionReport{};
  }
  std::int64_t SignalCount() {
    SignalFilter f;
    f.municipality = "GM1950";
    f.form = "ARBEID";
    f.limit = 200;
    auto page = db().List(f);
    EXPECT_TRUE(page.ok());
    return page.ok() ? static_cast<std::int64_t>(page->items.size()) : -1;
  }
  std::int64_t CaseCount(CaseStatus s) {
    CaseFilter f;
    f.status = s;
    f.limit = 500;
    auto list = dl().ListCases(f);
    EXPECT_TRUE(list.ok());
    return list.ok() ? static_cast<std::int64_t>(list->size()) : -1;
  }
  // The columns of `table` the monitor and the lists use (codes, ids, times), row by row.
  std::vector<store::Row> Codes(const TableRows& rows, const std::string& table, const std::vector<std::string>& cols) {
    std::vector<std::size_t> at;
    for (const auto& t : store::DumpTables())
      if (t.name == table)
        for (const auto& c : cols) at.push_back(std::find(t.columns.begin(), t.columns.end(), c) - t.columns.begin());
    std::vector<store::Row> out;
    for (const auto& r : rows.at(table)) {
      store::Row x;
      for (std::size_t i : at) x.push_back(r.at(i));
      out.push_back(std::move(x));
    }
    return out;
  }
  std::unique_ptr<TestStore> ts_;
};

TEST_P(CaseRetentionTest, ClosedCasePastItsTermIsAnonymisedWithItsSignalsItemsAndMeeting) {
  // The default terms: R-CASE 1825 days after the case's last change, R-SIG 730 days.
  Signal a = Insert("MH-2025-CASE01", "2025-10-01T10:00:00Z");  // only in the old case
  Signal b = Insert("MH-2025-CASE02", "2025-10-02T10:00:00Z");  // in a case inside its term
  Signal d = Insert("MH-2025-CASE03", "2025-10-03T10:00:00Z");  // in the old case and an open one
  Signal e = Insert("MH-2026-RSIG01", "2026-02-01T10:00:00Z");  // no case: R-SIG
  SetStatus(a, SignalStatus::kLinkedToCase, "2025-11-01T09:00:00Z");
  SetStatus(b, SignalStatus::kClosed, "2026-01-05T09:00:00Z");
  SetStatus(d, SignalStatus::kClosed, "2026-01-05T09:00:00Z");
  SetStatus(e, SignalStatus::kClosed, "2026-03-01T09:00:00Z");

  Case old_case = AddCase(kOldCaseTitle, {a.id, d.id}, CaseStatus::kClosed, "2026-01-10T09:00:00Z");
  Case recent = AddCase("Casus binnen termijn", {b.id}, CaseStatus::kClosed, "2026-09-01T09:00:00Z");
  Case open = AddCase("Lopende casus", {d.id}, CaseStatus::kInFollowup, "2026-09-01T09:00:00Z");
  Action old_action = AddAction(old_case.id, std::nullopt, kOldAction);
  Action recent_action = AddAction(recent.id, std::nullopt, "Actie binnen termijn");

  // m1 discussed only what goes; m2 also a signal that is kept; m3 is too recent.
  Meeting m1 = AddMeeting(kOldMeeting, "2025-12-01T13:00:00Z");
  AgendaItem m1_a = AddAssessedItem(m1, 1, a.id, std::nullopt, kOldSummary);
  AgendaItem m1_case = AddAssessedItem(m1, 2, std::nullopt, old_case.id, kOldSummary);
  Action m1_action = AddAction(std::nullopt, m1.id, kOldAction);  // agreed outside any case
  Meeting m2 = AddMeeting("Drieluik december", "2025-12-15T13:00:00Z");
  AgendaItem m2_a = AddAssessedItem(m2, 1, a.id, std::nullopt, kOldSummary);
  AgendaItem m2_b = AddAssessedItem(m2, 2, b.id, std::nullopt, "Blijft: melding binnen termijn");
  Meeting m3 = AddMeeting("Drieluik maart 2026", "2026-03-02T13:00:00Z");
  AgendaItem m3_e = AddAssessedItem(m3, 1, e.id, std::nullopt, kSigSummary);

  const std::int64_t signals_before = SignalCount();
  const std::int64_t closed_before = CaseCount(CaseStatus::kClosed);
  auto before = ReadAllRows(db());
  ASSERT_TRUE(before.ok()) << before.status().ToString();

  // One day before the old case's term ends (2026-01-10 + 1825 days = 2031-01-09): untouched.
  FakeClock clock("2031-01-08T09:00:00Z");
  RetentionReport inside = Run(clock);
  EXPECT_EQ(inside.cases_anonymised, 0);
  EXPECT_EQ(inside.meetings_anonymised, 0);
  EXPECT_EQ(inside.signals_anonymised, 1);  // e, by R-SIG; d is kept (its cases are not past)
  auto kept = dl().GetCase(old_case.id);
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(kept->title, kOldCaseTitle);
  EXPECT_EQ(kept->log.at(0).detail, kOldLog);
  EXPECT_EQ(db().Get(d.id)->reference_code, "MH-2025-CASE03");
  // R-SIG's signal loses its agenda summary and assessment reasoning; codes stay.
  auto e_items = dl().AgendaItems(m3.id);
  ASSERT_TRUE(e_items.ok());
  EXPECT_EQ(e_items->at(0).summary, "");
  auto e_assessed = dl().AssessmentsForSignal(e.id);
  ASSERT_TRUE(e_assessed.ok());
  ASSERT_EQ(e_assessed->size(), 1u);
  EXPECT_EQ(e_assessed->at(0).reasoning, "");
  EXPECT_EQ(e_assessed->at(0).outcome, Outcome::kSuspicionFollowUp);
  ASSERT_EQ(e_assessed->at(0).decisions.size(), 1u);
  EXPECT_EQ(e_assessed->at(0).decisions[0].kind, DecisionKind::kReferPolitie);
  EXPECT_EQ(e_assessed->at(0).decisions[0].note, "");
  EXPECT_EQ(inside.drieluik_rows_cleared, 2);  // e's item and its assessment
  auto m1_kept = dl().GetMeeting(m1.id);
  ASSERT_TRUE(m1_kept.ok());
  EXPECT_EQ(m1_kept->title, kOldMeeting);

  // Past it.
  clock.Set(At("2031-01-11T09:00:00Z"));
  RetentionReport r = Run(clock);
  EXPECT_EQ(r.cases_anonymised, 1);
  EXPECT_EQ(r.signals_anonymised, 1);  // a; d stays in the open case, b in the recent one
  EXPECT_EQ(r.meetings_anonymised, 1);  // m1; m2 still discusses b, m3 is too recent
  // The old case: log entry, action, m1's two items, m2's item about a, their assessments,
  // and the action agreed at m1.
  EXPECT_EQ(r.drieluik_rows_cleared, 1 + 1 + 2 * 3 + 1);

  auto gone = dl().GetCase(old_case.id);
  ASSERT_TRUE(gone.ok()) << gone.status().ToString();
  EXPECT_EQ(gone->title, "ANON-" + std::to_string(old_case.id));
  ASSERT_EQ(gone->log.size(), 1u);
  EXPECT_EQ(gone->log[0].detail, "");
  EXPECT_EQ(gone->log[0].key, "case.log.created");
  EXPECT_EQ(gone->status, CaseStatus::kClosed);
  EXPECT_EQ(gone->municipality, "GM1950");
  EXPECT_EQ(gone->participants, old_case.participants);
  EXPECT_EQ(gone->signals, (std::vector<SignalId>{a.id, d.id}));
  EXPECT_EQ(gone->updated_at, old_case.updated_at);
  EXPECT_EQ(dl().GetAction(old_action.id)->title, "ANON-" + std::to_string(old_action.id));
  EXPECT_EQ(dl().GetAction(m1_action.id)->title, "ANON-" + std::to_string(m1_action.id));
  EXPECT_EQ(dl().GetAction(old_action.id)->status, ActionStatus::kDone);

  auto sa = db().Get(a.id);
  ASSERT_TRUE(sa.ok());
  EXPECT_EQ(sa->reference_code, "ANON-" + std::to_string(a.id));
  EXPECT_TRUE(sa->content.reporter.name.empty());
  EXPECT_TRUE(sa->content.persons.at(0).name.empty());
  EXPECT_EQ(db().Get(d.id)->reference_code, "MH-2025-CASE03");  // linked to an open case
  EXPECT_EQ(db().Get(d.id)->content.persons.at(0).name, "Piotr K.");
  EXPECT_EQ(db().Get(b.id)->reference_code, "MH-2025-CASE02");

  for (const AgendaItem& i : {m1_a, m1_case, m2_a}) {
    auto item = dl().GetAgendaItem(i.id);
    ASSERT_TRUE(item.ok());
    EXPECT_EQ(item->summary, "") << i.id;
    EXPECT_EQ(item->status, AgendaItemStatus::kAssessed);
  }
  auto a_assessed = dl().AssessmentsForSignal(a.id);
  ASSERT_TRUE(a_assessed.ok());
  ASSERT_EQ(a_assessed->size(), 2u);
  for (const auto& x : *a_assessed) {
    EXPECT_EQ(x.reasoning, "");
    EXPECT_EQ(x.outcome, Outcome::kSuspicionFollowUp);
    ASSERT_EQ(x.decisions.size(), 1u);
    EXPECT_EQ(x.decisions[0].kind, DecisionKind::kReferPolitie);
    EXPECT_EQ(x.decisions[0].note, "");
  }
  auto m1_gone = dl().GetMeeting(m1.id);
  ASSERT_TRUE(m1_gone.ok());
  EXPECT_EQ(m1_gone->title, "");
  EXPECT_TRUE(m1_gone->participants.empty());
  EXPECT_EQ(m1_gone->scheduled_at, m1.scheduled_at);

  // What is inside its term, or still needed, is untouched.
  auto still = dl().GetCase(recent.id);
  ASSERT_TRUE(still.ok());
  EXPECT_EQ(still->title, "Casus binnen termijn");
  EXPECT_EQ(still->log.at(0).detail, "log");
  EXPECT_EQ(still->version, recent.version);
  EXPECT_EQ(dl().GetAction(recent_action.id)->title, "Actie binnen termijn");
  EXPECT_EQ(dl().GetCase(open.id)->title, "Lopende casus");
  auto m2_kept = dl().GetMeeting(m2.id);
  ASSERT_TRUE(m2_kept.ok());
  EXPECT_EQ(m2_kept->title, "Drieluik december");
  EXPECT_EQ(m2_kept->participants.at(0).name, kParticipant);
  EXPECT_EQ(dl().GetAgendaItem(m2_b.id)->summary, "Blijft: melding binnen termijn");
  auto b_assessed = dl().AssessmentsForSignal(b.id);
  ASSERT_TRUE(b_assessed.ok());
  EXPECT_EQ(b_assessed->at(0).reasoning, kOldReasoning);
  EXPECT_EQ(b_assessed->at(0).decisions.at(0).note, kOldNote);
  EXPECT_EQ(dl().GetMeeting(m3.id)->title, "Drieluik maart 2026");

  // The counts, codes and the police's lists are the same.
  EXPECT_EQ(SignalCount(), signals_before);
  EXPECT_EQ(CaseCount(CaseStatus::kClosed), closed_before);
  auto after = ReadAllRows(db());
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_EQ(after->at("signal_referrals"), before->at("signal_referrals"));
  const std::vector<std::string> case_cols = {"id", "status", "municipality", "merged_into", "participants",
                                              "created_at", "updated_at"};
  EXPECT_EQ(Codes(*after, "cases", case_cols), Codes(*before, "cases", case_cols));
  const std::vector<std::string> assessment_cols = {"id", "item_id", "meeting_id", "signal_id", "case_id", "outcome",
                                                    "actor", "at"};
  EXPECT_EQ(Codes(*after, "assessments", assessment_cols), Codes(*before, "assessments", assessment_cols));
  const std::vector<std::string> item_cols = {"id", "meeting_id", "kind", "signal_id", "case_id", "status", "routes"};
  EXPECT_EQ(Codes(*after, "agenda_items", item_cols), Codes(*before, "agenda_items", item_cols));
  EXPECT_EQ(after->at("case_signals"), before->at("case_signals"));
  EXPECT_EQ(after->at("case_log").size(), before->at("case_log").size());
  const std::string dump = AllValuesText(*after);
  for (const char* text : {kOldCaseTitle, kOldLog, kOldAction, kOldSummary, kOldReasoning, kOldNote, kOldMeeting,
                           kParticipant, kSigSummary, "Kievitsbloemweg", "Waterhoenders", "Bontekraai"})
    EXPECT_EQ(dump.find(text), std::string::npos) << text;

  // A second run changes nothing.
  clock.Advance(std::chrono::hours(24));
  RetentionReport again = Run(clock);
  EXPECT_EQ(again.cases_anonymised, 0);
  EXPECT_EQ(again.meetings_anonymised, 0);
  EXPECT_EQ(again.signals_anonymised, 0);
  EXPECT_EQ(again.drieluik_rows_cleared, 0);
  auto unchanged = ReadAllRows(db());
  ASSERT_TRUE(unchanged.ok());
  for (const char* t : {"meetings", "cases", "case_log", "actions", "agenda_items", "assessments", "signals"})
    EXPECT_EQ(unchanged->at(t), after->at(t)) << t;
}

TEST_P(CaseRetentionTest, MergedCaseCountsAsClosedAndAHalfDoneRunIsFinished) {
  Signal a = Insert("MH-2025-MERGE1", "2025-10-01T10:00:00Z");
  SetStatus(a, SignalStatus::kLinkedToCase, "2025-11-01T09:00:00Z");
  Case merged = AddCase("Samengevoegd", {a.id}, CaseStatus::kMerged, "2026-01-10T09:00:00Z");
  Meeting m = AddMeeting("Drieluik november", "2025-11-20T13:00:00Z");
  AddAssessedItem(m, 1, a.id, std::nullopt, kOldSummary);

  // A run that stopped after the case: the next one finishes the signal and the meeting.
  FakeClock clock("2031-02-01T09:00:00Z");
  auto half = db().retention().AnonymiseCase(merged.id, At("2026-02-01T09:00:00Z"), clock.Now());
  ASSERT_TRUE(half.ok()) << half.status().ToString();
  EXPECT_TRUE(half->done);
  EXPECT_EQ(half->rows_cleared, 1);  // its log entry
  EXPECT_EQ(dl().GetCase(merged.id)->title, "ANON-" + std::to_string(merged.id));
  EXPECT_EQ(db().Get(a.id)->reference_code, "MH-2025-MERGE1");

  RetentionReport r = Run(clock);
  EXPECT_EQ(r.cases_anonymised, 0);
  EXPECT_EQ(r.signals_anonymised, 1);
  EXPECT_EQ(r.meetings_anonymised, 1);
  EXPECT_EQ(r.drieluik_rows_cleared, 2);  // the item about a and its assessment
  EXPECT_EQ(db().Get(a.id)->reference_code, "ANON-" + std::to_string(a.id));
  EXPECT_EQ(dl().GetMeeting(m.id)->title, "");
  // An anonymised case is not claimed again.
  auto again = db().retention().AnonymiseCase(merged.id, At("2026-02-01T09:00:00Z"), clock.Now());
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->done);
}

TEST(CaseRetentionTermsTest, CaseTermIsConfiguredAndNamedInErrors) {
  EXPECT_EQ(RetentionTerms::Default().case_closed_days, 1825);
  auto t = RetentionTerms::Parse(
      R"({"signal_closed_days":730,"reporter_contact_days":365,"audit_days":1825,"case_closed_days":3650})", "x.json");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->case_closed_days, 3650);
  auto missing = RetentionTerms::Parse(R"({"signal_closed_days":730,"reporter_contact_days":365,"audit_days":1825})",
                                       "x.json");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("x.json: /case_closed_days must be a whole number of days"),
            std::string::npos)
      << missing.status().message();
  auto zero = RetentionTerms::Parse(
      R"({"signal_closed_days":730,"reporter_contact_days":365,"audit_days":1825,"case_closed_days":0})", "x.json");
  ASSERT_FALSE(zero.ok());
  EXPECT_NE(zero.status().message().find("/case_closed_days must be at least 1"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, CaseRetentionTest, ::testing::ValuesIn(kBackends));

}  // namespace
}  // namespace drieluik::testing
