#include "domain/signal_validation.h"

#include <gtest/gtest.h>

namespace drieluik::domain {
namespace {

const TimePoint kNow = *ParseTimestamp("2026-11-28T12:00:00Z");

SignalContent Valid() {
  SignalContent s;
  s.received_at = kNow;
  s.municipality = "GM1950";
  s.summary = "Signaal";
  s.description = "Beschrijving";
  s.forms = {"ARBEID"};
  return s;
}

std::vector<std::string> Pointers(const Status& s) {
  std::vector<std::string> out;
  for (const auto& f : s.fields()) out.push_back(f.pointer + " " + f.key);
  return out;
}

TEST(SignalValidationTest, ValidSignalPasses) { EXPECT_TRUE(ValidateSignal(Valid(), Catalog::Embedded(), kNow).ok()); }

TEST(SignalValidationTest, ReportsEveryProblemWithItsPointer) {
  SignalContent s = Valid();
  s.municipality = "GM9999";
  s.summary = std::string(201, 'a');
  s.description = "   ";
  s.forms = {"ARBEID", "ARBEID", "XYZ"};
  s.observed_at = kNow + std::chrono::hours(2);
  s.indicators = {{"ILO99", ""}};
  s.persons = {Person{PersonRole::kPossibleVictim, "A", ParseDate("2027-01-01"), 130, Gender::kUnknown, "pl", ""}};
  s.addresses = {{"", "", "0123 AB", "", ""}};
  s.businesses = {{"", "1234", ""}};
  s.phone_numbers = {{"abc", ""}};
  s.vehicles = {{"!!", ""}};
  s.reporter.anonymous = false;
  s.reporter.email = "geen-email";
  Status st = ValidateSignal(s, Catalog::Embedded(), kNow);
  ASSERT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Pointers(st), (std::vector<std::string>{
                              "/municipality unknown_code",
                              "/observedAt future_date",
                              "/reporter/name required",
                              "/reporter/email invalid_email",
                              "/summary too_long",
                              "/description required",
                              "/forms/1 duplicate",
                              "/forms/2 unknown_code",
                              "/indicators/0/code unknown_code",
                              "/persons/0/dateOfBirth future_date",
                              "/persons/0/estimatedAge out_of_range",
                              "/persons/0/nationality invalid_country",
                              "/addresses/0/postcode invalid_postcode",
                              "/businesses/0/kvkNumber invalid_kvk",
                              "/phoneNumbers/0/number invalid_phone",
                              "/vehicles/0/licensePlate invalid_plate",
                          }));
  EXPECT_EQ(st.fields()[4].params, (std::vector<std::pair<std::string, std::string>>{{"max", "200"}}));
}

TEST(SignalValidationTest, LengthsCountCharactersNotBytes) {
  SignalContent s = Valid();
  std::string euro;
  for (int i = 0; i < 200; ++i) euro += "€";  // 200 characters, 600 bytes
  s.summary = euro;
  EXPECT_TRUE(ValidateSignal(s, Catalog::Embedded(), kNow).ok());
  s.summary += "€";
  EXPECT_FALSE(ValidateSignal(s, Catalog::Embedded(), kNow).ok());
}

TEST(SignalValidationTest, AcceptsDutchAndForeignShapes) {
  SignalContent s = Valid();
  s.addresses = {{"Hoofdstraat", "1", "9561ab", "Ter Apel", ""}, {"ul. Długa", "5", "PL-00-238", "Warszawa", ""}};
  s.phone_numbers = {{"+31 (0)599-123456", ""}};
  s.vehicles = {{"12-abc-3", ""}};
  s.businesses = {{"", "12345678", ""}};
  EXPECT_TRUE(ValidateSignal(s, Catalog::Embedded(), kNow).ok()) << ValidateSignal(s, Catalog::Embedded(), kNow).ToString();
}

}  // namespace
}  // namespace drieluik::domain
