#include "domain/signal_service.h"

#include <gtest/gtest.h>

#include "crypto/sodium_secrets.h"
#include "support/fake_clock.h"
#include "support/test_store.h"

namespace drieluik::domain {
namespace {

class SignalServiceTest : public ::testing::Test {
 protected:
  SignalServiceTest() : ts_("sqlite"), clock_("2026-11-28T12:00:00Z"),
                        service_(*ts_.store(), Catalog::Embedded(), clock_, secrets_, ts_.store()) {}

  SignalContent Content() {
    SignalContent s;
    s.municipality = "GM1950";
    s.summary = "Meisje bij loverboy";
    s.description = "Een meisje van 15 wordt opgehaald door een oudere man.";
    s.forms = {"SEKS"};
    s.persons = {Person{PersonRole::kPossibleVictim, "L.", std::nullopt, 15, Gender::kFemale, "", ""}};
    return s;
  }

  testing::TestStore ts_;
  testing::FakeClock clock_;
  crypto::SodiumSecrets secrets_;
  SignalService service_;
};

TEST_F(SignalServiceTest, CreateFillsDefaultsAndReferenceCode) {
  auto s = service_.Create(Content(), "af1");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->received_at, clock_.Now());
  EXPECT_EQ(s->status, SignalStatus::kNew);
  EXPECT_EQ(s->reference_code.substr(0, 8), "MH-2026-");
  EXPECT_EQ(s->reference_code.size(), 14u);
  EXPECT_EQ(service_.TriageOf(s->content).urgency.level, UrgencyLevel::kHigh);
}

TEST_F(SignalServiceTest, InvalidCreateWritesNothing) {
  SignalContent c = Content();
  c.summary.clear();
  auto s = service_.Create(c, "af1");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().fields()[0].pointer, "/summary");
  EXPECT_EQ(*ts_.store()->Count(), 0);
}

TEST_F(SignalServiceTest, UpdateRecordsChangedFieldsAndRejectsStaleVersion) {
  auto s = service_.Create(Content(), "af1");
  ASSERT_TRUE(s.ok());
  SignalContent c = s->content;
  c.location = "Stadskanaal";
  clock_.Advance(std::chrono::minutes(10));
  auto u = service_.Update(s->id, 1, c, SignalStatus::kInIntake, "zc1");
  ASSERT_TRUE(u.ok()) << u.status().ToString();
  EXPECT_EQ(u->version, 2);
  auto h = service_.History(s->id);
  EXPECT_EQ(h->back().fields, (std::vector<std::string>{"location", "status"}));
  EXPECT_EQ(service_.Update(s->id, 1, c, SignalStatus::kInIntake, "zc2").status().code(), StatusCode::kConflict);
}

TEST_F(SignalServiceTest, StatusTransitionsFollowTheLifecycle) {
  using S = SignalStatus;
  EXPECT_TRUE(SignalService::TransitionAllowed(S::kNew, S::kInIntake));
  EXPECT_TRUE(SignalService::TransitionAllowed(S::kForDrieluik, S::kAssessed));
  EXPECT_TRUE(SignalService::TransitionAllowed(S::kClosed, S::kInIntake));
  EXPECT_FALSE(SignalService::TransitionAllowed(S::kNew, S::kAssessed));
  EXPECT_FALSE(SignalService::TransitionAllowed(S::kNew, S::kLinkedToCase));
  EXPECT_FALSE(SignalService::TransitionAllowed(S::kLinkedToCase, S::kNew));
  auto s = service_.Create(Content(), "af1");
  auto bad = service_.Update(s->id, 1, s->content, S::kLinkedToCase, "zc1");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().fields()[0].key, "transition_not_allowed");
}

