// The audit trail as stored by both backends: entries are chained without gaps even when
// many threads append at once, hostile object ids cannot break a write, and verification
// finds a removed entry.
#include <gtest/gtest.h>

#include <thread>

#include "auth/audit_log.h"
#include "support/fake_clock.h"
#include "support/test_store.h"

namespace drieluik::testing {
namespace {

class AuditLogTest : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestStore>(GetParam());
    if (!db_->store()) GTEST_SKIP() << db_->skip_reason();
    log_ = std::make_unique<auth::AuditLog>(db_->store()->audit(), clock_);
  }
  domain::Principal Kr() {
    domain::Principal p;
    p.user_id = 4;
    p.username = "kr.zvhg";
    p.role = domain::Role::kKetenregisseur;
    p.via = domain::AuthMethod::kSession;
    return p;
  }
  FakeClock clock_{"2026-11-28T09:00:00Z"};
  std::unique_ptr<TestStore> db_;
  std::unique_ptr<auth::AuditLog> log_;
};

TEST_P(AuditLogTest, ConcurrentAppendsFormOneUnbrokenChain) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i)
        ASSERT_TRUE(log_->Record(Kr(), domain::AuditAction::kRead, "signal", std::to_string(t * 100 + i),
                                 "triage", "127.0.0.1")
                        .ok());
    });
  for (auto& t : threads) t.join();
  auto v = log_->Verify();
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->ok()) << v->message;
  EXPECT_EQ(v->head.seq, 200);
}

TEST_P(AuditLogTest, HostileValuesAreCleanedNotFatal) {
  auto e = log_->Record(Kr(), domain::AuditAction::kSearch, "Signal'; DROP", "1 OR 1=1 <script>", "Zoeken naar Piet",
                        "::ffff:127.0.0.1");
  ASSERT_TRUE(e.ok()) << e.status().message();
  EXPECT_EQ(e->object_id.find(' '), std::string::npos);
  EXPECT_EQ(e->purpose.find(' '), std::string::npos);
  EXPECT_TRUE(log_->Verify()->ok());
}

TEST_P(AuditLogTest, AnEmptyTrailIsIntact) {
  auto v = log_->Verify();
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->ok());
  EXPECT_EQ(v->head.seq, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditLogTest, ::testing::ValuesIn(kBackends));

}  // namespace
}  // namespace drieluik::testing
