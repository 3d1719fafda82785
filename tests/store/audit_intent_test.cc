// The audit entry of a write goes in the write's own transaction (issue 3 point 5,
// domain::AuditIntent), on both stores: a created signal, a public addition, a meeting, a
// case, an action, a user and an API token are committed together with their entry or not
// at all. An entry that
// cannot be appended (here: one whose fields break the entry patterns, so sealing fails
// inside the transaction) fails the write with Unavailable and leaves neither the object
// nor an entry behind. Entries appended inside writes and on their own form one chain
// without gaps, also when many writers run at once.
#include <gtest/gtest.h>

#include <thread>

#include "crypto/sha256_hasher.h"
#include "support/sample_signal.h"
#include "support/test_store.h"

namespace drieluik {
namespace {

using namespace domain;
using testing::At;

class AuditIntentTest : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    ts_ = std::make_unique<testing::TestStore>(GetParam());
    if (!ts_->store()) GTEST_SKIP() << ts_->skip_reason();
  }
  store::Store& db() { return *ts_->store(); }

  AuditIntent Intent(std::string object_type, AuditAction action = AuditAction::kCreate) const {
    AuditEntry e;
    e.at = At("2026-03-17T10:00:00Z");
    e.actor = "kr.zvhg";
    e.role = "ketenregisseur";
    e.action = action;
    e.object_type = std::move(object_type);
    e.purpose = "drieluik";
    e.remote_address = "127.0.0.1";
    return AuditIntent{e, &hasher_};
  }
  // An intent that cannot be sealed: the object type breaks its pattern.
  AuditIntent Unsealable() const { return Intent("Not A Type!"); }

  std::vector<AuditEntry> Entries() {
    AuditQuery q;
    q.limit = 1000;
    auto r = db().audit().QueryAudit(q);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : std::vector<AuditEntry>{};
  }
  void ExpectIntactChain() {
    auto entries = Entries();
    VerifyResult v = VerifyAuditChain(entries, hasher_);
    EXPECT_TRUE(v.ok()) << v.message;
    for (std::size_t i = 0; i < entries.size(); ++i) EXPECT_EQ(entries[i].seq, static_cast<std::int64_t>(i + 1));
  }

  crypto::Sha256Hasher hasher_;
  std::unique_ptr<testing::TestStore> ts_;
};

INSTANTIATE_TEST_SUITE_P(Backends, AuditIntentTest, ::testing::ValuesIn(testing::kBackends));

TEST_P(AuditIntentTest, ASignalAndItsEntryAreCommittedTogether) {
  AuditIntent intent = Intent("signal");
  NewSignal n = testing::SampleSignal("MH-2026-AUD001");
  n.audit = &intent;
  auto s = db().Insert(n);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  auto entries = Entries();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].object_type, "signal");
  EXPECT_EQ(entries[0].object_id, std::to_string(s->id));  // filled with the new id
  EXPECT_EQ(entries[0].action, AuditAction::kCreate);
  EXPECT_EQ(entries[0].actor, "kr.zvhg");

  AuditIntent bad = Unsealable();
  NewSignal m = testing::SampleSignal("MH-2026-AUD002");
  m.audit = &bad;
  auto refused = db().Insert(m);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kUnavailable) << refused.status().ToString();
  EXPECT_EQ(db().FindByReference("MH-2026-AUD002").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(*db().Count(), 1);
  EXPECT_EQ(Entries().size(), 1u);
  ExpectIntactChain();
}

TEST_P(AuditIntentTest, AnAdditionAndItsEntryAreCommittedTogether) {
  auto s = db().Insert(testing::SampleSignal("MH-2026-AUD003"));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  AuditIntent bad = Unsealable();
  Status refused = db().AddAddition(s->id, {At("2026-03-02T10:00:00Z"), "eerste aanvulling"},
                                    {At("2026-03-02T10:00:00Z"), "addition", "public", {"additions"}}, &bad);
  EXPECT_EQ(refused.code(), StatusCode::kUnavailable) << refused.ToString();
  auto after = db().Get(s->id);
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(after->additions.empty());
  EXPECT_EQ(after->version, s->version);
  EXPECT_EQ(db().History(s->id)->size(), 1u);  // only "created"
  EXPECT_TRUE(Entries().empty());

  AuditIntent intent = Intent("signal", AuditAction::kUpdate);
  ASSERT_TRUE(db().AddAddition(s->id, {At("2026-03-02T10:00:00Z"), "tweede aanvulling"},
                               {At("2026-03-02T10:00:00Z"), "addition", "public", {"additions"}}, &intent)
                  .ok());
  auto entries = Entries();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].object_id, std::to_string(s->id));
  EXPECT_EQ(entries[0].action, AuditAction::kUpdate);
  EXPECT_EQ(db().Get(s->id)->additions.size(), 1u);
}

