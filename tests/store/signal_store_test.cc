// One suite, every backend: the SignalRepository contract on a real database.
#include <gtest/gtest.h>

#include <thread>

#include "store/signal_codec.h"
#include "support/test_store.h"

namespace drieluik {
namespace {

using namespace domain;

TimePoint T(const char* s) { return *ParseTimestamp(s); }

NewSignal Sample(const std::string& ref, const char* received = "2026-03-01T10:00:00Z") {
  NewSignal n;
  n.signal.reference_code = ref;
  n.signal.received_at = T(received);
  n.signal.created_at = n.signal.updated_at = n.signal.received_at;
  SignalContent& c = n.signal.content;
  c.channel = Channel::kProfessional;
  c.received_at = n.signal.received_at;
  c.observed_at = T("2026-02-28T22:00:00Z");
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

class SignalStoreTest : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    ts_ = std::make_unique<testing::TestStore>(GetParam());
    if (!ts_->store()) GTEST_SKIP() << ts_->skip_reason();
  }
  store::Store& db() { return *ts_->store(); }
  std::unique_ptr<testing::TestStore> ts_;
};

TEST_P(SignalStoreTest, InsertThenGetRoundTripsEveryField) {
  NewSignal n = Sample("MH-2026-AAAAAA");
  auto ins = db().Insert(n);
  ASSERT_TRUE(ins.ok()) << ins.status().ToString();
  auto got = db().Get(ins->id);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->reference_code, "MH-2026-AAAAAA");
  EXPECT_EQ(got->version, 1);
  EXPECT_EQ(got->status, SignalStatus::kNew);
  EXPECT_EQ(got->received_at, n.signal.received_at);
  const SignalContent& c = got->content;
  EXPECT_EQ(c.observed_at, n.signal.content.observed_at);
  EXPECT_EQ(c.reporter.name, "Anna de Vries");
  EXPECT_EQ(c.description, n.signal.content.description);
  EXPECT_EQ(c.forms, std::vector<std::string>{"ARBEID"});
  ASSERT_EQ(c.indicators.size(), 1u);
  EXPECT_EQ(c.indicators[0].note, "paspoorten bij de uitzender");
  ASSERT_EQ(c.persons.size(), 1u);
  EXPECT_EQ(c.persons[0].date_of_birth, ParseDate("1990-05-01"));
  EXPECT_EQ(c.persons[0].nationality, "PL");
  EXPECT_EQ(c.addresses[0].postcode, "9561 AB");
  EXPECT_EQ(c.businesses[0].kvk_number, "12345678");
  EXPECT_EQ(c.vehicles[0].license_plate, "12-ABC-3");
  EXPECT_EQ(c.vulnerable_groups, std::vector<VulnerableGroup>{VulnerableGroup::kLabourMigrant});
}

TEST_P(SignalStoreTest, DuplicateReferenceCodeIsConflictAndWritesNothing) {
  ASSERT_TRUE(db().Insert(Sample("MH-2026-DUPDUP")).ok());
  auto again = db().Insert(Sample("MH-2026-DUPDUP"));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code(), StatusCode::kConflict);
  EXPECT_EQ(*db().Count(), 1);
}

TEST_P(SignalStoreTest, UnknownIdIsNotFound) {
  EXPECT_EQ(db().Get(424242).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(db().FindByReference("MH-2026-NOPE00").status().code(), StatusCode::kNotFound);
}

TEST_P(SignalStoreTest, UpdateChecksVersionAndKeepsHistory) {
  auto s = db().Insert(Sample("MH-2026-UPDATE"));
  ASSERT_TRUE(s.ok());
  Signal next = *s;
  next.content.summary = "Nieuwe samenvatting";
  next.status = SignalStatus::kInIntake;
  auto up = db().Update(next, 1, "high", {T("2026-03-02T09:00:00Z"), "updated", "zc1", {"summary", "status"}});
  ASSERT_TRUE(up.ok()) << up.status().ToString();
  EXPECT_EQ(up->version, 2);
  EXPECT_EQ(up->content.summary, "Nieuwe samenvatting");
  EXPECT_EQ(up->status, SignalStatus::kInIntake);

  auto stale = db().Update(next, 1, "high", {T("2026-03-02T09:01:00Z"), "updated", "zc2", {"summary"}});
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code(), StatusCode::kConflict);

  auto h = db().History(s->id);
  ASSERT_TRUE(h.ok());
  ASSERT_EQ(h->size(), 2u);
  EXPECT_EQ((*h)[0].action, "created");
  EXPECT_EQ((*h)[1].actor, "zc1");
  EXPECT_EQ((*h)[1].fields, (std::vector<std::string>{"summary", "status"}));
}

