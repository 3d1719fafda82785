// Retention on both backends with a fake clock (issue 3 point 6): a closed signal past its
// term is anonymised — identifying fields, additions, compartments, link keys and word
// indexes gone — while the monitor's counts stay the same; reporter contact details go
// after their own term; audit entries older than theirs leave from the start of the chain,
// which still verifies from its anchor. A second run changes nothing.
#include <gtest/gtest.h>

#include "auth/audit_log.h"
#include "domain/retention.h"
#include "support/fake_clock.h"
#include "support/sample_signal.h"
#include "support/test_store.h"

namespace drieluik::testing {
namespace {

using namespace domain;

class RetentionTest : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    ts_ = std::make_unique<TestStore>(GetParam());
    if (!ts_->store()) GTEST_SKIP() << ts_->skip_reason();
  }
  store::Store& db() { return *ts_->store(); }
  Signal Insert(const std::string& ref, const char* received) {
    auto s = db().Insert(SampleSignal(ref, received));
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return *s;
  }
  void Close(Signal s, const char* at) {
    s.status = SignalStatus::kClosed;
    s.updated_at = At(at);
    ASSERT_TRUE(db().Update(s, s.version, "normal", {At(at), "updated", "kr.zvhg", {"status"}}).ok());
  }
  std::int64_t Count(const std::string& municipality, const std::string& form) {
    SignalFilter f;
    f.municipality = municipality;
    f.form = form;
    f.limit = 200;
    auto page = db().List(f);
    EXPECT_TRUE(page.ok());
    return page.ok() ? static_cast<std::int64_t>(page->items.size()) : -1;
  }
  RetentionReport Run(FakeClock& clock) {
    RetentionService service(db(), db().retention(), clock, RetentionTerms::Default(),
                             [](const SignalContent&) { return std::string("normal"); });
    auto r = service.Run();
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : RetentionReport{};
  }
  std::unique_ptr<TestStore> ts_;
};

TEST_P(RetentionTest, ClosedSignalsPastTheirTermAreAnonymisedAndCountsStay) {
  Signal old_closed = Insert("MH-2023-OLD001", "2023-02-01T10:00:00Z");
  Close(old_closed, "2023-03-01T10:00:00Z");
  ASSERT_TRUE(db().AddAddition(old_closed.id, {At("2023-02-02T10:00:00Z"), "Nog een busje"},
                               {At("2023-02-02T10:00:00Z"), "addition", "public", {"additions"}})
                  .ok());
  ASSERT_TRUE(db().ReplaceLinkKeys(old_closed.id, {{LinkKind::kPhone, "b2:phone"}}).ok());
  CompartmentRecord police;
  police.signal_id = old_closed.id;
  police.notes = "Aangifte";
  police.updated_at = At("2023-02-03T10:00:00Z");
  police.updated_by = "politie.tmm";
  ASSERT_TRUE(db().compartments().PutCompartment(police).ok());
  Signal old_open = Insert("MH-2024-OPEN01", "2024-06-01T10:00:00Z");
  Signal recent = Insert("MH-2026-NEW001", "2026-10-01T10:00:00Z");
  const std::int64_t before = Count("GM1950", "ARBEID");

  FakeClock clock("2026-11-28T09:00:00Z");
  RetentionReport r = Run(clock);
  EXPECT_EQ(r.signals_anonymised, 1);
  EXPECT_EQ(r.reporters_erased, 1);  // the open one received more than a year ago

  auto anon = db().Get(old_closed.id);
  ASSERT_TRUE(anon.ok()) << anon.status().ToString();
  EXPECT_EQ(anon->reference_code, "ANON-" + std::to_string(old_closed.id));
  EXPECT_TRUE(anon->content.reporter.name.empty());
  ASSERT_EQ(anon->content.persons.size(), 1u);
  EXPECT_TRUE(anon->content.persons[0].name.empty());
  EXPECT_FALSE(anon->content.persons[0].date_of_birth.has_value());
  EXPECT_EQ(anon->content.persons[0].role, PersonRole::kPossibleVictim);  // still counted
  EXPECT_TRUE(anon->content.addresses.empty());
  EXPECT_TRUE(anon->content.phone_numbers.empty());
  EXPECT_TRUE(anon->content.vehicles.empty());
  EXPECT_TRUE(anon->content.description.empty());
  EXPECT_TRUE(anon->additions.empty());
  EXPECT_EQ(anon->content.forms, std::vector<std::string>{"ARBEID"});
  EXPECT_EQ(anon->content.indicators.at(0).code, "ILO07");
  EXPECT_TRUE(anon->content.indicators.at(0).note.empty());
  EXPECT_EQ(AmsterdamDate(anon->received_at), AmsterdamDate(At("2023-01-31T23:00:00Z")));  // 1 Feb 2023
  EXPECT_EQ(db().compartments().GetCompartment(old_closed.id, Compartment::kPolice).status().code(),
            StatusCode::kNotFound);
  auto hits = db().FindByHashes({"b2:phone"}, 0);
  ASSERT_TRUE(hits.ok());
  EXPECT_TRUE(hits->empty());
  EXPECT_EQ(db().FindByReference("MH-2023-OLD001").status().code(), StatusCode::kNotFound);
  SignalFilter words;
  words.text = "paspoorten";
  auto found = db().List(words);
  ASSERT_TRUE(found.ok());
  for (const auto& s : found->items) EXPECT_NE(s.id, old_closed.id);

  // The reporter of the old open signal is gone, the rest of it stays.
  auto open = db().Get(old_open.id);
  ASSERT_TRUE(open.ok());
  EXPECT_TRUE(open->content.reporter.name.empty());
  EXPECT_TRUE(open->content.reporter.phone.empty());
  EXPECT_EQ(open->content.persons[0].name, "Piotr K.");
  // The recent one is untouched.
  auto fresh = db().Get(recent.id);
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ(fresh->content.reporter.name, "Anna de Vries");
  EXPECT_EQ(fresh->version, recent.version);

  EXPECT_EQ(Count("GM1950", "ARBEID"), before);  // the monitor counts the same
  RetentionReport again = Run(clock);
  EXPECT_EQ(again.signals_anonymised, 0);
  EXPECT_EQ(again.reporters_erased, 0);
}

