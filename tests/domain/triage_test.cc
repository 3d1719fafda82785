// Triage rules as tables: input signal, expected outcome, and why.
#include "domain/triage.h"

#include <gtest/gtest.h>

#include <functional>

namespace drieluik::domain {
namespace {

const Catalog& C() { return Catalog::Embedded(); }
const Date kToday = *ParseDate("2026-11-28");

SignalContent Base() {
  SignalContent s;
  s.municipality = "GM1950";
  s.summary = "x";
  s.description = "x";
  s.forms = {"ONBEKEND"};
  return s;
}

Person Victim(std::optional<Date> dob = std::nullopt, std::optional<int> age = std::nullopt) {
  Person p;
  p.role = PersonRole::kPossibleVictim;
  p.name = "X";
  p.date_of_birth = dob;
  p.estimated_age = age;
  return p;
}

struct UrgencyCase {
  const char* why;
  std::function<void(SignalContent&)> build;
  UrgencyLevel expected;
  const char* first_reason;
};

TEST(TriageTest, UrgencyTable) {
  const UrgencyCase cases[] = {
      {"no information at all is low", [](SignalContent&) {}, UrgencyLevel::kLow, "triage.urgency.little_information"},
      {"acute danger overrides everything", [](SignalContent& s) { s.acute_danger = true; }, UrgencyLevel::kAcute,
       "triage.urgency.acute_danger"},
      {"a minor by flag is high", [](SignalContent& s) { s.vulnerable_groups = {VulnerableGroup::kMinor}; },
       UrgencyLevel::kHigh, "triage.urgency.minor"},
      {"a victim of 17 by date of birth is high",
       [](SignalContent& s) { s.persons = {Victim(ParseDate("2009-06-01"))}; }, UrgencyLevel::kHigh,
       "triage.urgency.minor"},
      {"a victim turning 18 today is an adult",
       [](SignalContent& s) { s.persons = {Victim(ParseDate("2008-11-28"))}; }, UrgencyLevel::kLow,
       "triage.urgency.little_information"},
      {"an estimated age of 15 is high", [](SignalContent& s) { s.persons = {Victim(std::nullopt, 15)}; },
       UrgencyLevel::kHigh, "triage.urgency.minor"},
      {"a perpetrator's young age does not count",
       [](SignalContent& s) {
         Person p = Victim(std::nullopt, 16);
         p.role = PersonRole::kPossiblePerpetrator;
         s.persons = {p};
       },
       UrgencyLevel::kLow, "triage.urgency.little_information"},
      {"violence plus documents is normal",
       [](SignalContent& s) { s.indicators = {{"ILO05", ""}, {"ILO07", ""}}; }, UrgencyLevel::kNormal,
       "triage.urgency.violence"},
      {"violence, documents and LVB is high",
       [](SignalContent& s) {
         s.indicators = {{"ILO05", ""}, {"ILO07", ""}};
         s.vulnerable_groups = {VulnerableGroup::kLvb};
       },
       UrgencyLevel::kHigh, "triage.urgency.violence"},
      {"three indicators without violence are normal",
       [](SignalContent& s) { s.indicators = {{"ILO10", ""}, {"ILO11", ""}, {"ARB-03", ""}}; },
       UrgencyLevel::kNormal, "triage.urgency.indicators"},
  };
  for (const auto& c : cases) {
    SignalContent s = Base();
    c.build(s);
    Urgency u = AssessUrgency(s, C(), kToday);
    EXPECT_EQ(u.level, c.expected) << c.why << " (score " << u.score << ")";
    ASSERT_FALSE(u.reasons.empty()) << c.why;
    EXPECT_EQ(u.reasons[0].key, c.first_reason) << c.why;
  }
}

TEST(TriageTest, MeansIsNotApplicableForMinorsOfEveryForm) {
  for (const char* form : {"SEKS", "ARBEID", "CRIMINEEL"}) {
    SignalContent s = Base();
    s.forms = {form};
    s.persons = {Victim(std::nullopt, 16)};
    s.indicators = {{"ILO06", ""}};  // threats: would indicate means for an adult
    Triage t = ComputeTriage(s, C(), kToday);
    EXPECT_EQ(t.means.status, ElementStatus::kNotApplicable) << form;
    EXPECT_EQ(t.means.reasons[0].key, "triage.element.means_minor");
    EXPECT_EQ(t.purpose.status, ElementStatus::kIndicated) << form;
  }
}

TEST(TriageTest, ElementsFollowIndicatorCatalog) {
  SignalContent s = Base();
  s.indicators = {{"ARB-05", "beloofd: goed loon"}, {"ILO07", ""}, {"ILO11", ""}};
  Triage t = ComputeTriage(s, C(), kToday);
  EXPECT_EQ(t.act.status, ElementStatus::kIndicated);
  EXPECT_EQ(t.act.reasons[0].params, (std::vector<std::pair<std::string, std::string>>{{"codes", "ARB-05"}}));
  EXPECT_EQ(t.means.status, ElementStatus::kIndicated);
  EXPECT_EQ(t.means.reasons[0].params[0].second, "ARB-05, ILO07");
  EXPECT_EQ(t.purpose.status, ElementStatus::kIndicated);

  SignalContent empty = Base();
  Triage e = ComputeTriage(empty, C(), kToday);
  EXPECT_EQ(e.act.status, ElementStatus::kNotIndicated);
  EXPECT_EQ(e.means.status, ElementStatus::kNotIndicated);
  EXPECT_EQ(e.purpose.status, ElementStatus::kNotIndicated);
  EXPECT_EQ(e.purpose.reasons[0].key, "triage.element.purpose_missing");
}

struct RouteCase {
  const char* why;
  std::function<void(SignalContent&)> build;
  std::vector<Route> expected;
};

TEST(TriageTest, RouteTable) {
  const RouteCase cases[] = {
      {"every signal goes to the zorgcoordinator", [](SignalContent&) {}, {Route::kZorgcoordinator}},
      {"labour exploitation adds the labour inspectorate", [](SignalContent& s) { s.forms = {"ARBEID"}; },
       {Route::kZorgcoordinator, Route::kLabourInspectorate}},
      {"a labour-only indicator adds the labour inspectorate", [](SignalContent& s) { s.indicators = {{"ILO11", ""}}; },
       {Route::kZorgcoordinator, Route::kLabourInspectorate}},
      {"sexual exploitation adds the police", [](SignalContent& s) { s.forms = {"SEKS"}; },
       {Route::kZorgcoordinator, Route::kPolice}},
      {"acute danger adds the police", [](SignalContent& s) { s.acute_danger = true; },
       {Route::kZorgcoordinator, Route::kPolice}},
      {"a minor victim adds Veilig Thuis and CoMensha",
       [](SignalContent& s) { s.persons = {Victim(std::nullopt, 14)}; },
       {Route::kZorgcoordinator, Route::kVeiligThuis, Route::kComensha}},
      {"an AMV adds Veilig Thuis and Nidos", [](SignalContent& s) { s.vulnerable_groups = {VulnerableGroup::kAmv}; },
       {Route::kZorgcoordinator, Route::kVeiligThuis, Route::kNidos}},
      {"a business adds the RIEC", [](SignalContent& s) { s.businesses = {{"BV", "12345678", ""}}; },
       {Route::kZorgcoordinator, Route::kRiec}},
      {"two perpetrators add police and RIEC",
       [](SignalContent& s) {
         Person p;
         p.role = PersonRole::kPossiblePerpetrator;
         p.name = "A";
         s.persons = {p, p};
       },
       {Route::kZorgcoordinator, Route::kPolice, Route::kRiec}},
  };
  for (const auto& c : cases) {
    SignalContent s = Base();
    c.build(s);
    std::vector<Route> got;
    for (const auto& r : ProposeRoutes(s, C(), kToday)) got.push_back(r.route);
    EXPECT_EQ(got, c.expected) << c.why;
  }
}

}  // namespace
}  // namespace drieluik::domain