TEST_P(SignalStoreTest, ConcurrentUpdatesOfOneVersionLetExactlyOneWin) {
  auto s = db().Insert(Sample("MH-2026-RACE00"));
  ASSERT_TRUE(s.ok());
  std::atomic<int> wins{0}, conflicts{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      Signal next = *s;
      next.content.summary = "writer " + std::to_string(i);
      auto r = db().Update(next, 1, "normal", {T("2026-03-02T09:00:00Z"), "updated", "w", {"summary"}});
      if (r.ok()) ++wins;
      else if (r.error().code() == StatusCode::kConflict) ++conflicts;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(wins.load(), 1);
  EXPECT_EQ(conflicts.load(), 7);
  EXPECT_EQ(db().Get(s->id)->version, 2);
}

TEST_P(SignalStoreTest, ListFiltersAndPagesWithoutGapsOrRepeats) {
  const char* times[] = {"2026-01-05T10:00:00Z", "2026-02-05T10:00:00Z", "2026-02-05T10:00:00Z",
                         "2026-03-05T10:00:00Z", "2026-04-05T10:00:00Z"};
  for (int i = 0; i < 5; ++i) {
    NewSignal n = Sample("MH-2026-LIST0" + std::to_string(i), times[i]);
    if (i % 2 == 1) {
      n.signal.content.municipality = "GM0014";
      n.signal.content.forms = {"SEKS"};
      n.signal.content.description = "Meisje van vijftien bij een loverboy";
    }
    ASSERT_TRUE(db().Insert(n).ok());
  }
  SignalFilter f;
  f.limit = 2;
  std::vector<std::string> seen;
  for (int page = 0; page < 5; ++page) {
    auto p = db().List(f);
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    for (auto& s : p->items) seen.push_back(s.reference_code);
    if (p->next_cursor.empty()) break;
    f.cursor = p->next_cursor;
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"MH-2026-LIST04", "MH-2026-LIST03", "MH-2026-LIST02", "MH-2026-LIST01",
                                            "MH-2026-LIST00"}));

  SignalFilter by_muni;
  by_muni.municipality = "GM0014";
  EXPECT_EQ(db().List(by_muni)->items.size(), 2u);
  SignalFilter by_form;
  by_form.form = "ARBEID";
  EXPECT_EQ(db().List(by_form)->items.size(), 3u);
  SignalFilter by_text;
  by_text.text = "loverboy";
  EXPECT_EQ(db().List(by_text)->items.size(), 2u);
  SignalFilter by_period;
  by_period.from = T("2026-02-01T00:00:00Z");
  by_period.to = T("2026-03-01T00:00:00Z");
  EXPECT_EQ(db().List(by_period)->items.size(), 2u);
  SignalFilter odd_text;
  odd_text.text = "\"loods\" OR NEAR(";  // operators in user input are plain words
  EXPECT_TRUE(db().List(odd_text).ok());
}

TEST_P(SignalStoreTest, MalformedCursorIsInvalidArgument) {
  SignalFilter f;
  f.cursor = "garbage";
  EXPECT_EQ(db().List(f).status().code(), StatusCode::kInvalidArgument);
}

TEST_P(SignalStoreTest, AdditionsAndSecretHash) {
  NewSignal n = Sample("MH-2026-PUBLIC");
  n.public_secret_hash = "b2:abcdef";
  auto s = db().Insert(n);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(*db().PublicSecretHash(s->id), "b2:abcdef");
  ASSERT_TRUE(db().AddAddition(s->id, {T("2026-03-03T08:00:00Z"), "Ook een busje gezien"},
                               {T("2026-03-03T08:00:00Z"), "addition", "public", {"additions"}})
                  .ok());
  auto got = db().FindByReference("MH-2026-PUBLIC");
  ASSERT_TRUE(got.ok());
  ASSERT_EQ(got->additions.size(), 1u);
  EXPECT_EQ(got->additions[0].text, "Ook een busje gezien");
  EXPECT_EQ(got->version, 2);
}

TEST_P(SignalStoreTest, DataSurvivesReopen) {
  auto s = db().Insert(Sample("MH-2026-REOPEN"));
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE(ts_->Reopen().ok());
  ASSERT_TRUE(db().Migrate().ok());  // idempotent
  EXPECT_EQ(db().Get(s->id)->reference_code, "MH-2026-REOPEN");
  EXPECT_GE(*db().SchemaVersion(), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, SignalStoreTest, ::testing::ValuesIn(testing::kBackends));

}  // namespace
}  // namespace drieluik