TEST_P(RetentionTest, OldAuditEntriesLeaveFromTheStartAndTheChainStillVerifies) {
  FakeClock clock("2020-01-01T09:00:00Z");
  auth::AuditLog log(db().audit(), clock);
  Principal kr;
  kr.username = "kr.zvhg";
  kr.role = Role::kKetenregisseur;
  kr.via = AuthMethod::kSession;
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(log.Record(kr, AuditAction::kRead, "signal", std::to_string(i), "triage", "127.0.0.1").ok());
    clock.Advance(std::chrono::hours(24 * 365));  // one a year: 2020 ... 2029
  }
  clock.Set(At("2026-11-28T09:00:00Z"));
  RetentionReport r = Run(clock);
  EXPECT_EQ(r.audit_entries_removed, 2);  // 2020 and 2021: older than five years
  auto v = log.Verify();
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->ok()) << v->message;
  EXPECT_EQ(v->head.seq, 10);
  // A removal that is not retention's (no anchor moved) is still found.
  auto anchor = db().audit().AuditAnchor();
  ASSERT_TRUE(anchor.ok());
  ASSERT_TRUE(anchor->has_value());
  EXPECT_EQ((*anchor)->seq, 2);
}

TEST(RetentionTermsTest, DefaultsParseAndBadTermsNameTheirMember) {
  EXPECT_EQ(RetentionTerms::Default().signal_closed_days, 730);
  EXPECT_EQ(RetentionTerms::Default().audit_days, 1825);
  auto short_audit = RetentionTerms::Parse(R"({"signal_closed_days":730,"reporter_contact_days":365,"audit_days":30})", "x.json");
  ASSERT_FALSE(short_audit.ok());
  EXPECT_NE(short_audit.status().message().find("/audit_days must be at least 730"), std::string::npos);
  auto missing = RetentionTerms::Parse(R"({"audit_days":800})", "x.json");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("/signal_closed_days"), std::string::npos);
  EXPECT_FALSE(RetentionTerms::Parse("niet json", "x.json").ok());
}

INSTANTIATE_TEST_SUITE_P(Backends, RetentionTest, ::testing::ValuesIn(kBackends));

}  // namespace
}  // namespace drieluik::testing
