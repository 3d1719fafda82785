// /api/v1/signals against the real server, on every backend.
#include "api_test_util.h"

namespace drieluik::testing {
namespace {

using SignalsApiTest = ApiTest;

TEST_P(SignalsApiTest, CreateReturns201WithLocationReferenceAndTriage) {
  auto r = PostJson(http(), "/api/v1/signals", ValidSignal().dump());
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 201) << r->body;
  json s = json::parse(r->body);
  EXPECT_EQ(r->get_header_value("Location"), "/api/v1/signals/" + std::to_string(s["id"].get<long>()));
  EXPECT_EQ(s["referenceCode"].get<std::string>().substr(0, 3), "MH-");
  EXPECT_EQ(s["status"], "new");
  EXPECT_EQ(s["version"], 1);
  EXPECT_EQ(s["triage"]["elements"]["means"]["status"], "indicated");
  EXPECT_EQ(s["triage"]["routes"][0]["route"], "zorgcoordinator");
  EXPECT_EQ(s["triage"]["routes"][1]["route"], "labour_inspectorate");
  EXPECT_FALSE(s["triage"]["routes"][1]["reason"]["nl"].get<std::string>().empty());
  EXPECT_EQ(s["persons"][0]["name"], "Piotr K.");
  EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff");
}

TEST_P(SignalsApiTest, GetReturnsSignalWithHistoryAndUnknownIdIs404) {
  json created = Create(ValidSignal());
  auto r = http().Get("/api/v1/signals/" + std::to_string(created["id"].get<long>()));
  ASSERT_EQ(r->status, 200);
  json s = Body(r);
  EXPECT_EQ(s["referenceCode"], created["referenceCode"]);
  ASSERT_EQ(s["history"].size(), 1u);
  EXPECT_EQ(s["history"][0]["action"], "created");
  EXPECT_EQ(http().Get("/api/v1/signals/999999")->status, 404);
  EXPECT_EQ(http().Get("/api/v1/signals/abc")->status, 404);
  EXPECT_EQ(http().Get("/api/v1/signals/-1")->status, 404);
}

TEST_P(SignalsApiTest, PatchMergesChecksVersionAndRecordsHistory) {
  json created = Create(ValidSignal());
  std::string path = "/api/v1/signals/" + std::to_string(created["id"].get<long>());
  auto r = PatchJson(http(), path, R"({"version":1,"status":"in_intake","location":"Ter Apel","acuteDanger":true})");
  ASSERT_EQ(r->status, 200) << r->body;
  json s = Body(r);
  EXPECT_EQ(s["version"], 2);
  EXPECT_EQ(s["status"], "in_intake");
  EXPECT_EQ(s["location"], "Ter Apel");
  EXPECT_EQ(s["summary"], "Arbeidsmigranten slapen in loods");  // untouched by the patch
  EXPECT_EQ(s["triage"]["urgency"]["level"], "acute");
  EXPECT_EQ(s["history"].back()["fields"], json({"location", "acuteDanger", "status"}));

  auto stale = PatchJson(http(), path, R"({"version":1,"summary":"ander"})");
  ASSERT_EQ(stale->status, 409);
  EXPECT_EQ(Body(stale)["currentVersion"], 2);
  auto missing = PatchJson(http(), path, R"({"summary":"ander"})");
  ASSERT_EQ(missing->status, 422);
  EXPECT_EQ(ErrorPointers(Body(missing)), std::vector<std::string>{"/version required"});
  auto readonly = PatchJson(http(), path, R"({"version":2,"referenceCode":"MH-X"})");
  ASSERT_EQ(readonly->status, 422);
  EXPECT_EQ(ErrorPointers(Body(readonly)), std::vector<std::string>{"/referenceCode read_only"});
  auto transition = PatchJson(http(), path, R"({"version":2,"status":"linked_to_case"})");
  ASSERT_EQ(transition->status, 422);
  EXPECT_EQ(ErrorPointers(Body(transition)), std::vector<std::string>{"/status transition_not_allowed"});
}

TEST_P(SignalsApiTest, BadInputGetsProblemDetailsPerFieldAndWritesNothing) {
  struct Case {
    const char* why;
    std::string body;
    int status;
    std::vector<std::string> errors;
  };
  json wrong_types = ValidSignal();
  wrong_types["acuteDanger"] = "ja";
  wrong_types["forms"] = "ARBEID";
  wrong_types["persons"][0]["estimatedAge"] = "dertig";
  json unknown = ValidSignal();
  unknown["priority"] = 1;
  unknown["reporter"]["twitter"] = "@x";
  json missing = ValidSignal();
  missing.erase("municipality");
  missing.erase("summary");
  missing.erase("channel");
  json bad_enum = ValidSignal();
  bad_enum["vulnerableGroups"] = {"labour_migrant", "tourist"};
  bad_enum["persons"][0]["role"] = "witness";
  json future = ValidSignal();
  future["observedAt"] = "2099-01-01T10:00:00Z";
  future["persons"][0]["dateOfBirth"] = "2099-01-01";
  future["receivedAt"] = "2026-02-30T10:00:00Z";
  json too_long = ValidSignal();
  too_long["summary"] = std::string(201, 'x');
  too_long["location"] = std::string(501, 'y');
  const Case cases[] = {
      {"malformed JSON", R"({"channel": "phone",)", 400, {" malformed_json"}},
      {"not an object", R"(["a"])", 422, {" wrong_type"}},
      {"wrong types", wrong_types.dump(), 422, {"/forms wrong_type", "/acuteDanger wrong_type", "/persons/0/estimatedAge wrong_type"}},
      {"unknown fields", unknown.dump(), 422, {"/priority unknown_field", "/reporter/twitter unknown_field"}},
      {"missing required", missing.dump(), 422, {"/channel required", "/municipality required", "/summary required"}},
      {"invalid enum values", bad_enum.dump(), 422, {"/vulnerableGroups/1 invalid_value", "/persons/0/role invalid_value"}},
      {"dates in the future or impossible", future.dump(), 422,
       {"/receivedAt invalid_timestamp", "/observedAt future_date", "/persons/0/dateOfBirth future_date"}},
      {"over-long strings", too_long.dump(), 422, {"/summary too_long", "/location too_long"}},
      {"invalid UTF-8", "{\"channel\":\"phone\",\"summary\":\"\xC3\x28\"}", 400, {" malformed_json"}},
  };
  for (const auto& c : cases) {
    auto r = PostJson(http(), "/api/v1/signals", c.body);
    ASSERT_TRUE(r) << c.why;
    EXPECT_EQ(r->status, c.status) << c.why << ": " << r->body;
    EXPECT_EQ(r->get_header_value("Content-Type"), "application/problem+json") << c.why;
    json p = Body(r);
    EXPECT_EQ(ErrorPointers(p), c.errors) << c.why;
    for (const auto& e : p["errors"]) {
      EXPECT_FALSE(e["nl"].get<std::string>().empty()) << c.why;
      EXPECT_FALSE(e["en"].get<std::string>().empty()) << c.why;
    }
  }
  EXPECT_EQ(Body(http().Get("/api/v1/signals"))["items"].size(), 0u);
}

TEST_P(SignalsApiTest, OversizeBodyIs413AndWrongMediaTypeIs415) {
  json big = ValidSignal();
  big["description"] = std::string(2 << 20, 'a');
  auto r = PostJson(http(), "/api/v1/signals", big.dump());
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  auto t = http().Post("/api/v1/signals", ValidSignal().dump(), "text/plain");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->status, 415);
}

