// AccountService on a real store (SQLite and PostgreSQL) with a fake clock: session idle
// and absolute timeouts, token expiry, throttling windows, validation of new users.
#include <gtest/gtest.h>

#include "auth/account_service.h"
#include "support/fake_clock.h"
#include "support/test_store.h"

namespace drieluik::testing {
namespace {

using namespace std::chrono_literals;

class AccountServiceTest : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestStore>(GetParam());
    if (!db_->store()) GTEST_SKIP() << db_->skip_reason();
    service_ = std::make_unique<auth::AccountService>(db_->store()->accounts(), domain::Catalog::Embedded(), clock_,
                                                      hasher_);
    auth::UserInput in;
    in.username = "zc.klok";
    in.display_name = "Zorg Klok";
    in.role = "zorgcoordinator";
    in.organisation = "zvhg";
    in.password = "een-goed-wachtwoord";
    auto u = service_->AddUser(in);
    ASSERT_TRUE(u.ok()) << u.status().message();
    user_ = *u;
  }
  std::string SignIn() {
    auto out = service_->Login("zc.klok", "een-goed-wachtwoord", "192.0.2.1");
    EXPECT_TRUE(out.ok() && out->session) << (out.ok() ? "totp" : out.status().message());
    return out.ok() && out->session ? out->session->session_token : "";
  }

  FakeClock clock_{"2026-03-29T00:30:00Z"};  // the night the clocks go forward
  crypto::PasswordHasher hasher_{crypto::PasswordHashOptions::Minimum()};
  std::unique_ptr<TestStore> db_;
  std::unique_ptr<auth::AccountService> service_;
  domain::User user_;
};

TEST_P(AccountServiceTest, SessionEndsAfterThirtyIdleMinutes) {
  std::string s = SignIn();
  clock_.Advance(29min);
  EXPECT_TRUE(service_->Session(s).ok());  // touches last_seen
  clock_.Advance(29min);
  EXPECT_TRUE(service_->Session(s).ok());
  clock_.Advance(30min);
  auto gone = service_->Session(s);
  EXPECT_EQ(gone.status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(service_->Session(s).status().code(), StatusCode::kUnauthenticated);  // removed, not revived
}

TEST_P(AccountServiceTest, SessionEndsTwelveHoursAfterLoginEvenWhenActive) {
  std::string s = SignIn();
  for (int i = 0; i < 24; ++i) {
    clock_.Advance(29min);
    ASSERT_TRUE(service_->Session(s).ok()) << i;  // 11 h 36 min of activity
  }
  clock_.Advance(29min);
  EXPECT_EQ(service_->Session(s).status().code(), StatusCode::kUnauthenticated);
}

TEST_P(AccountServiceTest, LogoutAndDisablingEndSessions) {
  std::string a = SignIn(), b = SignIn();
  ASSERT_TRUE(service_->Logout(a).ok());
  EXPECT_FALSE(service_->Session(a).ok());
  EXPECT_TRUE(service_->Session(b).ok());
  ASSERT_TRUE(service_->Disable(user_.id).ok());
  EXPECT_FALSE(service_->Session(b).ok());
  EXPECT_EQ(service_->Login("zc.klok", "een-goed-wachtwoord", "192.0.2.1").status().code(),
            StatusCode::kUnauthenticated);
}

TEST_P(AccountServiceTest, ThrottleForgetsAfterTheWindow) {
  for (int i = 0; i < 5; ++i) service_->Login("zc.klok", "fout", "192.0.2.7");
  EXPECT_EQ(service_->Login("zc.klok", "een-goed-wachtwoord", "192.0.2.8").status().code(),
            StatusCode::kResourceExhausted);  // per account, whatever the address
  clock_.Advance(16min);
  EXPECT_TRUE(service_->Login("zc.klok", "een-goed-wachtwoord", "192.0.2.8").ok());
}

TEST_P(AccountServiceTest, TokensExpireAndRevoke) {
  auto t = service_->CreateToken(user_.id, clock_.Now() + 24h, "rapportage");
  ASSERT_TRUE(t.ok());
  EXPECT_TRUE(service_->TokenPrincipal(t->token).ok());
  clock_.Advance(25h);
  EXPECT_FALSE(service_->TokenPrincipal(t->token).ok());
  auto past = service_->CreateToken(user_.id, clock_.Now() - 1h, "");
  ASSERT_FALSE(past.ok());
  EXPECT_EQ(past.status().fields().at(0).pointer, "/expires");
  auto u = service_->CreateToken(user_.id, std::nullopt, "");
  ASSERT_TRUE(u.ok());
  ASSERT_TRUE(service_->RevokeToken(u->record.id).ok());
  EXPECT_FALSE(service_->TokenPrincipal(u->token).ok());
  // Only the hash is stored.
  auto stored = db_->store()->accounts().ListTokens(user_.id);
  ASSERT_TRUE(stored.ok());
  for (const auto& r : *stored) EXPECT_EQ(r.token_hash.find(u->token), std::string::npos);
}

TEST_P(AccountServiceTest, NewUsersAreValidatedFieldByField) {
  auth::UserInput in;
  in.username = "A";
  in.display_name = "";
  in.role = "baas";
  in.organisation = "onbekend";
  in.municipality = "GM9999";
  in.password = "kort";
  auto r = service_->AddUser(in);
  ASSERT_FALSE(r.ok());
  std::set<std::string> fields;
  const Status st = r.status();  // a copy: fields() of a temporary would dangle
  for (const auto& f : st.fields()) fields.insert(f.pointer);
  EXPECT_EQ(fields, (std::set<std::string>{"/username", "/displayName", "/role", "/organisation", "/municipality",
                                           "/password"}));
  // A municipal role needs its municipality; a taken name is a field error too.
  in = {};
  in.username = "af.zonder";
  in.display_name = "Zonder Gemeente";
  in.role = "aandachtsfunctionaris";
  in.organisation = "gem-pekela";
  in.password = "een-goed-wachtwoord";
  ASSERT_FALSE(service_->AddUser(in).ok());
  in.username = "zc.klok";
  in.municipality = "GM0765";
  auto taken = service_->AddUser(in);
  ASSERT_FALSE(taken.ok());
  EXPECT_EQ(taken.status().fields().at(0).key, "taken");
  auto users = service_->ListUsers();
  ASSERT_TRUE(users.ok());
  EXPECT_EQ(users->size(), 1u);  // nothing half-made
}

INSTANTIATE_TEST_SUITE_P(Backends, AccountServiceTest, ::testing::ValuesIn(kBackends));

}  // namespace
}  // namespace drieluik::testing