TEST_P(AuditIntentTest, DrieluikCreatesAndTheirEntriesAreCommittedTogether) {
  auto s = db().Insert(testing::SampleSignal("MH-2026-AUD004"));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  DrieluikRepository& repo = db().drieluik();
  Meeting m;
  m.type = "drieluik";
  m.title = "Drieluik";
  m.scheduled_at = At("2026-03-17T09:00:00Z");
  m.created_at = m.updated_at = At("2026-03-01T09:00:00Z");
  Case c;
  c.title = "Casus";
  c.municipality = "GM0014";
  c.signals = {s->id};
  c.participants = {{"zvhg", "zorgcoordinator"}};
  c.log = {{At("2026-03-17T10:00:00Z"), "kr.zvhg", "opened", "case.opened", "", "", "open"}};
  c.created_at = c.updated_at = At("2026-03-17T10:00:00Z");
  Action x;
  x.title = "Bellen";
  x.owner = "zc.zvhg";
  x.organisation = "zvhg";
  x.due = *ParseDate("2026-03-24");
  x.created_at = x.updated_at = At("2026-03-17T10:00:00Z");

  // Refused entries: nothing of the three is stored.
  AuditIntent bad = Unsealable();
  EXPECT_EQ(repo.InsertMeeting(m, &bad).status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(repo.InsertCase(c, &bad).status().code(), StatusCode::kUnavailable);
  EXPECT_TRUE(repo.ListMeetings({})->empty());
  EXPECT_TRUE(repo.ListCases({})->empty());
  EXPECT_TRUE(Entries().empty());

  AuditIntent meeting = Intent("meeting"), kase = Intent("case"), action = Intent("action");
  auto mr = repo.InsertMeeting(m, &meeting);
  ASSERT_TRUE(mr.ok()) << mr.status().ToString();
  auto cr = repo.InsertCase(c, &kase);
  ASSERT_TRUE(cr.ok()) << cr.status().ToString();
  x.case_id = cr->id;
  x.meeting_id = mr->id;
  EXPECT_EQ(repo.InsertAction(x, &bad).status().code(), StatusCode::kUnavailable);
  EXPECT_TRUE(repo.ListActions({})->empty());
  auto xr = repo.InsertAction(x, &action);
  ASSERT_TRUE(xr.ok()) << xr.status().ToString();

  auto entries = Entries();
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].object_type, "meeting");
  EXPECT_EQ(entries[0].object_id, std::to_string(mr->id));
  EXPECT_EQ(entries[1].object_type, "case");
  EXPECT_EQ(entries[1].object_id, std::to_string(cr->id));
  EXPECT_EQ(entries[2].object_type, "action");
  EXPECT_EQ(entries[2].object_id, std::to_string(xr->id));
  ExpectIntactChain();
}

TEST_P(AuditIntentTest, AUserAndATokenAndTheirEntriesAreCommittedTogether) {
  User u;
  u.username = "zc.audit";
  u.display_name = "Zorgcoordinator";
  u.role = Role::kZorgcoordinator;
  u.organisation = "zvhg";
  u.password_hash = "argon2id:$v=19$abc";
  u.created_at = u.updated_at = At("2026-03-01T09:00:00Z");
  AuditIntent bad = Unsealable();
  EXPECT_EQ(db().accounts().CreateUser(u, &bad).status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(db().accounts().FindUser("zc.audit").status().code(), StatusCode::kNotFound);
  AuditIntent user = Intent("user");
  auto created = db().accounts().CreateUser(u, &user);
  ASSERT_TRUE(created.ok()) << created.status().ToString();

  TokenRecord t;
  t.user_id = created->id;
  t.token_hash = std::string(64, 'a');
  t.hint = "dlk_aaaa";
  t.created_at = At("2026-03-01T09:00:00Z");
  EXPECT_EQ(db().accounts().CreateToken(t, &bad).status().code(), StatusCode::kUnavailable);
  EXPECT_TRUE(db().accounts().ListTokens(created->id)->empty());
  AuditIntent token = Intent("token");
  auto made = db().accounts().CreateToken(t, &token);
  ASSERT_TRUE(made.ok()) << made.status().ToString();

  auto entries = Entries();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].object_type, "user");
  EXPECT_EQ(entries[0].object_id, std::to_string(created->id));
  EXPECT_EQ(entries[1].object_type, "token");
  EXPECT_EQ(entries[1].object_id, std::to_string(made->id));
  ExpectIntactChain();
}

TEST_P(AuditIntentTest, EntriesOfWritesAndStandaloneEntriesFormOneChainUnderConcurrentWriters) {
  constexpr int kThreads = 6, kEach = 5;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        if (t % 2 == 0) {
          AuditIntent intent = Intent("signal");
          NewSignal n = testing::SampleSignal("MH-2026-C" + std::to_string(t) + std::to_string(i));
          n.audit = &intent;
          if (!db().Insert(n).ok()) ++failures;
        } else {
          AuditIntent read = Intent("signal", AuditAction::kRead);
          read.draft.object_id = std::to_string(i + 1);
          if (!db().audit().AppendAudit(read.draft, hasher_).ok()) ++failures;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  auto entries = Entries();
  EXPECT_EQ(entries.size(), static_cast<std::size_t>(kThreads * kEach));
  EXPECT_EQ(*db().Count(), kThreads / 2 * kEach);
  ExpectIntactChain();
}

}  // namespace
}  // namespace drieluik