TEST_P(SignalsApiTest, ListFiltersSearchesAndPages) {
  json a = ValidSignal();
  json b = ValidSignal();
  b["municipality"] = "GM0014";
  b["forms"] = {"SEKS"};
  b["summary"] = "Meisje bij loverboy";
  b["description"] = "Een meisje van vijftien wordt opgehaald.";
  for (int i = 0; i < 3; ++i) Create(a);
  for (int i = 0; i < 2; ++i) Create(b);
  EXPECT_EQ(Body(http().Get("/api/v1/signals?municipality=GM0014"))["items"].size(), 2u);
  EXPECT_EQ(Body(http().Get("/api/v1/signals?form=ARBEID"))["items"].size(), 3u);
  EXPECT_EQ(Body(http().Get("/api/v1/signals?q=loverboy"))["items"].size(), 2u);
  EXPECT_EQ(Body(http().Get("/api/v1/signals?status=new&from=2020-01-01"))["items"].size(), 5u);
  json page1 = Body(http().Get("/api/v1/signals?limit=3"));
  ASSERT_EQ(page1["items"].size(), 3u);
  ASSERT_TRUE(page1["nextCursor"].is_string());
  json page2 = Body(http().Get("/api/v1/signals?limit=3&cursor=" + page1["nextCursor"].get<std::string>()));
  EXPECT_EQ(page2["items"].size(), 2u);
  EXPECT_TRUE(page2["nextCursor"].is_null());
  EXPECT_EQ(page1["items"][0]["urgency"], "normal");

  auto bad = http().Get("/api/v1/signals?limit=0&status=open&from=gisteren&color=red&municipality=GM9999");
  ASSERT_EQ(bad->status, 422);
  EXPECT_EQ(ErrorPointers(Body(bad)),
            (std::vector<std::string>{"/color unknown_field", "/status invalid_value", "/from invalid_date", "/limit out_of_range"}));
}