TEST_F(SignalServiceTest, PublicReportAndAdditionWithSecret) {
  SignalContent c;
  c.description = "Ik zie elke nacht busjes met jonge vrouwen bij het pand aan de Markt.";
  auto receipt = service_.CreatePublic(c);
  ASSERT_TRUE(receipt.ok()) << receipt.status().ToString();
  EXPECT_EQ(receipt->secret.size(), 39u);  // 32 symbols in groups of four
  auto s = ts_.store()->FindByReference(receipt->reference_code);
  EXPECT_EQ(s->content.channel, Channel::kPublicForm);
  EXPECT_EQ(s->content.summary, "Ik zie elke nacht busjes met jonge vrouwen bij het pand aan de Markt.");
  EXPECT_TRUE(s->content.reporter.anonymous);

  auto ok = service_.AddPublicAddition(receipt->reference_code, receipt->secret, "Kenteken 12-ABC-3", "127.0.0.1", nullptr);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  auto wrong = service_.AddPublicAddition(receipt->reference_code, "WRONG", "x", "127.0.0.1", nullptr);
  auto unknown = service_.AddPublicAddition("MH-2026-ZZZZZZ", receipt->secret, "x", "127.0.0.1", nullptr);
  EXPECT_EQ(wrong.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(unknown.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(wrong.status().message(), unknown.status().message());
}

TEST_F(SignalServiceTest, WrongGuessesAreThrottledThenForgotten) {
  SignalContent c;
  c.description = "Signaal";
  auto receipt = service_.CreatePublic(c);
  ASSERT_TRUE(receipt.ok());
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(service_.AddPublicAddition(receipt->reference_code, "guess", "x", "10.0.0.1", nullptr).status().code(),
              StatusCode::kNotFound);
  std::chrono::milliseconds retry{0};
  // Even the right secret is refused while the code is blocked.
  auto blocked = service_.AddPublicAddition(receipt->reference_code, receipt->secret, "x", "10.0.0.2", &retry);
  EXPECT_EQ(blocked.status().code(), StatusCode::kResourceExhausted);
  EXPECT_GT(retry.count(), 0);
  clock_.Advance(std::chrono::minutes(16));
  EXPECT_TRUE(service_.AddPublicAddition(receipt->reference_code, receipt->secret, "x", "10.0.0.2", nullptr).ok());
}

}  // namespace
}  // namespace drieluik::domain

namespace drieluik::domain {
namespace {

TEST_F(SignalServiceTest, LinksFindSignalsSharingAnAddressOrPhoneWithReasons) {
  SignalContent a = Content();
  a.addresses = {{"Hoofdstraat", "12a", "9561 AB", "Ter Apel", ""}};
  a.phone_numbers = {{"06-12345678", ""}};
  SignalContent b = Content();
  b.summary = "Tweede melding";
  b.addresses = {{"Hoofdstraat", "12 A", "9561ab", "Ter Apel", "zelfde pand"}};
  SignalContent c = Content();
  c.summary = "Derde melding";
  c.phone_numbers = {{"+31 6 1234 5678", ""}};
  SignalContent unrelated = Content();
  unrelated.addresses = {{"Kerkstraat", "1", "9501 AA", "Stadskanaal", ""}};
  auto sa = service_.Create(a, "af1");
  auto sb = service_.Create(b, "af1");
  clock_.Advance(std::chrono::minutes(1));
  auto sc = service_.Create(c, "af1");
  ASSERT_TRUE(service_.Create(unrelated, "af1").ok());
  auto links = service_.Links(sa->id);
  ASSERT_TRUE(links.ok()) << links.status().ToString();
  ASSERT_EQ(links->size(), 2u);
  EXPECT_EQ((*links)[0].signal.id, sc->id);  // newest first
  EXPECT_EQ((*links)[0].reasons[0].kind, LinkKind::kPhone);
  EXPECT_EQ((*links)[0].reasons[0].label, "06-12345678");
  EXPECT_EQ((*links)[1].signal.id, sb->id);
  EXPECT_EQ((*links)[1].reasons[0].kind, LinkKind::kAddress);

  // An edit that removes the shared address removes the link.
  SignalContent b2 = sb->content;
  b2.addresses.clear();
  ASSERT_TRUE(service_.Update(sb->id, sb->version, b2, sb->status, "zc1").ok());
  EXPECT_EQ(service_.Links(sa->id)->size(), 1u);

  auto spots = service_.Hotspots(LinkKind::kPhone, 2, 10);
  ASSERT_TRUE(spots.ok());
  ASSERT_EQ(spots->size(), 1u);
  EXPECT_EQ((*spots)[0].signals.size(), 2u);
  EXPECT_FALSE((*spots)[0].label.empty());
}

}  // namespace
}  // namespace drieluik::domain
