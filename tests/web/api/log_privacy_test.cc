// No personal data in logs (issue 3 point 9): the real server is driven through every kind
// of signal route with known personal values — names, a BSN-like number, dates of birth,
// phone numbers, a licence plate, an address, free text — in bodies, query strings and
// failing requests, on both backends; none of those values may appear in what the server
// wrote to stdout and stderr.
#include "api_test_util.h"

namespace drieluik::testing {
namespace {

class LogPrivacyTest : public ApiTest {
 protected:
  static json PersonalSignal();
};

// Each value occurs nowhere in the server's own texts.
const std::vector<std::string>& Personal() {
  static const std::vector<std::string> v = {
      "Wilhelmina Oosterhuis-Dijkstra", "Oosterhuis", "Dijkstra",   "Bartholomeus Zijlstra", "Zijlstra",
      "123456782",                      "1993-04-17", "0687123456", "687123456",             "06-87123456",
      "ZT-428-K",                       "ZT428K",     "Klaverweidestraat", "9999 ZX",          "wilhelmina@example.nl",
      "Tjoentjestraat",                 "Goudvinkhof"};
  return v;
}

json LogPrivacyTest::PersonalSignal() {
  json s = ValidSignal();
  s["reporter"] = {{"anonymous", false},
                   {"name", "Bartholomeus Zijlstra"},
                   {"phone", "0687123456"},
                   {"email", "wilhelmina@example.nl"},
                   {"professional", true}};
  s["persons"] = {{{"role", "possible_victim"},
                   {"name", "Wilhelmina Oosterhuis-Dijkstra"},
                   {"dateOfBirth", "1993-04-17"},
                   {"description", "BSN 123456782 genoemd"}}};
  s["addresses"] = {{{"street", "Klaverweidestraat"}, {"houseNumber", "4"}, {"postcode", "9999 ZX"}, {"city", "Ter Apel"}}};
  s["phoneNumbers"] = {{{"number", "06-87123456"}}};
  s["vehicles"] = {{{"licensePlate", "ZT-428-K"}}};
  s["description"] = "Wilhelmina Oosterhuis-Dijkstra woont aan de Tjoentjestraat; BSN 123456782.";
  return s;
}

TEST_P(LogPrivacyTest, PersonalValuesNeverReachTheServerLog) {
  json created = Create(PersonalSignal());
  std::string id = std::to_string(created["id"].get<long>());
  ASSERT_EQ(http().Get("/api/v1/signals/" + id)->status, 200);
  ASSERT_EQ(http().Get("/api/v1/signals/" + id + "/links")->status, 200);
  // Searches with personal values in the query string.
  for (const char* q : {"Oosterhuis", "123456782", "Tjoentjestraat", "ZT-428-K"})
    ASSERT_EQ(http().Get(std::string("/api/v1/signals?q=") + q)->status, 200) << q;
  ASSERT_EQ(http().Get("/api/v1/signals?municipality=Zijlstra")->status, 422);  // unknown code
  // An update, a stale update and an invalid one, each carrying personal values.
  ASSERT_EQ(PatchJson(http(), "/api/v1/signals/" + id,
                      R"({"version":1,"location":"Goudvinkhof 3","summary":"Zijlstra belde 0687123456"})")
                ->status,
            200);
  ASSERT_EQ(PatchJson(http(), "/api/v1/signals/" + id, R"({"version":1,"summary":"Oosterhuis opnieuw"})")->status, 409);
  json bad = PersonalSignal();
  bad["municipality"] = "Dijkstra";
  bad["persons"][0]["dateOfBirth"] = "17-04-1993 Oosterhuis";
  bad["vehicles"][0]["licensePlate"] = std::string(300, 'Z') + "ZT-428-K";
  auto invalid = PostJson(http(), "/api/v1/signals", bad.dump());
  ASSERT_EQ(invalid->status, 422) << invalid->body;
  // Malformed JSON holding personal values.
  auto broken = PostJson(http(), "/api/v1/signals", R"({"summary":"Wilhelmina Oosterhuis-Dijkstra", )");
  ASSERT_EQ(broken->status, 400);
  // The public route: a report, an addition, a wrong secret.
  json report = {{"description", "Wilhelmina Oosterhuis-Dijkstra, kenteken ZT-428-K, BSN 123456782"},
                 {"location", "Klaverweidestraat 4"},
                 {"municipality", "GM1950"},
                 {"forms", {"SEKS"}}};
  auto receipt = PostJson(http(), "/api/v1/public/signals", report.dump());
  ASSERT_EQ(receipt->status, 201);
  json r = Body(receipt);
  std::string path = "/api/v1/public/signals/" + r["referenceCode"].get<std::string>() + "/additions";
  ASSERT_EQ(PostJson(http(), path, json({{"secret", r["secret"]}, {"text", "Zijlstra reed de ZT-428-K"}}).dump())->status,
            201);
  ASSERT_NE(PostJson(http(), path, R"({"secret":"AAAA-BBBB","text":"Oosterhuis 0687123456"})")->status, 201);

  // The log exists and is about these requests...
  server_->Stop();  // flushes and ends the log
  std::string log = server_->Log();
  ASSERT_NE(log.find("/api/v1/signals"), std::string::npos) << log;
  // ...and holds none of the values, in any spelling that was sent.
  for (const auto& value : Personal()) EXPECT_EQ(log.find(value), std::string::npos) << value << " in:\n" << log;
}

INSTANTIATE_TEST_SUITE_P(Backends, LogPrivacyTest, ::testing::ValuesIn(kBackends));

}  // namespace
}  // namespace drieluik::testing