TEST_P(SignalsApiTest, RestartKeepsEverySignalIntact) {
  std::vector<json> created;
  for (int i = 0; i < 5; ++i) {
    json body = ValidSignal();
    body["summary"] = "Signaal " + std::to_string(i);
    created.push_back(Create(body));
  }
  server_->Restart();
  client_ = server_->Client();
  for (const auto& c : created) {
    auto r = http().Get("/api/v1/signals/" + std::to_string(c["id"].get<long>()));
    ASSERT_EQ(r->status, 200);
    json s = Body(r);
    EXPECT_EQ(s["summary"], c["summary"]);
    EXPECT_EQ(s["referenceCode"], c["referenceCode"]);
    EXPECT_EQ(s["persons"], c["persons"]);
    EXPECT_EQ(s["addresses"], c["addresses"]);
  }
}

TEST_P(SignalsApiTest, ReferenceDataIsServed) {
  json m = Body(http().Get("/api/v1/municipalities"));
  EXPECT_EQ(m["items"].size(), 10u);
  json f = Body(http().Get("/api/v1/exploitation-forms"));
  EXPECT_EQ(f["items"][0]["code"], "SEKS");
  json i = Body(http().Get("/api/v1/indicators"));
  EXPECT_EQ(i["lists"][0]["code"], "ILO");
  EXPECT_EQ(i["lists"][0]["groups"][0]["indicators"].size(), 11u);
  json o = Body(http().Get("/api/v1/organisations"));
  EXPECT_EQ(o["items"][0]["id"], "zvhg");
  json h = Body(http().Get("/api/v1/health"));
  EXPECT_EQ(h["status"], "ok");
}

INSTANTIATE_TEST_SUITE_P(Backends, SignalsApiTest, ::testing::ValuesIn(kBackends));

}  // namespace
}  // namespace drieluik::testing

namespace drieluik::testing {
namespace {

using LinksApiTest = ApiTest;

TEST_P(LinksApiTest, LinkedSignalsCarryReasonsAndHotspotsCountThem) {
  json a = ValidSignal();
  a["phoneNumbers"] = {{{"number", "06-12345678"}}};
  json first = Create(a);
  json b = ValidSignal();
  b["summary"] = "Zelfde loods, andere melder";
  b["addresses"] = {{{"street", "Hoofdstraat"}, {"houseNumber", "12A"}, {"postcode", "9561ab"}, {"city", "Ter Apel"}}};
  json second = Create(b);
  json c = ValidSignal();
  c["summary"] = "Weer die loods";
  Create(c);
  json links = Body(http().Get("/api/v1/signals/" + std::to_string(first["id"].get<long>()) + "/links"));
  ASSERT_EQ(links["items"].size(), 2u);
  EXPECT_EQ(links["items"][1]["signalId"], second["id"]);
  EXPECT_EQ(links["items"][1]["reasons"][0]["kind"], "address");
  EXPECT_EQ(links["items"][1]["reasons"][0]["nl"], "Zelfde adres: Hoofdstraat 12a, 9561 AB Ter Apel");
  json spots = Body(http().Get("/api/v1/hotspots?kind=address&min=3"));
  ASSERT_EQ(spots["items"].size(), 1u);
  EXPECT_EQ(spots["items"][0]["count"], 3);
  EXPECT_EQ(http().Get("/api/v1/signals/99999/links")->status, 404);
  EXPECT_EQ(http().Get("/api/v1/hotspots?kind=shoe")->status, 422);
}

INSTANTIATE_TEST_SUITE_P(Backends, LinksApiTest, ::testing::ValuesIn(kBackends));

}  // namespace
}  // namespace drieluik::testing
